// The few places where SQLite and MySQL/MariaDB spell things differently. Every helper returns
// text that yields the same value on both engines: dates as 'YYYY-MM-DD' strings, day counts as integers.
import type { Engine } from '../../db/types.ts';
import { raw, sql, type Fragment } from './fragment.ts';

export type Dialect = Engine;

export type Grain = 'day' | 'week' | 'month' | 'quarter';

/** Calendar day of a DATE/DATETIME column, as 'YYYY-MM-DD'. */
export function dayOf(d: Dialect, col: Fragment): Fragment {
  return d === 'sqlite' ? sql`substr(${col}, 1, 10)` : sql`DATE_FORMAT(${col}, '%Y-%m-%d')`;
}

/** First day of the month, as 'YYYY-MM-01'. */
export function monthOf(d: Dialect, col: Fragment): Fragment {
  return d === 'sqlite' ? sql`(substr(${col}, 1, 7) || '-01')` : sql`DATE_FORMAT(${col}, '%Y-%m-01')`;
}

/** Monday of the ISO week, as 'YYYY-MM-DD'. */
export function weekOf(d: Dialect, col: Fragment): Fragment {
  // SQLite: 'weekday 0' moves forward to Sunday (or stays), six days back is that week's Monday.
  return d === 'sqlite'
    ? sql`date(${col}, 'weekday 0', '-6 days')`
    : sql`DATE_FORMAT(DATE_SUB(DATE(${col}), INTERVAL WEEKDAY(${col}) DAY), '%Y-%m-%d')`;
}

/** First day of the calendar quarter, as 'YYYY-01-01', 'YYYY-04-01', 'YYYY-07-01' or 'YYYY-10-01'. */
export function quarterOf(d: Dialect, col: Fragment): Fragment {
  const first = (month: Fragment) =>
    sql`CASE WHEN ${month} <= 3 THEN '01' WHEN ${month} <= 6 THEN '04' WHEN ${month} <= 9 THEN '07' ELSE '10' END`;
  return d === 'sqlite'
    ? sql`(substr(${col}, 1, 5) || ${first(sql`CAST(substr(${col}, 6, 2) AS INTEGER)`)} || '-01')`
    : sql`CONCAT(DATE_FORMAT(${col}, '%Y-'), ${first(sql`MONTH(${col})`)}, '-01')`;
}

export function bucket(d: Dialect, grain: Grain, col: Fragment): Fragment {
  if (grain === 'day') return dayOf(d, col);
  if (grain === 'week') return weekOf(d, col);
  if (grain === 'quarter') return quarterOf(d, col);
  return monthOf(d, col);
}

/** The date `days` days after (negative: before) the day of `col`, as a date value comparable with DATETIME text. */
export function addDays(d: Dialect, col: Fragment, days: number | Fragment): Fragment {
  const n = typeof days === 'number' ? sql`${Math.trunc(days)}` : days;
  return d === 'sqlite'
    ? sql`date(${col}, (${n}) || ' days')`
    : sql`DATE_FORMAT(DATE_ADD(DATE(${col}), INTERVAL (${n}) DAY), '%Y-%m-%d')`;
}

/** Whole calendar days from the day of `from` to the day of `to` (time of day ignored). */
export function daysBetween(d: Dialect, from: Fragment, to: Fragment): Fragment {
  return d === 'sqlite'
    ? sql`CAST(julianday(substr(${to}, 1, 10)) - julianday(substr(${from}, 1, 10)) AS INTEGER)`
    : sql`DATEDIFF(${to}, ${from})`;
}

/** Smaller / larger of two scalars (SQLite's two-argument MIN/MAX are scalar functions). */
export function least(d: Dialect, a: Fragment, b: Fragment): Fragment {
  return d === 'sqlite' ? sql`MIN(${a}, ${b})` : sql`LEAST(${a}, ${b})`;
}

export function greatest(d: Dialect, a: Fragment, b: Fragment): Fragment {
  return d === 'sqlite' ? sql`MAX(${a}, ${b})` : sql`GREATEST(${a}, ${b})`;
}

/** Case-insensitive equality on text: MySQL's collation already ignores case, SQLite's `=` does not. */
export function textEquals(col: Fragment, value: string): Fragment {
  return sql`LOWER(${col}) = LOWER(${value})`;
}

/** Numeric division that never truncates (SQLite divides integers as integers) and is NULL on zero. */
export function ratio(num: Fragment, den: Fragment): Fragment {
  return sql`(1.0 * ${num} / NULLIF(${den}, 0))`;
}

/** Quoted identifier from an allowlist. */
export function ident(d: Dialect, name: string): Fragment {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return raw(d === 'sqlite' ? `"${name}"` : `\`${name}\``);
}
