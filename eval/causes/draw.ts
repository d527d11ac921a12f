// Random scenarios from the space the scenario format allows, one per seed: a month of the data
// against the previous month, the same month last year or a named earlier month; any metric
// explain_change supports; 0-3 events of any kind the generator has, on segments of 1-3 dimensions,
// rises and drops, from barely material to dominant. Pure: the seed alone fixes the scenario.
import { EXPLAIN_METRICS, type ExplainMetric } from '../../src/tools/explain/profiles.ts';
import { COUNTRIES, DEVICES, type EventKind, type Scenario, type ScenarioEvent } from '../../seed/scenarios/schema.ts';

/** The months the generator's default span holds. */
const FIRST_MONTH = '2024-01';
const LAST_MONTH = '2025-12';

const CATEGORIES = ['Swimwear', 'Apparel', 'Jewelry & Accessories', 'Hats', 'Bags'];
const SUBCATEGORIES = [
  "Women's Swimsuits",
  'Bikinis',
  "Men's Swim Trunks",
  "Kids' Swimwear",
  'Beach Accessories',
  'Cover-Ups',
  'Beach Dresses',
  'Sun Hats',
  'Necklaces',
  'Beach Bags',
];
const ORGANIC = ['Direct', 'Google', 'Bing', 'Facebook', 'Instagram', 'Pinterest', 'TikTok', 'Email newsletter'];

export type Comparison = 'previous_month' | 'same_month_last_year' | 'named_earlier_month';

export interface Drawn {
  seed: number;
  scenario: Scenario;
  metric: ExplainMetric;
  comparison: Comparison | string;
  /** The data span the seeder must generate. */
  span: { from: string; to: string };
}

export interface DrawOptions {
  /** Days of data before the earlier period (the run-rate window reads up to 122). */
  leadDays: number;
  /** Only previous-month comparisons (short spans, for the smoke test). */
  shortOnly?: boolean;
}

/** mulberry32: small, fast and the same on every platform. */
export function rng(seed: number): () => number {
  let s = (seed * 0x9e3779b1) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: Rand, lo: number, hi: number) => lo + (hi - lo) * r();
const int = (r: Rand, lo: number, hi: number) => Math.floor(between(r, lo, hi + 1));

function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

