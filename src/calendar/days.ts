// Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone or DST can shift a day.
// Every period in the product is a whole number of days given by its first and last day, inclusive.

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

/** Year, month (1-12) and day of a date string. */
export function dayParts(s: string): { y: number; m: number; d: number } {
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) };
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

/** Last day of a month; months outside 1-12 roll into the neighbouring years. */
export function lastDayOfMonth(year: number, month1: number): string {
  return fmtDay(new Date(Date.UTC(year, month1, 0)));
}

/** First day of a month; months outside 1-12 roll into the neighbouring years. */
export function monthStart(year: number, month1: number): string {
  return fmtDay(new Date(Date.UTC(year, month1 - 1, 1)));
}

export function isMonthStart(s: string): boolean {
  return s.endsWith('-01');
}

export function isMonthEnd(s: string): boolean {
  return addDaysTo(s, 1).endsWith('-01');
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

/** Monday of the ISO week holding `s`. */
export function mondayOf(s: string): string {
  const dow = (parseDay(s).getUTCDay() + 6) % 7;
  return addDaysTo(s, -dow);
}

export function quarterOf(s: string): { y: number; q: number } {
  const { y, m } = dayParts(s);
  return { y, q: Math.floor((m - 1) / 3) + 1 };
}
