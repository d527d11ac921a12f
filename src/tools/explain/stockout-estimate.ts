// Stock-outs on a sales-like metric get their own effect estimate: per channel, the SKUs' share of
// their category's in-stock, established products over the weeks before the period × what those
// siblings sold in it (stockoutEffect below); on sums and conversion only the part of that on the
// days out (stockout-days.ts), since the SKUs' days in stock sold the same with or without the
// stock-out. Siblings of the whole category, not just the sub-category: the share is as stable and the
// reference several times larger, so less noisy.
// Pure: it reads the period cube and the run-rate cube.
import { dayCount } from '../../calendar/index.ts';
import { totals, type LeafTable, type MetricView, type ProductInfo } from './cube.ts';
import type { Row } from '../../db/types.ts';
import type { DetectedEvent } from './detect/types.ts';
import type { StockoutSpec } from './profiles.ts';
import { dayShare, outDayShares } from './stockout-days.ts';
import { stockoutEffectOnRatio } from './stockout-ratio.ts';

export interface StockoutEstimateInput {
  /** The metric profile's measure and fact for lost sales. */
  spec: StockoutSpec;
  events: DetectedEvent[];
  products: Map<number, ProductInfo>;
  /** The period cube (comparison in `a`, period in `b`). */
  lines: LeafTable;
  /** The run-rate cube (weeks before the period, in `a`), with a solo_lines measure. */
  pre: LeafTable;
  /** SKUs on sale over the whole run-rate window. */
  established: Set<string>;
  /** Growth of the rest of the business, for channels where the siblings sold too little. */
  growth: number;
  /** Orders by day × channel (the quiet-channel detector's rows) and the period: what the days out weigh. */
  daily?: { rows: Row[]; period: { from: string; to: string } };
}

function byProductChannel(
  t: LeafTable,
  side: 'a' | 'b',
  measures: string[],
  idOf: Map<string, number>,
): Map<string, Record<string, number>> {
  const pd = t.dimNames.indexOf('product');
  const cd = t.dimNames.indexOf('channel');
  const out = new Map<string, Record<string, number>>();
  for (let i = 0; i < t.n; i++) {
    const id = idOf.get(t.values[i]![pd]!);
    if (id === undefined) continue;
    const k = `${id}|${t.values[i]![cd]!}`;
    const cur = out.get(k) ?? Object.fromEntries(measures.map((m) => [m, 0]));
    for (const m of measures) cur[m]! += t.measures[m]?.[side][i] ?? 0;
    out.set(k, cur);
  }
  return out;
}

