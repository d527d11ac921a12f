// What each rollup table holds, as INSERT … SELECT from the base tables. The measures are the components of
// src/tools/metrics.ts computed once per day and group: orders are non-cancelled orders by order day, lines
// their order lines, returns every return by return day (refunds count whatever the order's status), sessions
// own-website visits by visit day. The evidence tables serve explain_change's detectors: reviews by the day of
// the order they review, each product's closing stock per day, and campaign-attributed orders per day.
import type { Engine } from '../db/types.ts';
import { ORDER_DIMS, type RollupTable } from '../warehouse/rollup-schema.ts';

/** Half-open range of days, 'YYYY-MM-DD': from ≤ day < to. */
export interface DayRange {
  from: string;
  to: string;
}

const dayOf = (e: Engine, col: string) => (e === 'sqlite' ? `substr(${col}, 1, 10)` : `DATE(${col})`);

const ORDER_DIM_SQL = ORDER_DIMS.map((c) => `o.${c.name}`);

interface Select {
  /** The base column that dates a row. */
  dateCol: string;
  /** The same date as the grouping reads it, when `wrap` renames it. */
  dayCol?: string;
  from: string;
  /** Wraps the filtered rows (a derived table) before grouping: for per-order or per-day window measures. */
  wrap?: (where: string, engine: Engine) => string;
  /** How many times `wrap` writes the conditions (each takes the day range's parameters); 1 when absent. */
  wrapUses?: number;
  /** Instead of `from`/`wrap`: the rows to group for the days of `range` (all when absent), with their parameters. */
  ranged?: (engine: Engine, range?: DayRange) => { from: string; params: unknown[] };
  where: string[];
  /** Grouping expressions after the day. */
  keys: string[];
  measures: string[];
}

// Which lines of an order came back, and whether a return names the whole order: explain_change spreads a
// returned order over its returned lines (or over all its lines for a whole-order return).
const EXPLAIN_RETURN_FLAGS =
  'CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id AND r.order_item_id IS NULL) ' +
  'THEN 1 ELSE 0 END AS wret, ' +
  'CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id AND r.order_item_id = oi.order_item_id) ' +
  'THEN 1 ELSE 0 END AS lret';

