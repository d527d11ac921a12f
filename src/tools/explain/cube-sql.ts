// The cube extraction: ONE grouped statement per fact grain, both periods side by side (a period flag
// column), never one query per segment. Order lines carry every order dimension plus the product;
// each line also carries its fraction of an order (1 / lines of the order), so orders and returned
// orders stay additive down to the product while summing to exact order counts.
import type { Filters } from '../filters.ts';
import { bounds } from '../filters.ts';
import { NOT_CANCELLED } from '../metrics.ts';
import { orderConditions, sessionConditions } from '../sql/filter-sql.ts';
import { and, raw, sql, type Fragment } from '../sql/fragment.ts';

export interface Span {
  from: string;
  to: string;
}

/** `pb` = 1 for the current period B, 0 for the comparison A. */
function periodFlag(col: string, b: Span): Fragment {
  const [lo, hi] = bounds(b);
  return sql`CASE WHEN ${raw(col)} >= ${lo} AND ${raw(col)} < ${hi} THEN 1 ELSE 0 END`;
}

function inEither(col: string, a: Span, b: Span): Fragment {
  const [alo, ahi] = bounds(a);
  const [blo, bhi] = bounds(b);
  return sql`((${raw(col)} >= ${alo} AND ${raw(col)} < ${ahi}) OR (${raw(col)} >= ${blo} AND ${raw(col)} < ${bhi}))`;
}

export const LINE_DIMS = [
  'channel',
  'country',
  'device_type',
  'traffic_source_id',
  'is_first_order',
  'product_id',
] as const;

/**
 * Returned orders go to the lines that came back (an order with a returned bikini and a kept hat is
 * the bikini's return), split evenly when several did; a return recorded for the whole order (no
 * line) is spread over its lines, except under a category filter, where the metric counts only
 * orders whose returned line is in the category. Each returned order still sums to one. The inner
 * select adds `wret`/`lret`, the wrapper the order's count of returned lines, the sum the share.
 */
function returnColumns(filters: Filters): Fragment {
  const whole = filters.category
    ? '0'
    : 'CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id AND r.order_item_id IS NULL) THEN 1 ELSE 0 END';
  return raw(`, ${whole} AS wret,
      CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id AND r.order_item_id = oi.order_item_id) THEN 1 ELSE 0 END AS lret`);
}
const withReturnedLines = (inner: Fragment) =>
  sql`SELECT l.*, SUM(l.lret) OVER (PARTITION BY l.order_id) AS nret FROM (${inner}) l`;
const RETURNED_ORDERS = raw(
  ', SUM(CASE WHEN t.nret > 0 THEN 1.0 * t.lret / t.nret ELSE 1.0 * t.wret / t.nl END) AS returned_orders',
);

/** Extra line-cube measures (profiles.ts EXTRA_LINE_MEASURES), by what their SQL needs. */
export interface LineCubeOptions {
  /** returned_orders. */
  returns?: boolean;
  /** discount, gross (sales before discounts) and margin (net less quantity × current cost). */
  money?: boolean;
  /** customers (each counted once over their orders in the period) and new_customers. */
  customers?: boolean;
}

/**
 * Order-line cube: per period × channel × country × device × traffic source × new/returning × product,
 * net sales, units, lines, fractional orders (and fractional returned orders, discounts, gross sales,
 * margin and fractional customers when asked). A customer's lines share one customer: each line
 * carries 1 / lines of its order / orders of its customer in that period, so customers sum to the
 * distinct count over any set of leaves holding all of a customer's orders, and to the exact total.
 */
export function lineCubeQuery(
  a: Span,
  b: Span,
  filters: Filters,
  opts: LineCubeOptions = {},
): { fragment: Fragment; caveats: string[] } {
  const scoped = orderConditions(filters, { lines: true });
  const money = opts.money
    ? raw(', oi.discount AS disc, (oi.quantity * oi.unit_price) AS gross, (oi.quantity * p.cost) AS cogs')
    : raw('');
  const costJoin = opts.money ? raw(' JOIN products p ON p.product_id = oi.product_id') : raw('');
  const user = opts.customers ? raw(', o.user_id') : raw('');
  const inner = sql`SELECT ${periodFlag('o.order_date', b)} AS pb, o.order_id, o.channel, o.country, o.device_type, o.traffic_source_id,
      o.is_first_order, oi.product_id, (oi.quantity * oi.unit_price - oi.discount) AS net, oi.quantity AS qty,
      COUNT(*) OVER (PARTITION BY o.order_id) AS nl${opts.returns ? returnColumns(filters) : raw('')}${money}${user}
    FROM orders o JOIN order_items oi ON oi.order_id = o.order_id${costJoin}
    WHERE ${and([inEither('o.order_date', a, b), NOT_CANCELLED, ...scoped.conds])}`;
  let rows = opts.returns ? withReturnedLines(inner) : inner;
  if (opts.customers) rows = withCustomerOrders(rows);
  const extra = raw(
    (opts.returns ? RETURNED_ORDERS.sql : '') +
      (opts.money ? ', SUM(t.disc) AS discount, SUM(t.gross) AS gross, SUM(t.net - t.cogs) AS margin' : '') +
      (opts.customers
        ? ', SUM(1.0 / t.nl / t.uo) AS customers, SUM(CASE WHEN t.is_first_order = 1 THEN 1.0 / t.nl ELSE 0 END) AS new_customers'
        : ''),
  );
  const fragment = sql`SELECT t.pb, t.channel, t.country, t.device_type, t.traffic_source_id, t.is_first_order, t.product_id,
      SUM(t.net) AS net, SUM(t.qty) AS units, COUNT(*) AS line_count, SUM(1.0 / t.nl) AS orders${extra}
    FROM (${rows}) t
    GROUP BY t.pb, t.channel, t.country, t.device_type, t.traffic_source_id, t.is_first_order, t.product_id`;
  return { fragment, caveats: scoped.caveats };
}

