// The extracted leaves in memory, the metric's view of them (additive, or a ratio of two additive
// parts), and the two things the tool computes on a view: the expected growth of the unaffected part
// and the counterfactual effect of a set of leaves (the metric with those leaves at their expected
// values instead of their actual ones, the same "with vs without" the ground truth measures).
import type { Row } from '../../db/types.ts';
import { TidelensError } from '../../errors.ts';

export type Segment = Record<string, string[]>;

export interface LeafTable {
  dimNames: string[];
  /** values[leaf][dim] */
  values: string[][];
  measures: Record<string, { a: Float64Array; b: Float64Array }>;
  n: number;
}

export interface ProductInfo {
  sku: string;
  subcategory: string;
  category: string;
  /** Launch day (products.create_time), 'YYYY-MM-DD'. */
  created?: string;
}

export interface SourceInfo {
  name: string;
  type: string;
  campaignId: number | null;
}

export const LINE_DIM_NAMES = [
  'channel',
  'category',
  'subcategory',
  'product',
  'country',
  'device',
  'source',
  'customer_type',
];
export const SESSION_DIM_NAMES = ['source', 'country', 'device'];
/** The run-rate cube's dimensions: the ones events are named in. */
export const RUN_RATE_DIM_NAMES = ['channel', 'category', 'subcategory', 'product', 'country', 'source'];

/** How a cube's rows become leaves: `dimsOf` reads only the `raw` columns, so equal raw values are one leaf. */
interface LeafKeys {
  dimNames: string[];
  raw: string[];
  dimsOf: (r: Row) => string[];
}

/**
 * Folds rows with a period flag `pb` into leaves keyed by their dimension values. A row's labels are worked out
 * once per distinct raw key (both periods' rows share one), not once per row.
 */
function tableFrom(rows: Row[], keys: LeafKeys, measureNames: string[]): LeafTable {
  const { dimNames, raw, dimsOf } = keys;
  const index = new Map<string, number>();
  const byRaw = new Map<string, number>();
  const values: string[][] = [];
  const acc = measureNames.map(() => ({ a: [] as number[], b: [] as number[] }));
  const m = measureNames.length;
  for (const r of rows) {
    let rawKey = '';
    for (const c of raw) rawKey += `${r[c]}\u0001`;
    let i = byRaw.get(rawKey);
    if (i === undefined) {
      const dims = dimsOf(r);
      const key = dims.join('\u0001');
      i = index.get(key);
      if (i === undefined) {
        i = values.length;
        index.set(key, i);
        values.push(dims);
        for (let k = 0; k < m; k++) {
          acc[k]!.a.push(0);
          acc[k]!.b.push(0);
        }
      }
      byRaw.set(rawKey, i);
    }
    const side = Number(r.pb) === 1 ? 'b' : 'a';
    for (let k = 0; k < m; k++) acc[k]![side][i] += Number(r[measureNames[k]!] ?? 0);
  }
  const measures: LeafTable['measures'] = {};
  measureNames.forEach(
    (name, k) => (measures[name] = { a: Float64Array.from(acc[k]!.a), b: Float64Array.from(acc[k]!.b) }),
  );
  return { dimNames, values, measures, n: values.length };
}

export function sourceLabel(id: unknown, sources: Map<number, SourceInfo>): string {
  if (id === null || id === undefined) return '(marketplace)';
  return sources.get(Number(id))?.name ?? `source ${id}`;
}

/** `extras`: the measures beyond the base ones the rows carry (profiles.ts EXTRA_LINE_MEASURES). */
export function lineTable(
  rows: Row[],
  products: Map<number, ProductInfo>,
  sources: Map<number, SourceInfo>,
  extras: readonly string[],
): LeafTable {
  const measures = ['net', 'units', 'line_count', 'orders', ...extras];
  const raw = ['channel', 'country', 'device_type', 'traffic_source_id', 'is_first_order', 'product_id'];
  return tableFrom(
    rows,
    {
      dimNames: LINE_DIM_NAMES,
      raw,
      dimsOf: (r) => {
        return [
          String(r.channel),
          ...productDims(products, r.product_id),
          String(r.country),
          String(r.device_type),
          sourceLabel(r.traffic_source_id, sources),
          Number(r.is_first_order) === 1 ? 'new' : 'returning',
        ];
      },
    },
    measures,
  );
}

