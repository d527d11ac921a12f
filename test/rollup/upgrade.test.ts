// A rollup an older version built is brought up to date by rebuilding only the tables changed since (changedIn),
// and in full when base rows arrived after its watermark or it predates UPGRADE_FROM.
import { afterAll, describe, expect, it } from 'vitest';
import type { Db, DbTarget } from '../../src/db/index.ts';
import { buildFull, readWatermark, refresh } from '../../src/rollup/index.ts';
import { staleTables } from '../../src/rollup/build.ts';
import { openRollupWriter, type RollupWriter } from '../../src/rollup/writer.ts';
import { ROLLUP_VERSION, rollupTableRef, UPGRADE_FROM } from '../../src/warehouse/rollup-schema.ts';
import { dropMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { fixtureMysql, fixtureSqlite } from '../parity/support.ts';
import { parseDbUrl } from '../../src/db/index.ts';

const count = async (w: RollupWriter, table: string) =>
  Number((await w.rows(`SELECT COUNT(*) AS n FROM ${rollupTableRef(w.engine, w.database, table)}`))[0]!.n);

describe('which tables an upgrade rebuilds', () => {
  it('those changed since the version, those missing, and what is summed from them', () => {
    const all = new Set(['daily_orders', 'daily_lines', 'daily_product_sales', 'weekly_product_sales']);
    const names = staleTables(UPGRADE_FROM, all).map((t) => t.name);
    expect(names).toContain('daily_product_sales');
    expect(names).toContain('monthly_product_sales');
    expect(names).not.toContain('daily_orders');
    // Missing from the live set: built.
    expect(names).toContain('daily_sessions');
    expect(staleTables(ROLLUP_VERSION, all).map((t) => t.name)).not.toContain('daily_lines');
    // From 11: only what 12 added or changed (and anything missing).
    const from11 = staleTables(11, new Set([...all, 'daily_sessions'])).map((t) => t.name);
    expect(from11).toContain('monthly_orders');
    expect(from11).not.toContain('daily_product_sales');
  });
});

function suite(name: string, open: () => Promise<{ db: Db; target: DbTarget; url?: string }>) {
  describe.sequential(`upgrade on ${name}`, () => {
    let db: Db | undefined;
    let url: string | undefined;
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });

    it('rebuilds the changed tables only, and everything once new base rows arrived', async () => {
      const opened = await open();
      ({ db, url } = opened);
      const w = await openRollupWriter(opened.target);
      const wm = rollupTableRef(w.engine, w.database, 'watermark');
      try {
        await buildFull(w, new Date('2026-01-01T00:00:00Z'));
        const stock = await count(w, 'daily_stock');
        const sales = await count(w, 'daily_product_sales');
        // As an older version left it: a changed table emptied, a kept one marked by a row of its own.
        await w.run(`DELETE FROM ${rollupTableRef(w.engine, w.database, 'daily_stock')}`);
        await w.run(`DELETE FROM ${rollupTableRef(w.engine, w.database, 'daily_product_sales')}`);
        const reviews = rollupTableRef(w.engine, w.database, 'daily_reviews');
        await w.run(
          `INSERT INTO ${reviews} (day, product_id, reviews, rating_sum, rating_squares) VALUES ('2030-01-01', 1, 1, 5, 25)`,
        );
        await w.run(`UPDATE ${wm} SET version = ${UPGRADE_FROM}`);
        const up = await refresh(w, { now: new Date('2026-01-02T00:00:00Z') });
        expect(up.mode).toBe(UPGRADE_FROM < ROLLUP_VERSION ? 'upgrade' : 'full');
        expect(await count(w, 'daily_stock')).toBe(stock);
        expect(await count(w, 'daily_product_sales')).toBe(sales);
        const kept = await w.rows(`SELECT COUNT(*) AS n FROM ${reviews} WHERE day = '2030-01-01'`);
        expect(Number(kept[0]!.n)).toBe(UPGRADE_FROM < ROLLUP_VERSION ? 1 : 0);
        const after = await readWatermark(w);
        expect(after?.fullBuiltAt).toBe('2026-01-01T00:00:00.000Z');
        // A base row past the watermark: the kept tables would miss it, so everything is rebuilt.
        await w.run(`UPDATE ${wm} SET version = ${UPGRADE_FROM}, orders_max_id = orders_max_id - 1`);
        expect((await refresh(w)).mode).toBe('full');
        expect(Number((await w.rows(`SELECT COUNT(*) AS n FROM ${reviews} WHERE day = '2030-01-01'`))[0]!.n)).toBe(0);
      } finally {
        await w.close();
      }
    }, 120_000);
  });
}

suite('SQLite', async () => {
  const { db } = await fixtureSqlite();
  return { db, target: { engine: 'sqlite', path: db.label.replace(/^sqlite:/, '') } };
});

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite('MariaDB', async () => {
    const { db, url } = await fixtureMysql('rollup_upgrade');
    return { db, target: parseDbUrl(url), url };
  });
});
