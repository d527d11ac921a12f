// The filters every template accepts, and how periods resolve against the data's own calendar
// (ctx.data.maxDate, never the wall clock). Pure: no SQL here (see sql/filter-sql.ts).
import { z } from 'zod';
import { TidelensError } from '../errors.ts';
import type { DataRange } from './types.ts';
import {
  addDaysTo, addMonthsTo, dayCount, isValidDay, lastDayOfMonth, maxDay, minDay, monthStart, parseDay,
} from './sql/dates.ts';

export const CHANNELS = ['own_website', 'amazon', 'other_marketplace'] as const;
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
export const SOURCE_TYPES = ['direct', 'search', 'social', 'email', 'referral', 'paid_social', 'paid_search'] as const;
export const CUSTOMER_TYPES = ['new', 'returning'] as const;

const RELATIVE = [
  'today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month', 'this_quarter', 'last_quarter',
  'this_year', 'last_year', 'ytd', 'mtd', 'qtd', 'all',
] as const;

const PERIOD_HELP =
  '{"from":"2025-06-01","to":"2025-06-30"} (inclusive), "2025-07", "2025-Q2", "2025", "2025-07-14", or relative to the ' +
  `last day in the data: ${RELATIVE.join(', ')}, last_N_days|weeks|months (e.g. last_30_days).`;

const day = z.string().refine(isValidDay, 'a date as YYYY-MM-DD');
const PeriodValue = z.union([z.string().min(2).max(20), z.strictObject({ from: day, to: day })]);
export const PeriodSpec = PeriodValue.describe(PERIOD_HELP);
export type PeriodSpec = z.infer<typeof PeriodSpec>;

export const CompareSpec = z
  .union([z.enum(['previous_period', 'previous_year', 'none']), PeriodValue])
  .describe(
    'previous_period (环比: previous month for a month, previous quarter for a quarter, else the same number of days before), ' +
      'previous_year (同比), none, or a period.',
  );
export type CompareSpec = z.infer<typeof CompareSpec>;

const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).min(1).max(10)]);

/** Spread into each template's input schema. */
export const filterShape = {
  period: PeriodSpec.optional(),
  compare_to: CompareSpec.optional(),
  channel: oneOrMany(z.enum(CHANNELS))
    .optional()
    .describe('other_marketplace = Walmart/eBay/Etsy. Sessions exist only for own_website.'),
  country: oneOrMany(z.string().min(2).max(60))
    .optional()
    .describe('United States, Canada, United Kingdom, France, Australia (US/UK/… accepted).'),
  category: z.string().min(1).max(100).optional().describe('Top-level (Swimwear, Apparel, …) or sub-category (Bikinis, …) name.'),
  device: oneOrMany(z.enum(DEVICES)).optional().describe('Device of the order (marketplace orders record one too) or of the visit.'),
  source: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Traffic source name (Google, Instagram, …); keeps own-website orders only (marketplace orders have no source).'),
  source_type: oneOrMany(z.enum(SOURCE_TYPES))
    .optional()
    .describe('Like source: own-website orders only.'),
  campaign: z
    .union([z.number().int().positive(), z.string().min(1).max(100)])
    .optional()
    .describe('Campaign id or exact name: its attributed orders and its traffic sources\' sessions.'),
  customer_type: z.enum(CUSTOMER_TYPES).optional().describe('new = first order; returning = later orders.'),
};

export const FilterInput = z.strictObject(filterShape);
export type FilterInput = z.infer<typeof FilterInput>;

export interface Filters {
  channel?: string[];
  country?: string[];
  category?: string;
  device?: string[];
  source?: string;
  sourceType?: string[];
  campaign?: number | string;
  customerType?: 'new' | 'returning';
}

const COUNTRY_ALIASES: Record<string, string> = {
  us: 'United States', usa: 'United States', 'u.s.': 'United States', america: 'United States', 'united states': 'United States',
  ca: 'Canada', canada: 'Canada',
  uk: 'United Kingdom', gb: 'United Kingdom', britain: 'United Kingdom', 'great britain': 'United Kingdom', england: 'United Kingdom', 'united kingdom': 'United Kingdom',
  fr: 'France', france: 'France',
  au: 'Australia', australia: 'Australia',
};

