// A stock-out's effect on a ratio over orders or customers (AOV, new-customer share), against the
// manifest's counterfactual: the same period with the SKUs in stock. The sales the SKUs did not make
// come back as lines at the SKUs' own values per line; an order comes back only for a line that would
// have been its order's one line, since a basket that lost one of several lines was still bought.
// Holding the SKUs' leaves to their comparison values instead gives back every lost line's fraction
// of an order (half an order for a line of a two-line basket). Pure.
import type { LeafTable } from './cube.ts';

/**
 * Measures counted once per order (an order split over its lines). Returned orders are not: the cube
 * credits a returned order to its returned lines, so a line put back brings its own chance of a return.
 */
const PER_ORDER = new Set(['orders', 'customers', 'new_customers']);

export interface StockoutRatioInput {
  /** The period cube (comparison in `a`, period in `b`). */
  lines: LeafTable;
  /** Leaves of the stocked-out SKUs (on the channels the estimate covers). */
  inSkus: (leaf: number) => boolean;
  /** The ratio's line measures. */
  num: string;
  den: string;
  /** Net sales the SKUs did not make (expected − actual), > 0: turned into lines at their net per line. */
  lostNet: number;
  /** Share of the SKUs' lines that were an order's one line, before the period. */
  solo: number;
}

/** The SKUs' lines the values per line are read from must be this many. */
const MIN_LINES = 20;

/** Effect (actual − counterfactual) on the ratio, with its noise; null when nothing can be said. */
export function stockoutEffectOnRatio(x: StockoutRatioInput): { effect: number; se: number } | null {
  const t = x.lines;
  const lc = t.measures.line_count;
  const num = t.measures[x.num];
  const den = t.measures[x.den];
  const orders = t.measures.orders;
  const net = t.measures.net;
  if (!lc || !num || !den || !orders || !net || !(x.lostNet > 0)) return null;
  const sku = {
    a: { lines: 0, num: 0, den: 0, orders: 0, net: 0 },
    b: { lines: 0, num: 0, den: 0, orders: 0, net: 0 },
  };
  const total = { num: 0, den: 0 };
  for (let i = 0; i < t.n; i++) {
    total.num += num.b[i]!;
    total.den += den.b[i]!;
    if (!x.inSkus(i)) continue;
    for (const side of ['a', 'b'] as const) {
      const s = sku[side];
      s.lines += lc[side][i]!;
      s.num += num[side][i]!;
      s.den += den[side][i]!;
      s.orders += orders[side][i]!;
      s.net += net[side][i]!;
    }
  }
  if (total.den <= 0) return null;
  // What one lost line brings back: the SKUs' values per line over both periods (a few days in stock
  // in the period are too few lines to price a line by).
  const ref = {
    lines: sku.a.lines + sku.b.lines,
    num: sku.a.num + sku.b.num,
    den: sku.a.den + sku.b.den,
    orders: sku.a.orders + sku.b.orders,
    net: sku.a.net + sku.b.net,
  };
  if (ref.lines < MIN_LINES || ref.net <= 0) return null;
  const lostLines = (x.lostNet * ref.lines) / ref.net;
  const back = (m: string, sum: number) =>
    PER_ORDER.has(m)
      ? ref.orders > 0
        ? lostLines * x.solo * (m === 'orders' ? 1 : sum / ref.orders)
        : 0
      : (lostLines * sum) / ref.lines;
  const cfNum = total.num + back(x.num, ref.num);
  const cfDen = total.den + back(x.den, ref.den);
  if (cfDen <= 0) return null;
  const effect = total.num / total.den - cfNum / cfDen;
  // The lost lines are a count: their noise is the effect's.
  return { effect, se: Math.abs(effect) / Math.sqrt(lostLines) };
}