const SELECTS: Record<RollupTable['grain'], Select> = {
  order: {
    dateCol: 'o.order_date',
    dayCol: 't.order_date',
    from: 'orders o',
    where: [`o.order_status <> 'cancelled'`],
    // Per order first (its lines' units and net, whether anything came back), then grouped: one row per order.
    wrap: (where) =>
      `(SELECT o.order_date, ${ORDER_DIM_SQL.join(', ')}, o.total_amount, o.discount_amount, ` +
      '(SELECT SUM(oi.quantity) FROM order_items oi WHERE oi.order_id = o.order_id) AS li_units, ' +
      '(SELECT SUM(oi.quantity * oi.unit_price - oi.discount) FROM order_items oi ' +
      'WHERE oi.order_id = o.order_id) AS li_net, ' +
      // An order counts once however many of its items came back, whenever they came back.
      'CASE WHEN EXISTS (SELECT 1 FROM returns rr WHERE rr.order_id = o.order_id) THEN 1 ELSE 0 END AS returned ' +
      `FROM orders o${where}) t`,
    keys: ORDER_DIMS.map((c) => `t.${c.name}`),
    measures: [
      'COUNT(*)',
      'SUM(t.total_amount)',
      'SUM(t.total_amount + t.discount_amount)',
      'SUM(t.discount_amount)',
      'SUM(t.returned)',
      'COALESCE(SUM(t.li_units), 0)',
      'COALESCE(SUM(t.li_net), 0)',
    ],
  },
  line: {
    dateCol: 'o.order_date',
    dayCol: 't.order_date',
    from: 'orders o JOIN order_items oi ON oi.order_id = o.order_id',
    where: [`o.order_status <> 'cancelled'`],
    wrap: (where) =>
      `(SELECT l.*, SUM(l.lret) OVER (PARTITION BY l.order_id) AS nret FROM (SELECT o.order_id, o.order_date, ` +
      `${ORDER_DIM_SQL.join(', ')}, oi.product_id, oi.quantity, oi.unit_price, oi.discount, ` +
      'COUNT(*) OVER (PARTITION BY o.order_id) AS nl, ' +
      `${EXPLAIN_RETURN_FLAGS} FROM orders o JOIN order_items oi ON oi.order_id = o.order_id${where}) l) t`,
    keys: [...ORDER_DIMS.map((c) => `t.${c.name}`), 't.product_id'],
    measures: [
      'COUNT(*)',
      'SUM(t.quantity)',
      'SUM(t.quantity * t.unit_price - t.discount)',
      'SUM(t.quantity * t.unit_price)',
      'SUM(t.discount)',
      // explain_change's order-line cube (src/tools/explain/cube-sql.ts), written the same way so the sums match.
      'SUM(1.0 / t.nl)',
      'SUM(CASE WHEN t.nl = 1 THEN 1 ELSE 0 END)',
      'SUM(CASE WHEN t.nret > 0 THEN 1.0 * t.lret / t.nret ELSE 1.0 * t.wret / t.nl END)',
      'SUM(t.lret)',
    ],
  },
  return: {
    dateCol: 'r.return_date',
    from:
      'returns r JOIN orders o ON o.order_id = r.order_id ' +
      'LEFT JOIN order_items oi ON oi.order_item_id = r.order_item_id',
    where: [],
    keys: [...ORDER_DIM_SQL, 'oi.product_id', 'r.return_reason'],
    measures: ['COUNT(*)', 'SUM(r.refund_amount)'],
  },
  session: {
    dateCol: 'v.visit_time',
    dayCol: 't.visit_time',
    from: 'visit_logs v',
    where: [],
    // Per session first: the funnel's steps as 0/1 flags, probed as the base funnel probes them.
    wrap: (where, engine) =>
      `(SELECT v.visit_time, v.country, v.device_type, v.source_id, ${reached('view')} AS viewed, ` +
      `${reached('add_to_cart')} AS carted, ${purchasedFlags(engine)} FROM visit_logs v${where}) t`,
    keys: ['t.country', 't.device_type', 't.source_id'],
    measures: [
      'COUNT(*)',
      'SUM(t.viewed)',
      'SUM(t.carted)',
      'SUM(t.near_order)',
      'SUM(CASE WHEN t.near_order = 0 AND t.any_order = 1 THEN 1 ELSE 0 END)',
    ],
  },
  review: {
    dateCol: 'o.order_date',
    from: 'reviews rv JOIN orders o ON o.order_id = rv.order_id',
    where: [],
    keys: ['rv.product_id'],
    measures: ['COUNT(*)', 'COALESCE(SUM(rv.rating), 0)', 'COALESCE(SUM(rv.rating * rv.rating), 0)'],
  },
  stock: {
    dateCol: 'ir.change_date',
    dayCol: 't.change_date',
    from: 'inventory_records ir',
    where: [],
    // The day's last record (by time, then id: the order the stock-out detector reads them in) sets its close.
    wrap: (where, engine) =>
      '(SELECT ir.product_id, ir.change_date, ir.stock_after, ROW_NUMBER() OVER (PARTITION BY ir.product_id, ' +
      `${dayOf(engine, 'ir.change_date')} ORDER BY ir.change_date DESC, ir.record_id DESC) AS rn ` +
      `FROM inventory_records ir${where}) t`,
    keys: ['t.product_id'],
    measures: [
      'MAX(CASE WHEN t.rn = 1 THEN t.stock_after END)',
      'SUM(CASE WHEN t.stock_after = 0 THEN 1 ELSE 0 END)',
      'SUM(CASE WHEN t.stock_after <= 0 THEN 1 ELSE 0 END)',
    ],
  },
  campaign: {
    dateCol: 'o.order_date',
    from: 'order_campaign_map m JOIN orders o ON o.order_id = m.order_id',
    where: [`o.order_status <> 'cancelled'`],
    keys: ['m.campaign_id'],
    measures: ['COUNT(*)'],
  },
  campaign_line: {
    dateCol: 'o.order_date',
    from: 'order_campaign_map m JOIN orders o ON o.order_id = m.order_id JOIN order_items oi ON oi.order_id = o.order_id',
    where: [`o.order_status <> 'cancelled'`],
    keys: ['m.campaign_id', 'oi.product_id'],
    // As campaign_performance's base attribution sums them (src/tools/campaign-performance.ts).
    measures: ['SUM(oi.quantity)', 'SUM(oi.quantity * oi.unit_price - oi.discount)', 'SUM(oi.discount)'],
  },
  product: {
    dateCol: 'o.order_date',
    dayCol: 't.order_date',
    from: 'orders o',
    where: [`o.order_status <> 'cancelled'`],
    // The lines, each with its order if one of its own returns names it; then the returned orders whose return
    // names no line (the base path's returns ⟕ order_items leaves their product empty).
    wrap: (where) =>
      '(SELECT o.order_date, oi.product_id, o.channel, oi.quantity, oi.quantity * oi.unit_price - oi.discount AS net, ' +
      'oi.quantity * oi.unit_price AS gross, oi.discount AS disc, o.order_id AS line_order, CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id ' +
      'AND r.order_item_id = oi.order_item_id) THEN o.order_id END AS returned_order ' +
      `FROM orders o JOIN order_items oi ON oi.order_id = o.order_id${where} UNION ALL ` +
      'SELECT o.order_date, NULL, o.channel, 0, 0, 0, 0, NULL, o.order_id FROM returns r JOIN orders o ON o.order_id = r.order_id ' +
      `LEFT JOIN order_items oi ON oi.order_item_id = r.order_item_id${where} AND oi.order_item_id IS NULL) t`,
    wrapUses: 2,
    keys: ['t.product_id', 't.channel'],
    measures: [
      'SUM(t.quantity)',
      'SUM(t.net)',
      'COUNT(DISTINCT t.line_order)',
      'COUNT(DISTINCT t.returned_order)',
      'SUM(t.gross)',
      'SUM(t.disc)',
    ],
  },
  channel: {
    dateCol: 'o.order_date',
    from: 'orders o',
    where: [`o.order_status <> 'cancelled'`],
    keys: ['o.channel'],
    measures: ['SUM(o.total_amount)'],
  },
  first_order: {
    dateCol: 'f.order_date',
    dayCol: 't.order_date',
    from: 'orders f',
    where: [`f.order_status <> 'cancelled'`, 'f.is_first_order = 1'],
    // The next non-cancelled order after the first (by time, then id: cohort_retention's LEAD order).
    wrap: (where, engine) =>
      `(SELECT f.order_date, f.channel, f.country, ${gapDays(engine)} AS gap FROM orders f${where}) t`,
    keys: [
      't.channel',
      't.country',
      'CASE WHEN t.gap <= 7 THEN 7 WHEN t.gap <= 30 THEN 30 WHEN t.gap <= 90 THEN 90 ELSE 0 END',
    ],
    measures: ['COUNT(*)'],
  },
  category_order: {
    dateCol: 'o.order_date',
    dayCol: 't.order_date',
    from: 'orders o',
    where: [`o.order_status <> 'cancelled'`],
    // One row per order, level and category it holds a line in; returned when one of those lines has a return
    // of its own (a whole-order return names no category, as on the base path).
    wrap: (where) =>
      '(SELECT o.order_id, o.order_date, o.channel, lv.level, ' +
      `${GROUP_OF_LEVEL} AS group_id, ` +
      'MAX(CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = oi.order_id ' +
      'AND r.order_item_id = oi.order_item_id) THEN 1 ELSE 0 END) AS returned ' +
      'FROM orders o JOIN order_items oi ON oi.order_id = o.order_id JOIN products p ON p.product_id = oi.product_id ' +
      'LEFT JOIN product_categories c2 ON c2.category_id = p.category_id ' +
      `CROSS JOIN (SELECT 1 AS level UNION ALL SELECT 2) lv${where} ` +
      `GROUP BY o.order_id, o.order_date, o.channel, lv.level, ${GROUP_OF_LEVEL}) t`,
    keys: ['t.channel', 't.level', 't.group_id'],
    measures: ['COUNT(*)', 'SUM(t.returned)'],
  },
  returned_order: {
    dateCol: 'o.order_date',
    dayCol: 't.order_date',
    from: 'orders o',
    where: [`o.order_status <> 'cancelled'`],
    // Every return of the order, whatever its status, as the base statement joins them.
    wrap: (where, engine) =>
      `(SELECT o.order_date, ${ORDER_DIM_SQL.join(', ')}, rr.first_return FROM orders o ` +
      `JOIN (SELECT r.order_id, ${dayOf(engine, 'MIN(r.return_date)')} AS first_return FROM returns r ` +
      `GROUP BY r.order_id) rr ON rr.order_id = o.order_id${where}) t`,
    keys: [...ORDER_DIMS.map((c) => `t.${c.name}`), 't.first_return'],
    measures: ['COUNT(*)'],
  },
  customer: {
    dateCol: 'o.order_date',
    dayCol: 't.day',
    from: 'orders o',
    where: [],
    ranged: customerDays,
    keys: ['t.level', 't.group_id', 't.prev_day'],
    measures: ['COUNT(*)', 'SUM(t.first_order)'],
  },
};

