// Days are integers (days since 1970-01-01, UTC); text is rendered once per day and cached.
import { TidelensError } from '../../src/errors.ts';

const DAY_MS = 86_400_000;

export function parseDay(s: string, what = 'date'): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s))
    throw new TidelensError('bad_input', `${what} "${s}" is not a date; use YYYY-MM-DD`);
  const ms = Date.parse(`${s}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s) {
    throw new TidelensError('bad_input', `${what} "${s}" is not a real calendar date`);
  }
  return ms / DAY_MS;
}

const dayCache = new Map<number, string>();
export function dayStr(day: number): string {
  let s = dayCache.get(day);
  if (!s) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, s);
  }
  return s;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** 'YYYY-MM-DD HH:MM:SS' for a day and a second of that day (clamped into the day). */
export function dateTime(day: number, sec: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(sec)));
  return `${dayStr(day)} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

export function monthOf(day: number): number {
  return new Date(day * DAY_MS).getUTCMonth();
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m, d) / DAY_MS;
}

/** Black Friday: the fourth Thursday of November plus one day. */
export function blackFriday(year: number): number {
  const nov1 = dayOf(year, 10, 1);
  const firstThu = nov1 + ((4 - weekdayOf(nov1) + 7) % 7);
  return firstThu + 21 + 1;
}