/** A product's category, sub-category and SKU dimensions; a product missing from the catalogue still has a place. */
function productDims(products: Map<number, ProductInfo>, id: unknown): [string, string, string] {
  const p = products.get(Number(id));
  return [p?.category ?? '(unknown)', p?.subcategory ?? '(unknown)', p?.sku ?? `product ${id}`];
}

/** The run-rate cube (one bucket, measures in `a`). */
export function runRateTable(
  rows: Row[],
  products: Map<number, ProductInfo>,
  sources: Map<number, SourceInfo>,
  withReturns = false,
): LeafTable {
  return tableFrom(
    rows,
    {
      dimNames: RUN_RATE_DIM_NAMES,
      raw: ['channel', 'country', 'traffic_source_id', 'product_id'],
      dimsOf: (r) => {
        return [
          String(r.channel),
          ...productDims(products, r.product_id),
          String(r.country),
          sourceLabel(r.traffic_source_id, sources),
        ];
      },
    },
    ['net', 'units', 'line_count', 'orders', 'solo_lines', ...(withReturns ? ['returned_orders'] : [])],
  );
}

export function sessionTable(rows: Row[], sources: Map<number, SourceInfo>): LeafTable {
  return tableFrom(
    rows,
    {
      dimNames: SESSION_DIM_NAMES,
      raw: ['source_id', 'country', 'device_type'],
      dimsOf: (r) => [sourceLabel(r.source_id, sources), String(r.country), String(r.device_type)],
    },
    ['sessions'],
  );
}

/** A metric over a leaf table: additive (`num` only) or a ratio num/den of additive parts. */
export interface MetricView {
  kind: 'additive' | 'ratio';
  dimNames: string[];
  values: string[][];
  n: number;
  num: { a: Float64Array; b: Float64Array };
  den?: { a: Float64Array; b: Float64Array };
  /** What the leaves are, for the method note. */
  grain: string;
}

export function additiveView(t: LeafTable, measure: string, grain: string): MetricView {
  const m = t.measures[measure];
  if (!m) throw new TidelensError('internal', `the cube has no measure ${measure}`);
  return { kind: 'additive', dimNames: t.dimNames, values: t.values, n: t.n, num: m, grain };
}

export function ratioView(t: LeafTable, num: string, den: string, grain: string): MetricView {
  const n = t.measures[num];
  const d = t.measures[den];
  if (!n || !d) throw new TidelensError('internal', `the cube lacks ${num} or ${den}`);
  return { kind: 'ratio', dimNames: t.dimNames, values: t.values, n: t.n, num: n, den: d, grain };
}

/**
 * Conversion: own-site orders from the line cube over the session cube's dimensions (source,
 * country, device). Leaves present on one side only get 0 on the other.
 */
export function conversionView(lines: LeafTable, sessions: LeafTable): MetricView {
  const ch = lines.dimNames.indexOf('channel');
  const pick = SESSION_DIM_NAMES.map((d) => lines.dimNames.indexOf(d));
  const index = new Map<string, number>();
  const values: string[][] = [];
  const na: number[] = [];
  const nb: number[] = [];
  const da: number[] = [];
  const db: number[] = [];
  const slot = (dims: string[]) => {
    const key = dims.join('\u0001');
    let i = index.get(key);
    if (i === undefined) {
      i = values.length;
      index.set(key, i);
      values.push(dims);
      na.push(0);
      nb.push(0);
      da.push(0);
      db.push(0);
    }
    return i;
  };
  for (let i = 0; i < sessions.n; i++) {
    const s = slot(sessions.values[i]!);
    da[s] += sessions.measures.sessions!.a[i]!;
    db[s] += sessions.measures.sessions!.b[i]!;
  }
  for (let i = 0; i < lines.n; i++) {
    if (lines.values[i]![ch] !== 'own_website') continue;
    const s = slot(pick.map((d) => lines.values[i]![d]!));
    na[s] += lines.measures.orders!.a[i]!;
    nb[s] += lines.measures.orders!.b[i]!;
  }
  return {
    kind: 'ratio',
    dimNames: SESSION_DIM_NAMES,
    values,
    n: values.length,
    num: { a: Float64Array.from(na), b: Float64Array.from(nb) },
    den: { a: Float64Array.from(da), b: Float64Array.from(db) },
    grain: 'own-site orders ÷ sessions by traffic source × country × device',
  };
}

