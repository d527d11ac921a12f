// Stage 3, search: where the change happened beyond the growth the untouched leaves show. The
// comparison is scaled by that growth (leaves of events, launched products and outlying elements
// set aside) and the analysis module's segment search looks for what moved beyond it.
import { additiveCube, ratioCube } from '../../../analysis/cube.ts';
import { scanSegments } from '../../../analysis/segment-scan.ts';
import { searchSegments, type SegmentSearchResult } from '../../../analysis/segment-search.ts';
import {
  additiveView,
  growthOutside,
  segmentMask,
  type Growth,
  type LeafTable,
  type MetricView,
  type Segment,
} from '../cube.ts';
import type { DetectedEvent } from '../detect/types.ts';
import type { MetricProfile } from '../profiles.ts';

export interface SearchInput {
  profile: MetricProfile;
  view: MetricView;
  lines: LeafTable;
  events: DetectedEvent[];
}

export interface Where {
  /** Leaves kept out of the expected growth: events', launched products', outlying elements'. */
  excluded: Uint8Array;
  /** Growth of the other leaves (num, den): what the comparison is scaled by. */
  growth: Growth;
  /** Mean value per counted line × dispersion: the noise scale of the additive numerator. */
  perUnit: number;
  search: SegmentSearchResult | null;
  /** The search's root causes, then the outlying elements it did not name. */
  segments: Segment[];
}

export function searchWhere(x: SearchInput): Where {
  const { view } = x;
  const eventMasks = x.events.map((e) => segmentMask(view, e.segment)).filter((m): m is Uint8Array => m !== null);
  const excluded = new Uint8Array(view.n);
  for (const m of eventMasks) for (let i = 0; i < view.n; i++) if (m[i]) excluded[i] = 1;
  const launched = launchedLeaves(view, x.lines);
  if (launched) for (let i = 0; i < view.n; i++) if (launched[i]) excluded[i] = 1;
  // The traffic scan reads every leaf but a traffic event's (a campaign's source, a channel's outage):
  // a price or stock event on a few products, or a launch, barely moves a place's traffic, and leaving
  // their leaves out would thin every place they sell in (year on year, a third of the orders are of
  // products launched since). Outliers stay in: they are what the scan looks for.
  const untouched = new Uint8Array(view.n).fill(1);
  for (const e of x.events) {
    if (!Object.keys(e.segment).every((d) => TRAFFIC_DIMS.includes(d))) continue;
    const m = segmentMask(view, e.segment);
    if (m) for (let i = 0; i < view.n; i++) if (m[i]) untouched[i] = 0;
  }
  const perUnit = perUnitNoise(x.profile, x.lines);
  // Traffic segments, narrowest first: summed over the segment, a surge or drop the leaf-level search
  // cannot see stands out, and it is the segment (own site × desktop), not its whole parent element
  // (the own site, or every desktop), that is set aside from the expectation.
  const scanned = trafficSegments(view, x.lines, untouched);
  for (const seg of scanned) {
    const m = segmentMask(view, seg);
    if (m) for (let i = 0; i < view.n; i++) if (m[i]) excluded[i] = 1;
  }
  // Elements that moved far from the rest (a traffic source halving) must not set the expectation.
  // Read after the scanned segments are set aside: against one surging device the others look low.
  const outliers = outlierElements(view, excluded, perUnit);
  for (let i = 0; i < view.n; i++) if (outliers.mask[i]) excluded[i] = 1;
  const growth = growthOutside(view, excluded);
  const search = searchView(view, growth, perUnit);
  const segments: Segment[] = [];
  const add = (found: Segment) => {
    const seg = ownSiteNamed(view, found);
    const key = JSON.stringify(seg);
    if (!segments.some((s) => JSON.stringify(s) === key)) segments.push(seg);
  };
  for (const seg of scanned) add(seg);
  for (const s of search?.root_causes ?? []) add(cleanSegment(s.dims));
  // Single-dimension outliers the search's leaf-level view can miss among noisy small leaves.
  for (const seg of outliers.segments) add(seg);
  return { excluded, growth, perUnit, search, segments };
}

