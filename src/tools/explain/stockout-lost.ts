// A stock-out's effect on a ratio the line cube measures (return rate, discount rate, gross margin),
// against the manifest's counterfactual: the same period with the SKUs in stock. What the SKUs sold
// on their days in stock stays as it is; the volume they lost (their expected volume, from their
// category's in-stock siblings, less what they sold) comes back at the rate they sold at in the
// comparison. Holding their whole period to the comparison × that growth instead also replaced their
// kept lines' rate by the comparison's: a few days in stock during a campaign, or a markdown since,
// then moved the metric as if the stock-out had (development seeds 199, 234, 252: discount rate,
// shares of the wrong sign). Pure.
import { totals, type LeafTable, type MetricView } from './cube.ts';

/**
 * Effect (actual − counterfactual) on a ratio view of the SKUs' leaves `free`, whose expected period
 * volume is their comparison volume × `growth`. Null when the view is not a ratio or the SKUs sold
 * nothing in the comparison (no rate to put the lost volume back at).
 */
export function stockoutLostPartsEffect(view: MetricView, free: Uint8Array, growth: number): number | null {
  if (view.kind !== 'ratio' || !view.den) return null;
  const sku = { numA: 0, denA: 0, denB: 0 };
  for (let i = 0; i < view.n; i++) {
    if (!free[i]) continue;
    sku.numA += view.num.a[i]!;
    sku.denA += view.den.a[i]!;
    sku.denB += view.den.b[i]!;
  }
  if (!(sku.denA > 0)) return null;
  const lost = growth * sku.denA - sku.denB;
  const rate = sku.numA / sku.denA;
  const t = totals(view);
  const cfDen = t.denB + lost;
  return cfDen > 0 ? t.b - (t.numB + lost * rate) / cfDen : null;
}

export interface LostOnRatioInput {
  /** The period cube (comparison in `a`, period in `b`). */
  lines: LeafTable;
  /** Leaves of the stocked-out SKUs (on the channels the estimate covers). */
  inSkus: (leaf: number) => boolean;
  /** The ratio's line measures. */
  num: string;
  den: string;
  /** Net sales the SKUs lost on their days out, > 0. */
  lostNet: number;
  /**
   * The run-rate cube (the weeks before the period, in `a`) and its SKU leaves: when it carries the
   * ratio's measures (returned orders and orders), the SKUs' rate is read over it and the comparison
   * together. A return rate read from one month of a few SKUs is a handful of returns.
   */
  pre?: { table: LeafTable; inSkus: (leaf: number) => boolean };
}

/**
 * Effect (actual − counterfactual) on a ratio of the lines the SKUs lost on their days out: their lost
 * net sales come back as the denominator at the SKUs' comparison denominator per net sale, and as the
 * numerator at their comparison rate (with the weeks before, when the run-rate cube has the measures).
 * The days the SKUs were in stock stay as they sold: a campaign's discount on them is not the
 * stock-out's. Measured on the SKUs' own days, so it stands beside another stock-out of the same SKUs
 * on other days. Null when the SKUs sold nothing in the comparison (no rate to put the sales back at).
 */
export function stockoutLostOnRatio(x: LostOnRatioInput): { effect: number; se: number } | null {
  const { lines: t } = x;
  const num = t.measures[x.num];
  const den = t.measures[x.den];
  const net = t.measures.net;
  const lc = t.measures.line_count;
  if (!num || !den || !net || !lc || !(x.lostNet > 0)) return null;
  const sku = { num: 0, den: 0, net: 0, lines: 0 };
  const total = { num: 0, den: 0 };
  for (let i = 0; i < t.n; i++) {
    total.num += num.b[i]!;
    total.den += den.b[i]!;
    if (!x.inSkus(i)) continue;
    sku.num += num.a[i]!;
    sku.den += den.a[i]!;
    sku.net += net.a[i]!;
    sku.lines += lc.a[i]!;
  }
  if (!(sku.den > 0) || !(sku.net > 0) || !(total.den > 0)) return null;
  let rate = sku.num / sku.den;
  const pn = x.pre?.table.measures[x.num];
  const pd = x.pre?.table.measures[x.den];
  if (x.pre && pn && pd) {
    let n = sku.num;
    let d = sku.den;
    for (let i = 0; i < x.pre.table.n; i++) {
      if (!x.pre.inSkus(i)) continue;
      n += pn.a[i]!;
      d += pd.a[i]!;
    }
    rate = n / d;
  }
  const lostDen = (x.lostNet * sku.den) / sku.net;
  const lostLines = (x.lostNet * sku.lines) / sku.net;
  const cfDen = total.den + lostDen;
  if (!(cfDen > 0)) return null;
  const effect = total.num / total.den - (total.num + lostDen * rate) / cfDen;
  return { effect, se: Math.abs(effect) / Math.sqrt(Math.max(lostLines, 1)) };
}
