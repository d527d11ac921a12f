// Does a cause explain_change reported match an event the generator planted? Same kind, and the
// segment names the same place: same channel / country / device / traffic source, and the same
// products (at least half of them in common) or the same category. Pure, so it is unit-tested.
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

/** explain_change names a yearly campaign's editions as one source: "… Summer Splash (yearly)". */
function sameSource(reported: string | undefined, planted: string): boolean {
  if (reported === planted) return true;
  const yearless = (x: string) => x.replace(/\s*\b(19|20)\d{2}\b/g, '').trim();
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
