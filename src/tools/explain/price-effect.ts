// A price move's effect on a ratio metric (AOV, margin, discount rate, return rate, new-customer share,
// conversion), against the manifest's counterfactual: the same period without the move. The segment's
// period values are kept (its mix of products, channels, campaigns and discounts, whatever else moved
// it) and only what the price changes is taken out: on the days since the change its money measures
// are divided by the price ratio, and its volume is set to what it would have been (its comparison
// lines × the growth of the rest of the business). Holding the segment's parts to their comparison
// values × the rest's growth instead carries its own rate's month-to-month noise and every other
// event on its rate (a campaign's discounts) into the price move. Pure.
import { dayCount } from '../../calendar/index.ts';
import { additiveView, growthOutside, segmentMask, type LeafTable, type MetricView } from './cube.ts';
import { skuPriceRatios } from './detect/prices.ts';
import type { DetectedEvent, Window } from './detect/types.ts';

/** Line measures that scale with the price paid: a repriced line sells them × the price ratio. */
const PRICED = new Set(['net', 'gross', 'discount', 'refunds']);

export interface PriceEffectInput {
  lines: LeafTable;
  /** The metric's view: a ratio of two line measures, or own-site orders over sessions (conversion). */
  view: MetricView;
  /** The ratio's line measures; for conversion num 'orders' and den null (sessions, which prices do not move). */
  num: string;
  den: string | null;
  window: Window;
  events: DetectedEvent[];
  /** The run-rate cube (the weeks before the period, in `a`) and the SKUs on sale over all of it. */
  pre?: { table: LeafTable; established: Set<string> } | null;
}

/** The segment's lines the expected volume is read from must be this many, or its noise is the answer. */
const MIN_LINES = 20;

/**
 * A price move on a named category or sub-category: a decision recorded for a whole range, measured
 * on its own. Moves on a list of SKUs (routine single-product changes, a markdown of part of a range)
 * keep the cube's comparison × growth and must clear the ranking's statistical bar.
 */
const isRangePrice = (e: DetectedEvent) =>
  (e.kind === 'price_increase' || e.kind === 'price_decrease') && Boolean(e.segment.category || e.segment.subcategory);

function union(masks: Array<Uint8Array | null>, n: number, skip: number): Uint8Array {
  const u = new Uint8Array(n);
  masks.forEach((m, k) => {
    if (m && k !== skip) for (let i = 0; i < n; i++) if (m[i]) u[i] = 1;
  });
  return u;
}

/**
 * Sets `metricEffect` on each price move that starts in the period and whose segment the line cube
 * names. When the price moves the ratio's own rate (a money measure over a count, margin over net
 * sales) only the repricing is taken out: the volume's answer moves the rate through the mix alone,
 * and a month of a sub-category's lines measures it too noisily to add. On conversion (own-site
 * orders over sessions, a view that cannot name products) the move acts through the volume only: the
 * segment's own-site lines against their run rate, the leaves of other events set aside.
 */
export function priceEffectsOnRatio(x: PriceEffectInput): void {
  // Count ratios (discounts over gross sales, returns, customers) keep the comparison × growth: their
  // move is all volume, whose days-alike run rate missed which days carried the discounts and the
  // new customers (development seeds 18, 137: causes lost), so it did no better there.
  // Returns over orders are different: a price move changes no line's chance of a return, only how
  // many lines there are to return, so its whole effect is the volume's, each line put back carrying
  // the segment's returns per line. Held to its run rate instead, the segment's rate (which the move
  // does not change) was measured and its volume left out: a price rise on a high-returns range came
  // out with the wrong sign (development seeds 56, 219, 486; mean error 58 → 20 points over six).
  if (x.den !== null && !rateMoves(x.num, x.den) && x.num !== 'returned_orders') return;
  const vol = additiveView(x.lines, 'line_count', '');
  const masks = x.events.map((e) => segmentMask(vol, e.segment));
  const excluded = union(masks, vol.n, -1);
  // Products new since the comparison sold nothing then: their lines are not the rest's growth.
  const pd = x.lines.dimNames.indexOf('product');
  const soldA = new Set<string>();
  for (let i = 0; i < vol.n; i++) if (vol.num.a[i]! > 0) soldA.add(vol.values[i]![pd]!);
  for (let i = 0; i < vol.n; i++) if (!soldA.has(vol.values[i]![pd]!)) excluded[i] = 1;
  const growth = growthOutside(vol, excluded).num;
  const rr = runRateLines(x, excluded);
  x.events.forEach((e, k) => {
    const mask = masks[k];
    if (!isRangePrice(e) || !mask) return;
    const others = union(masks, vol.n, k);
    const r = priceEffect(x, e, mask, others, growth, rr);
    if (r) e.metricEffect = r;
  });
}

