// rfm_segments: customers scored on recency, frequency and monetary value, reported only as segment
// totals (counts, revenue, averages) — never a customer id, name or contact.
// The monetary tiers are tertiles over every customer of the period, so each customer's own sums for exactly that
// period are needed and no count table holds them. For the periods the presets resolve to (last_365_days, the
// default) with no filter or one country, channel or device (src/rollup/answer-scopes.ts), the rollup holds this
// statement's rows (tier cells, never a customer), computed from the base tables at build and refresh
// (src/rollup/answers.ts); any other period or filter reads the period's orders by date (sql/customer-orders.ts).
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import { barChart } from './charts.ts';
import { bounds, filterShape, noteLines, periodDays, resolveScope, scopeLine, type FilterInput } from './filters.ts';
import { formatValue, NOT_CANCELLED, roundUnit } from './metrics.ts';
import { QueryLog } from './query-log.ts';
import { daysBetween, type Dialect } from './sql/dialect.ts';
import { ordersByCustomer } from './sql/customer-orders.ts';
import { orderConditions } from './sql/filter-sql.ts';
import { and, raw, sql } from './sql/fragment.ts';
import { runAnswered } from './sql/answer-query.ts';
import { rollupFor } from '../rollup/coverage.ts';
import type { DataRange, Tool } from './types.ts';

export const RfmSegmentsInput = z.strictObject({ ...filterShape });
export type RfmSegmentsInput = z.infer<typeof RfmSegmentsInput>;

/** Segments below this size report counts only, so no average describes one or two people. */
export const MIN_SEGMENT = 5;

export const SEGMENTS = [
  { id: 'champions', rule: 'recent (R3) and frequent (F3)' },
  { id: 'loyal', rule: 'R2+ and F2+, not champions' },
  { id: 'new', rule: 'recent (R3), one order' },
  { id: 'needs_attention', rule: 'middle recency (R2), one order' },
  { id: 'at_risk', rule: 'not recent (R1) but ordered 2+ times' },
  { id: 'lost', rule: 'not recent (R1), one order' },
] as const;

export function segmentOf(r: number, f: number): (typeof SEGMENTS)[number]['id'] {
  if (r === 3 && f === 3) return 'champions';
  if (r >= 2 && f >= 2) return 'loyal';
  if (r === 3) return 'new';
  if (r === 2) return 'needs_attention';
  return f >= 2 ? 'at_risk' : 'lost';
}

/** Recency tiers scale with the look-back: within 1/12 of it = R3, within 1/4 = R2 (30 and 91 days for a year). */
export function recencyThresholds(lookbackDays: number): [number, number] {
  const a = Math.max(7, Math.round(lookbackDays / 12));
  return [a, Math.max(a + 1, Math.round(lookbackDays / 4))];
}

export function planRfm(input: RfmSegmentsInput, dialect: Dialect, data: DataRange) {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_365_days', compare: 'none' });
  const [lo, hi] = bounds(scope.period);
  const scoped = orderConditions(scope.filters);
  const [r3, r2] = recencyThresholds(periodDays(scope.period));
  const recency = daysBetween(dialect, raw('MAX(o.order_date)'), sql`${scope.period.to}`);
  // user_id never leaves the innermost queries: the result is grouped by tiers only. Monetary tiers are
  // tertiles; ties are ordered by rounded value then user_id so both engines cut at the same customer.
  const q = sql`SELECT s.r_tier, s.f_tier, s.m_tier, COUNT(*) AS customers, SUM(s.monetary) AS revenue,
      SUM(s.frequency) AS orders, SUM(s.recency) AS recency_days
    FROM (SELECT c.recency, c.frequency, c.monetary,
        CASE WHEN c.recency <= ${r3} THEN 3 WHEN c.recency <= ${r2} THEN 2 ELSE 1 END AS r_tier,
        CASE WHEN c.frequency >= 4 THEN 3 WHEN c.frequency >= 2 THEN 2 ELSE 1 END AS f_tier,
        NTILE(3) OVER (ORDER BY ROUND(c.monetary, 2), c.user_id) AS m_tier
      FROM (SELECT o.user_id, ${recency} AS recency, COUNT(*) AS frequency, SUM(o.total_amount) AS monetary
        FROM ${ordersByCustomer(dialect)} WHERE ${and([sql`o.order_date >= ${lo} AND o.order_date < ${hi}`, NOT_CANCELLED, ...scoped.conds])}
        GROUP BY o.user_id) c) s
    GROUP BY s.r_tier, s.f_tier, s.m_tier`;
  return { scope, thresholds: { r3, r2 }, query: { sql: q.sql, params: q.params }, caveats: scoped.caveats };
}

