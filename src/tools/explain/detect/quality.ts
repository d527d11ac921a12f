// Returns spikes and rating drops: per product and period, the share of order lines returned
// (returns joined to the lines of orders placed in each period) and the ratings of the reviews of
// those orders. A spike or drop is read first per sub-category (one event naming it) and then per
// SKU for the rest, and must be large and clear of sampling noise: a few unlucky returns are not an event.
import type { Row } from '../../../db/types.ts';
import { bounds } from '../../filters.ts';
import { NOT_CANCELLED } from '../../metrics.ts';
import { and, raw, sql, type Fragment } from '../../sql/fragment.ts';
import type { Segment } from '../cube.ts';
import type { Catalogue } from './prices.ts';
import type { DetectedEvent, Window } from './types.ts';

export const RETURNS_LABEL = 'evidence: returned order lines by product (returns of lines ordered in each period)';
export const RATINGS_LABEL = 'evidence: review ratings by product (reviews of the orders placed in each period)';

function periodCase(col: string, w: Window): { flag: Fragment; where: Fragment } {
  const [alo, ahi] = bounds(w.a);
  const [blo, bhi] = bounds(w.b);
  return {
    flag: sql`CASE WHEN ${raw(col)} >= ${blo} AND ${raw(col)} < ${bhi} THEN 1 ELSE 0 END`,
    where: sql`((${raw(col)} >= ${alo} AND ${raw(col)} < ${ahi}) OR (${raw(col)} >= ${blo} AND ${raw(col)} < ${bhi}))`,
  };
}

/**
 * Lines and returned lines per period × product × channel, for orders placed in either period (the
 * cube's order scope). The channel lets a spike on one channel (a carrier, a marketplace's policy) be
 * named as that channel.
 */
export function returnsQuery(w: Window, conds: Fragment[]): Fragment {
  const p = periodCase('o.order_date', w);
  return sql`SELECT t.pb, t.product_id, t.channel, COUNT(*) AS n, SUM(t.hit) AS hits FROM (
      SELECT ${p.flag} AS pb, oi.product_id, o.channel,
        CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id AND r.order_item_id = oi.order_item_id) THEN 1 ELSE 0 END AS hit
      FROM orders o JOIN order_items oi ON oi.order_id = o.order_id
      WHERE ${and([p.where, NOT_CANCELLED, ...conds])}) t
    GROUP BY t.pb, t.product_id, t.channel`;
}

/**
 * Reviews, their rating sum and sum of squares per period × product, by the date of the order they
 * review: a bad batch sold in March is reviewed in April, and it is March's batch the question is
 * about (reviews written in March are mostly of February's orders).
 */
export function ratingsQuery(w: Window): Fragment {
  const p = periodCase('o.order_date', w);
  return sql`SELECT ${p.flag} AS pb, rv.product_id, COUNT(*) AS n, SUM(rv.rating) AS s, SUM(rv.rating * rv.rating) AS ss
    FROM reviews rv JOIN orders o ON o.order_id = rv.order_id WHERE ${p.where}
    GROUP BY ${p.flag}, rv.product_id`;
}

interface Cell {
  n: number;
  s: number;
  ss: number;
}
interface Pair {
  a: Cell;
  b: Cell;
}

const empty = (): Cell => ({ n: 0, s: 0, ss: 0 });

function fold(rows: Row[], read: (r: Row) => Cell): Map<number, Pair> {
  const out = new Map<number, Pair>();
  for (const r of rows) {
    const id = Number(r.product_id);
    const p = out.get(id) ?? { a: empty(), b: empty() };
    const c = read(r);
    const side = Number(r.pb) === 1 ? p.b : p.a;
    side.n += c.n;
    side.s += c.s;
    side.ss += c.ss;
    out.set(id, p);
  }
  return out;
}

function sum(pairs: Pair[]): Pair {
  const t = { a: empty(), b: empty() };
  for (const p of pairs) {
    for (const k of ['a', 'b'] as const) {
      t[k].n += p[k].n;
      t[k].s += p[k].s;
      t[k].ss += p[k].ss;
    }
  }
  return t;
}

/** The shift test: mean of B vs mean of A, its z (Welch) and the relative size. */
export interface ShiftRule {
  /** +1: a rise is the event (returns), −1: a fall (ratings). */
  sign: 1 | -1;
  minZ: number;
  /** Smallest move of the mean: relative for rates (returns), absolute for ratings (stars). */
  minMove: (a: number, b: number) => boolean;
  /** Fewest observations in the period for a cell to count. */
  minN: number;
}

