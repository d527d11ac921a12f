// Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone or DST can shift a day.

const DAY_MS = 86_400_000;

export function parseDay(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}

export function fmtDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isValidDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && fmtDay(parseDay(s)) === s;
}

export function addDaysTo(s: string, n: number): string {
  return fmtDay(new Date(parseDay(s).getTime() + n * DAY_MS));
}

/** Inclusive count of days from `from` to `to`. */
export function dayCount(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS) + 1;
}

export function daysBetweenDays(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

export function lastDayOfMonth(year: number, month1: number): string {
  return fmtDay(new Date(Date.UTC(year, month1, 0)));
}

export function monthStart(year: number, month1: number): string {
  return fmtDay(new Date(Date.UTC(year, month1 - 1, 1)));
}

/** Same calendar date `n` months later, clamped to the month's end (Mar 31 − 1 month = Feb 28/29). */
export function addMonthsTo(s: string, n: number): string {
  const d = parseDay(s);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return fmtDay(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

export function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

export type CalendarGrain = 'day' | 'week' | 'month';

function mondayOf(s: string): string {
  const dow = (parseDay(s).getUTCDay() + 6) % 7;
  return addDaysTo(s, -dow);
}

/** Every bucket start (day, Monday, first of month) that overlaps the period, in order. */
export function bucketStarts(p: { from: string; to: string }, grain: CalendarGrain): string[] {
  let cur = grain === 'day' ? p.from : grain === 'week' ? mondayOf(p.from) : `${p.from.slice(0, 7)}-01`;
  const out: string[] = [];
  while (cur <= p.to) {
    out.push(cur);
    cur = grain === 'day' ? addDaysTo(cur, 1) : grain === 'week' ? addDaysTo(cur, 7) : addMonthsTo(cur, 1);
  }
  return out;
}

/** Buckets as half-open day ranges clipped to the period: [lo, hi) with hi the day after the last one. */
export function bucketRanges(p: { from: string; to: string }, grain: CalendarGrain): { key: string; lo: string; hi: string }[] {
  const starts = bucketStarts(p, grain);
  const end = addDaysTo(p.to, 1);
  return starts.map((key, i) => ({ key, lo: maxDay(key, p.from), hi: minDay(starts[i + 1] ?? end, end) }));
}
