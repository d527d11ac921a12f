// The rollup path gives the same figures as the base tables, to the cent, on SQLite and MariaDB: every metric
// query the rollups claim to cover (metrics × splits × filters × one or two periods), sales_trend, breakdown,
// top_products, stock_status and compare_periods through the tools, and again after a refresh that took in a
// late return and new orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl, type Db, type DbTarget } from '../../src/db/index.ts';
import type { Row } from '../../src/db/types.ts';
import { buildFull, refresh, rollupFor, type RollupAt } from '../../src/rollup/index.ts';
import { openRollupWriter } from '../../src/rollup/writer.ts';
import type { Filters } from '../../src/tools/filters.ts';
import type { MetricId } from '../../src/tools/metrics.ts';
import { breakdown } from '../../src/tools/breakdown.ts';
import { comparePeriods } from '../../src/tools/compare-periods.ts';
import { salesTrend } from '../../src/tools/sales-trend.ts';
import { stockStatus } from '../../src/tools/stock-status.ts';
import { topProducts } from '../../src/tools/top-products.ts';
import { toQuery } from '../../src/tools/sql/fragment.ts';
import { buildMetricQuery, type Dimension, type MetricQuery } from '../../src/tools/sql/metric-query.ts';
import { buildRollupMetricQuery } from '../../src/tools/sql/rollup-query.ts';
import type { Tool, ToolContext } from '../../src/tools/types.ts';
import { dropMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { canon, expectSame } from './compare-rows.ts';
import { fixtureMysql, fixtureSqlite } from '../parity/support.ts';

const METRIC_SETS: MetricId[][] = [
  ['net_sales', 'orders', 'units', 'aov'],
  ['sessions', 'conversion_rate'],
  ['return_rate', 'refunds'],
  ['gross_margin', 'discount_rate'],
];
const DIM_SETS: Dimension[][] = [
  [],
  ['day'],
  ['week'],
  ['month'],
  ['quarter'],
  ['quarter', 'channel'],
  ['channel'],
  ['storefront'],
  ['country', 'device'],
  ['source'],
  ['source_type'],
  ['customer_type'],
  ['category'],
  ['subcategory'],
  ['week', 'product'],
];
const FILTERS: Filters[] = [
  {},
  { channel: ['own_website'] },
  { channel: ['amazon'] },
  { country: ['United States', 'France'], device: ['mobile'] },
  { sourceType: ['email', 'search'] },
  { source: 'Google' },
  { customerType: 'new' },
  { category: 'Swimwear' },
  { category: 'Bikinis', customerType: 'returning' },
];
const PERIODS = [
  [{ from: '2025-01-01', to: '2025-03-20' }],
  [
    { from: '2025-02-10', to: '2025-03-09' },
    { from: '2025-01-13', to: '2025-02-09' },
  ],
  // No whole month, and whole weeks that straddle the quarter's end: a quarter split must not read them.
  [{ from: '2024-12-18', to: '2025-01-16' }],
];

function* queries(): Generator<MetricQuery> {
  for (const metrics of METRIC_SETS) {
    for (const dims of DIM_SETS)
      for (const filters of FILTERS) for (const periods of PERIODS) yield { metrics, dims, filters, periods };
  }
}

async function run(db: Db, built: { fragment: { sql: string; params: unknown[] } }): Promise<Row[]> {
  const { sql, params } = toQuery(built.fragment as never);
  return (await db.query(sql, params)).rows;
}

/** Same database, but the rollup is invisible: the tools take the base path. */
function withoutRollup(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'query') return Reflect.get(target, prop);
      return (sql: string, ...rest: unknown[]) =>
        /watermark/.test(sql)
          ? Promise.reject(new Error('no rollup'))
          : (target.query as (...a: unknown[]) => unknown)(sql, ...rest);
    },
  });
}

async function compareAll(db: Db, at: RollupAt): Promise<{ covered: number; total: number }> {
  let covered = 0,
    total = 0;
  for (const q of queries()) {
    let base;
    try {
      base = buildMetricQuery(q, db.engine);
    } catch {
      continue; // a split the metric does not allow: both paths refuse it
    }
    total++;
    const fromRollup = buildRollupMetricQuery(q, db.engine, at);
    if (!fromRollup) continue;
    covered++;
    const label = JSON.stringify(q);
    expectSame(canon(await run(db, fromRollup), q), canon(await run(db, base), q), q, db.engine, label);
    expect(fromRollup.caveats, label).toEqual(base.caveats);
  }
  return { covered, total };
}

const BREAKDOWN_INPUTS: Record<string, unknown>[] = [
  { by: 'channel', period: 'all' },
  { by: 'subcategory', metric: 'units', period: 'last_90_days', compare_to: 'previous_period' },
  { by: 'source_type', metric: 'conversion_rate', period: 'last_month' },
  { by: 'product', metric: 'gross_margin', period: 'last_90_days', country: ['US', 'France'] },
  { by: 'customer_type', metric: 'net_sales', period: 'ytd', category: 'Swimwear' },
  { by: 'country', metric: 'refunds', period: 'all', channel: 'own_website' },
];

const TREND_INPUTS: Record<string, unknown>[] = [
  { period: 'all', grain: 'month', metrics: ['net_sales', 'orders', 'units', 'aov'] },
  { period: 'all', grain: 'week', metrics: ['sessions', 'conversion_rate', 'return_rate', 'refunds'] },
  { period: 'last_30_days', metrics: ['gross_margin', 'discount_rate'] },
  { period: 'last_90_days', grain: 'week', breakdown: 'category' },
  { period: 'last_month', compare_to: 'previous_period', channel: 'own_website', device: ['mobile', 'tablet'] },
  { period: 'last_90_days', breakdown: 'source_type', metrics: ['net_sales'] },
];