function shift(p: Pair, rule: ShiftRule): { ma: number; mb: number; z: number } | null {
  if (p.a.n < rule.minN || p.b.n < rule.minN) return null;
  const ma = p.a.s / p.a.n;
  const mb = p.b.s / p.b.n;
  const va = Math.max(p.a.ss / p.a.n - ma * ma, 1e-6);
  const vb = Math.max(p.b.ss / p.b.n - mb * mb, 1e-6);
  const z = ((mb - ma) * rule.sign) / Math.sqrt(va / p.a.n + vb / p.b.n);
  return z >= rule.minZ && rule.minMove(ma, mb) ? { ma, mb, z } : null;
}

interface Found {
  ids: number[];
  subcategory: string | null;
  ma: number;
  mb: number;
  nA: number;
  nB: number;
}

/** Sub-categories that moved as a whole, then single SKUs elsewhere (grouped into one finding). */
function findShifts(byProduct: Map<number, Pair>, cat: Catalogue, rule: ShiftRule): Found[] {
  const bySub = new Map<string, number[]>();
  for (const id of byProduct.keys())
    bySub.set(cat.subcategoryOf(id), [...(bySub.get(cat.subcategoryOf(id)) ?? []), id]);
  const out: Found[] = [];
  const covered = new Set<number>();
  for (const [sub, ids] of bySub) {
    const t = sum(ids.map((id) => byProduct.get(id)!));
    const s = shift(t, rule);
    if (!s) continue;
    // A sub-category moves as a whole only when no one SKU carries the move: the largest SKU's
    // excess over the comparison rate is at most half of all the SKUs' excesses. (Counting SKUs that moved fails
    // on thin SKUs: four lines with no return in either period did not "not move".)
    const excess = ids.map((id) => rule.sign * (byProduct.get(id)!.b.s - byProduct.get(id)!.b.n * s.ma));
    const rise = excess.reduce((x, y) => x + Math.max(y, 0), 0);
    if (rise <= 0 || Math.max(...excess) > 0.5 * rise) continue;
    out.push({ ids, subcategory: sub, ma: s.ma, mb: s.mb, nA: t.a.n, nB: t.b.n });
    for (const id of ids) covered.add(id);
  }
  const skus = [...byProduct]
    .filter(([id]) => !covered.has(id))
    .map(([id, p]) => ({ id, p, s: shift(p, { ...rule, minZ: rule.minZ + 0.5 }) }))
    .filter((x) => x.s !== null);
  if (skus.length) {
    const t = sum(skus.map((x) => x.p));
    out.push({
      ids: skus.map((x) => x.id),
      subcategory: null,
      ma: t.a.s / t.a.n,
      mb: t.b.s / t.b.n,
      nA: t.a.n,
      nB: t.b.n,
    });
  }
  return out;
}

function segmentOf(f: Found, cat: Catalogue): Segment {
  return f.subcategory ? { subcategory: [f.subcategory] } : { product: f.ids.map((id) => cat.skuOf(id)) };
}

