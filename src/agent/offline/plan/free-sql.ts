// A free-SQL shape (see understand/free-shape.ts) turned into one aggregate SELECT for run_sql. Built from the
// shape and the resolved intent, never from the question text; values placed in the SQL come from the
// lexicon's closed vocabulary only, except a product's name, which SAFE_NAME holds to letters, digits, spaces,
// hyphens and ampersands before it is escaped.
import { addDaysTo } from '../../../calendar/index.ts';
import type { Filters, FreeShape, Intent } from '../intent.ts';
import { SAFE_NAME } from '../understand/product-name.ts';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

interface Built {
  sql: string;
  /** Filters of the intent the query could not apply. */
  unapplied: (keyof Filters)[];
}

/** Orders-level filters as conditions on alias `o`. */
function orderConds(f: Filters, applied: Set<keyof Filters>): string[] {
  const out: string[] = [];
  const add = (key: keyof Filters, cond: string) => {
    out.push(cond);
    applied.add(key);
  };
  if (f.channel) add('channel', `o.channel = ${lit(f.channel)}`);
  if (f.country) add('country', `o.country = ${lit(f.country)}`);
  if (f.device) add('device', `o.device_type = ${lit(f.device)}`);
  if (f.customer_type) add('customer_type', `o.is_first_order = ${f.customer_type === 'new' ? 1 : 0}`);
  return out;
}

/** The orders column of each slot a question can leave out. */
const EXCLUDE_COLUMN = { channel: 'channel', country: 'country', device: 'device_type' } as const;

/** Orders that stand, placed in the period [lo, hi). */
const standing = (lo: string, hi: string) => [
  `o.order_date >= ${lit(lo)}`,
  `o.order_date < ${lit(hi)}`,
  `o.order_status <> 'cancelled'`,
];

const needsOrders = (f: Filters) => Boolean(f.channel || f.country || f.device || f.customer_type);

/** Net sales and orders per calendar quarter. Month text compares the same on SQLite and MariaDB; no date function is portable across both. */
function quarterSql(lo: string, hi: string, conds: string[]): string {
  const month = 'SUBSTR(o.order_date, 6, 2)';
  const quarter = `CASE WHEN ${month} <= '03' THEN 'Q1' WHEN ${month} <= '06' THEN 'Q2' WHEN ${month} <= '09' THEN 'Q3' ELSE 'Q4' END`;
  const where = [...standing(lo, hi), ...conds];
  return `SELECT SUBSTR(o.order_date, 1, 4) AS year, ${quarter} AS quarter, ROUND(SUM(o.total_amount), 2) AS net_sales, COUNT(*) AS orders FROM orders o WHERE ${where.join(' AND ')} GROUP BY SUBSTR(o.order_date, 1, 4), ${quarter} ORDER BY year, quarter`;
}

/** One total of the orders that stand, with the value the question leaves out as a condition of its own. */
function salesSql(lo: string, hi: string, i: Intent, conds: string[]): string {
  const where = [
    ...standing(lo, hi),
    ...conds,
    ...(i.exclude ? [`o.${EXCLUDE_COLUMN[i.exclude.slot]} <> ${lit(i.exclude.value)}`] : []),
  ];
  return `SELECT ROUND(SUM(o.total_amount), 2) AS net_sales, COUNT(*) AS orders, ROUND(SUM(o.total_amount) / COUNT(*), 2) AS aov FROM orders o WHERE ${where.join(' AND ')}`;
}

/**
 * One product's own net sales, units and orders on orders that stand, matched by its name in either case. A name
 * holding anything but letters, digits, spaces, hyphens and ampersands matches nothing.
 */
function productSql(lo: string, hi: string, name: string, conds: string[]): string {
  const where = [
    ...standing(lo, hi),
    SAFE_NAME.test(name) ? `LOWER(p.product_name) = LOWER(${lit(name)})` : '1 = 0',
    ...conds,
  ];
  return `SELECT ROUND(SUM(oi.quantity * oi.unit_price - oi.discount), 2) AS net_sales, SUM(oi.quantity) AS units, COUNT(DISTINCT o.order_id) AS orders FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id WHERE ${where.join(' AND ')}`;
}

