// What a place's gained or lost visits did to a ratio (AOV, conversion, new-customer share, return
// rate): the period's value against the same with the visits taken out (a surge) or put back (a
// drop), each visit worth what the place's visits were worth over both periods (its numerator and
// denominator per visit, pooled: a thin place's month alone is a handful of orders). That is the
// manifest's "without the event": the generator adds a surge's visits as a stream of the place's own
// visitors and thins a drop's, so the rest of the place converts and spends as it would have. Held to
// the comparison × the rest's growth instead, the effect was the place's whole mix and rate move: a
// desktop surge on conversion came out ten times what its extra visits did (development seed 43) and
// AOV surges took the wrong sign (seeds 42, 87). An own-site place's visits are sessions, campaign
// sources aside as the traffic detectors leave them (a sale's email visitors convert on terms of their
// own); a marketplace's are its orders (detect/shifts.ts). Pure: no database.
import { segmentMask, type MetricView, type Segment } from '../cube.ts';

export interface VisitsWorthInput {
  view: MetricView;
  segment: Segment;
  /** Visits (own-site sessions, or a marketplace's orders) the place lost; negative: gained. */
  lost: number;
  /** The place's visits (campaign sources aside) in the comparison and the period. */
  sessions: { a: number; b: number };
  /** Is this source a campaign's? */
  campaignSource: (source: string) => boolean;
  /** The detector's z: the effect's noise is taken as effect / z. */
  z: number;
}

export function visitsWorthOnRatio(x: VisitsWorthInput): { effect: number; se: number } | null {
  const { view } = x;
  const mask = segmentMask(view, x.segment);
  const pool = x.sessions.a + x.sessions.b;
  if (!mask || !view.den || !Number.isFinite(x.lost) || x.lost === 0 || !(pool > 0)) return null;
  const sd = view.dimNames.indexOf('source');
  let segNum = 0;
  let segDen = 0;
  let num = 0;
  let den = 0;
  for (let i = 0; i < view.n; i++) {
    num += view.num.b[i]!;
    den += view.den.b[i]!;
    if (!mask[i] || (sd >= 0 && x.campaignSource(view.values[i]![sd]!))) continue;
    segNum += view.num.a[i]! + view.num.b[i]!;
    segDen += view.den.a[i]! + view.den.b[i]!;
  }
  // Both periods pooled: a thin place's period alone is a handful of orders.
  const up = x.lost / pool;
  if (!(den > 0) || !(den + up * segDen > 0)) return null;
  const effect = num / den - (num + up * segNum) / (den + up * segDen);
  return { effect, se: x.z !== 0 && Number.isFinite(x.z) ? Math.abs(effect / x.z) : Math.abs(effect) };
}

/** A place's sessions on the session view, campaign sources aside (null when the view cannot name it). */
export function placeSessions(
  sessions: MetricView,
  segment: Segment,
  campaignSource: (source: string) => boolean,
): { a: number; b: number } | null {
  const mask = segmentMask(sessions, segment);
  if (!mask) return null;
  const sd = sessions.dimNames.indexOf('source');
  const t = { a: 0, b: 0 };
  for (let i = 0; i < sessions.n; i++) {
    if (!mask[i] || (sd >= 0 && campaignSource(sessions.values[i]![sd]!))) continue;
    t.a += sessions.num.a[i]!;
    t.b += sessions.num.b[i]!;
  }
  return t;
}

/** A marketplace place's orders on the line cube's orders (null when the cube cannot name it). */
export function placeOrders(orders: MetricView, segment: Segment): { a: number; b: number } | null {
  const mask = segmentMask(orders, segment);
  if (!mask) return null;
  const t = { a: 0, b: 0 };
  for (let i = 0; i < orders.n; i++) {
    if (!mask[i]) continue;
    t.a += orders.num.a[i]!;
    t.b += orders.num.b[i]!;
  }
  return t;
}
