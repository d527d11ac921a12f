// Does a cause explain_change reported match an event the generator planted? Same kind, and the
// segment names the same place: same channel / country / device / traffic source, and the same
// products (at least half of them in common) or the same category. Pure, so it is unit-tested.
import { parseDay } from '../../seed/generator/calendar.ts';
import { baselineCampaigns } from '../../seed/generator/traffic.ts';
import type { ScenarioEvent } from '../../seed/scenarios/schema.ts';

export interface PlantedEvent {
  id: string;
  kind: string;
  segment: ScenarioEvent['segment'];
  /** SKUs the event touched (from the manifest's product_ids). */
  skus: string[];
  /** Name of the campaign a campaign_start created. */
  campaign?: string;
}

export interface ReportedCause {
  kind: string;
  segment: Record<string, string[]>;
}

function one(seg: Record<string, string[]>, dim: string): string | undefined {
  const v = seg[dim];
  return v && v.length === 1 ? v[0] : undefined;
}

/** A campaign or source name without its year: "Summer Splash 2025" → "Summer Splash". */
const yearless = (x: string) => x.replace(/\s*\b(19|20)\d{2}\b/g, '').trim();

/** explain_change names a yearly campaign's editions as one source: "… Summer Splash (yearly)". */
function sameSource(reported: string | undefined, planted: string): boolean {
  if (reported === planted) return true;
  return (
    reported !== undefined &&
    reported.endsWith(' (yearly)') &&
    reported.slice(0, -' (yearly)'.length) === yearless(planted)
  );
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  const uni = new Set([...a, ...b]).size;
  return uni === 0 ? 0 : inter / uni;
}

export function segmentMatches(
  e: PlantedEvent,
  c: ReportedCause,
  skusOf: (level: 'category' | 'subcategory', name: string) => string[],
): boolean {
  const s = c.segment;
  const seg = e.segment;
  // Own-site traffic sources imply the own-website channel.
  const channel = one(s, 'channel') ?? (s.source && !s.source.includes('(marketplace)') ? 'own_website' : undefined);
  if (seg.channel && channel !== seg.channel) return false;
  if (!seg.channel && s.channel) return false;
  for (const [dim, key] of [
    ['country', 'country'],
    ['device', 'device'],
  ] as const) {
    if (seg[key] && one(s, dim) !== seg[key]) return false;
    if (!seg[key] && s[dim]) return false;
  }
  if (e.kind === 'campaign_start') {
    const src = one(s, 'source');
    return Boolean(src && e.campaign && src.includes(e.campaign));
  }
  if (seg.traffic_source) return sameSource(one(s, 'source'), seg.traffic_source);
  if (s.source) return false;
  const productScoped = Boolean(seg.skus || seg.top);
  const catScoped = Boolean(seg.category || seg.sub_category);
  if (!productScoped && !catScoped) return !s.product && !s.category && !s.subcategory;
  const skus =
    s.product ??
    (s.subcategory ? skusOf('subcategory', s.subcategory[0]!) : s.category ? skusOf('category', s.category[0]!) : []);
  if (productScoped) return jaccard(skus, e.skus) >= 0.5;
  if (seg.sub_category && one(s, 'subcategory') === seg.sub_category) return true;
  if (seg.category && one(s, 'category') === seg.category) return true;
  return jaccard(skus, e.skus) >= 0.8;
}

export function causeMatches(
  e: PlantedEvent,
  c: ReportedCause,
  skusOf: (level: 'category' | 'subcategory', name: string) => string[],
): boolean {
  return e.kind === c.kind && segmentMatches(e, c, skusOf);
}

/** An event at least this large a share of the change was planted; below it, a bystander. */
export const MATERIAL = 0.05;
/** A share estimate within this many points of the manifest's is right. */
export const SHARE_TOL = 0.1;

export type ScoredCause = ReportedCause & { share: number | null };
export type SkusOf = (level: 'category' | 'subcategory', name: string) => string[];

export interface CauseScore {
  planted: number;
  hits: number;
  reported: number;
  correct: number;
  shares: Array<{ id: string; kind: string; est: number | null; truth: number; ok: boolean; hit: boolean }>;
  /** Kinds of the counted reported causes that matched no planted event. */
  falseKinds: string[];
}

/**
 * Recall, precision and shares of the reported event causes against the planted events. A cause
 * matching only a bystander (share under MATERIAL) is neither a hit nor a false alarm.
 */
