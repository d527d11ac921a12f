// A period cut into days, Monday weeks, calendar months or calendar quarters, for series and SQL bucketing.
import { addDaysTo, addMonthsTo, maxDay, minDay, mondayOf, quarterOf } from './days.ts';
import type { Span } from './periods.ts';

export type CalendarGrain = 'day' | 'week' | 'month' | 'quarter';

/** The first day of the bucket holding day `s`: itself, its Monday, the first of its month or of its quarter. */
export function bucketStartOf(s: string, grain: CalendarGrain): string {
  if (grain === 'day') return s;
  if (grain === 'week') return mondayOf(s);
  if (grain === 'month') return `${s.slice(0, 7)}-01`;
  const { y, q } = quarterOf(s);
  return `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`;
}

/** The start of the bucket after the one starting on `key`. */
export function nextBucketStart(key: string, grain: CalendarGrain): string {
  if (grain === 'day') return addDaysTo(key, 1);
  if (grain === 'week') return addDaysTo(key, 7);
  return addMonthsTo(key, grain === 'month' ? 1 : 3);
}

/** Every bucket start (day, Monday, first of month or quarter) that overlaps the period, in order. */
export function bucketStarts(p: Span, grain: CalendarGrain): string[] {
  let cur = bucketStartOf(p.from, grain);
  const out: string[] = [];
  while (cur <= p.to) {
    out.push(cur);
    cur = nextBucketStart(cur, grain);
  }
  return out;
}

export interface BucketRange {
  key: string;
  lo: string;
  hi: string;
}

/** Buckets as half-open day ranges clipped to the period: [lo, hi) with hi the day after the last one. */
export function bucketRanges(p: Span, grain: CalendarGrain): BucketRange[] {
  const starts = bucketStarts(p, grain);
  const end = addDaysTo(p.to, 1);
  return starts.map((key, i) => ({ key, lo: maxDay(key, p.from), hi: minDay(starts[i + 1] ?? end, end) }));
}
