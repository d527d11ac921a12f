// Numbers, money, percentages and dates in the reader's locale. Money always reads "$1,234", as in the
// answers, never "US$1,234" (zh-CN's default for dollars): one currency format in both languages.
import { lang } from './i18n.ts';

const locale = () => (lang.value === 'zh' ? 'zh-CN' : 'en-US');

export function fmtNumber(v: unknown, digits = 2): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return v === null || v === undefined ? '' : String(v);
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: Number.isInteger(v) ? 0 : digits }).format(v);
}

export function fmtMoney(v: number | null, currency = 'USD'): string {
  if (v === null) return '–';
  return new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: v >= 1000 ? 0 : 2,
  }).format(v);
}

export function fmtPercent(v: number | null, digits = 1): string {
  if (v === null) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(v);
}

export function fmtChange(now: number | null, before: number | null): { text: string; dir: 'up' | 'down' | 'flat' } {
  if (now === null || before === null || before === 0) return { text: '–', dir: 'flat' };
  const ch = (now - before) / Math.abs(before);
  const text = new Intl.NumberFormat(locale(), {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(ch);
  return { text, dir: ch > 0.0005 ? 'up' : ch < -0.0005 ? 'down' : 'flat' };
}

/** 'YYYY-MM' → "Jul 2025" / "2025年7月". */
export function fmtMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
}

export function fmtDateTime(iso: string): string {
  const d = new Date(iso.includes('T') ? iso : `${iso.replace(' ', 'T')}Z`);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A number the way a chart's d3 format shows it ("$,.2f", ".2~%", "+.1%", ",.0f"), in the reader's locale. */
export function fmtValue(v: number, d3: string): string {
  const digits = Number(/\.(\d+)/.exec(d3)?.[1] ?? 2);
  const trim = d3.includes('~');
  const sign = d3.startsWith('+') ? ('exceptZero' as const) : ('auto' as const);
  const opts: Intl.NumberFormatOptions = {
    maximumFractionDigits: digits,
    minimumFractionDigits: trim ? 0 : digits,
    signDisplay: sign,
  };
  if (d3.includes('%')) return new Intl.NumberFormat(locale(), { ...opts, style: 'percent' }).format(v);
  if (d3.includes('$')) {
    return new Intl.NumberFormat(locale(), {
      ...opts,
      style: 'currency',
      currency: 'USD',
      currencyDisplay: 'narrowSymbol',
    }).format(v);
  }
  return new Intl.NumberFormat(locale(), opts).format(v);
}
