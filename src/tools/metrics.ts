// The metric definitions: the ONE place where "net sales", "conversion rate" … are written as SQL.
// Every template, schema-docs/ and the model's docs use these ids, labels and definitions.
//
// A metric is a formula over components; a component is one aggregate over one fact source:
//   orders   — orders o, non-cancelled, dated by o.order_date (order grain)
//   items    — order_items oi of non-cancelled orders o (line grain; used when a product or category is involved)
//   sessions — visit_logs v, one row per own-website session, dated by v.visit_time
//   returns  — returns r joined to their order o, dated by r.return_date
//   returned — the same rows dated by their order's order_date (which orders of a period came back)
import { METRIC_IDS, METRIC_LABELS, METRIC_UNITS, type MetricId, type Unit } from '../protocol/vocabulary.ts';
import { raw, sql, type Fragment } from './sql/fragment.ts';

// The ids, labels and units are the product vocabulary's (src/protocol/vocabulary.ts); the SQL is here.
export { METRIC_IDS, type MetricId, type Unit };

export type Source = 'orders' | 'items' | 'sessions' | 'returns' | 'returned';

export const COMPONENT_IDS = [
  'net_sales',
  'gross_sales',
  'discount',
  'orders',
  'own_site_orders',
  'customers',
  'new_customers',
  'returned_orders',
  'units',
  'line_net_sales',
  'cogs',
  'sessions',
  'refunds',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

/**
 * How a component aggregates on a source. `sum` adds `expr` over rows; `distinct` counts distinct `expr`
 * (NULLs ignored). The caller wraps `expr` in its period condition, so a component never filters dates itself.
 */
export interface Aggregate {
  agg: 'sum' | 'distinct';
  expr: Fragment;
}

const CANCELLED = raw(`'cancelled'`);
export const NOT_CANCELLED: Fragment = sql`o.order_status <> ${CANCELLED}`;

// Order-level amounts at line grain: a line's net is quantity × unit price − its discount, and
// orders.total_amount is exactly the sum of its lines' nets, so both grains agree.
const LINE_NET = raw('(oi.quantity * oi.unit_price - oi.discount)');
const caseOne = (cond: Fragment): Fragment => sql`CASE WHEN ${cond} THEN 1 ELSE 0 END`;
const caseId = (cond: Fragment, id: Fragment): Fragment => sql`CASE WHEN ${cond} THEN ${id} END`;

export const COMPONENTS: Record<ComponentId, Partial<Record<Source, Aggregate>>> = {
  net_sales: {
    orders: { agg: 'sum', expr: raw('o.total_amount') },
    items: { agg: 'sum', expr: LINE_NET },
  },
  gross_sales: {
    orders: { agg: 'sum', expr: raw('(o.total_amount + o.discount_amount)') },
    items: { agg: 'sum', expr: raw('(oi.quantity * oi.unit_price)') },
  },
  discount: {
    orders: { agg: 'sum', expr: raw('o.discount_amount') },
    items: { agg: 'sum', expr: raw('oi.discount') },
  },
  orders: {
    orders: { agg: 'sum', expr: raw('1') },
    items: { agg: 'distinct', expr: raw('o.order_id') },
  },
  own_site_orders: {
    orders: { agg: 'sum', expr: caseOne(raw(`o.channel = 'own_website'`)) },
    items: { agg: 'distinct', expr: caseId(raw(`o.channel = 'own_website'`), raw('o.order_id')) },
  },
  customers: {
    orders: { agg: 'distinct', expr: raw('o.user_id') },
    items: { agg: 'distinct', expr: raw('o.user_id') },
  },
  new_customers: {
    orders: { agg: 'distinct', expr: caseId(raw('o.is_first_order = 1'), raw('o.user_id')) },
    items: { agg: 'distinct', expr: caseId(raw('o.is_first_order = 1'), raw('o.user_id')) },
  },
  // Driven from the (small) returns table rather than probing returns once per order.
  returned_orders: { returned: { agg: 'distinct', expr: raw('o.order_id') } },
  units: { items: { agg: 'sum', expr: raw('oi.quantity') } },
  line_net_sales: { items: { agg: 'sum', expr: LINE_NET } },
  cogs: { items: { agg: 'sum', expr: raw('(oi.quantity * p.cost)') } },
  sessions: { sessions: { agg: 'sum', expr: raw('1') } },
  refunds: { returns: { agg: 'sum', expr: raw('r.refund_amount') } },
};

/** Sources whose rows are order lines or products: they need order_items (and products for cost). */
export function componentNeedsProducts(c: ComponentId): boolean {
  return c === 'cogs';
}

export interface MetricDef {
  id: MetricId;
  label: string;
  /** The Chinese term staff use, for the glossary. */
  zh: string;
  unit: Unit;
  /** Sums over groups add up to the total (shares and waterfalls make sense). */
  additive: boolean;
  /** Exact definition in words: schema-docs/ quotes it. */
  definition: string;
  components: ComponentId[];
  /** The formula, given a reference to each aggregated component. */
  formula(c: (id: ComponentId) => Fragment): Fragment;
}

/** A metric's id, labels and unit, from the vocabulary. */
const words = (id: MetricId) => ({ id, label: METRIC_LABELS[id].en, zh: METRIC_LABELS[id].zh, unit: METRIC_UNITS[id] });

const div = (a: Fragment, b: Fragment) => sql`(1.0 * ${a} / NULLIF(${b}, 0))`;

export const METRICS: Record<MetricId, MetricDef> = {
  net_sales: {
    ...words('net_sales'),
    additive: true,
    definition:
      'Σ orders.total_amount of orders whose order_status is not cancelled, by order_date. After discounts, before refunds ' +
      '(refunds are reported separately, by return_date). With a category or product filter: Σ (quantity × unit_price − discount) of the matching order lines.',
    components: ['net_sales'],
    formula: (c) => c('net_sales'),
  },
  orders: {
    ...words('orders'),
    additive: true,
    definition:
      'Count of orders whose order_status is not cancelled, by order_date (with a category filter: orders containing a matching line).',
    components: ['orders'],
    formula: (c) => c('orders'),
  },
  units: {
    ...words('units'),
    additive: true,
    definition: 'Σ order_items.quantity of non-cancelled orders, by order_date.',
    components: ['units'],
    formula: (c) => c('units'),
  },
  aov: {
    ...words('aov'),
    additive: false,
    definition: 'Net sales ÷ orders.',
    components: ['net_sales', 'orders'],
    formula: (c) => div(c('net_sales'), c('orders')),
  },
  sessions: {
    ...words('sessions'),
    additive: true,
    definition: 'Count of own-website sessions (visit_logs rows) by visit_time. Marketplaces have no sessions.',
    components: ['sessions'],
    formula: (c) => c('sessions'),
  },
  conversion_rate: {
    ...words('conversion_rate'),
    additive: false,
    definition:
      'Own-website non-cancelled orders ÷ own-website sessions in the same period. Own site only: marketplace orders never count.',
    components: ['own_site_orders', 'sessions'],
    formula: (c) => div(c('own_site_orders'), c('sessions')),
  },
  return_rate: {
    ...words('return_rate'),
    additive: false,
    definition:
      'Share of non-cancelled orders placed in the period that have at least one return (any date). Recent periods read low because returns arrive later. ' +
      'With a category or product split: orders whose returned line is in it (returns recorded for a whole order are not attributed).',
    components: ['returned_orders', 'orders'],
    formula: (c) => div(c('returned_orders'), c('orders')),
  },
  refunds: {
    ...words('refunds'),
    additive: true,
    definition: 'Σ returns.refund_amount by return_date (not by order date).',
    components: ['refunds'],
    formula: (c) => c('refunds'),
  },
  gross_margin: {
    ...words('gross_margin'),
    additive: false,
    definition:
      '(Line net sales − Σ quantity × products.cost) ÷ line net sales, for non-cancelled orders. Uses the current product cost (no cost history).',
    components: ['line_net_sales', 'cogs'],
    formula: (c) => div(sql`(${c('line_net_sales')} - ${c('cogs')})`, c('line_net_sales')),
  },
  discount_rate: {
    ...words('discount_rate'),
    additive: false,
    definition:
      'Discounts ÷ sales before discounts (Σ discount_amount ÷ Σ (total_amount + discount_amount)), non-cancelled orders.',
    components: ['discount', 'gross_sales'],
    formula: (c) => div(c('discount'), c('gross_sales')),
  },
  discounts: {
    ...words('discounts'),
    additive: true,
    definition:
      'Σ orders.discount_amount of non-cancelled orders, by order_date: the money given away in discounts (an amount, not the ' +
      'discount rate). With a category or product filter: Σ order_items.discount of the matching lines.',
    components: ['discount'],
    formula: (c) => c('discount'),
  },
  new_customer_share: {
    ...words('new_customer_share'),
    additive: false,
    definition:
      'Customers whose first order falls in the period ÷ all customers who ordered in the period (non-cancelled orders).',
    components: ['new_customers', 'customers'],
    formula: (c) => div(c('new_customers'), c('customers')),
  },
};

export function metricLabel(id: MetricId): string {
  return METRICS[id].label;
}

/** Rounds a metric value for output: money to cents, ratios to 4 places, counts to integers. */
export function roundMetric(id: MetricId, v: unknown): number | null {
  return roundUnit(METRICS[id].unit, v);
}

export function roundUnit(unit: Unit, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) return null;
  if (unit === 'money') return Math.round(n * 100) / 100;
  if (unit === 'ratio') return Math.round(n * 10000) / 10000;
  return Math.round(n);
}

/** "12,345.67", "45.2%", "1,234" — for summaries. */
export function formatValue(unit: Unit, v: number | null): string {
  if (v === null) return 'n/a';
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'money') return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return v.toLocaleString('en-US');
}

export function formatChange(prev: number | null, cur: number | null, unit: Unit): string {
  if (prev === null || cur === null) return 'no comparison';
  if (unit === 'ratio') {
    const pp = (cur - prev) * 100;
    return `${pp >= 0 ? '+' : ''}${pp.toFixed(1)} pp`;
  }
  if (prev === 0) return cur === 0 ? 'no change' : 'new (was 0)';
  const pct = ((cur - prev) / Math.abs(prev)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

export function pctChange(prev: number | null, cur: number | null): number | null {
  if (prev === null || cur === null || prev === 0) return null;
  return Math.round(((cur - prev) / Math.abs(prev)) * 10000) / 10000;
}