interface Expected {
  /** Lines the segment would have sold in the period. */
  lines: number;
  /** Share of its lines that were an order's one line; null when unknown. */
  solo: number | null;
  /** Lines the expectation was read from (its noise). */
  basis: number;
}

type RunRateLines = (seg: DetectedEvent['segment'], others: DetectedEvent['segment'][]) => Expected | null;

/**
 * The run rate of a segment's lines: its lines over the weeks before the period × the growth of the
 * rest's (established products, no event's segment) from then to the period, with the share of its
 * lines that were an order's one line. Null without the cube.
 */
function runRateLines(x: PriceEffectInput, excludedB: Uint8Array): RunRateLines | null {
  if (!x.pre) return null;
  const { table, established } = x.pre;
  const pv = additiveView(table, 'line_count', '');
  const solo = table.measures.solo_lines;
  const ppd = table.dimNames.indexOf('product');
  const lpd = x.lines.dimNames.indexOf('product');
  const pm = x.events.map((e) => segmentMask(pv, e.segment));
  if (pm.some((m) => !m)) return null;
  const skip = union(pm, pv.n, -1);
  let restP = 0;
  for (let j = 0; j < pv.n; j++) if (!skip[j] && established.has(pv.values[j]![ppd]!)) restP += pv.num.a[j]!;
  let restB = 0;
  const lc = x.lines.measures.line_count!;
  for (let i = 0; i < x.lines.n; i++) if (!excludedB[i] && established.has(x.lines.values[i]![lpd]!)) restB += lc.b[i]!;
  if (restP <= 0 || restB <= 0) return null;
  return (seg, others) => {
    const m = segmentMask(pv, seg);
    if (!m) return null;
    const om = others.map((o) => segmentMask(pv, o));
    let segP = 0;
    let soloP = 0;
    for (let j = 0; j < pv.n; j++) {
      if (!m[j] || om.some((o) => o?.[j]) || !established.has(pv.values[j]![ppd]!)) continue;
      segP += pv.num.a[j]!;
      soloP += solo?.a[j] ?? 0;
    }
    if (segP < MIN_LINES) return null;
    return { lines: (segP * restB) / restP, solo: solo ? soloP / segP : null, basis: segP };
  };
}

/** Days of the period on or after the change, and before it; null when the change is not in the period. */
function daysSplit(w: Window, start: string | null): { before: number; after: number } | null {
  const b = w.b;
  if (!start || start < b.from || start > b.to) return null;
  return { before: dayCount(b.from, b.to) - dayCount(start, b.to), after: dayCount(start, b.to) };
}

function priceRatio(e: DetectedEvent): number | null {
  const pct = Number(e.facts.average_change_pct);
  if (!Number.isFinite(pct) || pct <= -100 || pct === 0) return null;
  return 1 + pct / 100;
}

/**
 * The segment's price ratio weighted by its sales: its period net sales over what they would have
 * been at the old prices (each SKU's net ÷ its own ratio). The plain average of the SKUs' ratios
 * overstates it when dear products (most of the money) were held by the price band to a smaller
 * move. Falls back to the average when the SKUs' ratios or sales are unknown.
 */
