// Pure helpers that turn a tool's rows into findings. A tool states the extremes, shares and changes its
// rows hold once, here, so the claim check compares an answer against the same reading every time.
import { bucketRanges, nextBucketStart, type CalendarGrain, type Span } from '../calendar/index.ts';
import type { Row } from '../db/types.ts';
import type { Finding, FindingOf, FindingPoint } from '../protocol/index.ts';

const numOf = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

function points(rows: Row[], nameKey: string, valueKey: string): FindingPoint[] {
  return rows.flatMap((r) => {
    const value = numOf(r[valueKey]);
    const name = r[nameKey];
    return value === null || name === null || name === undefined ? [] : [{ name: String(name), value }];
  });
}

/** Buckets the period only partly covers (a week cut by the period's start or end), by bucket start. */
export function partialBuckets(period: Span, grain: CalendarGrain): string[] {
  return bucketRanges(period, grain)
    .filter((b) => b.lo !== b.key || b.hi !== nextBucketStart(b.key, grain))
    .map((b) => b.key);
}

export interface ExtremeOptions {
  metric: string;
  /** The grain or dimension the rows are over (week, channel, ...). */
  over: string;
  /** Names (bucket starts) to leave out of the comparison: a partial week is not the lowest week. */
  partial?: string[];
  period?: string;
}

/** The highest and the lowest row by `valueKey`, partial periods excluded and named; [] without two full rows. */
export function extremeOf(rows: Row[], periodKey: string, valueKey: string, opts: ExtremeOptions): Finding[] {
  const partial = new Set(opts.partial ?? []);
  const all = points(rows, periodKey, valueKey);
  const full = all.filter((p) => !partial.has(p.name));
  if (full.length < 2) return [];
  const excluded = all.filter((p) => partial.has(p.name));
  const among = full.map((p) => p.name);
  const pick = (better: (a: number, b: number) => boolean) => full.reduce((a, b) => (better(b.value, a.value) ? b : a));
  const common = { metric: opts.metric, period: opts.period, over: opts.over, among, excluded };
  return [
    { kind: 'extreme', which: 'highest', subject: pick((a, b) => a > b), ...common },
    { kind: 'extreme', which: 'lowest', subject: pick((a, b) => a < b), ...common },
  ];
}

export interface RankingOptions {
  metric: string;
  by: string;
  direction?: 'top' | 'bottom';
  /** Items kept; default 10. */
  limit?: number;
  /** Column with the comparison value, to flag items that fell to zero or rose from zero. */
  previousKey?: string;
  period?: string;
  comparePeriod?: string;
}

/** The rows ranked by `valueKey`; null values are left out. */
export function rankingOf(rows: Row[], nameKey: string, valueKey: string, opts: RankingOptions): FindingOf<'ranking'> {
  const direction = opts.direction ?? 'top';
  const items = rows.flatMap((r) => {
    const value = numOf(r[valueKey]);
    if (value === null) return [];
    const previous = opts.previousKey ? numOf(r[opts.previousKey]) : undefined;
    return [{ name: String(r[nameKey]), value, ...(previous === undefined ? {} : { previous }) }];
  });
  items.sort((a, b) => (direction === 'top' ? b.value - a.value : a.value - b.value) || a.name.localeCompare(b.name));
  const withPrev = items.filter((x) => typeof x.previous === 'number');
  return {
    kind: 'ranking',
    metric: opts.metric,
    period: opts.period,
    comparePeriod: opts.comparePeriod,
    direction,
    by: opts.by,
    items: items.slice(0, opts.limit ?? 10),
    fellToZero: withPrev.filter((x) => x.value === 0 && x.previous! > 0).map((x) => x.name),
    roseFromZero: withPrev.filter((x) => x.value > 0 && x.previous === 0).map((x) => x.name),
  };
}

export interface ShareOptions {
  metric: string;
  period?: string;
  /** Names to skip, e.g. an "Other (12)" row. */
  skip?: (name: string) => boolean;
}

/** Each row's share of `total`; [] when the total is zero or missing (a rate has no shares). */
export function shareOf(
  rows: Row[],
  nameKey: string,
  valueKey: string,
  total: number | null,
  opts: ShareOptions,
): Finding[] {
  if (!total) return [];
  return points(rows, nameKey, valueKey)
    .filter((p) => !opts.skip?.(p.name))
    .map((p) => ({
      kind: 'share',
      metric: opts.metric,
      period: opts.period,
      subject: p.name,
      value: p.value,
      total,
      share: p.value / total,
    }));
}

export interface ChangeOptions {
  metric: string;
  period?: string;
  base?: string;
}

/** The change of `subject` from `from` to `to`; null when either side is missing. */
export function changeOf(subject: string, from: number | null, to: number | null, opts: ChangeOptions): Finding | null {
  if (from === null || to === null) return null;
  const absolute = to - from;
  return {
    kind: 'change',
    metric: opts.metric,
    period: opts.period,
    base: opts.base,
    subject,
    from,
    to,
    absolute,
    relative: from === 0 ? null : absolute / Math.abs(from),
    direction: absolute > 0 ? 'up' : absolute < 0 ? 'down' : 'flat',
  };
}

export interface RateOptions {
  /** The rate's id: cart_rate, roas, ... */
  metric: string;
  period?: string;
  /** Names of the two counts ("sessions", "added to cart"; "budget", "attributed net sales"). */
  numerator: string;
  denominator: string;
}

/** `subject`'s numerator ÷ denominator; null when either is missing or the denominator is zero. */
export function rateOf(subject: string, num: number | null, den: number | null, opts: RateOptions): Finding | null {
  if (num === null || den === null || !Number.isFinite(num) || !Number.isFinite(den) || den === 0) return null;
  return {
    kind: 'rate',
    metric: opts.metric,
    period: opts.period,
    subject,
    numerator: { name: opts.numerator, value: num },
    denominator: { name: opts.denominator, value: den },
    rate: num / den,
  };
}