/**
 * One row per customer, day and group they ordered in (level 0: any order; 1 and 2: a category, as
 * daily_category_orders), with the customer's previous day in that group. For some days only, the customers who
 * ordered on them are read with their whole history before the range's end (a previous day may lie anywhere
 * before), and only the range's days kept.
 */
function customerDays(engine: Engine, range?: DayRange): { from: string; params: unknown[] } {
  const day = dayOf(engine, 'o.order_date');
  const only = range
    ? ' AND o.order_date < ? AND o.user_id IN (SELECT r.user_id FROM orders r WHERE r.order_date >= ? AND r.order_date < ?)'
    : '';
  const live = `o.order_status <> 'cancelled'${only}`;
  const from =
    '(SELECT u.day, u.level, u.group_id, u.first_order, ' +
    'LAG(u.day) OVER (PARTITION BY u.user_id, u.level, u.group_id ORDER BY u.day) AS prev_day FROM (' +
    `SELECT ${day} AS day, o.user_id, 0 AS level, NULL AS group_id, MAX(o.is_first_order) AS first_order ` +
    `FROM orders o WHERE ${live} GROUP BY ${day}, o.user_id UNION ALL ` +
    `SELECT ${day}, o.user_id, lv.level, ${GROUP_OF_LEVEL}, MAX(o.is_first_order) ` +
    'FROM orders o JOIN order_items oi ON oi.order_id = o.order_id JOIN products p ON p.product_id = oi.product_id ' +
    'LEFT JOIN product_categories c2 ON c2.category_id = p.category_id ' +
    `CROSS JOIN (SELECT 1 AS level UNION ALL SELECT 2) lv WHERE ${live} ` +
    `GROUP BY ${day}, o.user_id, lv.level, ${GROUP_OF_LEVEL}) u) t${range ? ' WHERE t.day >= ?' : ''}`;
  const r = range ? [range.to, range.from, range.to] : [];
  return { from, params: range ? [...r, ...r, range.from] : [] };
}

