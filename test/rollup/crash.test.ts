// A crash in the middle of a build or a refresh leaves the previous rollup and its watermark readable, together.
import { afterAll, describe, expect, it } from 'vitest';
import { parseDbUrl, type Db, type DbTarget } from '../../src/db/index.ts';
import { buildFull, readWatermark, refresh, toRanges } from '../../src/rollup/index.ts';
import { openRollupWriter, type RollupWriter } from '../../src/rollup/writer.ts';
import { rollupTableRef, UPGRADE_FROM } from '../../src/warehouse/rollup-schema.ts';
import { dropMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { fixtureMysql, fixtureSqlite } from '../parity/support.ts';

/** The writer, dying at the first statement that matches `at`. */
function dyingAt(w: RollupWriter, at: RegExp): RollupWriter {
  return { ...w, run: (sql, params) => (at.test(sql) ? Promise.reject(new Error('crash')) : w.run(sql, params)) };
}

async function snapshot(w: RollupWriter) {
  const ref = rollupTableRef(w.engine, w.database, 'daily_orders');
  const [r] = await w.rows(`SELECT COUNT(*) AS n, SUM(orders) AS orders, SUM(net_sales) AS net FROM ${ref}`);
  return { n: Number(r!.n), orders: Number(r!.orders), net: Number(r!.net), wm: await readWatermark(w) };
}

function suite(name: string, open: () => Promise<{ db: Db; target: DbTarget; url?: string }>) {
  describe.sequential(`crash safety on ${name}`, () => {
    let db: Db | undefined;
    let url: string | undefined;
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });

    it('keeps the old rollup when a full build or a refresh dies half-way', async () => {
      const opened = await open();
      ({ db, url } = opened);
      const w = await openRollupWriter(opened.target);
      try {
        await buildFull(w, new Date('2026-01-01T00:00:00Z'));
        const before = await snapshot(w);
        expect(before.n).toBeGreaterThan(0);
        // Dies at the swap, after every new table is full.
        await expect(buildFull(dyingAt(w, /RENAME/), new Date('2026-01-02T00:00:00Z'))).rejects.toThrow('crash');
        expect(await snapshot(w)).toEqual(before);
        // A refresh of every day that dies at its last statement (the watermark) has deleted nothing.
        await expect(refresh(dyingAt(w, /^UPDATE/), { since: '2025-01-01' })).rejects.toThrow('crash');
        expect(await snapshot(w)).toEqual(before);
        // And a later build still works over the leftovers.
        const r = await buildFull(w, new Date('2026-01-03T00:00:00Z'));
        expect(r.rowCounts.get('daily_orders')).toBe(before.n);
        // A rollup another version built is neither read nor refreshed in place: the refresh rebuilds it (all of
        // it from before UPGRADE_FROM; see upgrade.test.ts for the tables changed since a later one).
        await w.run(`UPDATE ${rollupTableRef(w.engine, w.database, 'watermark')} SET version = ${UPGRADE_FROM - 1}`);
        expect(await readWatermark(w)).toBeNull();
        expect((await refresh(w)).mode).toBe('full');
        expect(await readWatermark(w)).not.toBeNull();
      } finally {
        await w.close();
      }
    }, 120_000);
  });
}

describe('toRanges', () => {
  it('joins consecutive days into half-open ranges', () => {
    expect(toRanges(['2025-01-03', '2025-01-01', '2025-01-02', '2025-01-05', '2025-01-02'])).toEqual([
      { from: '2025-01-01', to: '2025-01-04' },
      { from: '2025-01-05', to: '2025-01-06' },
    ]);
  });
});

suite('SQLite', async () => {
  const { db } = await fixtureSqlite();
  return { db, target: { engine: 'sqlite', path: db.label.replace(/^sqlite:/, '') } };
});

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite('MariaDB', async () => {
    const { db, url } = await fixtureMysql('rollup_crash');
    return { db, target: parseDbUrl(url), url };
  });
});
