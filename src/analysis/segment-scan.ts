// Segments of a few low-cardinality dimensions (channel, country, device, traffic source) that moved
// beyond an expected growth, each tested on its own totals. RiskLoc (riskloc.ts) reads leaves, and on
// a cube with a product dimension a segment's leaves hold a handful of orders each, so a marketplace
// in one country doubling, or a source surging against a falling total, leaves no abnormal partition
// to find. Summed over the segment the same change is many standard errors out. Both directions are
// looked for at once, and the narrowest segment that carries a change is preferred over its parent
// (one country of a channel, when the channel's other countries did not move). Pure: no database.

/** One scanned element: a conjunction of dimension = value, and its totals over the scanned leaves. */
export interface ScanHit {
  dims: Record<string, string>;
  a: number;
  b: number;
  /** a × growth. */
  expected: number;
  /** b − expected. */
  excess: number;
  /** excess over its standard error. */
  z: number;
}

export interface SegmentScanInput {
  dimNames: string[];
  /** values[leaf][dim]. */
  values: string[][];
  /** The measure in each period (a: comparison, b: current). */
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  /** Leaves to scan (1); null: all. */
  include: Uint8Array | null;
  /**
   * What the comparison is scaled by; null: the growth of the scanned leaves no segment found so far
   * holds, recomputed after each find (a surge found no longer lifts what the others are held to).
   */
  growth: number | null;
  /** Variance of one unit of the measure (1 for counts; mean value × dispersion for money). */
  perUnit: number;
  /** The dimensions combined, and values never scanned (such as a placeholder source of marketplace orders). */
  dims: string[];
  skipValues?: Record<string, string[]>;
}

export interface SegmentScanOptions {
  /** Deepest conjunction, in dimensions. Default 3. */
  maxDepth?: number;
  /** A segment must be this many standard errors from its expectation. Default 4.5. */
  minZ?: number;
  /** …and move this much against its expectation. Default 0.15. */
  minRelative?: number;
  /** …and this many units of the measure beyond it. Default 10. */
  minUnits?: number;
  /** At most this many segments. Default 6. */
  maxHits?: number;
  /** A child replaces its parent when it carries this share of the parent's excess. Default 0.7. */
  childCarries?: number;
  /** …and the rest of the parent moved at most this fraction as much, relative to expectation. Default 0.4. */
  restMoves?: number;
  /**
   * Hold each segment to the growth of the other scanned leaves, without its own (default: with). A
   * segment with most of the volume then does not lower its own expectation: when the own site's
   * mobile half drops, it is mobile that stands out, not desktop and tablet rising against the total.
   */
  leaveOneOut?: boolean;
}

/** How many of the strongest candidates the parsimony check (leaveOneOut) weighs. */
const PARSIMONY_CANDIDATES = 4;

interface Cell {
  codes: number[];
  a: number;
  b: number;
}

interface Element {
  dims: number[];
  codes: number[];
  key: string;
  cells: number[];
}

/** Subsets of {0..n−1} of size 1..k, in order of size. */
function subsets(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, cur: number[]) => {
    if (cur.length) out.push([...cur]);
    if (cur.length === k) return;
    for (let i = start; i < n; i++) rec(i + 1, [...cur, i]);
  };
  rec(0, []);
  return out.sort((x, y) => x.length - y.length);
}

/** The scanned leaves summed into cells of the scanned dimensions. */
function cellsOf(
  x: SegmentScanInput,
  dimIdx: number[],
  skip: Array<Set<string>>,
): { cells: Cell[]; names: string[][] } {
  const names = dimIdx.map(() => [] as string[]);
  const codeOf = dimIdx.map(() => new Map<string, number>());
  const byKey = new Map<string, Cell>();
  const n = x.values.length;
  for (let i = 0; i < n; i++) {
    if (x.include && !x.include[i]) continue;
    const codes: number[] = [];
    for (let j = 0; j < dimIdx.length; j++) {
      const v = x.values[i]![dimIdx[j]!]!;
      let c = codeOf[j]!.get(v);
      if (c === undefined) {
        c = skip[j]!.has(v) ? -1 : names[j]!.length;
        codeOf[j]!.set(v, c);
        if (c >= 0) names[j]!.push(v);
      }
      codes.push(c);
    }
    const key = codes.join(',');
    let cell = byKey.get(key);
    if (!cell) byKey.set(key, (cell = { codes, a: 0, b: 0 }));
    cell.a += x.a[i]!;
    cell.b += x.b[i]!;
  }
  return { cells: [...byKey.values()], names };
}

