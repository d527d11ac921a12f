// customer_mix: new vs returning customers, orders and sales, and the repeat rate, optionally by a dimension.
// Customers and repeat customers are distinct counts over the period, which daily counts cannot add up to, so
// there is no rollup table for them: for the periods the presets resolve to (src/rollup/answer-scopes.ts), with
// each split and no filter, the rollup holds this template's own statements' rows, computed from the base tables
// at build and refresh (src/rollup/answers.ts). Any other period or a filter reads the period's orders by date
// (sql/customer-orders.ts). The user_level split reads users' current level: from the rollup, as of its last
// build or refresh.
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import type { Finding } from '../protocol/index.ts';
import { rateOf, shareOf } from './findings.ts';
import { barChart, byTitle, formatOf } from './charts.ts';
import { METRIC_LABELS } from '../protocol/vocabulary.ts';
import { bounds, filterShape, noteLines, resolveScope, scopeLine, type FilterInput, type Filters } from './filters.ts';
import { formatValue, NOT_CANCELLED, roundUnit } from './metrics.ts';
import { QueryLog } from './query-log.ts';
import type { Dialect } from './sql/dialect.ts';
import { ordersByCustomer } from './sql/customer-orders.ts';
import { orderConditions } from './sql/filter-sql.ts';
import { and, raw, sql } from './sql/fragment.ts';
import { runAnswered } from './sql/answer-query.ts';
import { rollupFor } from '../rollup/coverage.ts';
import type { DataRange, Tool } from './types.ts';

const BY = {
  country: { expr: 'o.country', users: false },
  user_level: { expr: 'u.user_level', users: true },
  channel: { expr: 'o.channel', users: false },
  device: { expr: 'o.device_type', users: false },
} as const;

export const CustomerMixInput = z.strictObject({
  ...filterShape,
  by: z
    .enum(['country', 'user_level', 'channel', 'device'])
    .optional()
    .describe("Split by the order's country, channel or device, or the customer's current level."),
});
export type CustomerMixInput = z.infer<typeof CustomerMixInput>;

/** One row per customer (and group) first, then counted: repeat = 2+ non-cancelled orders in the period. */
export function customerMixQuery(
  p: { from: string; to: string },
  f: Filters,
  by: keyof typeof BY | undefined,
  dialect: Dialect = 'sqlite',
) {
  const [lo, hi] = bounds(p);
  const scoped = orderConditions(f);
  const dim = by ? BY[by] : null;
  const k = dim ? raw(dim.expr) : raw(`'all'`);
  const fragment = sql`SELECT c.k AS k, COUNT(*) AS customers, SUM(c.is_new) AS new_customers,
      SUM(CASE WHEN c.n_orders >= 2 THEN 1 ELSE 0 END) AS repeat_customers, SUM(c.n_orders) AS orders,
      SUM(c.new_orders) AS new_orders, SUM(c.sales) AS net_sales, SUM(c.new_sales) AS new_sales
    FROM (SELECT o.user_id, ${k} AS k, COUNT(*) AS n_orders, MAX(o.is_first_order) AS is_new,
        SUM(o.is_first_order) AS new_orders, SUM(o.total_amount) AS sales,
        SUM(CASE WHEN o.is_first_order = 1 THEN o.total_amount ELSE 0 END) AS new_sales
      FROM ${ordersByCustomer(dialect)}${raw(dim?.users ? ' LEFT JOIN users u ON u.user_id = o.user_id' : '')}
      WHERE ${and([sql`o.order_date >= ${lo} AND o.order_date < ${hi}`, NOT_CANCELLED, ...scoped.conds])}
      GROUP BY o.user_id, ${k}) c
    GROUP BY c.k`;
  return { fragment, caveats: scoped.caveats };
}

export function planCustomerMix(input: CustomerMixInput, dialect: Dialect, data: DataRange) {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_30_days', compare: 'none' });
  const cur = customerMixQuery(scope.period, scope.filters, input.by, dialect);
  const cmp = scope.compare ? customerMixQuery(scope.compare, scope.filters, input.by, dialect) : null;
  return {
    scope,
    by: input.by,
    current: { sql: cur.fragment.sql, params: cur.fragment.params },
    compare: cmp ? { sql: cmp.fragment.sql, params: cmp.fragment.params } : null,
    caveats: cur.caveats,
  };
}

function shapeOne(r: Row) {
  const n = (k: string) => Number(r[k] ?? 0);
  const div = (a: number, b: number) => (b ? roundUnit('ratio', a / b) : null);
  return {
    customers: n('customers'),
    new_customers: n('new_customers'),
    returning_customers: n('customers') - n('new_customers'),
    new_customer_share: div(n('new_customers'), n('customers')),
    repeat_rate: div(n('repeat_customers'), n('customers')),
    orders: n('orders'),
    orders_per_customer: n('customers') ? Math.round((n('orders') / n('customers')) * 100) / 100 : null,
    net_sales: roundUnit('money', n('net_sales')),
    new_customer_sales: roundUnit('money', n('new_sales')),
    returning_customer_sales: roundUnit('money', n('net_sales') - n('new_sales')),
    returning_sales_share: div(n('net_sales') - n('new_sales'), n('net_sales')),
    // First orders are new customers' orders; every other order that stands is a returning customer's.
    ...(r.new_orders === undefined
      ? {}
      : {
          new_customer_orders: n('new_orders'),
          returning_customer_orders: n('orders') - n('new_orders'),
          returning_orders_share: div(n('orders') - n('new_orders'), n('orders')),
        }),
  };
}