const TOP_INPUTS: Record<string, unknown>[] = [
  {},
  { period: 'last_90_days', metric: 'units', compare_to: 'previous_period', rank_by: 'change' },
  { period: 'all', metric: 'gross_margin', direction: 'bottom', country: ['US', 'France'] },
  { period: 'last_month', metric: 'net_sales', category: 'Swimwear', compare_to: 'previous_period' },
  { period: 'last_90_days', metric: 'return_rate', min_units: 2 },
];

const COMPARE_INPUTS: Record<string, unknown>[] = [
  {},
  { period: 'last_30_days', compare_to: 'previous_period', channel: 'own_website', device: 'mobile' },
  { period: 'ytd', category: 'Bikinis' },
  { period: 'last_month', metrics: ['net_sales', 'orders', 'aov'], source_type: 'email' },
];

const STOCK_INPUTS: Record<string, unknown>[] = [{}, { period: 'last_month', category: 'Swimwear', n: 5 }];

async function toolParity(tool: Tool, inputs: Record<string, unknown>[], ctx: ToolContext): Promise<number> {
  const base = { ...ctx, db: withoutRollup(ctx.db) };
  let fromRollup = 0;
  for (const input of inputs) {
    const parsed = tool.inputSchema.parse(input);
    const a = await tool.run(parsed, ctx);
    const b = await tool.run(parsed, base);
    expect(a.rows, JSON.stringify(input)).toEqual(b.rows);
    expect(b.summary).not.toMatch(/daily rollup/);
    if (/Read from the daily rollup; data through 2025-03-20\./.test(a.summary)) fromRollup++;
  }
  return fromRollup;
}

/** A late return on an early order and a new order on the last day, as a nightly load would add them. */
async function addLateFacts(db: Db): Promise<void> {
  const order = (
    await db.query(
      `SELECT order_id FROM orders WHERE order_status <> 'cancelled' AND order_date < '2025-01-10' ORDER BY order_id LIMIT 1`,
    )
  ).rows[0]!;
  await db.execute(
    `INSERT INTO returns (return_id, order_id, order_item_id, return_date, return_reason, return_status, refund_amount) VALUES (9001, ?, NULL, '2025-03-19 10:00:00', 'late', 'refunded', 12.34)`,
    [order.order_id],
  );
  await db.execute(
    `INSERT INTO orders (order_id, user_id, order_date, total_amount, discount_amount, payment_method, payment_status, shipping_address, order_status, order_source, device_type, channel, country, traffic_source_id, session_id, is_first_order, shipped_date, delivered_date) VALUES (9001, 1, '2025-03-20 23:00:00', 99.99, 0, 'card', 'paid', 'x', 'completed', 'amazon', 'mobile', 'amazon', 'Canada', NULL, NULL, 0, NULL, NULL)`,
  );
  await db.execute(
    `INSERT INTO order_items (order_item_id, order_id, product_id, quantity, unit_price, discount) VALUES (90001, 9001, 2, 3, 33.33, 0)`,
  );
}

function suite(name: string, open: () => Promise<{ db: Db; ctx: ToolContext; target: DbTarget; url?: string }>) {
  describe.sequential(`rollup parity on ${name}`, () => {
    let db: Db;
    let ctx: ToolContext;
    let target: DbTarget;
    let url: string | undefined;
    beforeAll(async () => {
      ({ db, ctx, target, url } = await open());
      const w = await openRollupWriter(target);
      await buildFull(w);
      await w.close();
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });

    it('metric queries: rollup = base tables, to the cent', async () => {
      const at = (await rollupFor(db))!;
      expect(at.through).toBe('2025-03-20');
      const { covered, total } = await compareAll(db, at);
      expect(covered).toBeGreaterThan(total * 0.6);
    }, 120_000);

    it('sales_trend and breakdown read the rollup and answer as from the base tables', async () => {
      expect(await toolParity(salesTrend as Tool, TREND_INPUTS, ctx)).toBeGreaterThanOrEqual(4);
      expect(await toolParity(breakdown as Tool, BREAKDOWN_INPUTS, ctx)).toBeGreaterThanOrEqual(5);
    }, 60_000);

    it('top_products, stock_status and compare_periods read the rollup as from the base tables', async () => {
      expect(await toolParity(topProducts as Tool, TOP_INPUTS, ctx)).toBeGreaterThanOrEqual(4);
      // Under a category filter too: its orders and customers per category (daily_category_orders, daily_customers).
      expect(await toolParity(comparePeriods as Tool, COMPARE_INPUTS, ctx)).toBe(COMPARE_INPUTS.length);
      expect(await toolParity(stockStatus as Tool, STOCK_INPUTS, ctx)).toBe(STOCK_INPUTS.length);
    }, 60_000);

    it('a refresh takes in late returns and new orders on their own days only', async () => {
      await addLateFacts(db);
      const w = await openRollupWriter(target);
      const r = await refresh(w, { now: new Date('2026-01-01T00:00:00Z') });
      await w.close();
      expect(r.mode).toBe('refresh');
      expect(r.ranges.length).toBeGreaterThanOrEqual(2);
      expect(r.ranges.at(-1)).toEqual({ from: '2025-03-19', to: '2025-03-21' });
      const { covered } = await compareAll(db, (await rollupFor(db, Date.now() + 60_000))!);
      expect(covered).toBeGreaterThan(0);
    }, 120_000);
  });
}

suite('SQLite', async () => {
  const { db, ctx } = await fixtureSqlite();
  return { db, ctx, target: { engine: 'sqlite', path: db.label.replace(/^sqlite:/, '') } };
});

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite('MariaDB', async () => {
    const { db, ctx, url } = await fixtureMysql('rollup_parity');
    return { db, ctx, target: parseDbUrl(url), url };
  });
});