/**
 * The session cube holds own-site visits only, so a view of it has no channel dimension yet can name
 * one: own_website is every leaf, any other channel none.
 */
function sessionGrained(dimNames: string[]): boolean {
  return dimNames.length === SESSION_DIM_NAMES.length && SESSION_DIM_NAMES.every((d) => dimNames.includes(d));
}

export function inSegment(view: Pick<MetricView, 'dimNames' | 'values'>, seg: Segment, i: number): boolean | null {
  for (const [dim, vals] of Object.entries(seg)) {
    const d = view.dimNames.indexOf(dim);
    if (d < 0 && dim === 'channel' && sessionGrained(view.dimNames)) {
      if (!vals.includes('own_website')) return false;
      continue;
    }
    if (d < 0) return null;
    if (!vals.includes(view.values[i]![d]!)) return false;
  }
  return true;
}

/** Masks already computed, per leaf list (views of one table share it); a mask depends on nothing else. */
const MASKS = new WeakMap<string[][], Map<string, Uint8Array | null>>();
const MASKS_PER_TABLE = 4096;

/**
 * Mask of the leaves in a segment; null when the view cannot express it (a dimension it lacks). The ranking
 * asks for the same few segments' masks thousands of times (each candidate cause against every claimed one),
 * so each is computed once per leaf list; callers get a copy, free to change.
 */
export function segmentMask(view: MetricView, seg: Segment): Uint8Array | null {
  let known = MASKS.get(view.values);
  if (!known) MASKS.set(view.values, (known = new Map()));
  const key = `${view.n}\u0002${view.dimNames.join('\u0001')}\u0002${JSON.stringify(seg)}`;
  let mask = known.get(key);
  if (mask === undefined) {
    mask = computeMask(view, seg);
    if (known.size < MASKS_PER_TABLE) known.set(key, mask);
  }
  return mask ? mask.slice() : null;
}

/** inSegment's rule over every leaf, with each dimension's column and value set looked up once. */
function computeMask(view: MetricView, seg: Segment): Uint8Array | null {
  const mask = new Uint8Array(view.n);
  const ownSite = sessionGrained(view.dimNames);
  const tests: { col: number; vals: Set<string> }[] = [];
  let none = false;
  for (const [dim, vals] of Object.entries(seg)) {
    const col = view.dimNames.indexOf(dim);
    if (col >= 0) tests.push({ col, vals: new Set(vals) });
    else if (dim === 'channel' && ownSite) none ||= !vals.includes('own_website');
    else return null;
  }
  if (none) return mask;
  if (!tests.length) return mask.fill(1);
  // Walk only the leaves holding the narrowest dimension's values (a segment names a few SKUs of thousands).
  const post = postingsOf(view);
  const lists = tests.map((t) => [...t.vals].map((v) => post[t.col]!.get(v) ?? EMPTY));
  const size = (ls: Int32Array[]) => ls.reduce((a, l) => a + l.length, 0);
  let k = 0;
  for (let j = 1; j < tests.length; j++) if (size(lists[j]!) < size(lists[k]!)) k = j;
  const rest = tests.filter((_, j) => j !== k);
  for (const list of lists[k]!)
    leaves: for (const i of list) {
      const row = view.values[i]!;
      for (const t of rest) if (!t.vals.has(row[t.col]!)) continue leaves;
      mask[i] = 1;
    }
  return mask;
}

const EMPTY = new Int32Array(0);
const POSTINGS = new WeakMap<string[][], Map<string, Int32Array>[]>();