/**
 * New and returning customers as shares of the customers and of the net sales (overall), or each segment's
 * new-customer share and repeat rate (by a split, where a customer can count in several segments).
 */
export function customerMixFindings(by: string | undefined, rows: Row[], period?: string): Finding[] {
  const n = (r: Row, k: string) => Number(r[k] ?? 0);
  if (by)
    return rows.flatMap((r) => {
      const name = String(r[by]);
      const fresh = rateOf(name, n(r, 'new_customers'), n(r, 'customers'), {
        metric: 'new_customer_share',
        period,
        numerator: 'new customers',
        denominator: 'customers',
      });
      return fresh ? [fresh] : [];
    });
  const [r] = rows;
  if (!r) return [];
  const split = (metric: string, fresh: string, old: string, total: string) =>
    shareOf(
      [
        { group: 'new', v: n(r, fresh) },
        { group: 'returning', v: n(r, old) },
      ],
      'group',
      'v',
      n(r, total),
      { metric, period },
    );
  return [
    ...split('customers', 'new_customers', 'returning_customers', 'customers'),
    ...split('net_sales', 'new_customer_sales', 'returning_customer_sales', 'net_sales'),
    ...(r.returning_customer_orders === undefined
      ? []
      : split('orders', 'new_customer_orders', 'returning_customer_orders', 'orders')),
  ];
}

export function shapeCustomerMix(by: string | undefined, rows: Row[], cmpRows: Row[] | null): Row[] {
  const cmp = new Map((cmpRows ?? []).map((r) => [String(r.k), shapeOne(r)]));
  const out: Row[] = rows.map((r) => {
    const x = shapeOne(r);
    const c = cmp.get(String(r.k));
    return {
      ...(by ? { [by]: r.k ?? '(unknown)' } : {}),
      ...x,
      ...(cmpRows
        ? { new_customer_share_previous: c?.new_customer_share ?? null, repeat_rate_previous: c?.repeat_rate ?? null }
        : {}),
    };
  });
  out.sort(
    (a, b) =>
      (b.customers as number) - (a.customers as number) ||
      String(a[by ?? 'customers']).localeCompare(String(b[by ?? 'customers'])),
  );
  return out;
}

export const customerMix: Tool<typeof CustomerMixInput> = {
  name: 'customer_mix',
  description:
    'New vs returning customers in the period: customers, new customers (first order in the period), new_customer_share, repeat_rate ' +
    '(复购率: customers with 2+ orders in the period ÷ customers), orders per customer, and net sales from new vs returning customers; ' +
    'optionally by country, user_level, channel or device, and against compare_to. Aggregates only, never individual customers. Default period: last_30_days.',
  inputSchema: CustomerMixInput,
  async run(input, ctx) {
    const plan = planCustomerMix(input, ctx.db.engine, ctx.data);
    const log = new QueryLog(ctx);
    const at = await rollupFor(ctx.db);
    const cur = await runAnswered(log, at, plan.scope.period, plan.current, 'customers');
    const cmp =
      plan.compare && plan.scope.compare
        ? await runAnswered(log, at, plan.scope.compare, plan.compare, 'customers, comparison')
        : null;
    const rows = cur.rows;
    const cmpRows = cmp ? cmp.rows : null;
    const through = at && (cur.rollup || cmp?.rollup) ? at.through : null;
    const shaped = shapeCustomerMix(plan.by, rows, cmpRows);
    const pct = (v: unknown) => formatValue('ratio', v as number | null);
    const lines = [`Customer mix, ${scopeLine(plan.scope)}${plan.by ? `, by ${plan.by}` : ''}.`];
    for (const r of shaped.slice(0, 10)) {
      const head = plan.by ? `- ${r[plan.by]}: ` : '';
      const prev = cmpRows
        ? ` (previous: new share ${pct(r.new_customer_share_previous)}, repeat ${pct(r.repeat_rate_previous)})`
        : '';
      lines.push(
        `${head}${formatValue('count', r.customers as number)} customers, ${formatValue('count', r.new_customers as number)} new (${pct(r.new_customer_share)}), repeat rate ${pct(r.repeat_rate)}, net sales ${formatValue('money', r.net_sales as number)} of which returning customers ${pct(r.returning_sales_share)}${prev}`,
      );
    }
    if (!shaped.length) lines.push('No orders in the period with these filters.');
    const extra = [
      "new = the customer's first non-cancelled order falls in the period; a customer counts in each group they ordered in",
    ];
    if (plan.by === 'user_level') extra.push("user_level is the customer's current level, not the level at order time");
    return {
      columns: Object.keys(shaped[0] ?? { customers: 0 }),
      rows: shaped,
      queries: log.queries,
      summary: [
        ...lines,
        ...noteLines(plan.scope, [...plan.caveats, ...extra]),
        ...(through ? [`Read from the daily rollup; data through ${through}.`] : []),
      ].join('\n'),
      findings: customerMixFindings(plan.by, shaped, plan.scope.period.label),
      charts: plan.by
        ? [
            barChart({
              title: byTitle(METRIC_LABELS.new_customer_share, plan.by),
              rows: shaped,
              category: { field: plan.by },
              value: { field: 'new_customer_share', format: '.1%' },
            }),
          ]
        : [
            barChart({
              title: { en: 'Net sales: new vs returning customers', zh: '销售额：新客与老客' },
              rows: shaped.flatMap((r) => [
                { group: 'new', net_sales: r.new_customer_sales },
                { group: 'returning', net_sales: r.returning_customer_sales },
              ]),
              category: { field: 'group' },
              value: { field: 'net_sales', format: formatOf('money') },
            }),
          ],
    };
  },
};