export function matchCauses(
  events: Array<PlantedEvent & { share: number }>,
  reported: ScoredCause[],
  skusOf: SkusOf,
): CauseScore {
  const planted = events.filter((e) => Math.abs(e.share) >= MATERIAL);
  const bystanders = events.filter((e) => Math.abs(e.share) < MATERIAL);
  const shares: CauseScore['shares'] = [];
  let hits = 0;
  for (const e of planted) {
    const c = reported.find((x) => causeMatches(e, x, skusOf));
    if (c) hits++;
    const est = c?.share ?? null;
    const ok = est !== null && Math.abs(est - e.share) <= SHARE_TOL;
    shares.push({ id: e.id, kind: e.kind, est, truth: e.share, ok, hit: Boolean(c) });
  }
  const counted = reported.filter((c) => !bystanders.some((e) => causeMatches(e, c, skusOf)));
  const right = counted.filter((c) => planted.some((e) => causeMatches(e, c, skusOf)));
  const falseKinds = counted.filter((c) => !right.includes(c)).map((c) => c.kind);
  return { planted: planted.length, hits, reported: counted.length, correct: right.length, shares, falseKinds };
}

/**
 * The generator's yearly campaign calendar (seed/generator/traffic.ts) starts and ends campaigns the
 * manifest does not list. A cause naming one of them is a real event when the campaign's scheduled days
 * differ between the two periods the way the cause says (a start: more of its days in the later period;
 * an end: fewer): such a cause is neither a hit nor a false alarm, like one matching a bystander. A
 * calendar campaign cause whose schedule does not differ so is a false alarm like any other.
 */
const BASELINE_CAMPAIGNS = /New Year Sale|Spring Preview|Summer Splash|Black Friday|Holiday Gifts/;
export function isBaselineCampaign(c: ReportedCause): boolean {
  return (
    (c.kind === 'campaign_start' || c.kind === 'campaign_end') &&
    (c.segment.source ?? []).some((x) => BASELINE_CAMPAIGNS.test(x))
  );
}

/** A scheduled campaign of the calendar: day numbers (seed/generator/calendar.ts), inclusive. */
export interface CalendarCampaign {
  name: string;
  startDay: number;
  endDay: number;
}
/** A compared period as day numbers, inclusive. */
export interface DaySpan {
  from: number;
  to: number;
}

/** Share of a period's days a campaign ran. */
function daysShare(k: CalendarCampaign, p: DaySpan): number {
  return Math.max(0, Math.min(k.endDay, p.to) - Math.max(k.startDay, p.from) + 1) / (p.to - p.from + 1);
}

/** A calendar campaign cause whose campaign's schedule differs between `a` (earlier) and `b` as it says. */
export function isCalendarEdge(c: ReportedCause, calendar: CalendarCampaign[], a: DaySpan, b: DaySpan): boolean {
  if (!isBaselineCampaign(c)) return false;
  const source = c.segment.source?.[0] ?? '';
  const year = /\b(19|20)\d{2}\b/.exec(source)?.[0];
  const runs = calendar.filter(
    (k) => source.includes(yearless(k.name)) && (year === undefined || k.name.endsWith(year)),
  );
  const inA = runs.reduce((s, k) => s + daysShare(k, a), 0);
  const inB = runs.reduce((s, k) => s + daysShare(k, b), 0);
  return c.kind === 'campaign_start' ? inB > inA : inA > inB;
}

type Dates = { from: string; to: string };
/** The calendar of the seeded span and the two compared periods (`a` the earlier), as day numbers. */
export function calendarFrame(span: Dates, a: Dates, b: Dates) {
  const days = (p: Dates): DaySpan => ({ from: parseDay(p.from), to: parseDay(p.to) });
  const all = days(span);
  return { calendar: baselineCampaigns(all.from, all.to) as CalendarCampaign[], a: days(a), b: days(b) };
}

/**
 * The causes that are scored: event kinds only, the first `top`, without calendar campaign causes that are
 * real edges of the calendar and match no planted event.
 */
export function scoredCauses<C extends ReportedCause>(
  causes: C[],
  o: {
    kinds: ReadonlySet<string>;
    planted: PlantedEvent[];
    calendar: CalendarCampaign[];
    a: DaySpan;
    b: DaySpan;
    top: number;
  },
): C[] {
  const unlisted = (c: C) =>
    isCalendarEdge(c, o.calendar, o.a, o.b) && !o.planted.some((e) => causeMatches(e, c, () => []));
  return causes.filter((c) => o.kinds.has(c.kind) && !unlisted(c)).slice(0, o.top);
}
