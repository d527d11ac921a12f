// The scenario format: events from the shared vocabulary laid on the baseline, plus the question
// whose answer they plant. Validated with zod so a hand-written file fails with a line that says where.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TidelensError } from '../../src/errors.ts';
import { EVENT_KINDS, type EventKind } from '../../src/warehouse/event-kinds.ts';

export { EVENT_KINDS, type EventKind };

export const COUNTRIES = ['United States', 'Canada', 'United Kingdom', 'France', 'Australia'] as const;
export const CHANNELS = ['own_website', 'amazon', 'other_marketplace'] as const;
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
export const MANIFEST_METRICS = [
  'net_sales',
  'orders',
  'units',
  'aov',
  'sessions',
  'conversion_rate',
  'refunds',
  'return_rate',
  'discount_rate',
  'new_customer_share',
  'gross_margin',
] as const;
export type ManifestMetric = (typeof MANIFEST_METRICS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const Period = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to' });

export const Segment = z
  .object({
    channel: z.enum(CHANNELS).optional(),
    /** A level-1 category name, e.g. "Swimwear". */
    category: z.string().optional(),
    /** A level-2 category name, e.g. "Bikinis". */
    sub_category: z.string().optional(),
    skus: z.array(z.string()).min(1).optional(),
    /**
     * The N best sellers (by baseline popularity) of the category / sub-category above, among products on sale at the
     * start.
     */
    top: z.number().int().min(1).max(50).optional(),
    country: z.enum(COUNTRIES).optional(),
    /** A traffic_sources.source_name, e.g. "Instagram" or "Instagram Ads – Summer Splash 2025". */
    traffic_source: z.string().optional(),
    device: z.enum(DEVICES).optional(),
  })
  .strict();
export type Segment = z.infer<typeof Segment>;

const CampaignDef = z
  .object({
    name: z.string().min(1).max(100),
    type: z.enum(['paid_social', 'paid_search', 'email']),
    discount_pct: z.number().min(0).max(50).default(0),
    audience: z.string().max(100).default('all visitors'),
    source_name: z.string().max(100).optional(),
  })
  .strict();

export const ScenarioEvent = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'use 1-40 lowercase letters, digits, _ or -'),
    kind: z.enum(EVENT_KINDS),
    description: z.string().optional(),
    start: isoDate,
    /** Inclusive last day; open-ended when omitted (price changes stay). */
    end: isoDate.optional(),
    segment: Segment.default({}),
    /** Meaning depends on kind: see seed/README.md. */
    magnitude: z.number().min(0),
    campaign: CampaignDef.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const bad = (message: string, path: string[] = []) => ctx.addIssue({ code: 'custom', message, path });
    if (e.end && e.end < e.start) bad('end is before start', ['end']);
    const needsEnd = [
      'stockout',
      'campaign_start',
      'campaign_end',
      'traffic_drop',
      'traffic_surge',
      'channel_outage',
      'returns_spike',
      'rating_drop',
    ];
    if (needsEnd.includes(e.kind) && !e.end) bad(`${e.kind} needs an end date`, ['end']);
    if (e.kind === 'stockout' && !e.segment.skus && !e.segment.top)
      bad('stockout needs segment.skus or segment.top', ['segment']);
    if (e.segment.top && !e.segment.category && !e.segment.sub_category)
      bad('segment.top needs a category or sub_category', ['segment', 'top']);
    if (e.kind === 'campaign_end' && !e.segment.traffic_source)
      bad("campaign_end needs segment.traffic_source naming the campaign's source", ['segment']);
    if (e.kind === 'campaign_start' && !e.campaign) bad('campaign_start needs a campaign {name, type}', ['campaign']);
    if (e.kind === 'channel_outage' && !e.segment.channel) bad('channel_outage needs segment.channel', ['segment']);
    const fraction = ['campaign_end', 'traffic_drop', 'channel_outage', 'price_decrease', 'stockout'];
    if (fraction.includes(e.kind) && e.magnitude > 1)
      bad(`${e.kind} magnitude is a fraction between 0 and 1`, ['magnitude']);
    if (e.kind === 'price_increase' && e.magnitude > 2)
      bad('price_increase magnitude is a fraction (0.15 = +15%)', ['magnitude']);
    if (e.kind === 'returns_spike' && e.magnitude > 0.8)
      bad('returns_spike magnitude is an added return probability (at most 0.8)', ['magnitude']);
    if (e.kind === 'rating_drop' && e.magnitude > 4)
      bad('rating_drop magnitude is in stars (at most 4)', ['magnitude']);
  });
export type ScenarioEvent = z.infer<typeof ScenarioEvent>;

export const Scenario = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    target: z
      .object({
        metric: z.enum(MANIFEST_METRICS),
        question: z.string().optional(),
        period: Period,
        comparisons: z.array(z.object({ label: z.string(), from: isoDate, to: isoDate }).strict()).min(1),
      })
      .strict(),
    events: z.array(ScenarioEvent),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.events.forEach((e, i) => {
      if (seen.has(e.id))
        ctx.addIssue({ code: 'custom', message: `duplicate event id "${e.id}"`, path: ['events', i, 'id'] });
      seen.add(e.id);
    });
  });
export type Scenario = z.infer<typeof Scenario>;

/** Validates parsed JSON; the first problem becomes one line naming its path. */
export function parseScenario(raw: unknown, where = 'scenario'): Scenario {
  const r = Scenario.safeParse(raw);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new TidelensError('bad_input', `${where} is not a valid scenario: ${lines.join('; ')}`);
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TidelensError(
      'bad_input',
      `cannot read scenario file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new TidelensError('bad_input', `scenario file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(raw, `scenario file ${path}`);
}

export const DEFAULT_SCENARIO_PATH = new URL('./default.json', import.meta.url).pathname;