/** Adds `uo`, the customer's orders in the line's period (its lines' 1/nl sum to one per order). */
const withCustomerOrders = (inner: Fragment) =>
  sql`SELECT c.*, SUM(1.0 / c.nl) OVER (PARTITION BY c.user_id, c.pb) AS uo FROM (${inner}) c`;

/**
 * Refunds by return date, in the line cube's leaves (the returned order's channel, country, device,
 * source, new/returning and the returned line's product): a return recorded for a whole order is
 * spread evenly over the order's lines. The rows merge into the line cube's leaves as a `refunds`
 * measure (its other measures 0 there), so a refund is counted in the period it was paid in.
 */
export function refundCubeQuery(a: Span, b: Span, filters: Filters): { fragment: Fragment; caveats: string[] } {
  const scoped = orderConditions(filters, { lines: true });
  const inner = sql`SELECT ${periodFlag('r.return_date', b)} AS pb, r.return_id, o.channel, o.country, o.device_type,
      o.traffic_source_id, o.is_first_order, oi.product_id, r.refund_amount,
      COUNT(*) OVER (PARTITION BY r.return_id) AS nl
    FROM returns r JOIN orders o ON o.order_id = r.order_id
      JOIN order_items oi ON oi.order_id = o.order_id AND (r.order_item_id IS NULL OR oi.order_item_id = r.order_item_id)
    WHERE ${and([inEither('r.return_date', a, b), ...scoped.conds])}`;
  const fragment = sql`SELECT t.pb, t.channel, t.country, t.device_type, t.traffic_source_id, t.is_first_order, t.product_id,
      SUM(1.0 * t.refund_amount / t.nl) AS refunds
    FROM (${inner}) t
    GROUP BY t.pb, t.channel, t.country, t.device_type, t.traffic_source_id, t.is_first_order, t.product_id`;
  return { fragment, caveats: scoped.caveats };
}

/**
 * Own-site session cube: per period × traffic source × country × device. One grouped range scan per
 * period, stacked: half the work of flagging the period row by row over both (measured on MariaDB).
 */
export function sessionCubeQuery(a: Span, b: Span, filters: Filters): { fragment: Fragment; caveats: string[] } {
  const scoped = sessionConditions(filters);
  const one = (p: Span, flag: number) => {
    const [lo, hi] = bounds(p);
    return sql`SELECT ${raw(String(flag))} AS pb, v.source_id, v.country, v.device_type, COUNT(*) AS sessions FROM visit_logs v
      WHERE ${and([sql`v.visit_time >= ${lo} AND v.visit_time < ${hi}`, ...scoped.conds])}
      GROUP BY v.source_id, v.country, v.device_type`;
  };
  return { fragment: sql`${one(b, 1)} UNION ALL ${one(a, 0)}`, caveats: scoped.caveats };
}

/**
 * Run-rate cube: the order lines of the weeks before the period, by channel × country × traffic
 * source × product (the dimensions events are named in), one bucket; solo_lines counts the lines
 * that were their order's only line (a stocked-out one loses the order), returned_orders (on a
 * return-rate question) the returned orders as the period cube splits them. An event that starts in the
 * period is held to its segment's share of the unaffected rest over these weeks: four months
 * average out the noise one comparison month carries.
 */
export function runRateCubeQuery(
  p: Span,
  filters: Filters,
  opts: { returns?: boolean } = {},
): { fragment: Fragment; caveats: string[] } {
  const scoped = orderConditions(filters, { lines: true });
  const [lo, hi] = bounds(p);
  const inner = sql`SELECT o.order_id, o.channel, o.country, o.traffic_source_id, oi.product_id, (oi.quantity * oi.unit_price - oi.discount) AS net, oi.quantity AS qty,
      COUNT(*) OVER (PARTITION BY o.order_id) AS nl${opts.returns ? returnColumns(filters) : raw('')}
    FROM orders o JOIN order_items oi ON oi.order_id = o.order_id
    WHERE ${and([sql`o.order_date >= ${lo} AND o.order_date < ${hi}`, NOT_CANCELLED, ...scoped.conds])}`;
  const fragment = sql`SELECT 0 AS pb, t.channel, t.country, t.traffic_source_id, t.product_id,
      SUM(t.net) AS net, SUM(t.qty) AS units, COUNT(*) AS line_count, SUM(1.0 / t.nl) AS orders,
      SUM(CASE WHEN t.nl = 1 THEN 1 ELSE 0 END) AS solo_lines${opts.returns ? RETURNED_ORDERS : raw('')}
    FROM (${opts.returns ? withReturnedLines(inner) : inner}) t
    GROUP BY t.channel, t.country, t.traffic_source_id, t.product_id`;
  return { fragment, caveats: scoped.caveats };
}

/** Product → SKU, sub-category, top category, launch day (the catalogue is small: one read). */
export const PRODUCTS_SQL = `SELECT p.product_id, p.sku, p.create_time, c2.category_name AS subcategory,
  COALESCE(c1.category_name, c2.category_name) AS category
  FROM products p LEFT JOIN product_categories c2 ON c2.category_id = p.category_id
  LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id`;

export const SOURCES_SQL = `SELECT ts.source_id, ts.source_name, ts.source_type, ts.campaign_id FROM traffic_sources ts`;