/** Whole calendar days from a first order f to the customer's next non-cancelled order (null: none yet). */
function gapDays(engine: Engine): string {
  const next =
    `(SELECT MIN(n.order_date) FROM orders n WHERE n.user_id = f.user_id AND n.order_status <> 'cancelled' ` +
    'AND (n.order_date > f.order_date OR (n.order_date = f.order_date AND n.order_id > f.order_id)))';
  return engine === 'sqlite'
    ? `CAST(julianday(substr(${next}, 1, 10)) - julianday(substr(f.order_date, 1, 10)) AS INTEGER)`
    : `DATEDIFF(${next}, f.order_date)`;
}

const GROUP_OF_LEVEL =
  'CASE lv.level WHEN 1 THEN p.category_id ELSE COALESCE(c2.parent_category_id, p.category_id) END';

// The base funnel's probes (src/tools/funnel.ts): a session reached a step when a behaviour of that type names it.
const reached = (type: string) =>
  `CASE WHEN EXISTS (SELECT 1 FROM user_behaviors ub WHERE ub.visit_log_id = v.log_id AND ub.behavior_type = '${type}') ` +
  'THEN 1 ELSE 0 END';

/**
 * Whether the session has a non-cancelled own-website order dated on its visit day or the next (which every
 * period holding the visit counts), and whether it has one at all.
 */
function purchasedFlags(engine: Engine): string {
  const own = `o.session_id = v.session_id AND o.channel = 'own_website' AND o.order_status <> 'cancelled'`;
  const near =
    engine === 'sqlite'
      ? `o.order_date >= substr(v.visit_time, 1, 10) AND o.order_date < date(substr(v.visit_time, 1, 10), '+2 days')`
      : 'o.order_date >= DATE(v.visit_time) AND o.order_date < DATE(v.visit_time) + INTERVAL 2 DAY';
  return (
    `CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE ${own} AND ${near}) THEN 1 ELSE 0 END AS near_order, ` +
    `CASE WHEN EXISTS (SELECT 1 FROM orders o WHERE ${own}) THEN 1 ELSE 0 END AS any_order`
  );
}