export function salesWeightedRatio(
  lines: LeafTable,
  inSeg: (i: number) => boolean,
  ratios: Map<string, number> | undefined,
  fallback: number,
): number {
  const net = lines.measures.net;
  const pd = lines.dimNames.indexOf('product');
  if (!ratios?.size || !net || pd < 0) return fallback;
  let now = 0;
  let old = 0;
  for (let i = 0; i < lines.n; i++) {
    if (!inSeg(i)) continue;
    const r = ratios.get(lines.values[i]![pd]!);
    if (r === undefined || !(r > 0)) continue;
    now += net.b[i]!;
    old += net.b[i]! / r;
  }
  return now > 0 && old > 0 ? now / old : fallback;
}

/**
 * Sets `priceRatio` on each price move whose segment the line cube names: its sales-weighted ratio
 * over the whole segment (the bound a sum's price effect is held to in the ranking).
 */
export function setPriceRatios(lines: LeafTable, events: DetectedEvent[]): void {
  const net = lines.measures.net ? additiveView(lines, 'net', '') : null;
  for (const e of events) {
    if (e.kind !== 'price_increase' && e.kind !== 'price_decrease') continue;
    const avg = priceRatio(e);
    const mask = net && avg ? segmentMask(net, e.segment) : null;
    if (!avg || !mask) continue;
    e.priceRatio = salesWeightedRatio(lines, (i) => Boolean(mask[i]), skuPriceRatios(e), avg);
  }
}

/**
 * Measures counted per order (an order split over its lines): a line more adds one only as an order's
 * one line. Returned orders are not: the cube credits a returned order to its returned lines, so a
 * line put back brings its own chance of a return (as in stockout-ratio.ts).
 */
const PER_ORDER = new Set(['orders', 'customers', 'new_customers']);

interface Sums {
  lines: { a: number; b: number };
  /** Period sums of each measure read, and of orders. */
  b: Record<string, number>;
}

function sumsOver(lines: LeafTable, keep: (i: number) => boolean, measures: string[]): Sums {
  const read = [...new Set([...measures, 'orders'])];
  const out: Sums = { lines: { a: 0, b: 0 }, b: Object.fromEntries(read.map((m) => [m, 0])) };
  const lc = lines.measures.line_count!;
  for (let i = 0; i < lines.n; i++) {
    if (!keep(i)) continue;
    out.lines.a += lc.a[i]!;
    out.lines.b += lc.b[i]!;
    for (const m of read) out.b[m]! += lines.measures[m]?.b[i] ?? 0;
  }
  return out;
}

/**
 * How each measure of the whole period moves when the segment's price move is taken out, given `v`,
 * the segment's lines since the change over what they would have been: per day it sold r lines
 * before the change and r × v since (money × the price ratio), and without the change r on every
 * day. A line measure scales with the segment's lines (its money measures repriced too); an order
 * measure gains only the lines that would have been an order of their own (`solo`), each carrying
 * the segment's customers, new customers and returns per order.
 */
export function counterfactualDelta(
  sums: Sums,
  measures: string[],
  days: { before: number; after: number },
  p: number,
  v: number,
  solo: number,
): Record<string, number> {
  const all = days.before + days.after;
  const scale = (priced: boolean) => all / (days.before + days.after * v * (priced ? p : 1));
  const moreOrders = sums.lines.b * (scale(false) - 1) * solo;
  const d: Record<string, number> = {};
  for (const m of measures) {
    const b = sums.b[m]!;
    if (m === 'margin') {
      // Margin is net less cost: the net part is repriced, the cost part follows the volume only.
      const net = sums.b.net ?? 0;
      d[m] = net * (scale(true) - 1) - (net - b) * (scale(false) - 1);
    } else if (PER_ORDER.has(m)) {
      d[m] = m === 'orders' ? moreOrders : sums.b.orders! > 0 ? (moreOrders * b) / sums.b.orders! : 0;
    } else d[m] = b * (scale(PRICED.has(m)) - 1);
  }
  return d;
}