function monthSpan(i: number): { from: string; to: string } {
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** ISO dates compare as strings. */
export const earliest = (...days: string[]) => [...days].sort()[0]!;
export const latest = (...days: string[]) => [...days].sort().at(-1)!;

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function drawPeriods(r: Rand, shortOnly: boolean) {
  const comparison: Comparison = shortOnly
    ? 'previous_month'
    : pick(r, ['previous_month', 'previous_month', 'same_month_last_year', 'named_earlier_month'] as const);
  const first = monthIndex(FIRST_MONTH);
  const last = monthIndex(LAST_MONTH);
  const lo =
    comparison === 'same_month_last_year' ? first + 12 : comparison === 'named_earlier_month' ? first + 6 : first + 1;
  const b = int(r, lo, last);
  const back = comparison === 'same_month_last_year' ? 12 : comparison === 'named_earlier_month' ? int(r, 2, 6) : 1;
  const label =
    comparison === 'same_month_last_year'
      ? 'same month last year'
      : comparison === 'previous_month'
        ? 'previous month'
        : `${back} months earlier`;
  return { comparison, period: monthSpan(b), compare: { label, ...monthSpan(b - back) } };
}

/**
 * Kinds that can move the metric; a returns spike only moves the return rate and refunds, and the
 * discount rate and gross margin move with discounts and prices first.
 */
function kindsFor(metric: ExplainMetric): EventKind[] {
  const traffic: EventKind[] = ['traffic_drop', 'traffic_surge', 'channel_outage', 'campaign_start', 'campaign_end'];
  const product: EventKind[] = ['stockout', 'price_increase', 'price_decrease', 'rating_drop'];
  switch (metric) {
    case 'sessions':
      return traffic;
    case 'return_rate':
    case 'refunds':
      return ['returns_spike', 'returns_spike', ...traffic, ...product];
    case 'discount_rate':
    case 'gross_margin':
      return ['campaign_start', 'campaign_start', 'price_increase', 'price_decrease', ...traffic, ...product];
    default:
      return [...traffic, ...product, ...traffic];
  }
}

/** A baseline campaign running in the month, by the generator's yearly calendar (traffic.ts). */
function runningCampaign(p: { from: string; to: string }): { source: string; from: string; to: string } | null {
  const y = p.from.slice(0, 4);
  const calendar = [
    { source: `Email – New Year Sale ${y}`, from: `${y}-01-02`, to: `${y}-01-14` },
    { source: `Google Ads – Spring Preview ${y}`, from: `${y}-03-20`, to: `${y}-04-20` },
    { source: `Instagram Ads – Summer Splash ${y}`, from: `${y}-05-01`, to: `${y}-08-31` },
    { source: `Email – Holiday Gifts ${y}`, from: `${y}-12-08`, to: `${y}-12-20` },
  ];
  const c = calendar.find((k) => k.from <= p.to && k.to >= p.from && addDays(k.to, -4) >= p.from);
  return c ? { source: c.source, from: latest(c.from, p.from), to: earliest(c.to, p.to) } : null;
}

function trafficSegment(r: Rand, allowMarketplace: boolean): ScenarioEvent['segment'] {
  const shape = int(r, 0, allowMarketplace ? 6 : 4);
  switch (shape) {
    case 0:
      return { traffic_source: pick(r, ORGANIC) };
    case 1:
      return { traffic_source: pick(r, ORGANIC), device: pick(r, DEVICES) };
    case 2:
      return { channel: 'own_website', country: pick(r, COUNTRIES) };
    case 3:
      return { channel: 'own_website', device: pick(r, ['desktop', 'mobile'] as const) };
    case 4:
      return { traffic_source: pick(r, ['Google', 'Direct', 'Instagram']), country: 'United States', device: 'mobile' };
    case 5:
      return { channel: pick(r, ['amazon', 'other_marketplace'] as const) };
    default:
      return { channel: 'amazon', country: pick(r, COUNTRIES) };
  }
}

function productSegment(r: Rand, withChannel: boolean): ScenarioEvent['segment'] {
  const s: ScenarioEvent['segment'] =
    r() < 0.6 ? { sub_category: pick(r, SUBCATEGORIES) } : { category: pick(r, CATEGORIES) };
  if (withChannel && r() < 0.35) s.channel = pick(r, ['own_website', 'amazon'] as const);
  return s;
}

interface Window {
  start: string;
  end: string;
}

function eventWindow(r: Rand, p: { from: string; to: string }, minDays: number): Window {
  const len = Number(p.to.slice(8, 10));
  const startOff = r() < 0.5 ? 0 : int(r, 0, Math.max(0, len - minDays));
  const start = addDays(p.from, startOff);
  const end = r() < 0.5 ? p.to : addDays(start, Math.min(len - startOff - 1, int(r, minDays - 1, len)));
  return { start, end };
}

function drawEvent(
  r: Rand,
  i: number,
  seed: number,
  kind: EventKind,
  p: { from: string; to: string },
): ScenarioEvent | null {
  const id = `e${i}-${kind.replace('_', '-')}`;
  const w = eventWindow(r, p, 5);
  switch (kind) {
    case 'stockout': {
      const seg =
        r() < 0.7
          ? { sub_category: pick(r, SUBCATEGORIES.slice(0, 6)), top: int(r, 2, 10) }
          : { category: 'Swimwear', top: int(r, 4, 16) };
      return { id, kind, ...w, segment: seg, magnitude: 1 };
    }
    case 'campaign_start': {
      const type = pick(r, ['paid_social', 'paid_search', 'email'] as const);
      const campaign = {
        name: `Fuzz Promo ${seed}-${i}`,
        type,
        discount_pct: pick(r, [0, 10, 20]),
        audience: 'all visitors',
      };
      return { id, kind, ...w, segment: {}, magnitude: between(r, 0.05, 0.5), campaign };
    }
    case 'campaign_end': {
      const c = runningCampaign(p);
      if (!c) return null;
      const start = addDays(c.from, int(r, 0, 3));
      return {
        id,
        kind,
        start,
        end: c.to,
        segment: { traffic_source: c.source },
        magnitude: r() < 0.6 ? 1 : between(r, 0.4, 0.9),
      };
    }
    case 'price_increase':
    case 'price_decrease':
      return {
        id,
        kind,
        start: w.start,
        segment: productSegment(r, true),
        magnitude: between(r, 0.08, kind === 'price_increase' ? 0.5 : 0.35),
      };
    case 'traffic_drop':
      return { id, kind, ...w, segment: trafficSegment(r, true), magnitude: between(r, 0.15, 0.85) };
    case 'traffic_surge':
      return { id, kind, ...w, segment: trafficSegment(r, true), magnitude: between(r, 0.2, 2) };
    case 'channel_outage': {
      const seg =
        r() < 0.5
          ? { channel: pick(r, ['amazon', 'other_marketplace'] as const) }
          : { channel: 'amazon' as const, country: pick(r, COUNTRIES) };
      const ow = eventWindow(r, p, 4);
      return { id, kind, ...ow, segment: seg, magnitude: r() < 0.6 ? 1 : between(r, 0.6, 0.95) };
    }
    case 'returns_spike':
      return { id, kind, ...w, segment: productSegment(r, true), magnitude: between(r, 0.05, 0.4) };
    case 'rating_drop':
      return {
        id,
        kind,
        ...w,
        segment: { sub_category: pick(r, SUBCATEGORIES.slice(0, 6)) },
        magnitude: between(r, 0.8, 2.5),
      };
    default:
      return null;
  }
}

/** Seeds as `A..B`, single numbers or both, comma-separated: `1..200`, `3,17,40..45`. */
export function parseSeeds(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const m = /^(\d+)\.\.(\d+)$/.exec(part.trim());
    if (!m) return [Number(part)];
    const out: number[] = [];
    for (let s = Number(m[1]); s <= Number(m[2]); s++) out.push(s);
    return out;
  });
}

