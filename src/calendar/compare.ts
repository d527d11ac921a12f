// What a period is compared with: the previous period (环比), the same dates a year earlier (同比), or a
// named period. One rule for "a year earlier" serves every caller, so a month compared with last year
// always covers the whole of last year's month, leap day included.
import { addDaysTo, addMonthsTo, dayCount, dayParts, isMonthEnd, lastDayOfMonth, minDay } from './days.ts';
import {
  fitToData,
  namePeriod,
  unitLabel,
  type DataSpan,
  type NamedPeriod,
  type Period,
  type PeriodName,
  type Span,
} from './periods.ts';

export const COMPARISONS = ['previous_period', 'previous_year', 'none'] as const;
export type ComparisonName = (typeof COMPARISONS)[number] | PeriodName;

export interface Comparison {
  period: Period | null;
  /** Why there is no comparison, or how it was aligned. */
  note?: string;
}

/**
 * The same dates `years` years later (earlier when negative). A period that ends on a month's last day
 * keeps ending on one, so 2025-02 maps to 2024-02-01..2024-02-29 and a period ending 2024-02-29 maps to
 * one ending 2023-02-28; any other day keeps its date (Feb 29 itself, as a start, becomes Feb 28).
 */
export function shiftYears(span: Span, years: number): Span {
  const from = addMonthsTo(span.from, 12 * years);
  const shifted = addMonthsTo(span.to, 12 * years);
  if (!isMonthEnd(span.to)) return { from, to: shifted };
  const { y, m } = dayParts(shifted);
  return { from, to: lastDayOfMonth(y, m) };
}

/** The same dates one year earlier: what compare_to previous_year and explain's season both use. */
export function sameDatesLastYear(span: Span): Span {
  return shiftYears(span, -1);
}

/** The period a year before `p`, labelled as a calendar unit when `p` is a whole one. */
export function previousYear(p: Period): NamedPeriod {
  const { from, to } = sameDatesLastYear(p);
  const label = p.kind === 'range' || p.partial ? `${from} to ${to}` : unitLabel(p.kind, from);
  return { from, to, kind: p.kind, label };
}

/**
 * The previous calendar unit for a month, quarter or year (a unit cut short by the end of the data is
 * compared like for like: the same number of days); otherwise the same number of days right before.
 */
export function previousPeriod(p: Period): NamedPeriod {
  const len = dayCount(p.from, p.to);
  if ((p.kind === 'month' || p.kind === 'quarter' || p.kind === 'year') && p.from === p.nominal.from) {
    const months = p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : 12;
    const from = addMonthsTo(p.nominal.from, -months);
    const unitEnd = addDaysTo(p.nominal.from, -1);
    const to = p.partial ? minDay(addDaysTo(from, len - 1), unitEnd) : unitEnd;
    return { from, to, kind: p.kind, label: p.partial ? `${from} to ${to}` : unitLabel(p.kind, from) };
  }
  const to = addDaysTo(p.from, -1);
  const from = addDaysTo(p.from, -len);
  return { from, to, kind: p.kind === 'week' || p.kind === 'day' ? p.kind : 'range', label: `${from} to ${to}` };
}

function likeForLikeNote(current: Period): string | undefined {
  if (!current.partial || current.kind === 'range' || current.from !== current.nominal.from) return undefined;
  const days = dayCount(current.from, current.to);
  const previous = `the first ${days} days of the previous ${current.kind}`;
  return `${current.label} is partial, so it is compared like for like with ${previous}`;
}

/** Resolves a comparison name (default: `fallback`) for `current`; one outside the data is null with a note. */
export function resolveCompare(
  spec: ComparisonName | undefined,
  current: Period,
  data: DataSpan,
  fallback: ComparisonName = 'none',
): Comparison {
  const s = spec ?? fallback;
  if (s === 'none') return { period: null };
  let n: NamedPeriod;
  let note: string | undefined;
  if (s === 'previous_period') {
    n = previousPeriod(current);
    note = likeForLikeNote(current);
  } else if (s === 'previous_year') {
    n = previousYear(current);
  } else {
    n = namePeriod(s, data);
  }
  const p = fitToData(n, data);
  if (!p) {
    const outside = `${n.label} (${n.from} to ${n.to}) is outside the data (${data.minDate} to ${data.maxDate})`;
    return { period: null, note: `no comparison: ${outside}` };
  }
  if (p.partial && !note) note = `the comparison period is only partly covered by the data (${p.from} to ${p.to})`;
  return { period: p, note };
}
