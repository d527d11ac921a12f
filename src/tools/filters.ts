// The filters every template accepts, and how periods resolve against the data's own calendar
// (ctx.data.maxDate, never the wall clock). Pure: no SQL here (see sql/filter-sql.ts).
import { z } from 'zod';
import {
  COMPARISONS,
  isValidDay,
  partialNote,
  PERIOD_HELP,
  resolveCompare,
  resolvePeriod,
  type Period,
} from '../calendar/index.ts';
import { CHANNELS } from '../protocol/vocabulary.ts';
import type { DataRange } from './types.ts';

export { CHANNELS };
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
export const SOURCE_TYPES = ['direct', 'search', 'social', 'email', 'referral', 'paid_social', 'paid_search'] as const;
export const CUSTOMER_TYPES = ['new', 'returning'] as const;

const day = z.string().refine(isValidDay, 'a date as YYYY-MM-DD');
const PeriodValue = z.union([z.string().min(2).max(20), z.strictObject({ from: day, to: day })]);
export const PeriodSpec = PeriodValue.describe(PERIOD_HELP);
export type PeriodSpec = z.infer<typeof PeriodSpec>;

export const CompareSpec = z
  .union([z.enum(COMPARISONS), PeriodValue])
  .describe(
    'previous_period (环比: previous month for a month, previous quarter for a quarter, ' +
      'else the same number of days before), previous_year (同比), none, or a period.',
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
  category: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Top-level (Swimwear, Apparel, …) or sub-category (Bikinis, …) name.'),
  device: oneOrMany(z.enum(DEVICES))
    .optional()
    .describe('Device of the order (marketplace orders record one too) or of the visit.'),
  source: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'Traffic source name (Google, Instagram, …); keeps own-website orders only (marketplace orders have no source).',
    ),
  source_type: oneOrMany(z.enum(SOURCE_TYPES)).optional().describe('Like source: own-website orders only.'),
  campaign: z
    .union([z.number().int().positive(), z.string().min(1).max(100)])
    .optional()
    .describe("Campaign id or exact name: its attributed orders and its traffic sources' sessions."),
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
  us: 'United States',
  usa: 'United States',
  'u.s.': 'United States',
  america: 'United States',
  'united states': 'United States',
  ca: 'Canada',
  canada: 'Canada',
  uk: 'United Kingdom',
  gb: 'United Kingdom',
  britain: 'United Kingdom',
  'great britain': 'United Kingdom',
  england: 'United Kingdom',
  'united kingdom': 'United Kingdom',
  fr: 'France',
  france: 'France',
  au: 'Australia',
  australia: 'Australia',
};

const arr = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

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
  if (input.campaign !== undefined)
    f.campaign = typeof input.campaign === 'string' ? input.campaign.trim() : input.campaign;
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

// ---- periods: resolved by src/calendar, re-exported for the templates' convenience ---------------------

export {
  bounds,
  periodDays,
  resolveCompare,
  resolvePeriod,
  type Comparison,
  type Period,
  type PeriodKind,
} from '../calendar/index.ts';

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
  const partial = partialNote(period, data);
  if (partial) notes.push(partial);
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
