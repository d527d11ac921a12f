// A period cut into days, Monday weeks or calendar months, for series and SQL bucketing.
import { addDaysTo, addMonthsTo, maxDay, minDay, mondayOf } from './days.ts';
import type { Span } from './periods.ts';

export type CalendarGrain = 'day' | 'week' | 'month';

/** Every bucket start (day, Monday, first of month) that overlaps the period, in order. */
export function bucketStarts(p: Span, grain: CalendarGrain): string[] {
  let cur = grain === 'day' ? p.from : grain === 'week' ? mondayOf(p.from) : `${p.from.slice(0, 7)}-01`;
  const out: string[] = [];
  while (cur <= p.to) {
    out.push(cur);
    cur = grain === 'day' ? addDaysTo(cur, 1) : grain === 'week' ? addDaysTo(cur, 7) : addMonthsTo(cur, 1);
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
