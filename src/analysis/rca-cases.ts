// Seeded synthetic root-cause cases for developing and scoring the segment search without the public
// benchmark sets (README.md §3): a sparse cube over 5–9 dimensions, skewed leaf sizes, noise on
// every leaf, and 1–3 disjoint root-cause elements that all fix values in the same number of
// dimensions (1–5), so a case has one depth, as in the Squeeze settings. Written from scratch.
// Seeds are split once into a development range and a test range (DEV_SEEDS, TEST_SEEDS).
import { DimensionEncoder, type Cube } from './cube.ts';
import { rng } from './synthetic.ts';

/** Parameters are chosen on these seeds only. */
export const DEV_SEEDS = { from: 1, to: 500 } as const;
/** Run once, after the parameters are fixed, to report. */
export const TEST_SEEDS = { from: 10_001, to: 10_500 } as const;

export interface RcaCase {
  seed: number;
  kind: 'additive' | 'ratio';
  /** Dimensions each root-cause element fixes (1–5). */
  depth: number;
  cube: Cube;
  /** Root-cause elements as "dim=value&…", pairs sorted by dimension name. */
  labels: string[];
  /** Relative change of each cause (its leaves' real = forecast × (1 + change)). */
  changes: number[];
}

type Rand = () => number;

function normal(r: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function poisson(r: Rand, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(r)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = r();
  while (p > limit) {
    k++;
    p *= r();
  }
  return k;
}

function intIn(r: Rand, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/** Value index with Zipf-like popularity: weight 1/(k+1)^s. */
function zipfPicker(card: number, s: number): (r: Rand) => number {
  const cum: number[] = [];
  let t = 0;
  for (let k = 0; k < card; k++) cum.push((t += 1 / Math.pow(k + 1, s)));
  return (r) => {
    const x = r() * t;
    let k = 0;
    while (cum[k] < x) k++;
    return k;
  };
}

/** Leaf dimension codes: the full grid when it is small enough, else distinct skewed draws. */
function drawLeaves(r: Rand, cards: number[], target: number): Int32Array[] {
  const full = cards.reduce((p, c) => p * c, 1);
  const codes: number[][] = cards.map(() => []);
  if (full <= target * 1.5) {
    for (let i = 0; i < full; i++) {
      let rest = i;
      for (let d = cards.length - 1; d >= 0; d--) {
        codes[d].push(rest % cards[d]);
        rest = Math.floor(rest / cards[d]);
      }
    }
    return codes.map((c) => Int32Array.from(c));
  }
  const pick = cards.map((c) => zipfPicker(c, 1.2 * r()));
  const seen = new Set<number>();
  // Distinct draws can run dry on skewed dimensions; the attempt cap keeps it bounded.
  for (let tries = 0; seen.size < target && tries < target * 20; tries++) {
    const leaf = pick.map((p) => p(r));
    const key = leaf.reduce((k, v, d) => k * cards[d] + v, 0);
    if (seen.has(key)) continue;
    seen.add(key);
    leaf.forEach((v, d) => codes[d].push(v));
  }
  return codes.map((c) => Int32Array.from(c));
}

const MIN_SUPPORT = 3;
const MAX_SHARE = 0.2;
const MAX_TOTAL = 0.4;

interface Element {
  dims: number[];
  values: number[];
}

function matches(codes: Int32Array[], e: Element, i: number, skip = -1): boolean {
  for (let j = 0; j < e.dims.length; j++) if (j !== skip && codes[e.dims[j]][i] !== e.values[j]) return false;
  return true;
}

/**
 * A root-cause element of `depth` dimensions around a random anchor leaf with some size, whose
 * leaves are all new (disjoint from earlier causes) and that needs every one of its dimensions (each
 * parent has more leaves), so the label is the shortest description of the leaves it changed. It is
 * an aggregate (at least MIN_SUPPORT non-empty leaves) and a part, not the bulk, of the cube (at most
 * MAX_SHARE of the leaves, all causes together at most MAX_TOTAL): when most leaves move, the
 * unchanged rest is as good an answer as the change.
 */
function drawElement(
  r: Rand,
  codes: Int32Array[],
  size: Float64Array,
  taken: Uint8Array,
  depth: number,
): Element | null {
  const n = size.length;
  let used = 0;
  for (let i = 0; i < n; i++) used += taken[i];
  for (let attempt = 0; attempt < 200; attempt++) {
    const anchor = Math.floor(r() * n);
    if (taken[anchor] || size[anchor] === 0) continue;
    const order = [...codes.keys()];
    for (let j = order.length - 1; j > 0; j--) {
      const q = Math.floor(r() * (j + 1));
      [order[j], order[q]] = [order[q], order[j]];
    }
    const dims = order.slice(0, depth).sort((x, y) => x - y);
    const e = { dims, values: dims.map((d) => codes[d][anchor]) };
    let count = 0;
    let support = 0;
    let clash = false;
    const parentCount = new Array<number>(depth).fill(0);
    for (let i = 0; i < n && !clash; i++) {
      if (matches(codes, e, i)) {
        count++;
        if (size[i] > 0) support++;
        clash = taken[i] === 1;
      }
      for (let j = 0; j < depth; j++) if (matches(codes, e, i, j)) parentCount[j]++;
    }
    if (clash || support < MIN_SUPPORT || count > MAX_SHARE * n || used + count > MAX_TOTAL * n) continue;
    if (parentCount.some((c) => c === count)) continue;
    return e;
  }
  return null;
}

export function generateCase(seed: number): RcaCase {
  const r = rng(seed * 7919 + 17);
  const nDims = intIn(r, 5, 9);
  const cards = Array.from({ length: nDims }, () => 2 + Math.floor(13 * r() * r()));
  const codes = drawLeaves(r, cards, intIn(r, 1000, 15_000));
  const n = codes[0].length;
  const kind = r() < 0.3 ? 'ratio' : 'additive';
  const depth = intIn(r, 1, 5);
  const nCauses = intIn(r, 1, 3);
  const sign = r() < 0.8 ? -1 : 1;
  // Leaf sizes: lognormal with a random spread; some leaves are empty in both periods.
  const spread = 0.5 + 1.5 * r();
  const zeros = 0.3 * r();
  const size = new Float64Array(n);
  for (let i = 0; i < n; i++) size[i] = r() < zeros ? 0 : Math.exp(spread * normal(r)) * (kind === 'ratio' ? 200 : 100);
  const taken = new Uint8Array(n);
  const change = new Float64Array(n);
  const elements: Element[] = [];
  const changes: number[] = [];
  for (let k = 0; k < nCauses; k++) {
    const e = drawElement(r, codes, size, taken, depth);
    if (!e) continue;
    const c = sign * (0.1 + 0.8 * r());
    for (let i = 0; i < n; i++) {
      if (!matches(codes, e, i)) continue;
      taken[i] = 1;
      change[i] = c;
    }
    elements.push(e);
    changes.push(c);
  }
  const noise = 0.005 + 0.075 * r();
  const names = cards.map((_, d) => `d${d}`);
  const parts: Parts = { codes, cards, names, size, change, noise };
  const cube = kind === 'additive' ? additive(r, parts) : ratio(r, parts);
  const label = (e: Element) => e.dims.map((d, j) => `${names[d]}=${cube.values[d][e.values[j]]}`);
  const labels = elements.map((e) => label(e).sort().join('&'));
  return { seed, kind, depth, cube, labels, changes };
}

/** What both measure kinds are built from: leaf codes, sizes and each leaf's planted change. */
interface Parts {
  codes: Int32Array[];
  cards: number[];
  names: string[];
  size: Float64Array;
  change: Float64Array;
  noise: number;
}

function encoded(codes: Int32Array[], cards: number[], names: string[]) {
  const enc = new DimensionEncoder(names);
  // Codes are the value index: value k of dimension d is "d<d>v<k>".
  names.forEach((name, d) => {
    for (let k = 0; k < cards[d]; k++) enc.code(d, `${name}v${k}`);
  });
  return { dimNames: names, values: enc.values, codes, n: codes[0].length };
}

/** Forecast = leaf size; real = forecast × (1 + change) × (1 + noise), never negative. */
function additive(r: Rand, { codes, cards, names, size, change, noise }: Parts): Cube {
  const n = size.length;
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = size[i];
    b[i] = Math.max(0, size[i] * (1 + change[i]) * (1 + noise * normal(r)));
  }
  return { kind: 'additive', ...encoded(codes, cards, names), a, b };
}

/**
 * Count data, like conversion or a stall rate: the leaf size is its expected volume (denominator),
 * each leaf has its own base rate, and both periods are Poisson draws; a cause scales the rate.
 */
function ratio(r: Rand, { codes, cards, names, size, change, noise }: Parts): Cube {
  const n = size.length;
  const [numA, denA, numB, denB] = [0, 1, 2, 3].map(() => new Float64Array(n));
  const rate = 0.02 + 0.2 * r();
  for (let i = 0; i < n; i++) {
    const base = Math.min(0.9, rate * Math.exp(0.3 * normal(r)));
    denA[i] = poisson(r, size[i]);
    denB[i] = poisson(r, size[i] * (1 + noise * normal(r)));
    numA[i] = Math.min(denA[i], poisson(r, base * denA[i]));
    numB[i] = Math.min(denB[i], poisson(r, Math.min(1, base * (1 + change[i])) * denB[i]));
  }
  return { kind: 'ratio', ...encoded(codes, cards, names), numA, denA, numB, denB };
}
