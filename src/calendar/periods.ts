// Named periods ("2025-07", "2025-Q2", "2025", a day, a from/to range) and periods relative to the data's
// last day ("last_month", "ytd", "last_30_days"), resolved against the data's own calendar, never the
// wall clock, then fitted to the days the data covers (a period the data covers only partly says so).
import { TidelensError } from '../errors.ts';
import {
  addDaysTo,
  addMonthsTo,
  dayCount,
  dayParts,
  isValidDay,
  lastDayOfMonth,
  maxDay,
  minDay,
  mondayOf,
  monthStart,
  quarterOf,
} from './days.ts';

/** Inclusive first and last day, YYYY-MM-DD. */
export interface Span {
  from: string;
  to: string;
}

/** The first and last day with data (the same shape as the tools' DataRange). */
export interface DataSpan {
  minDate: string;
  maxDate: string;
}

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'range';

/** The calendar extent a name stands for, before it meets the data. */
export interface NamedPeriod extends Span {
  kind: PeriodKind;
  label: string;
}

/** A named period fitted to the data. */
export interface Period extends NamedPeriod {
  /** The calendar unit runs past the data's last day (or before its first): only part of it is covered. */
  partial: boolean;
  /** The calendar extent before fitting to the data, for like-for-like comparisons. */
  nominal: Span;
}

/** A period as the tools accept it: a name or an inclusive range. */
export type PeriodName = string | Span;

export const RELATIVE_PERIODS = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'ytd',
  'mtd',
  'qtd',
  'all',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

export const PERIOD_HELP =
  '{"from":"2025-06-01","to":"2025-06-30"} (inclusive), "2025-07", "2025-Q2", "2025", "2025-07-14", or relative ' +
  `to the last day in the data: ${RELATIVE_PERIODS.join(', ')}, last_N_days|weeks|months (e.g. last_30_days).`;

export function monthPeriod(y: number, m: number): NamedPeriod {
  const from = monthStart(y, m);
  return { from, to: lastDayOfMonth(y, m), kind: 'month', label: from.slice(0, 7) };
}

export function quarterPeriod(y: number, q: number): NamedPeriod {
  return { from: monthStart(y, q * 3 - 2), to: lastDayOfMonth(y, q * 3), kind: 'quarter', label: `${y}-Q${q}` };
}

export function yearPeriod(y: number): NamedPeriod {
  return { from: `${y}-01-01`, to: `${y}-12-31`, kind: 'year', label: String(y) };
}

export function weekPeriod(monday: string): NamedPeriod {
  return { from: monday, to: addDaysTo(monday, 6), kind: 'week', label: `week of ${monday}` };
}

/** The latest month whose last day is in the data: the default "recent month" of overviews and answers. */
export function latestFullMonth(data: Pick<DataSpan, 'maxDate'>): NamedPeriod {
  const { y, m } = dayParts(data.maxDate);
  const full = data.maxDate === lastDayOfMonth(y, m);
  return full ? monthPeriod(y, m) : monthPeriod(y, m - 1);
}

/** The latest quarter whose last day is in the data: what "last quarter" means, as "last month" is latestFullMonth. */
export function latestFullQuarter(data: Pick<DataSpan, 'maxDate'>): NamedPeriod {
  const { y, q } = quarterOf(data.maxDate);
  if (data.maxDate === lastDayOfMonth(y, q * 3)) return quarterPeriod(y, q);
  return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1);
}

/** The latest Monday-to-Sunday week whose Sunday is in the data: what "last week" means. */
export function latestFullWeek(data: Pick<DataSpan, 'maxDate'>): NamedPeriod {
  const monday = mondayOf(data.maxDate);
  return addDaysTo(monday, 6) === data.maxDate ? weekPeriod(monday) : weekPeriod(addDaysTo(monday, -7));
}

/** The label a whole calendar unit starting on `from` goes by ("2025-07", "2025-Q3", "2025"). */
export function unitLabel(kind: PeriodKind, from: string): string {
  if (kind === 'month') return from.slice(0, 7);
  if (kind === 'quarter') return `${from.slice(0, 4)}-Q${quarterOf(from).q}`;
  return from.slice(0, 4);
}

function badPeriod(spec: string): TidelensError {
  return new TidelensError('bad_input', `period "${spec}" is not understood. ${PERIOD_HELP}`);
}

/** "2025-07-14", "2025-07", "2025-Q2"/"2025q2", "2025"; null when the text is none of them. */
function absolutePeriod(s: string): NamedPeriod | null {
  let m: RegExpMatchArray | null;
  if (isValidDay(s)) return { from: s, to: s, kind: 'day', label: s };
  if ((m = s.match(/^(\d{4})-(\d{2})$/)) && +m[2]! >= 1 && +m[2]! <= 12) return monthPeriod(+m[1]!, +m[2]!);
  if ((m = s.match(/^(\d{4})-?q([1-4])$/))) return quarterPeriod(+m[1]!, +m[2]!);
  if ((m = s.match(/^(\d{4})$/))) return yearPeriod(+m[1]!);
  return null;
}