/** Whether repricing moves the ratio's own rate: a money measure over a count, or margin over net sales. */
function rateMoves(num: string, den: string | null): boolean {
  const priced = (m: string | null) => m !== null && (PRICED.has(m) || m === 'margin');
  return priced(num) !== priced(den) || num === 'margin' || den === 'margin';
}

function priceEffect(
  x: PriceEffectInput,
  e: DetectedEvent,
  mask: Uint8Array,
  others: Uint8Array,
  growth: number,
  rr: RunRateLines | null,
): { effect: number; se: number } | null {
  const days = daysSplit(x.window, e.start);
  const avg = priceRatio(e);
  if (!days || !avg) return null;
  const conversion = x.den === null;
  const ch = x.lines.dimNames.indexOf('channel');
  const inSeg = (i: number) => Boolean(mask[i]) && (!conversion || x.lines.values[i]![ch] === 'own_website');
  const p = salesWeightedRatio(x.lines, inSeg, skuPriceRatios(e), avg);
  const measures = [...new Set([x.num, ...(x.den ? [x.den] : []), ...(rateMoves(x.num, x.den) ? ['net'] : [])])];
  const sums = sumsOver(x.lines, inSeg, measures);
  if (sums.lines.b <= 0) return null;
  let t = { numB: 0, denB: 0 };
  for (let i = 0; i < x.view.n; i++) t = { numB: t.numB + x.view.num.b[i]!, denB: t.denB + x.view.den!.b[i]! };
  if (t.denB <= 0) return null;
  const effectAt = (v: number, solo: number) => {
    const d = counterfactualDelta(sums, measures, days, p, v, solo);
    const den = x.den ? t.denB + d[x.den]! : t.denB;
    return den > 0 ? t.numB / t.denB - (t.numB + d[x.num]!) / den : 0;
  };
  if (rateMoves(x.num, x.den)) {
    const effect = effectAt(1, 0);
    // The repriced lines are a count: their noise is the effect's.
    return { effect, se: Math.abs(effect) / Math.sqrt(sums.lines.b) };
  }
  // The volume's answer, read on the segment's leaves no other event touched.
  const own = sumsOver(x.lines, (i) => inSeg(i) && !others[i], []);
  const otherSegs = x.events.filter((o) => o !== e).map((o) => o.segment);
  const seg = conversion && !e.segment.channel ? { ...e.segment, channel: ['own_website'] } : e.segment;
  const fromRunRate = rr?.(seg, otherSegs) ?? null;
  const exp = fromRunRate ?? { lines: own.lines.a * growth, solo: null, basis: own.lines.a };
  // The run rate counts the segment's products on sale over its whole window: its period lines are
  // counted the same way (a range that launched new products since then sells more lines, moved
  // or not; they take their share from every product alike, so the established ones' ratio holds).
  const lpd = x.lines.dimNames.indexOf('product');
  const ownB =
    fromRunRate && x.pre
      ? sumsOver(x.lines, (i) => inSeg(i) && !others[i] && x.pre!.established.has(x.lines.values[i]![lpd]!), []).lines.b
      : own.lines.b;
  if (exp.lines <= 0 || exp.basis < MIN_LINES || ownB <= 0) return null;
  // Without the run-rate cube's solo lines: the segment's orders per line (1/lines of each order), an upper bound.
  const solo = exp.solo ?? Math.min(1, sums.b.orders! / sums.lines.b);
  const all = days.before + days.after;
  const vOf = (expected: number) => ((ownB * all) / expected - days.before) / days.after;
  const clamp = (v: number) => Math.min(10, Math.max(0.1, v));
  const v = vOf(exp.lines);
  const effect = effectAt(clamp(v), solo);
  // The expected volume is as noisy as the lines it is read from, and the period's lines.
  const rel = Math.sqrt(1 / Math.max(exp.basis, 1) + 1 / ownB);
  const dv = Math.abs(vOf(exp.lines * (1 + rel)) - v);
  const se = Math.abs(effectAt(clamp(v) + dv, solo) - effect);
  return { effect, se: v === clamp(v) ? Math.max(se, 1e-12) : Math.max(se, Math.abs(effect)) };
}
