// explain_change on the server's analysis threads against the in-process stages, on one seeded warehouse:
// the same result (every field, every query, in order) for each metric and for filters and periods; the
// same errors; a stopped turn answers at once and the pool keeps serving; the event loop stays free.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { explainChange, explainWith } from '../../src/tools/explain-change.ts';
import { ExplainPool } from '../../src/tools/explain/worker-pool.ts';
import { rollupFor } from '../../src/rollup/coverage.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext, type ToolResult } from '../../src/tools/types.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../../seed/scenarios/schema.ts';
import { seedScenario } from '../../eval/causes/seed-db.ts';

const scenario = loadScenarioFile(DEFAULT_SCENARIO_PATH);
const SPAN = { seed: 11, scale: 0.3, from: '2025-01-01', to: scenario.target.period.to };

let dir: string;
let db: Db;
let ctx: ToolContext;
let pool: ExplainPool;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tl-explain-pool-'));
  const path = join(dir, 'warehouse.db');
  await seedScenario({ ...SPAN, scenario, target: { engine: 'sqlite', path } });
  // As the server opens the warehouse: the writable connection switches the file to WAL, then the
  // read-only one runs its queries on the SQLite thread pool.
  openSqlite(path).raw.close();
  db = openSqlite(path, { readonly: true });
  ctx = { db, user: { id: 'test', role: 'analyst' }, data: await loadDataRange(db), limits: DEFAULT_LIMITS };
  pool = new ExplainPool({ threads: 2 }).warm();
});
afterAll(async () => {
  await pool?.close();
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Query times differ from run to run, and so does the order of `queries`: QueryLog lists them as they finish,
 * and the load stage's queries run at once on the SQLite threads (in-process just the same). Everything else
 * must not differ.
 */
const timeless = (r: ToolResult) => ({
  ...r,
  queries: r.queries
    .map((q) => ({ ...q, elapsedMs: 0 }))
    .sort((a, b) => `${a.label}\n${a.sql}`.localeCompare(`${b.label}\n${b.sql}`)),
});

const outcome = (p: Promise<ToolResult>) =>
  p.then(
    (r) => ({ ok: true as const, r: timeless(r) }),
    (e: Error & { code?: string; details?: unknown }) => ({
      ok: false as const,
      name: e.name,
      code: e.code,
      message: e.message,
      details: e.details,
    }),
  );

const INPUTS: Record<string, unknown>[] = [
  { period: scenario.target.period, compare_to: 'previous_period', premise: 'drop' },
  { metric: 'orders', period: scenario.target.period },
  { metric: 'aov', period: scenario.target.period },
  { metric: 'conversion_rate', period: scenario.target.period },
  { metric: 'sessions', period: scenario.target.period },
  { metric: 'return_rate', period: scenario.target.period },
  { metric: 'units', period: scenario.target.period, channel: ['shopify'] },
  { period: { from: '2025-05-01', to: '2025-05-31' }, compare_to: 'previous_period', country: ['United States'] },
  // Errors: no comparison inside the data, and a period before it.
  { period: { from: '2025-01-01', to: '2025-01-31' } },
  { period: { from: '2019-01-01', to: '2019-01-31' } },
];

describe('explain_change analysis threads', () => {
  it('give the in-process result for every metric, filter and period, and the same errors', async () => {
    const rollup = await rollupFor(db);
    let compared = 0;
    for (const raw of INPUTS) {
      const parsed = explainChange.inputSchema.safeParse(raw);
      if (!parsed.success) continue;
      const here = await outcome(explainWith(parsed.data, ctx, rollup));
      const there = await outcome(pool.run(parsed.data, rollup, ctx));
      expect(there, JSON.stringify(raw)).toStrictEqual(here);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it('answers a stopped turn at once, starts no more of its queries, and keeps serving', async () => {
    const input = explainChange.inputSchema.parse({ period: scenario.target.period });
    const rollup = await rollupFor(db);
    const ac = new AbortController();
    const started = performance.now();
    const stopped = pool.run(input, rollup, { ...ctx, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('stopped by the user')), 5);
    await expect(stopped).rejects.toThrow('stopped by the user');
    expect(performance.now() - started).toBeLessThan(1_000);
    const next = await pool.run(input, rollup, ctx);
    expect(timeless(next)).toStrictEqual(timeless(await explainWith(input, ctx, rollup)));
    expect(pool.stats.threads).toBe(2);
  });

  it('refuses beyond its queue instead of growing without end', async () => {
    const tiny = new ExplainPool({ threads: 1, perThread: 1, maxQueue: 1 });
    const input = explainChange.inputSchema.parse({ period: scenario.target.period });
    const rollup = await rollupFor(db);
    const runs = [0, 1, 2].map(() =>
      tiny.run(input, rollup, ctx).then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      ),
    );
    expect(await Promise.all(runs)).toEqual(['ok', 'ok', 'rate_limited']);
    await tiny.close();
  });

  it('holds the event loop for less than the in-process stages do', async () => {
    const input = explainChange.inputSchema.parse({ period: scenario.target.period });
    const rollup = await rollupFor(db);
    // How late a 10 ms timer ran in all, while eight analyses run. An absolute bound would measure the machine
    // (tests share it), so the threads are held to the in-process run of the same work. The total, not the
    // worst single stall: one scheduling hiccup of a loaded machine decides a maximum, while the in-process
    // total holds all the stages' CPU time and the threads' total only the main thread's own waits.
    const totalLag = async (run: () => Promise<unknown>) => {
      let lag = 0;
      let last = performance.now();
      const tick = setInterval(() => {
        const now = performance.now();
        lag += Math.max(0, now - last - 10);
        last = now;
      }, 10);
      await Promise.all(Array.from({ length: 8 }, run));
      clearInterval(tick);
      return lag;
    };
    const inProcess = await totalLag(() => explainWith(input, ctx, rollup));
    const threads = await totalLag(() => pool.run(input, rollup, ctx));
    expect(threads, `event loop late in all: threads ${threads} ms, in-process ${inProcess} ms`).toBeLessThan(
      inProcess,
    );
  });
});