export function shapeRfm(cells: Row[]): Row[] {
  const acc = new Map<string, { customers: number; revenue: number; orders: number; recency: number; high: number }>();
  for (const s of SEGMENTS) acc.set(s.id, { customers: 0, revenue: 0, orders: 0, recency: 0, high: 0 });
  for (const c of cells) {
    const a = acc.get(segmentOf(Number(c.r_tier), Number(c.f_tier)))!;
    const n = Number(c.customers);
    a.customers += n;
    a.revenue += Number(c.revenue ?? 0);
    a.orders += Number(c.orders ?? 0);
    a.recency += Number(c.recency_days ?? 0);
    if (Number(c.m_tier) === 3) a.high += n;
  }
  const totalC = [...acc.values()].reduce((x, a) => x + a.customers, 0);
  const totalR = [...acc.values()].reduce((x, a) => x + a.revenue, 0);
  return SEGMENTS.map((s) => {
    const a = acc.get(s.id)!;
    const show = a.customers >= MIN_SEGMENT;
    return {
      segment: s.id,
      rule: s.rule,
      customers: a.customers,
      customer_share: totalC ? roundUnit('ratio', a.customers / totalC) : null,
      revenue: show ? roundUnit('money', a.revenue) : null,
      revenue_share: show && totalR ? roundUnit('ratio', a.revenue / totalR) : null,
      avg_orders: show ? Math.round((a.orders / a.customers) * 100) / 100 : null,
      avg_revenue: show ? roundUnit('money', a.revenue / a.customers) : null,
      avg_recency_days: show ? Math.round(a.recency / a.customers) : null,
      high_value_customers: show ? a.high : null,
    };
  });
}

export const rfmSegments: Tool<typeof RfmSegmentsInput> = {
  name: 'rfm_segments',
  description:
    'RFM segmentation of customers who ordered in the look-back period (default last_365_days): recency tiers (days since last order, relative to ' +
    'the period end), frequency tiers (1, 2-3, 4+ orders), monetary tertiles; reported as segments (champions, loyal, new, needs_attention, at_risk, lost) ' +
    'with customer counts, shares, revenue, average orders/revenue/recency and how many are in the top monetary tertile. Aggregates only: never ' +
    'individual customers or their ids. Use for "who are our best customers", "how many customers are at risk".',
  inputSchema: RfmSegmentsInput,
  async run(input, ctx) {
    const plan = planRfm(input, ctx.db.engine, ctx.data);
    const log = new QueryLog(ctx);
    const at = await rollupFor(ctx.db);
    const cells = await runAnswered(log, at, plan.scope.period, plan.query, 'RFM tiers');
    const rows = shapeRfm(cells.rows);
    const pct = (v: unknown) => formatValue('ratio', v as number | null);
    const lines = [
      `RFM segments, ${scopeLine(plan.scope)}; recency R3 ≤ ${plan.thresholds.r3} days, R2 ≤ ${plan.thresholds.r2} days before ${plan.scope.period.to}.`,
      ...rows.map(
        (r) =>
          `- ${r.segment}: ${formatValue('count', r.customers as number)} customers (${pct(r.customer_share)}), revenue ${formatValue('money', r.revenue as number | null)} (${pct(r.revenue_share)}), avg ${r.avg_orders ?? 'n/a'} orders`,
      ),
    ];
    return {
      columns: [
        'segment',
        'rule',
        'customers',
        'customer_share',
        'revenue',
        'revenue_share',
        'avg_orders',
        'avg_revenue',
        'avg_recency_days',
        'high_value_customers',
      ],
      rows,
      queries: log.queries,
      summary: [
        ...lines,
        ...noteLines(plan.scope, [
          ...plan.caveats,
          `segments with fewer than ${MIN_SEGMENT} customers show counts only`,
        ]),
        ...(at && cells.rollup ? [`Read from the daily rollup; data through ${at.through}.`] : []),
      ].join('\n'),
      charts: [
        barChart({
          title: { en: 'Customers by RFM segment', zh: '按RFM分群的客户数' },
          rows,
          category: { field: 'segment' },
          value: { field: 'customers', format: ',.0f' },
        }),
      ],
    };
  },
};