const arr = <T,>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

export function normalizeFilters(input: Partial<FilterInput>): Filters {
  const f: Filters = {};
  const channel = arr(input.channel);
  if (channel) f.channel = [...new Set(channel)];
  const country = arr(input.country);
  if (country) f.country = [...new Set(country.map((c) => COUNTRY_ALIASES[c.trim().toLowerCase()] ?? c.trim()))];
  if (input.category) f.category = input.category.trim();
  const device = arr(input.device);
  if (device) f.device = [...new Set(device)];
  if (input.source) f.source = input.source.trim();
  const st = arr(input.source_type);
  if (st) f.sourceType = [...new Set(st)];
  if (input.campaign !== undefined) f.campaign = typeof input.campaign === 'string' ? input.campaign.trim() : input.campaign;
  if (input.customer_type) f.customerType = input.customer_type;
  return f;
}

/** "channel amazon; country France" — for summaries, so the model sees what was applied. */
export function describeFilters(f: Filters): string {
  const parts: string[] = [];
  if (f.channel) parts.push(`channel ${f.channel.join('/')}`);
  if (f.country) parts.push(`country ${f.country.join('/')}`);
  if (f.category) parts.push(`category ${f.category}`);
  if (f.device) parts.push(`device ${f.device.join('/')}`);
  if (f.source) parts.push(`source ${f.source}`);
  if (f.sourceType) parts.push(`source type ${f.sourceType.join('/')}`);
  if (f.campaign !== undefined) parts.push(`campaign ${f.campaign}`);
  if (f.customerType) parts.push(`${f.customerType} customers`);
  return parts.join('; ');
}

// ---- periods -------------------------------------------------------------------------------------

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'range';

export interface Period {
  from: string; // inclusive YYYY-MM-DD
  to: string; // inclusive YYYY-MM-DD
  label: string;
  kind: PeriodKind;
  /** The calendar unit runs past the data's last day (or before its first): only part of it is covered. */
  partial: boolean;
  /** The calendar extent before clamping to the data, for like-for-like comparisons. */
  nominal: { from: string; to: string };
}

function ymd(s: string) {
  const d = parseDay(s);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1 };
}

function quarterOf(s: string) {
  const { y, m } = ymd(s);
  return { y, q: Math.floor((m - 1) / 3) + 1 };
}

function quarterRange(y: number, q: number) {
  return { from: monthStart(y, q * 3 - 2), to: lastDayOfMonth(y, q * 3) };
}

function mondayOf(s: string): string {
  const dow = (parseDay(s).getUTCDay() + 6) % 7; // Monday = 0
  return addDaysTo(s, -dow);
}

interface Nominal {
  from: string;
  to: string;
  kind: PeriodKind;
  label: string;
}

function badPeriod(spec: string): TidelensError {
  return new TidelensError('bad_input', `period "${spec}" is not understood. ${PERIOD_HELP}`);
}