/** Each dimension's leaves by value, once per leaf list. */
function postingsOf(view: Pick<MetricView, 'dimNames' | 'values' | 'n'>): Map<string, Int32Array>[] {
  const known = POSTINGS.get(view.values);
  if (known) return known;
  const lists = view.dimNames.map(() => new Map<string, number[]>());
  for (let i = 0; i < view.n; i++) {
    const row = view.values[i]!;
    lists.forEach((byValue, d) => {
      const l = byValue.get(row[d]!);
      if (l) l.push(i);
      else byValue.set(row[d]!, [i]);
    });
  }
  const post = lists.map((byValue) => new Map([...byValue].map(([v, l]) => [v, Int32Array.from(l)] as const)));
  POSTINGS.set(view.values, post);
  return post;
}

export interface Totals {
  a: number;
  b: number;
  numA: number;
  numB: number;
  denA: number;
  denB: number;
}

export function totals(view: MetricView, mask?: Uint8Array, invert = false): Totals {
  let numA = 0;
  let numB = 0;
  let denA = 0;
  let denB = 0;
  for (let i = 0; i < view.n; i++) {
    if (mask && (mask[i] === 1) === invert) continue;
    numA += view.num.a[i]!;
    numB += view.num.b[i]!;
    if (view.den) {
      denA += view.den.a[i]!;
      denB += view.den.b[i]!;
    }
  }
  if (view.kind === 'additive') return { a: numA, b: numB, numA, numB, denA: 0, denB: 0 };
  return { a: denA ? numA / denA : 0, b: denB ? numB / denB : 0, numA, numB, denA, denB };
}

/** Growth of each additive part over the leaves outside `excluded`: what the unaffected part did. */
export interface Growth {
  num: number;
  den: number;
}

export function growthOutside(view: MetricView, excluded: Uint8Array | null): Growth {
  const t = totals(view, excluded ?? undefined, true);
  const ratio = (b: number, a: number) => (a > 0 && b > 0 ? b / a : 1);
  return { num: ratio(t.numB, t.numA), den: view.den ? ratio(t.denB, t.denA) : 1 };
}

/**
 * Counterfactual effect of the leaves in `mask`: metric(actual) − metric(those leaves at their
 * comparison values × expected growth). Leaves in `claimed` were already attributed to a cause
 * ranked higher and keep their actual values here, so overlapping causes are not counted twice.
 */
export function counterfactualEffect(view: MetricView, mask: Uint8Array, g: Growth, claimed?: Uint8Array): number {
  const t = totals(view);
  let numSeg = 0;
  let numExp = 0;
  let denSeg = 0;
  let denExp = 0;
  for (let i = 0; i < view.n; i++) {
    if (!mask[i] || (claimed && claimed[i])) continue;
    numSeg += view.num.b[i]!;
    numExp += g.num * view.num.a[i]!;
    if (view.den) {
      denSeg += view.den.b[i]!;
      denExp += g.den * view.den.a[i]!;
    }
  }
  if (view.kind === 'additive') return numSeg - numExp;
  const cfNum = t.numB - numSeg + numExp;
  const cfDen = t.denB - denSeg + denExp;
  const cf = cfDen > 0 ? cfNum / cfDen : 0;
  return t.b - cf;
}

/**
 * Rough standard error of an additive effect, treating each leaf total as a compound Poisson sum
 * (count of lines × mean value per line): enough to tell a real shift from sampling noise.
 */
export function effectNoise(view: MetricView, mask: Uint8Array, g: Growth, perUnit: number): number {
  let v = 0;
  for (let i = 0; i < view.n; i++) {
    if (!mask[i]) continue;
    v += Math.abs(view.num.b[i]!) * perUnit + g.num * g.num * Math.abs(view.num.a[i]!) * perUnit;
  }
  // A ratio moves by the numerator's noise over the whole denominator.
  if (view.kind === 'ratio') return Math.sqrt(v) / Math.max(1, totals(view).denB);
  return Math.sqrt(v);
}
