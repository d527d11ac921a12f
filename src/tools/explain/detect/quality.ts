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

/** Lines and returned lines per period × product, for orders placed in either period (the cube's order scope). */
export function returnsQuery(w: Window, conds: Fragment[]): Fragment {
  const p = periodCase('o.order_date', w);
  return sql`SELECT t.pb, t.product_id, COUNT(*) AS n, SUM(t.hit) AS hits FROM (
      SELECT ${p.flag} AS pb, oi.product_id,
        CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id AND r.order_item_id = oi.order_item_id) THEN 1 ELSE 0 END AS hit
      FROM orders o JOIN order_items oi ON oi.order_id = o.order_id
      WHERE ${and([p.where, NOT_CANCELLED, ...conds])}) t
    GROUP BY t.pb, t.product_id`;
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

export function detectReturnSpikes(rows: Row[], w: Window, cat: Catalogue): DetectedEvent[] {
  // A line is returned or not: mean = rate, sum of squares = hits.
  const byProduct = fold(rows, (r) => ({ n: Number(r.n), s: Number(r.hits), ss: Number(r.hits) }));
  const rule: ShiftRule = { sign: 1, minZ: 4, minN: 20, minMove: (a, b) => b >= 1.5 * a && b - a >= 0.03 };
  return findShifts(byProduct, cat, rule).map((f) => ({
    kind: 'returns_spike' as const,
    segment: segmentOf(f, cat),
    title: `Returns of ${scopeText(f, cat)} rose from ${pct(f.ma)} to ${pct(f.mb)} of the lines ordered`,
    start: w.b.from,
    end: w.b.to,
    evidenceQuery: RETURNS_LABEL,
    facts: {
      scope: scopeText(f, cat),
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