/** The calendar extent a spec names, before it meets the data. */
function nominalPeriod(spec: PeriodSpec, data: DataRange): Nominal {
  if (typeof spec !== 'string') {
    if (spec.from > spec.to) throw new TidelensError('bad_input', `period from ${spec.from} is after to ${spec.to}; swap them`);
    return { ...spec, kind: 'range', label: `${spec.from} to ${spec.to}` };
  }
  const s = spec.trim().toLowerCase();
  const end = data.maxDate;
  let m: RegExpMatchArray | null;
  if (isValidDay(s)) return { from: s, to: s, kind: 'day', label: s };
  if ((m = s.match(/^(\d{4})-(\d{2})$/)) && +m[2]! >= 1 && +m[2]! <= 12) {
    return { from: monthStart(+m[1]!, +m[2]!), to: lastDayOfMonth(+m[1]!, +m[2]!), kind: 'month', label: s };
  }
  if ((m = s.match(/^(\d{4})-?q([1-4])$/))) return { ...quarterRange(+m[1]!, +m[2]!), kind: 'quarter', label: `${m[1]}-Q${m[2]}` };
  if ((m = s.match(/^(\d{4})$/))) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, kind: 'year', label: s };
  if ((m = s.match(/^last_(\d{1,3})_(days|weeks|months)$/))) {
    const n = +m[1]!;
    if (n < 1) throw badPeriod(spec);
    const from = m[2] === 'days' ? addDaysTo(end, 1 - n) : m[2] === 'weeks' ? addDaysTo(end, 1 - 7 * n) : addDaysTo(addMonthsTo(end, -n), 1);
    return { from, to: end, kind: 'range', label: `the ${n} ${m[2]} to ${end}` };
  }
  const { y, m: mon } = ymd(end);
  const { q } = quarterOf(end);
  switch (s as (typeof RELATIVE)[number]) {
    case 'today':
      return { from: end, to: end, kind: 'day', label: `${end} (last day in the data)` };
    case 'yesterday': {
      const d = addDaysTo(end, -1);
      return { from: d, to: d, kind: 'day', label: d };
    }
    case 'this_week': {
      const from = mondayOf(end);
      return { from, to: addDaysTo(from, 6), kind: 'week', label: `week of ${from}` };
    }
    case 'last_week': {
      const from = addDaysTo(mondayOf(end), -7);
      return { from, to: addDaysTo(from, 6), kind: 'week', label: `week of ${from}` };
    }
    case 'this_month':
    case 'mtd':
      return { from: monthStart(y, mon), to: lastDayOfMonth(y, mon), kind: 'month', label: end.slice(0, 7) };
    case 'last_month': {
      const start = addMonthsTo(monthStart(y, mon), -1);
      const p = ymd(start);
      return { from: start, to: lastDayOfMonth(p.y, p.m), kind: 'month', label: start.slice(0, 7) };
    }
    case 'this_quarter':
    case 'qtd':
      return { ...quarterRange(y, q), kind: 'quarter', label: `${y}-Q${q}` };
    case 'last_quarter': {
      const py = q === 1 ? y - 1 : y;
      const pq = q === 1 ? 4 : q - 1;
      return { ...quarterRange(py, pq), kind: 'quarter', label: `${py}-Q${pq}` };
    }
    case 'this_year':
    case 'ytd':
      return { from: `${y}-01-01`, to: `${y}-12-31`, kind: 'year', label: String(y) };
    case 'last_year':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31`, kind: 'year', label: String(y - 1) };
    case 'all':
      return { from: data.minDate, to: data.maxDate, kind: 'range', label: 'all data' };
  }
  throw badPeriod(spec);
}

function clamp(n: Nominal, data: DataRange): Period | null {
  const from = maxDay(n.from, data.minDate);
  const to = minDay(n.to, data.maxDate);
  if (from > to) return null;
  const partial = from !== n.from || to !== n.to;
  return { from, to, kind: n.kind, label: n.label, partial, nominal: { from: n.from, to: n.to } };
}

/** Resolves a period spec (default: `fallback`) against the data; errors when it has no data at all. */
export function resolvePeriod(spec: PeriodSpec | undefined, data: DataRange, fallback: PeriodSpec = 'last_30_days'): Period {
  const n = nominalPeriod(spec ?? fallback, data);
  const p = clamp(n, data);
  if (!p) {
    throw new TidelensError(
      'bad_input',
      `period ${n.label} (${n.from} to ${n.to}) has no data: the data covers ${data.minDate} to ${data.maxDate}. Pick a period inside it.`,
    );
  }
  return p;
}

export interface Comparison {
  period: Period | null;
  /** Why there is no comparison, or how it was aligned. */
  note?: string;
}

function shiftYear(s: string, isEnd: boolean): string {
  const shifted = addMonthsTo(s, -12);
  // A period that ends on a month's last day keeps ending on one (Feb 29 → Feb 28, Feb 28 → Feb 29).
  if (isEnd && addDaysTo(s, 1).endsWith('-01')) {
    const { y, m } = ymd(shifted);
    return lastDayOfMonth(y, m);
  }
  return shifted;
}

function previousOf(p: Period): Nominal {
  const len = dayCount(p.from, p.to);
  const coversUnit = !p.partial;
  if ((p.kind === 'month' || p.kind === 'quarter' || p.kind === 'year') && p.from === p.nominal.from) {
    const months = p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : 12;
    const from = addMonthsTo(p.nominal.from, -months);
    const unitEnd = addDaysTo(p.nominal.from, -1);
    // A unit cut short by the end of the data is compared like for like: the same number of days.
    const to = coversUnit ? unitEnd : minDay(addDaysTo(from, len - 1), unitEnd);
    return { from, to, kind: p.kind, label: coversUnit ? unitLabel(p.kind, from) : `${from} to ${to}` };
  }
  const to = addDaysTo(p.from, -1);
  const from = addDaysTo(p.from, -len);
  return { from, to, kind: p.kind === 'week' || p.kind === 'day' ? p.kind : 'range', label: `${from} to ${to}` };
}

function unitLabel(kind: PeriodKind, from: string): string {
  if (kind === 'month') return from.slice(0, 7);
  if (kind === 'quarter') return `${from.slice(0, 4)}-Q${quarterOf(from).q}`;
  return from.slice(0, 4);
}

export function resolveCompare(spec: CompareSpec | undefined, current: Period, data: DataRange, fallback: CompareSpec = 'none'): Comparison {
  const s = spec ?? fallback;
  if (s === 'none') return { period: null };
  let n: Nominal;
  let note: string | undefined;
  if (s === 'previous_period') {
    n = previousOf(current);
    if (current.partial && current.kind !== 'range' && current.from === current.nominal.from) {
      note = `${current.label} is partial, so it is compared like for like with the first ${dayCount(current.from, current.to)} days of the previous ${current.kind}`;
    }
  } else if (s === 'previous_year') {
    const from = shiftYear(current.from, false);
    const to = shiftYear(current.to, true);
    n = { from, to, kind: current.kind, label: current.kind === 'range' || current.partial ? `${from} to ${to}` : unitLabel(current.kind, from) };
  } else {
    n = nominalPeriod(s, data);
  }
  const p = clamp(n, data);
  if (!p) return { period: null, note: `no comparison: ${n.label} (${n.from} to ${n.to}) is outside the data (${data.minDate} to ${data.maxDate})` };
  if (p.partial && !note) note = `the comparison period is only partly covered by the data (${p.from} to ${p.to})`;
  return { period: p, note };
}

/** Day count of a resolved period. */
export function periodDays(p: { from: string; to: string }): number {
  return dayCount(p.from, p.to);
}

/** Half-open bounds for DATETIME columns: [from 00:00, day after `to` 00:00). */
export function bounds(p: { from: string; to: string }): [string, string] {
  return [p.from, addDaysTo(p.to, 1)];
}


// ---- what every template resolves first ------------------------------------------------------------

export interface Scope {
  period: Period;
  compare: Period | null;
  filters: Filters;
  /** Things the model must repeat to the user: partial periods, alignment, filters that do not apply. */
  notes: string[];
}

export function resolveScope(
  input: Partial<FilterInput>,
  data: DataRange,
  defaults: { period?: PeriodSpec; compare?: CompareSpec } = {},
): Scope {
  const period = resolvePeriod(input.period, data, defaults.period);
  const cmp = resolveCompare(input.compare_to, period, data, defaults.compare);
  const notes: string[] = [];
  if (period.partial) {
    notes.push(
      period.to < period.nominal.to
        ? `${period.label} is partial: the data ends on ${data.maxDate}, so it covers ${period.from} to ${period.to} only`
        : `the period starts before the data (first day ${data.minDate}), so it covers ${period.from} to ${period.to}`,
    );
  }
  if (cmp.note) notes.push(cmp.note);
  return { period, compare: cmp.period, filters: normalizeFilters(input), notes };
}

/** One line: what was measured, for the summary's first line. */
export function scopeLine(s: Scope): string {
  const f = describeFilters(s.filters);
  const p = `${s.period.label} (${s.period.from} to ${s.period.to})`;
  const c = s.compare ? ` vs ${s.compare.label} (${s.compare.from} to ${s.compare.to})` : '';
  return `${p}${c}${f ? `; filters: ${f}` : ''}`;
}

/** Notes and caveats as summary lines, deduplicated. */
export function noteLines(s: Scope, caveats: string[] = []): string[] {
  return [...new Set([...s.notes, ...caveats])].map((n) => `Note: ${n}.`);
}
