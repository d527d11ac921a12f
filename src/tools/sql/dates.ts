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