function scopeText(f: Found, cat: Catalogue): string {
  if (f.subcategory) return f.subcategory;
  const skus = f.ids.map((id) => cat.skuOf(id));
  return skus.length > 3 ? `${skus.length} SKUs (${skus.slice(0, 3).join(', ')}, …)` : skus.join(', ');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One product on one channel: its lines and returned lines in each period. */
interface ReturnCell {
  id: number;
  channel: string;
  p: Pair;
}

/** A way a place splits into parts; `thin` for SKUs, most of which sell a few lines. */
interface Split {
  of: (c: ReturnCell) => string;
  thin?: boolean;
}

/** A place returns are read at: its name, its segment and how its cells split into parts. */
interface Level {
  key: (c: ReturnCell) => string;
  segment: (c: ReturnCell) => Segment;
  scope: (c: ReturnCell) => string;
  /** The ways the place splits (SKUs: many thin parts); it must have moved as a whole in each. */
  parts: Split[];
  /**
   * A channel or a category: a few places, so fewer chances of a false alarm than among the hundreds of
   * sub-categories and SKUs, and their bar is lower by COARSE_Z_LESS.
   */
  coarse?: boolean;
}

const COARSE_Z_LESS = 0.5;

/** A part rose clearly on its own at this many standard errors. */
const PART_Z = 2;
/** The parts that did not, together, must hold at least this share of the lines to speak… */
const REST_SHARE = 0.15;
/** …and show no rise of their own at this many standard errors, for the place not to have risen as a whole. */
const REST_Z = 1.5;

/** The rest's rate this many standard errors short of the place's move says it did not move with it. */
const APART_Z = 2;

/** Is the rest's rate in B clearly short of what it would be had it moved as the whole place did? */
function heldApart(rest: Pair, all: Pair): boolean {
  if (rest.a.n === 0 || rest.b.n === 0 || all.a.s === 0) return false;
  const moved = Math.min(1, (rest.a.s / rest.a.n) * (all.b.s / all.b.n / (all.a.s / all.a.n)));
  const se = Math.sqrt(Math.max(moved * (1 - moved), 1e-6) / rest.b.n);
  return (moved - rest.b.s / rest.b.n) / se >= APART_Z;
}

/**
 * Did the place rise as a whole? Split by a few large parts (the categories or sub-categories of a
 * channel, the channels or sub-categories of a category), not when the parts that did not rise clearly
 * on their own hold a fair share of the lines and, together, held their rate: two sub-categories
 * spiking are two events, not their category. Split by SKUs (many, most thin), not when one SKU
 * carries more than half the excess.
 */
function movedAsWhole(cells: ReturnCell[], parts: Level['parts'], rateA: number, rule: ShiftRule): boolean {
  for (const { of: partOf, thin } of parts) {
    const byPart = new Map<string, Pair>();
    for (const c of cells) byPart.set(partOf(c), sum([byPart.get(partOf(c)) ?? { a: empty(), b: empty() }, c.p]));
    if (byPart.size < 2) continue;
    const excessOf = (t: Pair) => rule.sign * (t.b.s - t.b.n * rateA);
    if (thin) {
      const excess = [...byPart.values()].map(excessOf);
      const rise = excess.reduce((n, x) => n + Math.max(x, 0), 0);
      if (rise <= 0 || Math.max(...excess) > 0.5 * rise) return false;
      continue;
    }
    // The parts that did not rise clearly on their own: together, either they rose too, or they are
    // too few or too thin to say they did not move with the place.
    const all = sum([...byPart.values()]);
    const rest = sum([...byPart.values()].filter((t) => !shift(t, { ...rule, minZ: PART_Z, minMove: () => true })));
    if (rest.b.n < REST_SHARE * all.b.n || shift(rest, { ...rule, minZ: REST_Z, minMove: () => true })) continue;
    if (heldApart(rest, all)) return false;
  }
  return true;
}

/**
 * Returns spikes from the widest place down: a channel, a category, a sub-category, a category on
 * one channel, a sub-category on one channel, then single SKUs (a sub-category before a category's
 * slice of one channel, so two sub-categories spiking are not also named by a thin channel slice).
 * A place is named when its rate rose clearly and as a whole; its cells then leave the narrower
 * levels, so a category-wide spike is one event, not one per sub-category.
 */
/** The evidence rows as product × channel cells. */
function returnCells(rows: Row[]): ReturnCell[] {
  const cells = new Map<string, ReturnCell>();
  for (const r of rows) {
    const id = Number(r.product_id);
    const channel = r.channel === undefined || r.channel === null ? '' : String(r.channel);
    const k = `${id}|${channel}`;
    const c = cells.get(k) ?? { id, channel, p: { a: empty(), b: empty() } };
    const side = Number(r.pb) === 1 ? c.p.b : c.p.a;
    side.n += Number(r.n);
    side.s += Number(r.hits);
    side.ss += Number(r.hits);
    cells.set(k, c);
  }
  return [...cells.values()];
}

/** The places returns are read at, widest first; the channel levels only when the rows carry channels. */
function returnLevels(cat: Catalogue, withChannel: boolean): Level[] {
  const sub = (c: ReturnCell) => cat.subcategoryOf(c.id);
  const catOf = (c: ReturnCell) => cat.categoryOf(c.id);
  const sku: Split = { of: (c) => cat.skuOf(c.id), thin: true };
  const ch = (c: ReturnCell) => c.channel;
  return [
    ...(withChannel
      ? [
          {
            key: ch,
            segment: (c: ReturnCell) => ({ channel: [c.channel] }),
            scope: ch,
            parts: [{ of: catOf }, { of: sub }],
            coarse: true,
          },
        ]
      : []),
    {
      key: catOf,
      segment: (c) => ({ category: [catOf(c)] }),
      scope: catOf,
      parts: withChannel ? [{ of: ch }, { of: sub }] : [{ of: sub }],
      coarse: true,
    },
    {
      key: sub,
      segment: (c) => ({ subcategory: [sub(c)] }),
      scope: sub,
      parts: withChannel ? [{ of: ch }, sku] : [sku],
    },
    ...(withChannel
      ? [
          {
            key: (c: ReturnCell) => `${catOf(c)}|${c.channel}`,
            segment: (c: ReturnCell) => ({ category: [catOf(c)], channel: [c.channel] }),
            scope: (c: ReturnCell) => `${catOf(c)} on ${c.channel}`,
            parts: [{ of: sub }],
            coarse: true,
          },
        ]
      : []),
    ...(withChannel
      ? [
          {
            key: (c: ReturnCell) => `${sub(c)}|${c.channel}`,
            segment: (c: ReturnCell) => ({ subcategory: [sub(c)], channel: [c.channel] }),
            scope: (c: ReturnCell) => `${sub(c)} on ${c.channel}`,
            parts: [sku],
          },
        ]
      : []),
  ];
}

function findReturnShifts(
  rows: Row[],
  cat: Catalogue,
  rule: ShiftRule,
): Array<Found & { segment: Segment; scope: string }> {
  const cells = returnCells(rows);
  const levels = returnLevels(
    cat,
    cells.some((c) => c.channel !== ''),
  );
  const out: Array<Found & { segment: Segment; scope: string }> = [];
  let left = cells;
  for (const [i, level] of levels.entries()) {
    const groups = new Map<string, ReturnCell[]>();
    for (const c of left) groups.set(level.key(c), [...(groups.get(level.key(c)) ?? []), c]);
    const covered = new Set<ReturnCell>();
    for (const cs of groups.values()) {
      // The same cells as one place of a narrower level (a category with one sub-category): name that.
      if (levels.slice(i + 1).some((l) => new Set(cs.map(l.key)).size === 1)) continue;
      const t = sum(cs.map((c) => c.p));
      const s = shift(t, level.coarse ? { ...rule, minZ: rule.minZ - COARSE_Z_LESS } : rule);
      if (!s || !movedAsWhole(cs, level.parts, s.ma, rule)) continue;
      const ids = [...new Set(cs.map((c) => c.id))];
      out.push({
        ids,
        subcategory: null,
        ma: s.ma,
        mb: s.mb,
        nA: t.a.n,
        nB: t.b.n,
        segment: level.segment(cs[0]!),
        scope: level.scope(cs[0]!),
      });
      for (const c of cs) covered.add(c);
    }
    left = left.filter((c) => !covered.has(c));
  }
  // Single SKUs among the rest, summed over channels, grouped into one finding.
  const byProduct = new Map<number, Pair>();
  for (const c of left) byProduct.set(c.id, sum([byProduct.get(c.id) ?? { a: empty(), b: empty() }, c.p]));
  const skus = [...byProduct]
    .map(([id, p]) => ({ id, p, s: shift(p, { ...rule, minZ: rule.minZ + 0.5 }) }))
    .filter((x) => x.s !== null);
  if (skus.length) {
    const t = sum(skus.map((x) => x.p));
    const f: Found = {
      ids: skus.map((x) => x.id),
      subcategory: null,
      ma: t.a.s / t.a.n,
      mb: t.b.s / t.b.n,
      nA: t.a.n,
      nB: t.b.n,
    };
    out.push({ ...f, segment: segmentOf(f, cat), scope: scopeText(f, cat) });
  }
  return out;
}

export function detectReturnSpikes(rows: Row[], w: Window, cat: Catalogue): DetectedEvent[] {
  // A line is returned or not: mean = rate, sum of squares = hits.
  const rule: ShiftRule = { sign: 1, minZ: 4, minN: 20, minMove: (a, b) => b >= 1.5 * a && b - a >= 0.03 };
  return findReturnShifts(rows, cat, rule).map((f) => ({
    kind: 'returns_spike' as const,
    segment: f.segment,
    title: `Returns of ${f.scope} rose from ${pct(f.ma)} to ${pct(f.mb)} of the lines ordered`,
    start: w.b.from,
    end: w.b.to,
    evidenceQuery: RETURNS_LABEL,
    facts: {
      scope: f.scope,
      return_rate_a: Math.round(f.ma * 10000) / 10000,
      return_rate_b: Math.round(f.mb * 10000) / 10000,
      lines_a: f.nA,
      lines_b: f.nB,
    },
  }));
}

export function detectRatingDrops(rows: Row[], w: Window, cat: Catalogue): DetectedEvent[] {
  const byProduct = fold(rows, (r) => ({ n: Number(r.n), s: Number(r.s), ss: Number(r.ss) }));
  const rule: ShiftRule = { sign: -1, minZ: 4, minN: 8, minMove: (a, b) => a - b >= 0.5 };
  return findShifts(byProduct, cat, rule).map((f) => ({
    kind: 'rating_drop' as const,
    segment: segmentOf(f, cat),
    title: `Ratings of ${scopeText(f, cat)} ordered in the period fell from ${f.ma.toFixed(2)} to ${f.mb.toFixed(2)} stars`,
    start: w.b.from,
    end: w.b.to,
    evidenceQuery: RATINGS_LABEL,
    facts: {
      scope: scopeText(f, cat),
      rating_a: Math.round(f.ma * 100) / 100,
      rating_b: Math.round(f.mb * 100) / 100,
      reviews_a: f.nA,
      reviews_b: f.nB,
    },
  }));
}
