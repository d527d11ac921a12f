// The daily rollups against the base tables, in the same run on the same database: full build time, a one-day
// refresh, row counts, and sales_trend and explain_change timed on both paths. The database must be seeded
// already (npx tidelens seed --db … --scale N).
//   npx tsx bench/rollup.ts [--db mysql://root@127.0.0.1:3306/tidelens] [--runs 5] [--no-build]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { addDaysTo } from '../src/calendar/index.ts';
import { openDb, parseDbUrl, type Db } from '../src/db/index.ts';
import { buildFull, openRollupWriter, refresh } from '../src/rollup/index.ts';
import { explainChange } from '../src/tools/explain-change.ts';
import { salesTrend } from '../src/tools/sales-trend.ts';
import { loadDataRange } from '../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../src/tools/types.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'mysql://root@127.0.0.1:3306/tidelens' },
    runs: { type: 'string', default: '5' },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const target = parseDbUrl(values.db!);

const TREND_INPUTS: Record<string, unknown>[] = [
  { period: 'last_90_days', grain: 'day', metrics: ['net_sales', 'orders', 'aov'] },
  { period: 'last_12_months', grain: 'month', metrics: ['net_sales', 'units', 'refunds', 'return_rate'] },
  { period: 'last_12_months', grain: 'week', breakdown: 'channel' },
  { period: 'last_90_days', grain: 'week', breakdown: 'category' },
  { period: 'last_90_days', metrics: ['sessions', 'conversion_rate'], compare_to: 'previous_year' },
  { period: 'last_12_months', grain: 'month', breakdown: 'country', device: ['mobile'] },
];

const EXPLAIN_INPUTS: Record<string, unknown>[] = [
  { period: 'last_month' },
  { period: 'last_month', metric: 'conversion_rate' },
  { period: 'last_month', metric: 'return_rate', compare_to: 'previous_year' },
];

/** The same database with the rollup hidden: the tools take the base path. */
function withoutRollup(db: Db): Db {
  return new Proxy(db, {
    get(t, prop) {
      if (prop !== 'query') return Reflect.get(t, prop);
      return (sql: string, ...rest: unknown[]) =>
        /watermark/.test(sql)
          ? Promise.reject(new Error('hidden'))
          : (t.query as (...a: unknown[]) => unknown)(sql, ...rest);
    },
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (xs: number[]) => `${Math.round(median(xs.slice(1).length ? xs.slice(1) : xs))} ms`;

async function buildAndRefresh(): Promise<void> {
  const w = await openRollupWriter(target);
  try {
    const full = await buildFull(w);
    console.log(`full build ${full.seconds.toFixed(2)} s; data through ${full.watermark.dataThrough}`);
    for (const [t, n] of full.rowCounts)
      console.log(`  ${t.padEnd(16)} ${n.toLocaleString('en-US').padStart(10)} rows`);
    const day = full.watermark.dataThrough!;
    const one = await refresh(w, { since: day });
    console.log(`one-day refresh (--since ${day}) ${(one.seconds * 1000).toFixed(0)} ms`);
    const week = await refresh(w, { since: addDaysTo(day, -6) });
    console.log(`seven-day refresh ${(week.seconds * 1000).toFixed(0)} ms`);
    const idle = await refresh(w);
    console.log(
      `automatic refresh, nothing new: ${(idle.seconds * 1000).toFixed(0)} ms (${idle.ranges.length} ranges)`,
    );
  } finally {
    await w.close();
  }
}

async function main(): Promise<void> {
  if (!values['no-build']) await buildAndRefresh();
  const db = await openDb(target);
  try {
    const counts = await db.query(
      'SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM order_items) AS items, (SELECT COUNT(*) FROM visit_logs) AS visits',
    );
    console.log(`base: ${JSON.stringify(counts.rows[0])}`);
    const data = await loadDataRange(db);
    const ctx: ToolContext = { db, user: { id: 'bench', role: 'admin' }, data, limits: DEFAULT_LIMITS };
    const base: ToolContext = { ...ctx, db: withoutRollup(db) };
    for (const input of TREND_INPUTS) {
      const parsed = salesTrend.inputSchema.parse(input);
      const r = await timed(() => salesTrend.run(parsed, ctx));
      const b = await timed(() => salesTrend.run(parsed, base));
      const used = /daily rollup/.test((await salesTrend.run(parsed, ctx)).summary) ? 'rollup' : 'BASE (not covered)';
      console.log(`sales_trend ${JSON.stringify(input)}: base ${ms(b)}, ${used} ${ms(r)}`);
    }
    for (const input of EXPLAIN_INPUTS) {
      const parsed = explainChange.inputSchema.parse(input);
      const r = await timed(() => explainChange.run(parsed, ctx));
      const b = await timed(() => explainChange.run(parsed, base));
      console.log(
        `explain_change ${JSON.stringify(input)}: base ${ms(b)} (${b.map(Math.round).join(', ')}), ` +
          `rollup ${ms(r)} (${r.map(Math.round).join(', ')})`,
      );
    }
    console.log(
      `load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await db.close();
  }
}

await main();
