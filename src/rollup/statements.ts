// What each rollup table holds, as INSERT … SELECT from the base tables. The measures are the components of
// src/tools/metrics.ts computed once per day and group: orders are non-cancelled orders by order day, lines
// their order lines, returns every return by return day (refunds count whatever the order's status), sessions
// own-website visits by visit day.
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
  from: string;
  where: string[];
  /** Grouping expressions after the day. */
  keys: string[];
  measures: string[];
}

const SELECTS: Record<RollupTable['grain'], Select> = {
  order: {
    dateCol: 'o.order_date',
    from: 'orders o',
    where: [`o.order_status <> 'cancelled'`],
    keys: ORDER_DIM_SQL,
    measures: [
      'COUNT(*)', 'SUM(o.total_amount)', 'SUM(o.total_amount + o.discount_amount)', 'SUM(o.discount_amount)',
      // An order counts once however many of its items came back, whenever they came back.
      'SUM(CASE WHEN EXISTS (SELECT 1 FROM returns rr WHERE rr.order_id = o.order_id) THEN 1 ELSE 0 END)',
    ],
  },
  line: {
    dateCol: 'o.order_date',
    from: 'orders o JOIN order_items oi ON oi.order_id = o.order_id',
    where: [`o.order_status <> 'cancelled'`],
    keys: [...ORDER_DIM_SQL, 'oi.product_id'],
    measures: [
      'COUNT(*)', 'SUM(oi.quantity)', 'SUM(oi.quantity * oi.unit_price - oi.discount)', 'SUM(oi.quantity * oi.unit_price)',
      'SUM(oi.discount)',
    ],
  },
  return: {
    dateCol: 'r.return_date',
    from: 'returns r JOIN orders o ON o.order_id = r.order_id LEFT JOIN order_items oi ON oi.order_item_id = r.order_item_id',
    where: [],
    keys: [...ORDER_DIM_SQL, 'oi.product_id'],
    measures: ['COUNT(*)', 'SUM(r.refund_amount)'],
  },
  session: {
    dateCol: 'v.visit_time',
    from: 'visit_logs v',
    where: [],
    keys: ['v.country', 'v.device_type', 'v.source_id'],
    measures: ['COUNT(*)'],
  },
};

/** Fills `ref` with the table's rows for the days in `range` (all days when absent). */
export function insertSql(t: RollupTable, engine: Engine, ref: string, range?: DayRange): { sql: string; params: unknown[] } {
  const s = SELECTS[t.grain];
  const where = [...s.where, ...(range ? [`${s.dateCol} >= ? AND ${s.dateCol} < ?`] : [])];
  const select = [dayOf(engine, s.dateCol), ...s.keys, ...s.measures];
  if (select.length !== t.columns.length) throw new Error(`rollup ${t.name}: ${select.length} expressions for ${t.columns.length} columns`);
  const groupBy = [dayOf(engine, s.dateCol), ...s.keys].map((_, i) => i + 1).join(', ');
  const q = (c: string) => (engine === 'mysql' ? `\`${c}\`` : `"${c}"`);
  const sql = `INSERT INTO ${ref} (${t.columns.map((c) => q(c.name)).join(', ')}) SELECT ${select.join(', ')} ` +
    `FROM ${s.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY ${groupBy}`;
  return { sql, params: range ? [range.from, range.to] : [] };
}

/** Removes the table's rows for the days in `range`. */
export function deleteSql(ref: string, range: DayRange): { sql: string; params: unknown[] } {
  return { sql: `DELETE FROM ${ref} WHERE day >= ? AND day < ?`, params: [range.from, range.to] };
}

/** Days touched by base rows past the watermark's ids: new orders, visits and returns (on both of their days). */
export function dirtyDaysSql(engine: Engine): string {
  const d = (c: string) => dayOf(engine, c);
  return [
    `SELECT DISTINCT ${d('o.order_date')} AS day FROM orders o WHERE o.order_id > ?`,
    `SELECT DISTINCT ${d('o.order_date')} FROM returns r JOIN orders o ON o.order_id = r.order_id WHERE r.return_id > ?`,
    `SELECT DISTINCT ${d('r.return_date')} FROM returns r WHERE r.return_id > ?`,
    `SELECT DISTINCT ${d('v.visit_time')} FROM visit_logs v WHERE v.log_id > ?`,
  ].join(' UNION ') + ' ORDER BY 1';
}

/** How far the base tables go: ids for the next refresh, the last order day for coverage. */
export const HIGH_MARKS_SQL =
  'SELECT (SELECT MAX(order_id) FROM orders) AS orders_max_id, (SELECT MAX(return_id) FROM returns) AS returns_max_id, ' +
  '(SELECT MAX(log_id) FROM visit_logs) AS visits_max_id, (SELECT MAX(order_date) FROM orders) AS last_order';
