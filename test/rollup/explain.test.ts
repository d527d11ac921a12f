// explain_change gives the same answer from the daily rollups as from the base tables, on SQLite and MariaDB:
// the period cube, the session cube, the run-rate cube, the daily trend and last year's season.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl, type Db, type DbTarget } from '../../src/db/index.ts';
import { buildFull, openRollupWriter } from '../../src/rollup/index.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import { CUBE_LABEL } from '../../src/tools/explain/stages/load.ts';
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
];

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
        // The period cube comes from the rollup except under a category filter (orders then count in-category lines).
        if (a.queries.some((q) => q.label === CUBE_LABEL && /rollup_daily_lines|`daily_lines`/.test(q.sql)))
          fromRollup++;
      }
      expect(fromRollup).toBe(INPUTS.length - 1);
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