/** Dimensions whose segments are places traffic comes from, scanned on their totals. */
const TRAFFIC_DIMS = ['channel', 'country', 'device', 'source'];
/** A scanned segment must stand this many standard errors from its expectation (the ranking's bar for a segment). */
const SCAN_Z = 4;
/** The source of marketplace orders: it only restates the marketplace channels. */
const MARKETPLACE_SOURCE = '(marketplace)';

/**
 * A session view's leaves are all own-site visits: a place found there without a traffic source (which
 * already says the own website) is the own website's, and says so.
 */
function ownSiteNamed(view: MetricView, seg: Segment): Segment {
  if (view.dimNames.includes('channel') || seg.source || seg.channel || !Object.keys(seg).length) return seg;
  return { channel: ['own_website'], ...seg };
}

/**
 * '(marketplace)' as a traffic source only restates a marketplace channel, and an own-site traffic
 * source already says the own website.
 */
function cleanSegment(dims: Record<string, string>): Segment {
  const ownSource = dims.source !== undefined && dims.source !== MARKETPLACE_SOURCE;
  return Object.fromEntries(
    Object.entries(dims)
      .filter(([d, v]) => !(d === 'source' && v === MARKETPLACE_SOURCE && dims.channel))
      .filter(([d, v]) => !(d === 'channel' && v === 'own_website' && ownSource))
      .map(([d, v]) => [d, [v]]),
  );
}

/**
 * Segments of the traffic dimensions whose volume moved beyond the growth of the rest, narrowest
 * first (segment-scan.ts). Volume is counted in orders on the order-line cube (a count has no
 * spread of values, so a marketplace doubling stands out where its net sales are still noisy), in
 * sessions on the session cube.
 */
function trafficSegments(view: MetricView, lines: LeafTable, include: Uint8Array): Segment[] {
  if (view.n === 0) return [];
  const onLines = view.values === lines.values && lines.measures.orders !== undefined;
  const part = onLines ? lines.measures.orders! : view.kind === 'additive' ? view.num : view.den;
  if (!part) return [];
  const hits = scanSegments(
    {
      dimNames: view.dimNames,
      values: view.values,
      a: part.a,
      b: part.b,
      include,
      growth: null,
      perUnit: 1,
      dims: TRAFFIC_DIMS,
      skipValues: { source: [MARKETPLACE_SOURCE] },
    },
    { maxDepth: 3, minZ: SCAN_Z },
  );
  return hits.map((h) => cleanSegment(h.dims));
}
/**
 * The analysis module's cube with the comparison scaled by the expected growth, so the search looks
 * for what moved beyond it.
 */
function searchView(view: MetricView, g: Growth, perUnit: number): SegmentSearchResult | null {
  if (view.n === 0) return null;
  const dims = view.dimNames;
  const leaf = (i: number) => Object.fromEntries(dims.map((d, k) => [d, view.values[i]![k]!]));
  // Leaves of a few sessions or orders swing wildly by chance; the pseudo-count (ten units of the
  // measure) keeps them from looking like root causes.
  const unit = view.kind === 'additive' ? 10 * perUnit : 0;
  const opts = {
    maxLayer: view.n > 20_000 ? 2 : 3,
    maxElements: 6,
    adtributor: { k: 3 } as const,
    pseudoCount: unit,
    reliabilityCount: unit,
  };
  if (view.kind === 'additive') {
    const leaves = Array.from({ length: view.n }, (_, i) => ({
      dims: leaf(i),
      a: view.num.a[i]! * g.num,
      b: view.num.b[i]!,
    }));
    return searchSegments(additiveCube(leaves, dims), opts);
  }
  const rate = g.num / g.den;
  const leaves = Array.from({ length: view.n }, (_, i) => ({
    dims: leaf(i),
    num_a: view.num.a[i]! * rate,
    den_a: view.den!.a[i]!,
    num_b: view.num.b[i]!,
    den_b: view.den!.b[i]!,
  }));
  return searchSegments(ratioCube(leaves, dims), opts);
}