function elementsOf(cells: Cell[], nDims: number, maxDepth: number): Element[] {
  const out: Element[] = [];
  for (const dims of subsets(nDims, maxDepth)) {
    const byKey = new Map<string, Element>();
    cells.forEach((c, k) => {
      const codes = dims.map((d) => c.codes[d]!);
      if (codes.some((v) => v < 0)) return;
      const key = `${dims.join('.')}:${codes.join(',')}`;
      let e = byKey.get(key);
      if (!e) byKey.set(key, (e = { dims, codes, key, cells: [] }));
      e.cells.push(k);
    });
    out.push(...byKey.values());
  }
  return out;
}

/** Is `child` one dimension deeper than `parent` and inside it? */
function isChild(parent: Element, child: Element): boolean {
  if (child.dims.length !== parent.dims.length + 1) return false;
  return parent.dims.every((d, j) => {
    const k = child.dims.indexOf(d);
    return k >= 0 && child.codes[k] === parent.codes[j];
  });
}

interface Stats {
  a: number;
  b: number;
  expected: number;
  excess: number;
  z: number;
}

/**
 * A segment's stats, `without` some of its cells; with leaveOneOut it is held to the growth of the
 * cells outside `within` (default: itself), so a parent's child and the parent's rest are both held to
 * what moved outside the parent.
 */
type StatsOf = (e: Element, without?: Set<number>, within?: Element) => Stats;

const relative = (s: Stats) => (s.expected > 0 ? s.excess / s.expected : Math.sign(s.excess) * 1e9);

/**
 * Narrows a found element while one child carries the parent's change and the rest of the parent
 * stayed near its expectation: one country of a marketplace, when its other countries held.
 */
function narrowest(
  elements: Element[],
  top: Element,
  topS: Stats,
  stats: StatsOf,
  carries: number,
  restMoves: number,
): { top: Element; topS: Stats } {
  for (;;) {
    const sign = Math.sign(topS.excess);
    let next: Element | null = null;
    let nextS: Stats | null = null;
    for (const c of elements) {
      if (!isChild(top, c)) continue;
      const cs = stats(c, undefined, top);
      if (sign * cs.excess < carries * sign * topS.excess) continue;
      const rest = stats(top, new Set(c.cells), top);
      // The same cells under a longer name (a source only the own site has): keep the shorter.
      if (rest.a === 0 && rest.b === 0) continue;
      if (sign * relative(rest) > restMoves * sign * relative(cs) && Math.abs(rest.z) >= 2) continue;
      if (!nextS || sign * cs.excess > sign * nextS.excess) {
        next = c;
        nextS = cs;
      }
    }
    if (!next || !nextS) return { top, topS };
    top = next;
    topS = nextS;
  }
}

const DEFAULTS = {
  maxDepth: 3,
  minZ: 4.5,
  minRelative: 0.15,
  minUnits: 10,
  maxHits: 6,
  childCarries: 0.7,
  restMoves: 0.4,
};

