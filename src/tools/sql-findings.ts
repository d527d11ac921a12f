// Findings for run_sql: a query the model wrote has no template to state its claims, so they are read from the
// shape of its rows. Conservative by design: one label column only, shares only over counts
// and sums of the whole result (not a LIMITed top-N, not averages or rates), extremes without the partial periods
// at the data's edges.
import { addDaysTo, addMonthsTo } from '../calendar/index.ts';
import type { Row } from '../db/types.ts';
import type { Finding } from '../protocol/index.ts';
import type { DataRange } from './types.ts';
import { extremeOf, shareOf } from './findings.ts';

const DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;
const TIME_NAME = /^(?:year_?)?(?:month|week|day|date|period|ym|quarter)(?:_start)?$|_(?:month|week|day|date)$/i;
/** Column names that say the number is not a count or a sum: no share of an average, a rate or a price. */
const NOT_ADDITIVE =
  /rate|ratio|pct|percent|share|avg|average|mean|median|aov|per_|_per\b|margin|conver|roas|roi|price|score|rating|min|max|days|age|lift|index/i;
/** A label that is itself the total (a ROLLUP or UNION row): the other rows are not shares of the sum then. */
const TOTAL_LABEL = /^(?:total|grand total|all|overall|合计|总计|全部)$/i;

const isNum = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint';

/** The SELECT-list expression that produced `column` ("SUM(net_amount)" for `AS revenue`), or the name itself. */
export function expressionOf(sql: string, column: string): string {
  const esc = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(String.raw`\bAS\s+[\`"]?${esc}[\`"]?(?![\w])`, 'i').exec(sql);
  if (!m) return column;
  let depth = 0;
  let i = m.index - 1;
  for (; i >= 0; i--) {
    const ch = sql[i]!;
    if (ch === ')') depth++;
    else if (ch === '(') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) break;
    else if (depth === 0 && /\bselect\s*$/i.test(sql.slice(Math.max(0, i - 6), i + 1))) break;
  }
  return sql
    .slice(i + 1, m.index)
    .replace(/^\s*(?:distinct\s+)?/i, '')
    .trim();
}

/** A count or a sum, by its name and the SQL that made it: shares of it add up to the whole. */
export function isAdditive(sql: string, column: string): boolean {
  if (NOT_ADDITIVE.test(column)) return false;
  const expr = expressionOf(sql, column);
  const inner = /^(?:ROUND\s*\(\s*)?(SUM|COUNT)\s*\(/i.exec(expr);
  if (!inner) return false;
  // SUM(CASE WHEN … THEN amount ELSE 0 END) still adds up; a ratio inside does not.
  return !/\/|\bAVG\s*\(|\bMIN\s*\(|\bMAX\s*\(/i.test(expr);
}

type Grain = 'day' | 'week' | 'month' | 'year';

/** The grain of a time-like label column, from its values and name; null when it is not one. */
function grainOf(column: string, labels: string[]): Grain | null {
  if (labels.every((l) => /^\d{4}$/.test(l)) && /year|yr/i.test(column)) return 'year';
  if (labels.every((l) => /^\d{4}-\d{2}$/.test(l))) return 'month';
  if (!labels.every((l) => DATE.test(l)) && !TIME_NAME.test(column)) return null;
  if (!labels.every((l) => DATE.test(l))) return null;
  if (/week/i.test(column)) return 'week';
  if (/month/i.test(column) || labels.every((l) => l.endsWith('-01'))) return 'month';
  return 'day';
}

/** Buckets the data's range cuts: the first and last month or week when the data starts or ends inside them. */
function partialOf(labels: string[], grain: Grain, data?: DataRange): string[] {
  if (!data || grain === 'day' || grain === 'year') return [];
  return labels.filter((l) => {
    const lo = l.length === 7 ? `${l}-01` : l;
    const hi = grain === 'week' ? addDaysTo(lo, 6) : addDaysTo(addMonthsTo(`${lo.slice(0, 8)}01`, 1), -1);
    return (lo < data.minDate && hi >= data.minDate) || (lo <= data.maxDate && hi > data.maxDate);
  });
}

/**
 * The findings a run_sql result's rows allow: with one label column and one or more number columns, for each number
 * column the highest and lowest row (over the periods when the label is a date, partial ones at the data's edges left
 * out) and, for a count or a sum over a complete result, each label's share of the total ("orders, share, net_sales"
 * by payment method gives shares of orders and of net sales, none of the share column itself). [] for any other
 * shape.
 */
export function sqlFindings(
  sql: string,
  columns: string[],
  rows: Row[],
  opts: { truncated: boolean; data?: DataRange },
): Finding[] {
  if (opts.truncated || rows.length < 2) return [];
  const numeric = columns.filter((c) => rows.every((r) => isNum(r[c]) || r[c] === null));
  const labels = columns.filter((c) => !numeric.includes(c));
  if (!numeric.length || labels.length !== 1) return [];
  const label = labels[0]!;
  if (rows.some((r) => r[label] === null || r[label] === undefined || typeof r[label] === 'object')) return [];
  const names = rows.map((r) => String(r[label]));
  if (new Set(names).size !== names.length) return [];
  const grain = grainOf(label, names);
  const partial = grain ? partialOf(names, grain, opts.data) : [];
  // A share needs the whole: no top-N, no HAVING, no total row among the parts.
  const whole =
    !grain &&
    !/\bLIMIT\b|\bHAVING\b|\bTOP\s+\d|\bFETCH\s+FIRST\b|\bROLLUP\b/i.test(sql) &&
    !names.some((n) => TOTAL_LABEL.test(n.trim()));
  return numeric.flatMap((value) => columnFindings(sql, rows, label, value, { grain, partial, whole }));
}

/** One number column's extremes and, when it adds up over the whole result with no negative part, its shares. */
function columnFindings(
  sql: string,
  rows: Row[],
  label: string,
  value: string,
  o: { grain: Grain | null; partial: string[]; whole: boolean },
): Finding[] {
  const shaped = rows.map((r) => ({ [label]: String(r[label]), [value]: r[value] === null ? null : Number(r[value]) }));
  const out = extremeOf(shaped, label, value, { metric: value, over: o.grain ?? label, partial: o.partial });
  if (!o.whole || !isAdditive(sql, value)) return out;
  const values = shaped.map((r) => r[value] as number | null);
  if (!values.every((v) => v !== null && v >= 0)) return out;
  const total = values.reduce((a: number, b) => a + (b ?? 0), 0);
  return [...out, ...shareOf(shaped, label, value, total, { metric: value })];
}