/**
 * Leaves of single-dimension elements (a source, a country, a channel) whose growth departs from the
 * rest by more than 15% and by more than 4 standard errors, and that carry at least 3% of the base.
 */
function outlierElements(
  view: MetricView,
  excluded: Uint8Array,
  perUnit: number,
): { mask: Uint8Array; segments: Segment[] } {
  const out = new Uint8Array(view.n);
  const segments: Segment[] = [];
  const part = view.den ?? view.num;
  for (let d = 0; d < view.dimNames.length; d++) {
    const a = new Map<string, number>();
    const b = new Map<string, number>();
    let ta = 0;
    let tb = 0;
    for (let i = 0; i < view.n; i++) {
      if (excluded[i]) continue;
      const v = view.values[i]![d]!;
      a.set(v, (a.get(v) ?? 0) + part.a[i]!);
      b.set(v, (b.get(v) ?? 0) + part.b[i]!);
      ta += part.a[i]!;
      tb += part.b[i]!;
    }
    if (a.size < 3 || ta <= 0) continue;
    for (const [v, ea] of a) {
      const eb = b.get(v) ?? 0;
      if (ea < 0.03 * ta) continue;
      // The rest's growth, without the element itself.
      const g = (tb - eb) / Math.max(ta - ea, 1e-9);
      const diff = eb - g * ea;
      const se = Math.sqrt((eb + g * g * ea) * (view.den ? 1 : perUnit));
      if (Math.abs(diff) > 0.15 * g * ea && Math.abs(diff) > 4 * se) {
        for (let i = 0; i < view.n; i++) if (view.values[i]![d] === v) out[i] = 1;
        segments.push({ [view.dimNames[d]!]: [v] });
      }
    }
  }
  return { mask: out, segments };
}

/**
 * Leaves of products that sold nothing in the comparison period but sell in the current one. Sold is
 * read from the order lines when the view shares their leaves: a product with no refund in the
 * comparison month was not launched since (refunds are sparse: most products have none in a month, and
 * leaving out those that have some only in the period held the rest to the products that happened to
 * have refunds in the comparison, whose refunds then fell back: a growth of 0.34 for 0.74, dev seed 91).
 */
function launchedLeaves(view: MetricView, lines: LeafTable): Uint8Array | null {
  const d = view.dimNames.indexOf('product');
  if (d < 0) return null;
  const sameLeaves = lines.n === view.n && lines.values === view.values;
  const sold = sameLeaves ? lines.measures.line_count : undefined;
  const soldA = new Set<string>();
  for (let i = 0; i < view.n; i++) {
    const a = sold ? sold.a[i]! : view.den ? view.den.a[i]! : view.num.a[i]!;
    if (a > 0) soldA.add(view.values[i]![d]!);
  }
  return Uint8Array.from({ length: view.n }, (_, i) => (soldA.has(view.values[i]![d]!) ? 0 : 1));
}

/** The profile's line measure over its line count, × 1.5; 1 when the profile counts unit noise. */
function perUnitNoise(profile: MetricProfile, lines: LeafTable): number {
  const key = profile.effect.noise;
  if (key === null) return 1;
  const m = lines.measures;
  let value = 0;
  let count = 0;
  for (let i = 0; i < lines.n; i++) {
    value += m[key]!.a[i]! + m[key]!.b[i]!;
    count += m.line_count!.a[i]! + m.line_count!.b[i]!;
  }
  // Sum of a compound Poisson count: variance ≈ total × mean value × (1 + CV²); CV² ≈ 0.5 for line values.
  return count === 0 ? 1 : (value / count) * 1.5;
}
