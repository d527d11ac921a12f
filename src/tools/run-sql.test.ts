import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../db/sqlite.ts';
import { closeSandboxes } from '../db/sqlite-worker.ts';
import { isTidelensError } from '../errors.ts';
import { PII_MARKER } from '../../test/guardrails/planted.ts';
import { plantedSqliteFile } from '../../test/guardrails/planted-file.ts';
import { capBytes, chartFor, runSqlTool } from './run-sql.ts';
import { DEFAULT_LIMITS, type ToolContext } from './types.ts';

const file = plantedSqliteFile(20_000);
const db = openSqlite(file.path);
const ctx = (limits: Partial<ToolContext['limits']> = {}): ToolContext => ({
  db,
  user: { id: 'u1', role: 'analyst' },
  data: { minDate: '2025-01-01', maxDate: '2025-01-03' },
  limits: { ...DEFAULT_LIMITS, ...limits },
});

afterAll(async () => {
  closeSandboxes();
  await db.close();
  file.cleanup();
});

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isTidelensError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('run_sql on SQLite', () => {
  it('is for analysts and admins only', () => {
    expect(runSqlTool.roles).toEqual(['analyst', 'admin']);
  });

  it('runs an allowed SELECT and charts a category × number result', async () => {
    const r = await runSqlTool.run(
      { sql: 'SELECT channel, SUM(total_amount) AS sales FROM orders GROUP BY channel ORDER BY channel' },
      ctx(),
    );
    expect(r.columns).toEqual(['channel', 'sales']);
    expect(r.rows).toHaveLength(3);
    expect(r.queries[0]!.sql).toMatch(/LIMIT 1000$/);
    expect(r.charts[0]).toMatchObject({
      mark: { type: 'bar' },
      encoding: { y: { field: 'channel' }, x: { field: 'sales' } },
    });
    expect((r.charts[0]!.data as { values: unknown[] }).values).toHaveLength(r.rows.length);
    expect(r.summary).toContain('3 rows');
    expect(r.untrustedText).toBe(true);
  });

  it('draws a line for date × number', async () => {
    const r = await runSqlTool.run(
      { sql: 'SELECT date(order_date) AS d, COUNT(*) AS n FROM orders GROUP BY d ORDER BY d' },
      ctx(),
    );
    expect(r.charts[0]).toMatchObject({ mark: { type: 'line' }, encoding: { x: { type: 'temporal' } } });
    expect(r.untrustedText).toBe(false);
  });

  it('refuses what the guard rejects, with the reason', async () => {
    const e = await failure(runSqlTool.run({ sql: 'SELECT email FROM users' }, ctx()));
    expect(e.code).toBe('sql_rejected');
    expect(e.message).toContain('users.email is personal data');
  });

  it('caps rows at the context limit and bytes at the byte cap', async () => {
    const r = await runSqlTool.run({ sql: 'SELECT order_item_id FROM order_items' }, ctx({ maxRows: 50 }));
    expect(r.rows).toHaveLength(50);
    expect(r.summary).toContain('cut at 50 rows');
    const small = await runSqlTool.run({ sql: 'SELECT order_item_id FROM order_items' }, ctx({ maxBytes: 200 }));
    expect(JSON.stringify(small.rows).length).toBeLessThanOrEqual(200);
    expect(capBytes([{ a: 1 }, { a: 2 }], 10).rows).toEqual([{ a: 1 }]);
  });

  it('cannot write even if the guard were bypassed: the sandbox connection is read-only', async () => {
    const { sandboxFor } = await import('../db/sqlite-worker.ts');
    await expect(
      sandboxFor(file.path).query({ sql: 'DELETE FROM orders', timeoutMs: 2000, maxRows: 10, maxBytes: 1000 }),
    ).rejects.toThrow(/only statements that return rows|readonly/);
  });

  it('stops a slow statement at the deadline and recovers for the next one', async () => {
    const slow = 'SELECT COUNT(*) AS n FROM order_items a JOIN order_items b ON a.quantity <= b.quantity';
    const start = performance.now();
    const e = await failure(runSqlTool.run({ sql: slow }, ctx({ timeoutMs: 300 })));
    const elapsed = performance.now() - start;
    expect(e.code).toBe('query_timeout');
    expect(elapsed).toBeLessThan(1500);
    const r = await runSqlTool.run({ sql: 'SELECT COUNT(*) AS n FROM orders' }, ctx());
    expect(r.rows).toEqual([{ n: 3 }]);
    expect(JSON.stringify(r.rows)).not.toContain(PII_MARKER);
  });

  it('builds no chart for a single row or text-only results', () => {
    expect(chartFor(['n'], [{ n: 1 }])).toEqual([]);
    expect(
      chartFor(
        ['a', 'b'],
        [
          { a: 'x', b: 'y' },
          { a: 'z', b: 'w' },
        ],
      ),
    ).toEqual([]);
  });
});

describe('run_sql on SQLite, process lifetime', () => {
  it('leaves nothing that keeps a CLI process alive once its work is done', async () => {
    // The idle query child (and its stderr pipe) once kept `tidelens eval` running after its report.
    const { spawnSync } = await import('node:child_process');
    const here = new URL('.', import.meta.url).pathname;
    const script = `
      const { openSqlite } = await import(${JSON.stringify(`${here}../db/sqlite.ts`)});
      const { runSqlTool } = await import(${JSON.stringify(`${here}run-sql.ts`)});
      const { DEFAULT_LIMITS } = await import(${JSON.stringify(`${here}types.ts`)});
      const db = openSqlite(${JSON.stringify(file.path)}, { readonly: true });
      const ctx = { db, user: { id: 'u', role: 'analyst' }, data: { minDate: '2025-01-01', maxDate: '2025-01-03' }, limits: DEFAULT_LIMITS };
      const r = await runSqlTool.run({ sql: 'SELECT COUNT(*) AS n FROM orders' }, ctx);
      console.log(JSON.stringify(r.rows));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(run.error, 'the process did not end on its own').toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('[{"n":3}]');
  }, 30_000);
});