/** Sets `effect` (and a lost-sales fact) on each stock-out event, in the measure the metric's profile names. */
export function estimateStockouts(x: StockoutEstimateInput): void {
  const stockouts = x.events.filter((e) => e.kind === 'stockout');
  if (!stockouts.length) return;
  const measure = x.spec.measure;
  const idOf = new Map([...x.products].map(([id, p]) => [p.sku, id]));
  const out = new Set(
    stockouts.flatMap((e) =>
      (e.segment.product ?? []).map((sku) => idOf.get(sku)).filter((id): id is number => id !== undefined),
    ),
  );
  const pre = byProductChannel(x.pre, 'a', ['net', 'units', 'line_count', 'solo_lines', 'orders'], idOf);
  const rows: Array<Record<string, number | string> & { product_id: number; line_count: number; solo_lines: number }> =
    [...pre].map(([k, v]) => ({
      product_id: Number(k.split('|')[0]),
      channel: k.split('|')[1]!,
      net: v.net!,
      units: v.units!,
      line_count: v.line_count!,
      solo_lines: v.solo_lines!,
      orders: v.orders!,
    }));
  const cd = x.lines.dimNames.indexOf('channel');
  const channels = [...new Set(x.lines.values.map((v) => v[cd]!))].filter(
    (c) => !x.spec.channel || c === x.spec.channel,
  );
  const a = byProductChannel(x.lines, 'a', [measure], idOf);
  const b = byProductChannel(x.lines, 'b', [measure], idOf);
  const sales = (id: number, ch: string) => ({
    a: a.get(`${id}|${ch}`)?.[measure] ?? 0,
    b: b.get(`${id}|${ch}`)?.[measure] ?? 0,
  });
  for (const e of stockouts) {
    const skus = new Set(
      (e.segment.product ?? []).map((sku) => idOf.get(sku)).filter((id): id is number => id !== undefined),
    );
    const cats = new Set([...skus].map((id) => x.products.get(id)!.category));
    const siblings = new Set(
      [...x.products]
        .filter(([id, p]) => cats.has(p.category) && !out.has(id) && x.established.has(p.sku))
        .map(([id]) => id),
    );
    const outShare = x.spec.overDays ? outShareOf(x, e, rows, skus) : undefined;
    let effect = stockoutEffect({ rows, skus, siblings, channels, measure, growth: x.growth, sales, outShare });
    e.segmentGrowth = segmentGrowth(skus, channels, sales, effect);
    // A lost line loses its order only when it was the order's one line: the rest still sell.
    let solo = 0;
    let all = 0;
    for (const r of rows) {
      if (!skus.has(r.product_id) || !channels.includes(String(r.channel))) continue;
      solo += r.solo_lines;
      all += r.line_count;
    }
    const soloShare = all > 0 ? solo / all : 1;
    if (x.spec.soloLinesOnly) effect *= soloShare;
    if (x.spec.ratio && measure === 'net') {
      const r = stockoutEffectOnRatio({
        lines: x.lines,
        inSkus: skuLeaves(x.lines, skus, channels, idOf),
        ...x.spec.ratio,
        lostNet: -effect,
        solo: soloShare,
      });
      if (r) e.metricEffect = r;
    }
    e.effect = effect;
    // Measured on its own days out: it stands even when a higher-ranked event claimed some of its leaves.
    if (outShare) e.effectOverDays = true;
    e.facts[x.spec.lostFact] = Math.round(-effect * 100) / 100;
  }
}

/**
 * Per channel, the share of the period's sales that fell on the event's days out; undefined without
 * daily orders (the whole period is then the SKUs' expected sales against what they sold).
 */
function outShareOf(
  x: StockoutEstimateInput,
  e: DetectedEvent,
  rows: Array<Record<string, number | string> & { product_id: number; solo_lines: number }>,
  skus: Set<number>,
): ((channel: string) => number) | undefined {
  if (!x.daily || !e.start || !e.end) return undefined;
  const solo = new Map<string, number>();
  const orders = new Map<string, number>();
  for (const r of rows) {
    const ch = String(r.channel);
    orders.set(ch, (orders.get(ch) ?? 0) + Number(r.orders ?? 0));
    if (skus.has(r.product_id)) solo.set(ch, (solo.get(ch) ?? 0) + r.solo_lines);
  }
  const shares = outDayShares(x.daily.rows, { period: x.daily.period, start: e.start, end: e.end }, (ch) =>
    (orders.get(ch) ?? 0) > 0 ? (solo.get(ch) ?? 0) / orders.get(ch)! : 0,
  );
  const days = dayShare({ period: x.daily.period, start: e.start, end: e.end }, e.start, e.end);
  return (ch) => shares.get(ch) ?? days;
}

/** Whether a leaf of the period cube is one of the SKUs on one of the channels. */
function skuLeaves(t: LeafTable, skus: Set<number>, channels: string[], idOf: Map<string, number>) {
  const pd = t.dimNames.indexOf('product');
  const cd = t.dimNames.indexOf('channel');
  return (i: number) => {
    const id = idOf.get(t.values[i]![pd]!);
    return id !== undefined && skus.has(id) && channels.includes(t.values[i]![cd]!);
  };
}

