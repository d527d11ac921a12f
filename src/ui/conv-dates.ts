// A conversation's day and the days it has left, in the reader's language.
import { lang } from './i18n.ts';

const DAY_MS = 86_400_000;

/** "Dec 6" / "12月6日"; the year too when it is not this year's. */
export function fmtDay(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const year = d.getFullYear() === now.getFullYear() ? undefined : ('numeric' as const);
  return new Intl.DateTimeFormat(lang.value === 'zh' ? 'zh-CN' : 'en-US', {
    month: 'short',
    day: 'numeric',
    year,
  }).format(d);
}

/** Whole days until `expiresAt` (epoch seconds), rounded up, at least 1; null when it never expires. */
export function daysLeft(expiresAt: number | null, now = Date.now()): number | null {
  if (expiresAt === null) return null;
  return Math.max(1, Math.ceil((expiresAt * 1000 - now) / DAY_MS));
}