/** "last_N_days|weeks|months": N days back from the data's last day, inclusive of it. */
function trailingPeriod(s: string, end: string): NamedPeriod | null {
  const m = s.match(/^last_(\d{1,3})_(days|weeks|months)$/);
  if (!m) return null;
  const n = +m[1]!;
  if (n < 1) return null;
  const unit = m[2]!;
  const back = unit === 'days' ? n : unit === 'weeks' ? 7 * n : 0;
  const from = back ? addDaysTo(end, 1 - back) : addDaysTo(addMonthsTo(end, -n), 1);
  return { from, to: end, kind: 'range', label: `the ${n} ${unit} to ${end}` };
}

/** The calendar unit a relative name points to, counted from the data's last day. */
function relativePeriod(s: string, data: DataSpan): NamedPeriod | null {
  const end = data.maxDate;
  const { y, m } = dayParts(end);
  const { q } = quarterOf(end);
  switch (s as RelativePeriod) {
    case 'today':
      return { from: end, to: end, kind: 'day', label: `${end} (last day in the data)` };
    case 'yesterday': {
      const d = addDaysTo(end, -1);
      return { from: d, to: d, kind: 'day', label: d };
    }
    case 'this_week':
      return weekPeriod(mondayOf(end));
    // "last week/month/quarter" is the latest complete one in the data, the unit the overview shows: when the data
    // ends on a month's last day, that month is "last month" (the data's "today" is the day after it ends).
    case 'last_week':
      return latestFullWeek(data);
    case 'this_month':
    case 'mtd':
      return monthPeriod(y, m);
    case 'last_month':
      return latestFullMonth(data);
    case 'this_quarter':
    case 'qtd':
      return quarterPeriod(y, q);
    case 'last_quarter':
      return latestFullQuarter(data);
    case 'this_year':
    case 'ytd':
      return yearPeriod(y);
    case 'last_year':
      return yearPeriod(y - 1);
    case 'all':
      return { from: data.minDate, to: data.maxDate, kind: 'range', label: 'all data' };
  }
  return null;
}

/** The calendar extent a period name stands for; a bad_input error says what would be understood. */
export function namePeriod(spec: PeriodName, data: DataSpan): NamedPeriod {
  if (typeof spec !== 'string') {
    if (!isValidDay(spec.from) || !isValidDay(spec.to)) throw badPeriod(`${spec.from} to ${spec.to}`);
    if (spec.from > spec.to) {
      throw new TidelensError('bad_input', `period from ${spec.from} is after to ${spec.to}; swap them`);
    }
    return { from: spec.from, to: spec.to, kind: 'range', label: `${spec.from} to ${spec.to}` };
  }
  const s = spec.trim().toLowerCase();
  const n = absolutePeriod(s) ?? trailingPeriod(s, data.maxDate) ?? relativePeriod(s, data);
  if (!n) throw badPeriod(spec);
  return n;
}

/** The part of a named period the data covers; null when it covers none of it. */
export function fitToData(n: NamedPeriod, data: DataSpan): Period | null {
  const from = maxDay(n.from, data.minDate);
  const to = minDay(n.to, data.maxDate);
  if (from > to) return null;
  const partial = from !== n.from || to !== n.to;
  return { from, to, kind: n.kind, label: n.label, partial, nominal: { from: n.from, to: n.to } };
}

/** Resolves a period name (default: `fallback`) against the data; errors when it has no data at all. */
export function resolvePeriod(
  spec: PeriodName | undefined,
  data: DataSpan,
  fallback: PeriodName = 'last_30_days',
): Period {
  const n = namePeriod(spec ?? fallback, data);
  const p = fitToData(n, data);
  if (!p) {
    throw new TidelensError(
      'bad_input',
      `period ${n.label} (${n.from} to ${n.to}) has no data: the data covers ${data.minDate} to ${data.maxDate}. ` +
        'Pick a period inside it.',
    );
  }
  return p;
}

/** What to tell the user about a period the data covers only partly (its last part, or its first); else null. */
export function partialNote(p: Period, data: DataSpan): string | null {
  if (!p.partial) return null;
  if (p.to < p.nominal.to) {
    return `${p.label} is partial: the data ends on ${data.maxDate}, so it covers ${p.from} to ${p.to} only`;
  }
  return `the period starts before the data (first day ${data.minDate}), so it covers ${p.from} to ${p.to}`;
}

/** Day count of a period. */
export function periodDays(p: Span): number {
  return dayCount(p.from, p.to);
}

/** Half-open bounds for DATETIME columns: [from 00:00, day after `to` 00:00). */
export function bounds(p: Span): [string, string] {
  return [p.from, addDaysTo(p.to, 1)];
}