/**
 * The SKUs' expected sales in the period over their comparison sales (B − effect) ÷ A: a ratio metric
 * holds the SKUs' parts to their comparison values × this, so their rate within the ratio stays theirs
 * and their volume follows their category siblings rather than the rest of the business. Undefined when
 * the SKUs sold nothing in the comparison period.
 */
function segmentGrowth(
  skus: Set<number>,
  channels: string[],
  sales: (id: number, ch: string) => { a: number; b: number },
  effect: number,
): number | undefined {
  let skuA = 0;
  let skuB = 0;
  for (const ch of channels) {
    for (const id of skus) {
      const s = sales(id, ch);
      skuA += s.a;
      skuB += s.b;
    }
  }
  const expected = skuB - effect;
  return skuA > 0 && expected >= 0 ? expected / skuA : undefined;
}

/** Fewer sibling lines than this in a channel: fall back to the SKU's own comparison sales × growth. */
const MIN_SIBLING_LINES = 10;

export interface StockoutEffectInput {
  /** Sales per product_id × channel over the weeks before the period (net, units, line_count). */
  rows: Row[];
  /** The stocked-out SKUs' product ids and their in-stock siblings' (same categories). */
  skus: Set<number>;
  siblings: Set<number>;
  /** The period's sales per product × channel, and the comparison period's, in the metric's measure. */
  sales: (productId: number, channel: string) => { a: number; b: number };
  channels: string[];
  measure: 'net' | 'units' | 'line_count';
  /** Growth of the rest of the business, for channels where the siblings sold too little to compare with. */
  growth: number;
  /**
   * Per channel, the share of the period's sales on the days out: the SKUs lost only those days' sales
   * (what they sold on their days in stock is the same with or without the stock-out). Absent: the
   * whole period's expected sales against what the SKUs sold in it.
   */
  outShare?: (channel: string) => number;
}

/**
 * A stock-out's effect on the period: what the SKUs sold minus what they would have sold in stock,
 * per channel = their share of their category over the months before (SKUs ÷ in-stock siblings)
 * × what the siblings actually sold in the period. The siblings carry everything else that hit the
 * category in that channel (a price rise, a campaign ending), as the ground truth's "all events
 * but this one" does; a four-month share averages out one month's noise.
 */
export function stockoutEffect(x: StockoutEffectInput): number {
  const pre = new Map<string, { sku: number; sib: number; sibLines: number }>();
  for (const r of x.rows) {
    const id = Number(r.product_id);
    const ch = String(r.channel);
    const cur = pre.get(ch) ?? { sku: 0, sib: 0, sibLines: 0 };
    const v = Number(r[x.measure] ?? 0);
    if (x.skus.has(id)) cur.sku += v;
    else if (x.siblings.has(id)) {
      cur.sib += v;
      cur.sibLines += Number(r.line_count ?? 0);
    }
    pre.set(ch, cur);
  }
  let effect = 0;
  for (const ch of x.channels) {
    let skuA = 0;
    let skuB = 0;
    let sibB = 0;
    for (const id of x.skus) {
      const s = x.sales(id, ch);
      skuA += s.a;
      skuB += s.b;
    }
    for (const id of x.siblings) sibB += x.sales(id, ch).b;
    const p = pre.get(ch);
    const expected = p && p.sibLines >= MIN_SIBLING_LINES && p.sib > 0 ? (p.sku / p.sib) * sibB : skuA * x.growth;
    if (x.outShare) {
      effect -= expected * x.outShare(ch);
      continue;
    }
    effect += skuB - expected;
  }
  return effect;
}

// Stock-outs on conversion (own-site orders over sessions, a view that cannot name products): the
// orders the SKUs lost, over the period's sessions.

/** Siblings must have sold this many own-site orders in the comparison period to set the expected growth. */
const MIN_SIBLING_ORDERS = 30;

