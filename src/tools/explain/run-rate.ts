// The run-rate baseline for an event that starts inside the period (a price change, a channel
// outage, a traffic drop): what its segment would have sold = its share of the unaffected rest of
// the business over the weeks before the period × what that rest sold in the period. Against one
// comparison month × growth this halves the noise of the expectation (four months of the segment's
// own sales instead of one), and unlike a difference in differences of small cells it leans on the
// whole rest of the business. Products launched during the window are left out of both shares
// (their sales there are partial), and so is campaign traffic (a campaign lifts its own source for
// weeks, not the business evenly); the effect is then scaled to the segment's full sales. On a rate
// (returned orders ÷ orders) the segment keeps its own rate from the window, moved as the rest's
// rate moved: a month of one sub-category's returns is a handful of orders. Pure.
import { segmentMask, totals, type MetricView, type Segment } from './cube.ts';

export interface RunRateInput {
  /** The period's leaves (B in `b`): an additive metric, or returned orders ÷ orders. */
  view: MetricView;
  /** The same measure(s) over the run-rate window, in `a` (its own leaves, the dimensions events use). */
  pre: MetricView;
  /** First day of the period: only events starting on or after it were absent from the window. */
  from: string;
  /** Products (SKUs) on sale over the whole window (additive metrics only). */
  established: (sku: string) => boolean;
  /** Traffic sources that belong to a campaign (additive metrics only). */
  campaignSource: (source: string) => boolean;
  /** Segments of every event found: the rest is what none of them touches. */
  eventSegments: Segment[];
  /** Noise scale of one counted unit of the measure (see perUnitNoise). */
  perUnit: number;
}

export interface RunRate {
  from: string;
  /**
   * Effect (actual − expected) of the period's leaves in `free` (the event's segment minus leaves a
   * higher-ranked cause claimed, whose segments are `claimed`). Null when the window holds too little
   * of the segment or of the rest to compare with.
   */
  effect(seg: Segment, free: Uint8Array, claimed: Segment[]): { effect: number; se: number } | null;
}

/** The window must hold this many noise units of the segment: fewer and one month's noise is back. */
const MIN_UNITS = 30;

/** Leaves comparable over time: an established product, sold through no campaign's source. */
function comparable(view: MetricView, x: RunRateInput): Uint8Array {
  const d = view.dimNames.indexOf('product');
  const s = view.dimNames.indexOf('source');
  return Uint8Array.from({ length: view.n }, (_, i) =>
    (d < 0 || x.established(view.values[i]![d]!)) && (s < 0 || !x.campaignSource(view.values[i]![s]!)) ? 1 : 0,
  );
}

export function runRate(x: RunRateInput): RunRate | null {
  if (x.view.kind === 'ratio' && x.pre.kind === 'ratio') return runRateRatio(x);
  if (x.view.kind !== 'additive' || x.pre.kind !== 'additive') return null;
  const estB = comparable(x.view, x);
  const estP = comparable(x.pre, x);
  const touchedB = new Uint8Array(x.view.n);
  const touchedP = new Uint8Array(x.pre.n);
  for (const seg of x.eventSegments) {
    const mb = segmentMask(x.view, seg);
    const mp = segmentMask(x.pre, seg);
    if (!mb || !mp) return null; // an event named in a dimension the window lacks: no clean rest
    for (let i = 0; i < x.view.n; i++) if (mb[i]) touchedB[i] = 1;
    for (let j = 0; j < x.pre.n; j++) if (mp[j]) touchedP[j] = 1;
  }
  let restB = 0;
  let restP = 0;
  for (let i = 0; i < x.view.n; i++) if (!touchedB[i] && estB[i]) restB += x.view.num.b[i]!;
  for (let j = 0; j < x.pre.n; j++) if (!touchedP[j] && estP[j]) restP += x.pre.num.a[j]!;
  if (restB <= 0 || restP < MIN_UNITS * x.perUnit) return null;
  const growth = restB / restP;
  return {
    from: x.from,
    effect(seg, free, claimed) {
      const mp = segmentMask(x.pre, seg);
      if (!mp) return null;
      const claimedP = claimed.map((c) => segmentMask(x.pre, c));
      let segP = 0;
      for (let j = 0; j < x.pre.n; j++) {
        if (!mp[j] || !estP[j] || claimedP.some((m) => m !== null && m[j])) continue;
        segP += x.pre.num.a[j]!;
      }
      if (segP < MIN_UNITS * x.perUnit) return null;
      let all = 0;
      let est = 0;
      for (let i = 0; i < x.view.n; i++) {
        if (!free[i]) continue;
        all += x.view.num.b[i]!;
        if (estB[i]) est += x.view.num.b[i]!;
      }
      const expected = segP * growth;
      // Products launched since carry the same relative effect as the established ones.
      const k = est > 0 ? all / est : 1;
      const base = est > 0 ? est : all;
      // Compound-Poisson noise of the segment now and then, and of the rest's growth.
      const variance = x.perUnit * (base + growth * growth * segP + expected * expected * (1 / restB + 1 / restP));
      return { effect: (base - expected) * k, se: Math.sqrt(variance) * k };
    },
  };
}

interface Parts {
  num: number;
  den: number;
}

function sumParts(view: MetricView, side: 'a' | 'b', keep: (i: number) => boolean): Parts {
  const out = { num: 0, den: 0 };
  for (let i = 0; i < view.n; i++) {
    if (!keep(i)) continue;
    out.num += view.num[side][i]!;
    out.den += view.den![side][i]!;
  }
  return out;
}

function runRateRatio(x: RunRateInput): RunRate | null {
  const masks = x.eventSegments.map((seg) => [segmentMask(x.view, seg), segmentMask(x.pre, seg)] as const);
  if (masks.some(([b, p]) => !b || !p)) return null;
  const restB = sumParts(x.view, 'b', (i) => !masks.some(([b]) => b![i]));
  const restP = sumParts(x.pre, 'a', (j) => !masks.some(([, p]) => p![j]));
  if (restB.den <= 0 || restP.num <= 0 || restP.den < MIN_UNITS) return null;
  const drift = restB.num / restB.den / (restP.num / restP.den);
  return {
    from: x.from,
    effect(seg, free, claimed) {
      const mp = segmentMask(x.pre, seg);
      if (!mp) return null;
      const claimedP = claimed.map((c) => segmentMask(x.pre, c));
      const segP = sumParts(x.pre, 'a', (j) => Boolean(mp[j]) && !claimedP.some((m) => m !== null && m[j]));
      if (segP.den < MIN_UNITS || segP.num <= 0) return null;
      const segB = sumParts(x.view, 'b', (i) => Boolean(free[i]));
      const rate = (segP.num / segP.den) * drift;
      const t = totals(x.view);
      if (t.denB <= 0) return null;
      const expected = segB.den * rate;
      const effect = t.b - (t.numB - segB.num + expected) / t.denB;
      // Returns as counts: the segment's now, and the expectation's from the window and the rest's drift.
      const se =
        Math.sqrt(segB.num + expected * expected * (1 / segP.num + 1 / Math.max(restB.num, 1) + 1 / restP.num)) /
        t.denB;
      return { effect, se };
    },
  };
}
