// A channel outage's effect as the ground truth measures it: the metric with the orders the channel
// lost put back, each at the channel's own mix (its value per order, its units, its discount and
// margin, its new and returning customers, its returns). An outage takes orders away and nothing
// else: the channel's kept days sell as they would have, so the counterfactual is the period's actual
// leaves plus the lost orders, not the channel's leaves held to a comparison month (which carries the
// channel's own drift, and on a ratio turns a volume loss into a rate change of the wrong sign).
import type { Row } from '../../db/types.ts';
import { segmentMask, totals, type LeafTable, type MetricView } from './cube.ts';
import { outageEffect } from './detect/channels.ts';
import type { DetectedEvent, Window } from './detect/types.ts';

/** Below this many orders in the period, the segment's own mix is read from both periods together. */
const MIN_MIX_ORDERS = 30;

/**
 * The orders an outage cost: on the channel's other days of the period against the channels that did
 * not go quiet (outageEffect); when the other days are too few (a channel out for most of the month),
 * its share of those channels' orders in the comparison × what they took on its quiet days. The
 * detector's own expectation follows the whole business's growth, which the outage itself pulls down.
 */
export function lostOrders(rows: Row[], w: Window, e: DetectedEvent, outages: DetectedEvent[]): number | null {
  const own = outageEffect(rows, w, e, outages, 'orders');
  if (own !== null) return Math.max(0, -own);
  if (!e.start || !e.end) return null;
  const inSeg = (x: DetectedEvent, r: Row) =>
    x.segment.channel?.includes(String(r.channel)) === true &&
    (!x.segment.country || x.segment.country.includes(String(r.country)));
  let segA = 0;
  let segQuiet = 0;
  let restA = 0;
  let restQuiet = 0;
  for (const r of rows) {
    const day = String(r.day).slice(0, 10);
    const inB = day >= w.b.from && day <= w.b.to;
    if (inB && (day < e.start || day > e.end)) continue;
    const n = Number(r.orders ?? 0);
    if (inSeg(e, r)) {
      if (inB) segQuiet += n;
      else segA += n;
    } else if (!outages.some((q) => inSeg(q, r))) {
      if (inB) restQuiet += n;
      else restA += n;
    }
  }
  if (restA <= 0 || segA <= 0) return null;
  return Math.max(0, (segA / restA) * restQuiet - segQuiet);
}

/**
 * The effect of losing `lost` orders of the segment on the view: actual − (actual with the lost orders
 * back at the segment's per-order values). The mix is the period's when the segment sold enough in it,
 * else both periods' together. Null when the view cannot name the segment or the segment sold nothing.
 */
export function outagePutBack(
  view: MetricView,
  lines: LeafTable,
  seg: DetectedEvent['segment'],
  lost: number,
): { effect: number; se: number } | null {
  const mask = segmentMask(view, seg);
  const orders = lines.measures.orders;
  if (!mask || !orders || lines.n !== view.n) return null;
  const sum = (m: { a: Float64Array; b: Float64Array }, both: boolean) => {
    let s = 0;
    for (let i = 0; i < view.n; i++) if (mask[i]) s += m.b[i]! + (both ? m.a[i]! : 0);
    return s;
  };
  const both = sum(orders, false) < MIN_MIX_ORDERS;
  const o = sum(orders, both);
  if (o <= 0) return null;
  const addNum = (lost * sum(view.num, both)) / o;
  const t = totals(view);
  // The lost orders' own count is Poisson: the effect is as uncertain as √lost of them.
  const rel = 1 / Math.sqrt(Math.max(1, lost));
  if (view.kind === 'additive' || !view.den) return { effect: -addNum, se: Math.abs(addNum) * rel };
  const addDen = (lost * sum(view.den, both)) / o;
  const cfDen = t.denB + addDen;
  if (cfDen <= 0) return null;
  const effect = t.b - (t.numB + addNum) / cfDen;
  return { effect, se: Math.abs(effect) * rel };
}