export function scanSegments(x: SegmentScanInput, o: SegmentScanOptions = {}): ScanHit[] {
  // An option given as undefined keeps its default, as `??` would.
  const set = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const { maxDepth, minZ, minRelative, minUnits, maxHits, childCarries: carries, restMoves } = { ...DEFAULTS, ...set };
  const dimIdx = x.dims.map((d) => x.dimNames.indexOf(d)).filter((d) => d >= 0);
  if (!dimIdx.length || (x.growth !== null && !(x.growth > 0))) return [];
  const skip = dimIdx.map((d) => new Set(x.skipValues?.[x.dimNames[d]!] ?? []));
  const { cells, names } = cellsOf(x, dimIdx, skip);
  const elements = elementsOf(cells, dimIdx.length, Math.min(maxDepth, dimIdx.length));
  const removed = new Uint8Array(cells.length);
  let totalA = 0;
  let totalB = 0;
  /** The totals of the cells no segment found so far holds. */
  const expectFromRest = () => {
    totalA = 0;
    totalB = 0;
    for (let k = 0; k < cells.length; k++) {
      if (removed[k]) continue;
      totalA += cells[k]!.a;
      totalB += cells[k]!.b;
    }
  };
  /** The growth a segment with these totals is held to, and its relative variance. */
  const growthFor = (a: number, b: number) => {
    const [ra, rb] = o.leaveOneOut ? [totalA - a, totalB - b] : [totalA, totalB];
    const ok = ra > 0 && rb > 0;
    return { g: x.growth ?? (ok ? rb / ra : 0), growthVar: ok ? x.perUnit * (1 / ra + 1 / rb) : 0 };
  };
  const sum = (e: Element, without?: Set<number>) => {
    let a = 0;
    let b = 0;
    for (const k of e.cells) {
      if (removed[k] || without?.has(k)) continue;
      a += cells[k]!.a;
      b += cells[k]!.b;
    }
    return { a, b };
  };
  const stats: StatsOf = (e, without, within) => {
    const { a, b } = sum(e, without);
    const out = within ? sum(within) : { a, b };
    const { g, growthVar } = growthFor(out.a, out.b);
    // Nothing left to hold it to (the segment is all that remains): no finding.
    if (!(g > 0)) return { a, b, expected: a, excess: 0, z: 0 };
    const expected = a * g;
    const excess = b - expected;
    const se = Math.sqrt(x.perUnit * (Math.abs(b) + g * g * Math.abs(a)) + expected * expected * growthVar);
    return { a, b, expected, excess, z: se > 0 ? excess / se : 0 };
  };
  const significant = (s: Stats) =>
    Math.abs(s.z) >= minZ && Math.abs(s.excess) >= Math.max(minUnits * x.perUnit, minRelative * s.expected);

  /** The largest |z| of a significant element once `e`'s cells are set aside too (0: none left). */
  const leftAfter = (e: Element) => {
    const newly = e.cells.filter((k) => !removed[k]);
    for (const k of newly) removed[k] = 1;
    expectFromRest();
    let left = 0;
    for (const f of elements) {
      const s = stats(f);
      if (significant(s)) left = Math.max(left, Math.abs(s.z));
    }
    for (const k of newly) removed[k] = 0;
    expectFromRest();
    return left;
  };
  /**
   * Held to the others without itself, a segment with most of the volume and its complement both stand
   * out (mobile fell, or desktop and tablet rose): of the strongest candidates, the one whose setting
   * aside leaves the rest most alike is the simpler account.
   */
  const mostAlikeRest = (cands: Array<{ e: Element; s: Stats }>) =>
    cands
      .map((c) => ({ c, left: leftAfter(c.e) }))
      .reduce((p, q) => (q.left < p.left ? q : p), { c: cands[0], left: Infinity }).c;

  const hits: ScanHit[] = [];
  while (hits.length < maxHits) {
    expectFromRest();
    if (!(totalA > 0 && totalB > 0)) break;
    const found = elements.map((e) => ({ e, s: stats(e) })).filter((c) => significant(c.s));
    found.sort((p, q) => Math.abs(q.s.z) - Math.abs(p.s.z));
    const pick = o.leaveOneOut ? mostAlikeRest(found.slice(0, PARSIMONY_CANDIDATES)) : found[0];
    if (!pick) break;
    let top = pick.e;
    let topS = pick.s;
    ({ top, topS } = narrowest(elements, top, topS, stats, carries, restMoves));
    hits.push({
      dims: Object.fromEntries(top.dims.map((d, j) => [x.dimNames[dimIdx[d]!]!, names[d]![top!.codes[j]!]!])),
      ...topS,
    });
    for (const k of top.cells) removed[k] = 1;
  }
  return hits;
}