/**
 * A stock-out moves conversion through its numerator: the own-site orders the SKUs did not take, over
 * the period's sessions (the visitors came; fewer of them could buy). The SKUs' own-site orders are
 * held to the growth of their category's other products, which carries the season and whatever else
 * moved the category. Orders are counted as the cube counts them (an order split over its lines).
 */
export function stockoutOnConversion(
  loaded: { lines: LeafTable; products: Map<number, ProductInfo>; view: MetricView },
  e: DetectedEvent,
  growth: number,
): { effect: number; se: number } | undefined {
  const { lines, products, view } = loaded;
  const skus = new Set(e.segment.product ?? []);
  if (!skus.size || !view.den) return undefined;
  const catOf = new Map([...products.values()].map((p) => [p.sku, p.category]));
  const cats = new Set([...skus].map((s) => catOf.get(s)));
  const [ch, pd] = [lines.dimNames.indexOf('channel'), lines.dimNames.indexOf('product')];
  const orders = lines.measures.orders;
  if (ch < 0 || pd < 0 || !orders) return undefined;
  let oA = 0;
  let oB = 0;
  let sA = 0;
  let sB = 0;
  for (let i = 0; i < lines.n; i++) {
    if (lines.values[i]![ch] !== 'own_website') continue;
    const sku = lines.values[i]![pd]!;
    if (skus.has(sku)) {
      oA += orders.a[i]!;
      oB += orders.b[i]!;
    } else if (cats.has(catOf.get(sku))) {
      sA += orders.a[i]!;
      sB += orders.b[i]!;
    }
  }
  let sessionsB = 0;
  for (let i = 0; i < view.n; i++) sessionsB += view.den.b[i]!;
  if (sessionsB <= 0 || oA <= 0) return undefined;
  const g = sA >= MIN_SIBLING_ORDERS && sB > 0 ? sB / sA : growth;
  const lost = oB - g * oA;
  return { effect: lost / sessionsB, se: Math.sqrt(oB + g * g * oA) / sessionsB };
}

/** A stock-out needs this many in-stock days in the period for them to set its rate. */
const MIN_IN_STOCK_DAYS = 3;

/**
 * A stock-out on conversion whose two estimates (its SKUs' share of their category before the
 * period, and their orders held to their category's growth) both have it gaining orders, which it
 * cannot do: a short stock-out in a quiet month loses a few orders, less than either baseline's
 * noise. The SKUs' own-site orders on their in-stock days of the period then set their rate, and the
 * days out lost that rate (the period's orders × days out ÷ days in stock), over the period's
 * sessions. Replaces the metric measure the ranking falls back to.
 */
export function stockoutInStockDays(view: MetricView, lines: LeafTable, events: DetectedEvent[]): void {
  const [ch, pd] = [lines.dimNames.indexOf('channel'), lines.dimNames.indexOf('product')];
  const orders = lines.measures.orders;
  const sessionsB = totals(view).denB;
  if (ch < 0 || pd < 0 || !orders || !(sessionsB > 0)) return;
  for (const e of events) {
    if (e.kind !== 'stockout' || e.effect === undefined || !e.metricEffect || !e.start || !e.end) continue;
    if (e.effect < 0) continue;
    const skus = new Set(e.segment.product ?? []);
    const out = dayCount(e.start, e.end);
    const kept = Number(e.facts.period_days) - out;
    if (!skus.size || !(kept >= MIN_IN_STOCK_DAYS)) continue;
    let ordersB = 0;
    for (let i = 0; i < lines.n; i++) {
      if (lines.values[i]![ch] === 'own_website' && skus.has(lines.values[i]![pd]!)) ordersB += orders.b[i]!;
    }
    if (ordersB <= 0) continue;
    const perKept = out / kept;
    e.metricEffect = { effect: (-ordersB * perKept) / sessionsB, se: (Math.sqrt(ordersB) * perKept) / sessionsB };
  }
}