/** One portable aggregate SELECT (SQLite and MySQL/MariaDB): ISO date strings compare as dates on both. */
export function buildFreeSql(shape: FreeShape, i: Intent): Built {
  const lo = i.period.start;
  const hi = addDaysTo(i.period.end, 1);
  const f = i.filters;
  const applied = new Set<keyof Filters>();
  const order = i.order === 'bottom' ? 'ASC' : 'DESC';
  const limit = shape.by === 'product' ? ` LIMIT ${i.topN ?? 10}` : '';
  let sql: string;

  if (shape.subject === 'reviews') {
    const joins: string[] = [];
    const conds = [`r.review_date >= ${lit(lo)}`, `r.review_date < ${lit(hi)}`];
    const byCat = shape.by === 'category' || shape.by === 'subcategory' || shape.by === 'product' || f.category;
    if (byCat) {
      joins.push(
        'JOIN products p ON p.product_id = r.product_id',
        'JOIN product_categories c2 ON c2.category_id = p.category_id',
        'LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id',
      );
    }
    if (f.category) {
      conds.push(`(c2.category_name = ${lit(f.category)} OR c1.category_name = ${lit(f.category)})`);
      applied.add('category');
    }
    if (needsOrders(f)) {
      joins.push('JOIN orders o ON o.order_id = r.order_id');
      conds.push(...orderConds(f, applied));
    }
    const key = {
      category: 'c1.category_name',
      subcategory: 'c2.category_name',
      product: 'p.product_name',
      rating: 'r.rating',
    } as Record<string, string>;
    const k = shape.by ? key[shape.by] : null;
    const select = [
      ...(k ? [`${k} AS ${shape.by}`] : []),
      'ROUND(AVG(r.rating), 2) AS avg_rating',
      'COUNT(*) AS reviews',
    ];
    sql = `SELECT ${select.join(', ')} FROM reviews r${joins.length ? ' ' + joins.join(' ') : ''} WHERE ${conds.join(' AND ')}`;
    if (k)
      sql += ` GROUP BY ${k} ORDER BY ${shape.by === 'rating' ? `${k} DESC` : `avg_rating ${order}, reviews DESC`}${limit}`;
  } else if (shape.subject === 'gross_profit') {
    // Line revenue after line discounts, less the products' recorded cost, on orders that stand.
    const where = [...standing(lo, hi), ...orderConds(f, applied)];
    const revenue = 'SUM(oi.quantity * oi.unit_price - oi.discount)';
    const cost = 'SUM(oi.quantity * p.cost)';
    sql = `SELECT COUNT(DISTINCT o.order_id) AS orders, ROUND(${revenue}, 2) AS item_revenue, ROUND(${cost}, 2) AS product_cost, ROUND(${revenue} - ${cost}, 2) AS gross_profit FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id WHERE ${where.join(' AND ')}`;
  } else if (shape.subject === 'signups') {
    // Only non-personal columns: a count of accounts by registration date, country or level.
    const conds = [`u.registration_date >= ${lit(lo)}`, `u.registration_date < ${lit(hi)}`];
    if (f.country) {
      conds.push(`u.country = ${lit(f.country)}`);
      applied.add('country');
    }
    const k = shape.by === 'country' ? 'u.country' : shape.by === 'user_level' ? 'u.user_level' : null;
    sql = `SELECT ${k ? `${k} AS ${shape.by}, ` : ''}COUNT(*) AS signups FROM users u WHERE ${conds.join(' AND ')}${k ? ` GROUP BY ${k} ORDER BY signups DESC` : ''}`;
  } else if (shape.subject === 'product') {
    sql = productSql(lo, hi, shape.name ?? '', orderConds(f, applied));
  } else if (shape.subject === 'sales') {
    sql = salesSql(lo, hi, i, orderConds(f, applied));
  } else if (shape.subject === 'orders' && shape.by === 'quarter') {
    sql = quarterSql(lo, hi, orderConds(f, applied));
  } else if (shape.subject === 'orders') {
    const col = shape.by ?? 'payment_method';
    // Status splits show every order (cancelled ones are a status); a method mix counts orders that stand.
    const scoped = [
      `o.order_date >= ${lit(lo)}`,
      `o.order_date < ${lit(hi)}`,
      ...(col === 'payment_method' ? [`o.order_status <> 'cancelled'`] : []),
      ...orderConds(f, applied),
    ];
    const where = scoped.join(' AND ');
    const total = `(SELECT COUNT(*) FROM orders o WHERE ${where})`;
    const value = col === 'payment_method' ? ', ROUND(SUM(o.total_amount), 2) AS net_sales' : '';
    sql = `SELECT o.${col} AS ${col}, COUNT(*) AS orders, ROUND(COUNT(*) * 1.0 / ${total}, 4) AS share${value} FROM orders o WHERE ${where} GROUP BY o.${col} ORDER BY orders DESC`;
  } else {
    const col = shape.by ?? 'return_status';
    const joins = needsOrders(f) ? ' JOIN orders o ON o.order_id = rt.order_id' : '';
    const where = [`rt.return_date >= ${lit(lo)}`, `rt.return_date < ${lit(hi)}`, ...orderConds(f, applied)].join(
      ' AND ',
    );
    const total = `(SELECT COUNT(*) FROM returns rt${joins} WHERE ${where})`;
    sql = `SELECT rt.${col} AS ${col}, COUNT(*) AS returns, ROUND(COUNT(*) * 1.0 / ${total}, 4) AS share, ROUND(SUM(rt.refund_amount), 2) AS refunds FROM returns rt${joins} WHERE ${where} GROUP BY rt.${col} ORDER BY returns DESC`;
  }
  const unapplied = (Object.keys(f) as (keyof Filters)[]).filter((k) => f[k] !== undefined && !applied.has(k));
  return { sql, unapplied };
}
