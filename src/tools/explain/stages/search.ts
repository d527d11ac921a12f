// Stage 3, search: where the change happened beyond the growth the untouched leaves show. The
// comparison is scaled by that growth (leaves of events, launched products and outlying elements
// set aside) and the analysis module's segment search looks for what moved beyond it.
import { additiveCube, ratioCube } from '../../../analysis/cube.ts';
import { searchSegments, type SegmentSearchResult } from '../../../analysis/segment-search.ts';
import { growthOutside, segmentMask, type Growth, type LeafTable, type MetricView, type Segment } from '../cube.ts';
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
  const launched = launchedLeaves(view);
  if (launched) for (let i = 0; i < view.n; i++) if (launched[i]) excluded[i] = 1;
  const perUnit = perUnitNoise(x.profile, x.lines);
  // Elements that moved far from the rest (a traffic source halving) must not set the expectation.
  const setAside = outlierElements(view, excluded, perUnit);
  for (let i = 0; i < view.n; i++) if (setAside.mask[i]) excluded[i] = 1;
  const growth = growthOutside(view, excluded);
  const search = searchView(view, growth, perUnit);
  // '(marketplace)' as a traffic source only restates a marketplace channel.
  const segments: Segment[] = (search?.root_causes ?? []).map((s) =>
    Object.fromEntries(
      Object.entries(s.dims)
        .filter(([d, v]) => !(d === 'source' && v === '(marketplace)' && s.dims.channel))
        .map(([d, v]) => [d, [v]]),
    ),
  );
  // Single-dimension outliers the search's leaf-level view can miss among noisy small leaves.
  for (const seg of setAside.segments) {
    const key = JSON.stringify(seg);
    if (!segments.some((s) => JSON.stringify(s) === key)) segments.push(seg);
  }
  return { excluded, growth, perUnit, search, segments };
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

/** Leaves of products that sold nothing in the comparison period but sell in the current one. */
function launchedLeaves(view: MetricView): Uint8Array | null {
  const d = view.dimNames.indexOf('product');
  if (d < 0) return null;
  const soldA = new Set<string>();
  for (let i = 0; i < view.n; i++) if ((view.den ? view.den.a[i]! : view.num.a[i]!) > 0) soldA.add(view.values[i]![d]!);
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
