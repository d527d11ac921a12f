// explain_change gives the same answer from the daily rollups as from the base tables, on SQLite and MariaDB:
// the period cube, the session cube, the run-rate cube, the daily trend, last year's season and the detectors'
// evidence (daily orders by channel, returned lines, ratings, stock, campaign orders).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl, type Db, type DbTarget } from '../../src/db/index.ts';
import type { Row } from '../../src/db/types.ts';
import { buildFull, openRollupWriter, rollupFor } from '../../src/rollup/index.ts';
import { explainChange, planScope } from '../../src/tools/explain-change.ts';
import { DETECTOR_IDS, DETECTORS } from '../../src/tools/explain/detectors.ts';
import { rollupEvidence } from '../../src/tools/explain/evidence-rollup-sql.ts';
import { CUBE_LABEL } from '../../src/tools/explain/stages/load.ts';
import { toQuery, type Fragment } from '../../src/tools/sql/fragment.ts';
import type { ToolContext } from '../../src/tools/types.ts';
import { dropMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { fixtureMysql, fixtureSqlite } from '../parity/support.ts';

const INPUTS: Record<string, unknown>[] = [
  { period: '2025-02' },
  { period: { from: '2025-03-01', to: '2025-03-20' }, metric: 'orders' },
  { period: '2025-02', metric: 'conversion_rate' },
  { period: '2025-02', metric: 'return_rate' },
  { period: '2025-02', metric: 'aov', channel: 'own_website' },
  { period: '2025-02', metric: 'net_sales', country: ['US', 'France'] },
  { period: '2025-02', metric: 'net_sales', category: 'Swimwear' },
  // The rollup bench's shapes: a return rate held to distant weeks (as previous_year is), orders on a marketplace.
  {
    period: { from: '2025-03-01', to: '2025-03-20' },
    metric: 'return_rate',
    compare_to: { from: '2025-01-01', to: '2025-01-20' },
  },
  { period: '2025-02', metric: 'orders', channel: 'amazon' },
];

/** Rows as plain values in a fixed order: numbers as numbers (MariaDB returns DECIMAL sums as text), days as days. */
function canonRows(rows: Row[]): string[] {
  const value = (v: unknown) =>
    v === null ? null : typeof v === 'number' || /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : String(v);
  return rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, value(v)]))).sort();
}

/**
 * Stock rows as the stock-out detector reads them: each product's stock at the close of each day it moved
 * (the base query lists every record, the rollup one row per day).
 */
function closingStock(rows: Row[]): string[] {
  const close = new Map<string, unknown>();
  for (const r of rows) close.set(`${r.product_id} ${String(r.change_date).slice(0, 10)}`, Number(r.stock_after));
  return [...close].map(([k, v]) => `${k} ${v}`).sort();
}

async function rowsOf(db: Db, f: Fragment): Promise<Row[]> {
  const { sql, params } = toQuery(f);
  return (await db.query(sql, params)).rows;
}

/** Same database, but the rollup is invisible: the tool takes the base path. */
function withoutRollup(db: Db): Db {
  return new Proxy(db, {
    get(t, prop) {
      if (prop !== 'query') return Reflect.get(t, prop);
      return (s: string, ...rest: unknown[]) =>
        /watermark/.test(s)
          ? Promise.reject(new Error('no rollup'))
          : (t.query as (...a: unknown[]) => unknown)(s, ...rest);
    },
  });
}

function suite(name: string, open: () => Promise<{ db: Db; ctx: ToolContext; target: DbTarget; url?: string }>) {
  describe.sequential(`explain_change from the rollup on ${name}`, () => {
    let db: Db;
    let ctx: ToolContext;
    let url: string | undefined;
    beforeAll(async () => {
      let target: DbTarget;
      ({ db, ctx, target, url } = await open());
      const w = await openRollupWriter(target);
      await buildFull(w);
      await w.close();
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });

    it('answers as from the base tables', async () => {
      let fromRollup = 0;
      for (const input of INPUTS) {
        const parsed = explainChange.inputSchema.parse(input);
        const a = await explainChange.run(parsed, ctx);
        const b = await explainChange.run(parsed, { ...ctx, db: withoutRollup(db) });
        const label = JSON.stringify(input);
        expect(a.summary, label).toBe(b.summary);
        expect(a.rows, label).toEqual(b.rows);
        expect(a.findings, label).toEqual(b.findings);
        expect(
          b.queries.some((q) => /rollup/.test(q.sql)),
          label,
        ).toBe(false);
        // The period cube comes from the rollup's lines except under a category filter (orders then count in-category lines).
        if (a.queries.some((q) => q.label === CUBE_LABEL && /rollup_\w+_lines|`\w+_lines`/.test(q.sql))) fromRollup++;
      }
      expect(fromRollup).toBe(INPUTS.length - 1);
    }, 120_000);

    it("reads each detector's evidence from the rollup with the base query's numbers", async () => {
      const at = (await rollupFor(db))!;
      let read = 0;
      for (const input of INPUTS) {
        const scope = planScope(explainChange.inputSchema.parse(input), ctx.data);
        const window = { a: { from: scope.compare!.from, to: scope.compare!.to }, b: scope.period };
        const s = { window, dialect: db.engine, filters: scope.filters };
        for (const id of DETECTOR_IDS) {
          const fromRollup = rollupEvidence(id, s, at);
          if (!fromRollup) continue;
          read++;
          const [got, want] = await Promise.all([rowsOf(db, fromRollup), rowsOf(db, DETECTORS[id].query(s))]);
          const canon = id === 'stockouts' ? closingStock : canonRows;
          expect(canon(got), `${id} ${JSON.stringify(input)}`).toEqual(canon(want));
        }
      }
      expect(read).toBeGreaterThanOrEqual(INPUTS.length * 4);
    }, 120_000);
  });
}

suite('SQLite', async () => {
  const { db, ctx } = await fixtureSqlite();
  return { db, ctx, target: { engine: 'sqlite', path: db.label.replace(/^sqlite:/, '') } };
});

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite('MariaDB', async () => {
    const { db, ctx, url } = await fixtureMysql('rollup_explain');
    return { db, ctx, target: parseDbUrl(url), url };
  });
});