/** Fills `ref` with the table's rows for the days in `range` (all days when absent). */
export function insertSql(
  t: RollupTable,
  engine: Engine,
  ref: string,
  range?: DayRange,
): { sql: string; params: unknown[] } {
  const s = SELECTS[t.grain];
  const where = [...s.where, ...(range ? [`${s.dateCol} >= ? AND ${s.dateCol} < ?`] : [])];
  const select = [dayOf(engine, s.dayCol ?? s.dateCol), ...s.keys, ...s.measures];
  if (select.length !== t.columns.length)
    throw new Error(`rollup ${t.name}: ${select.length} expressions for ${t.columns.length} columns`);
  const groupBy = [s.dateCol, ...s.keys].map((_, i) => i + 1).join(', ');
  const q = (c: string) => (engine === 'mysql' ? `\`${c}\`` : `"${c}"`);
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const custom = s.ranged?.(engine, range);
  const from = custom ? custom.from : s.wrap ? s.wrap(whereSql, engine) : `${s.from}${whereSql}`;
  const sql =
    `INSERT INTO ${ref} (${t.columns.map((c) => q(c.name)).join(', ')}) SELECT ${select.join(', ')} ` +
    `FROM ${from} GROUP BY ${groupBy}`;
  if (custom) return { sql, params: custom.params };
  return { sql, params: range ? Array.from({ length: s.wrapUses ?? 1 }, () => [range.from, range.to]).flat() : [] };
}

/** Removes the table's rows for the days in `range`. */
export function deleteSql(ref: string, range: DayRange): { sql: string; params: unknown[] } {
  return { sql: `DELETE FROM ${ref} WHERE day >= ? AND day < ?`, params: [range.from, range.to] };
}

/**
 * Days touched by base rows past the watermark's ids: new orders, visits and returns (on both of their days),
 * reviews (on their order's day), stock records, and the visit days of new behaviours and of new orders' sessions.
 */
export function dirtyDaysSql(engine: Engine): string {
  const d = (c: string) => dayOf(engine, c);
  const parts = [
    `SELECT DISTINCT ${d('o.order_date')} AS day FROM orders o WHERE o.order_id > ?`,
    `SELECT DISTINCT ${d('o.order_date')} FROM returns r JOIN orders o ON o.order_id = r.order_id ` +
      'WHERE r.return_id > ?',
    `SELECT DISTINCT ${d('r.return_date')} FROM returns r WHERE r.return_id > ?`,
    `SELECT DISTINCT ${d('v.visit_time')} FROM visit_logs v WHERE v.log_id > ?`,
    // A new customer's repeat order rewrites the day of their first order.
    `SELECT DISTINCT ${d('f.order_date')} FROM orders o JOIN orders f ON f.user_id = o.user_id ` +
      'AND f.is_first_order = 1 WHERE o.order_id > ?',
    // The funnel's flags live on the visit's day: new behaviours, and new orders of its session, rewrite it.
    `SELECT DISTINCT ${d('v.visit_time')} FROM user_behaviors ub JOIN visit_logs v ON v.log_id = ub.visit_log_id ` +
      'WHERE ub.behavior_id > ?',
    `SELECT DISTINCT ${d('v.visit_time')} FROM orders o JOIN visit_logs v ON v.session_id = o.session_id ` +
      'WHERE o.order_id > ?',
    `SELECT DISTINCT ${d('o.order_date')} FROM reviews rv JOIN orders o ON o.order_id = rv.order_id ` +
      'WHERE rv.review_id > ?',
    `SELECT DISTINCT ${d('ir.change_date')} FROM inventory_records ir WHERE ir.record_id > ?`,
    // An order dated before a customer's later orders changes their previous day (daily_customers).
    `SELECT DISTINCT ${d('n.order_date')} FROM orders o JOIN orders n ON n.user_id = o.user_id ` +
      'AND n.order_date > o.order_date WHERE o.order_id > ?',
  ];
  return `${parts.join(' UNION ')} ORDER BY 1`;
}

/** How far the base tables go: ids for the next refresh, the last order day for coverage. */
export const HIGH_MARKS_SQL =
  'SELECT (SELECT MAX(order_id) FROM orders) AS orders_max_id, ' +
  '(SELECT MAX(return_id) FROM returns) AS returns_max_id, ' +
  '(SELECT MAX(log_id) FROM visit_logs) AS visits_max_id, (SELECT MAX(review_id) FROM reviews) AS reviews_max_id, ' +
  '(SELECT MAX(behavior_id) FROM user_behaviors) AS behaviors_max_id, ' +
  '(SELECT MAX(record_id) FROM inventory_records) AS inventory_max_id, (SELECT MAX(order_date) FROM orders) AS last_order';