export function drawScenario(seed: number, o: DrawOptions): Drawn {
  const r = rng(seed);
  const metric = pick(r, EXPLAIN_METRICS);
  const { comparison, period, compare } = drawPeriods(r, o.shortOnly ?? false);
  const n = pick(r, [0, 1, 1, 2, 2, 3]);
  const events: ScenarioEvent[] = [];
  for (let i = 0; i < n * 3 && events.length < n; i++) {
    const kind = pick(r, kindsFor(metric));
    // One campaign end per scenario: the calendar has one running campaign a month.
    if (kind === 'campaign_end' && events.some((e) => e.kind === kind)) continue;
    const e = drawEvent(r, events.length, seed, kind, period);
    if (e) events.push(e);
  }
  const comparisons = [compare];
  // Returns arrive 3-25 days after delivery: a later comparison keeps the data (and the manifest's
  // measurement) running until the period's returns are all in.
  if (metric === 'return_rate')
    comparisons.push({ label: 'returns settle', ...monthSpan(monthIndex(period.from.slice(0, 7)) + 2) });
  const scenario: Scenario = {
    name: `fuzz-${seed}`,
    description: `fuzz seed ${seed}`,
    target: { metric, period, comparisons },
    events,
  };
  const from = addDays(earliest(compare.from, period.from), -o.leadDays);
  const to = comparisons
    .map((c) => c.to)
    .concat(period.to)
    .sort()
    .at(-1)!;
  return { seed, scenario, metric, comparison, span: { from: from < '2024-01-01' ? '2024-01-01' : from, to } };
}
