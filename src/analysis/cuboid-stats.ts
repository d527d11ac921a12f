// Per-element aggregates of one cuboid, over a list of leaf indices rather than a mask, so a cuboid
// whose leaves were mostly pruned costs only the leaves left. The per-leaf pass is store-bound on
// typed arrays, so it keeps to what the candidate test needs (explanatory power, abnormal count and
// weights) with branch-free adds of precomputed columns; the low-risk sums run afterwards over the
// leaves of candidate elements only. Over leaves, every sum runs in ascending leaf order and adds
// exactly the terms the full-scan implementation added (plus exact zeros), so the numbers are
// bit-identical to it. A cuboid can also be summed from a cell table (buildCells: the active leaves
// pre-summed over a subset of the dimensions that contains the cuboid's), which is the same sum
// grouped differently: equal up to rounding, and far fewer points to visit.

/** Points to group: leaves, or cells of pre-summed leaves. */
export interface PointSet {
  /** codes[d][point]; only the dimensions a cell table keeps are filled in its cells. */
  codes: readonly Int32Array[];
  ep: Float64Array;
  /** max(ep, 0), summed. */
  epPos: Float64Array;
  /** Abnormal leaves (1 or 0 for a leaf, a count for a cell). */
  abn: Int32Array;
  /** Weight of the abnormal leaves, and of the normal ones. */
  wAbn: Float64Array;
  wNorm: Float64Array;
  /** First (lowest) leaf of each point; null for leaves (the point is the leaf). */
  first: Int32Array | null;
}

/** Per-leaf inputs of the RiskLoc search (see riskloc.ts). */
export interface LeafScores extends PointSet {
  codes: readonly Int32Array[];
  cardinalities: readonly number[];
  real: Float64Array;
  pred: Float64Array;
  /** Relative deviation 2(pred − real)/(pred + real). */
  dev: Float64Array;
  /** Explanatory power, oriented so the abnormal part sums positive. */
  ep: Float64Array;
  /** max(ep, 0). */
  epPos: Float64Array;
  /** 1 = abnormal partition. */
  part: Uint8Array;
  weight: Float64Array;
  /** The weight of abnormal leaves, 0 for normal ones; wNorm the other way round. */
  wAbn: Float64Array;
  wNorm: Float64Array;
}

/** Fills the per-leaf columns derived from ep, part and weight. */
export function leafScores(base: Omit<LeafScores, 'epPos' | 'wAbn' | 'wNorm' | 'abn' | 'first'>): LeafScores {
  const n = base.ep.length;
  const epPos = new Float64Array(n);
  const wAbn = new Float64Array(n);
  const wNorm = new Float64Array(n);
  const abn = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (base.ep[i] > 0) epPos[i] = base.ep[i];
    abn[i] = base.part[i];
    if (base.part[i]) wAbn[i] = base.weight[i];
    else wNorm[i] = base.weight[i];
  }
  return { ...base, epPos, wAbn, wNorm, abn, first: null };
}

export interface CuboidAgg {
  nGroups: number;
  /** Group of leaf idx[j], aligned with the index list. */
  groupAt: Int32Array;
  /** Mixed-radix key size; groups are keys (dense) when `dense`, else first-appearance ids. */
  dense: boolean;
  /** First (lowest) leaf of each group, −1 until asked for (see firstLeaves; compacted groups have it). */
  rep: Int32Array;
  epSum: Float64Array;
  /** Sum of the positive explanatory power only: an upper bound for any sub-element. */
  epPos: Float64Array;
  nAbn: Int32Array;
  wAbn: Float64Array;
  wNorm: Float64Array;
}

/** Buffers reused from cuboid to cuboid: a cuboid's aggregates are read before the next is built. */
export class CuboidScratch {
  private f: Float64Array[] = [];
  private i: Int32Array[] = [];
  private groupAtBuf = new Int32Array(0);
  private leafGroupAtBuf = new Int32Array(0);
  private keyBuf = new Float64Array(0);
  /** Key → compact id, kept all −1 between uses (only touched slots are reset). */
  private idOfKey = new Int32Array(0);
  private candBuf = new Uint8Array(0);
  private posBuf = new Int32Array(0);

  floats(slot: number, k: number): Float64Array {
    if (!this.f[slot] || this.f[slot].length < k) this.f[slot] = new Float64Array(Math.max(k, 64));
    return this.f[slot].subarray(0, k).fill(0);
  }
  ints(slot: number, k: number, init: number): Int32Array {
    if (!this.i[slot] || this.i[slot].length < k) this.i[slot] = new Int32Array(Math.max(k, 64));
    return this.i[slot].subarray(0, k).fill(init);
  }
  leafGroupAt(count: number): Int32Array {
    if (this.leafGroupAtBuf.length < count) this.leafGroupAtBuf = new Int32Array(count);
    return this.leafGroupAtBuf;
  }
  groupAt(count: number): Int32Array {
    if (this.groupAtBuf.length < count) this.groupAtBuf = new Int32Array(count);
    return this.groupAtBuf;
  }
  keys(count: number): Float64Array {
    if (this.keyBuf.length < count) this.keyBuf = new Float64Array(count);
    return this.keyBuf;
  }
  keyTable(size: number): Int32Array {
    if (this.idOfKey.length < size) this.idOfKey = new Int32Array(size).fill(-1);
    return this.idOfKey;
  }
  positions(count: number): Int32Array {
    if (this.posBuf.length < count) this.posBuf = new Int32Array(count);
    return this.posBuf;
  }
  flags(k: number): Uint8Array {
    if (this.candBuf.length < k) this.candBuf = new Uint8Array(k);
    return this.candBuf.subarray(0, k).fill(0);
  }
}

/**
 * Number of value combinations of a cuboid (its mixed-radix key space). Deep cuboids can exceed the
 * integers a double holds exactly; their keys are then built by wideKeys.
 */
export function keySpace(cardinalities: readonly number[], dims: readonly number[]): number {
  let size = 1;
  for (let q = 0; q < dims.length; q++) size *= Math.max(1, cardinalities[dims[q]]);
  return size;
}

/** Above this a partial key is renumbered, so keys stay exact doubles whatever the depth. */
const WIDE_KEY = 2 ** 40;

/** Whether a cuboid's groups are its mixed-radix keys (small key space next to the leaves). */
export function isDense(size: number, count: number): boolean {
  return size <= 2 * count + 256;
}

/**
 * Groups the leaves idx[0..count) by their values in `dims` and sums their scores per group.
 * Group ids are the mixed-radix key itself when the key space is small next to the leaf count (no
 * compaction pass), first-appearance ids through a reusable table when it fits in memory, and a
 * Map otherwise, so a cuboid over high-cardinality dimensions costs O(count).
 */
export function aggregateCuboid(
  s: PointSet,
  cardinalities: readonly number[],
  dims: readonly number[],
  idx: Int32Array,
  count: number,
  scratch: CuboidScratch,
  withEpPos: boolean,
  /** Group by key whatever the key space (callers that read groups by key). */
  forceDense = false,
): CuboidAgg {
  const { codes } = s;
  const size = keySpace(cardinalities, dims);
  const groupAt = scratch.groupAt(count);
  let nGroups: number;
  let rep: Int32Array;
  const dense = forceDense || isDense(size, count);
  if (dense) {
    // The key is the group id; empty groups stay empty.
    if (dims.length === 0) groupAt.fill(0, 0, count);
    else if (dims.length === 1) key1(groupAt, idx, count, codes[dims[0]]);
    else if (dims.length === 2) key2(groupAt, idx, count, codes[dims[0]], codes[dims[1]], cardinalities[dims[1]]);
    else {
      key3(
        groupAt,
        idx,
        count,
        codes[dims[0]],
        codes[dims[1]],
        codes[dims[2]],
        cardinalities[dims[1]],
        cardinalities[dims[2]],
      );
      for (let q = 3; q < dims.length; q++) mixIntKey(groupAt, idx, count, codes[dims[q]], cardinalities[dims[q]]);
    }
    nGroups = size;
    rep = scratch.ints(0, size, -1);
  } else {
    const key = scratch.keys(count);
    const range = mixKeys(key, idx, count, codes, cardinalities, dims);
    const reps = compact(key, idx, count, groupAt, range, s.ep.length, scratch);
    nGroups = reps.length;
    rep = scratch.ints(0, nGroups, -1);
    for (let g = 0; g < nGroups; g++) rep[g] = s.first ? s.first[reps[g]] : reps[g];
  }
  const agg: CuboidAgg = {
    nGroups,
    groupAt,
    dense,
    rep,
    epSum: scratch.floats(0, nGroups),
    epPos: scratch.floats(1, nGroups),
    wAbn: scratch.floats(2, nGroups),
    wNorm: scratch.floats(3, nGroups),
    nAbn: scratch.ints(1, nGroups, 0),
  };
  accumulate(s, agg, idx, count, withEpPos);
  return agg;
}

/**
 * Fills agg.rep for the given groups: their first leaf. Points are in ascending order of their first
 * leaf (leaves trivially, cells by construction), so the first point met gives the lowest leaf.
 */
export function firstLeaves(
  s: PointSet,
  agg: CuboidAgg,
  idx: Int32Array,
  count: number,
  groups: readonly number[],
): void {
  let missing = 0;
  for (const g of groups) if (agg.rep[g] < 0) missing++;
  const { rep, groupAt } = agg;
  for (let j = 0; j < count && missing > 0; j++) {
    const g = groupAt[j];
    if (rep[g] < 0) {
      rep[g] = s.first ? s.first[idx[j]] : idx[j];
      // Groups not asked for are filled too; only the count of asked ones matters for stopping.
      if (groups.includes(g)) missing--;
    }
  }
}

// Small single-loop kernels: V8 optimises each once and for all, where one large function with
// several hot loops kept deoptimising on its first statements.

function key1(key: Int32Array, idx: Int32Array, count: number, c: Int32Array): void {
  for (let j = 0; j < count; j++) key[j] = c[idx[j]];
}

function key2(key: Int32Array, idx: Int32Array, count: number, c0: Int32Array, c1: Int32Array, k1: number): void {
  for (let j = 0; j < count; j++) {
    const i = idx[j];
    key[j] = c0[i] * k1 + c1[i];
  }
}

function key3(
  key: Int32Array,
  idx: Int32Array,
  count: number,
  c0: Int32Array,
  c1: Int32Array,
  c2: Int32Array,
  k1: number,
  k2: number,
): void {
  for (let j = 0; j < count; j++) {
    const i = idx[j];
    key[j] = (c0[i] * k1 + c1[i]) * k2 + c2[i];
  }
}

function mixIntKey(key: Int32Array, idx: Int32Array, count: number, c: Int32Array, k: number): void {
  for (let j = 0; j < count; j++) key[j] = key[j] * k + c[idx[j]];
}

function mixFloatKey(key: Float64Array, idx: Int32Array, count: number, c: Int32Array, k: number): void {
  for (let j = 0; j < count; j++) key[j] = key[j] * k + c[idx[j]];
}

/**
 * Mixed-radix keys of the points in `dims`; returns the key range. When the range would pass
 * WIDE_KEY the partial keys are renumbered densely first (a deep cuboid over many dimensions).
 */
function mixKeys(
  key: Float64Array,
  idx: Int32Array,
  count: number,
  codes: readonly Int32Array[],
  cardinalities: readonly number[],
  dims: readonly number[],
): number {
  key.fill(0, 0, count);
  let range = 1;
  for (let q = 0; q < dims.length; q++) {
    const k = Math.max(1, cardinalities[dims[q]]);
    if (range * k > WIDE_KEY) range = renumber(key, count);
    mixFloatKey(key, idx, count, codes[dims[q]], k);
    range *= k;
  }
  return range;
}

function renumber(key: Float64Array, count: number): number {
  const ids = new Map<number, number>();
  for (let j = 0; j < count; j++) {
    let g = ids.get(key[j]);
    if (g === undefined) ids.set(key[j], (g = ids.size));
    key[j] = g;
  }
  return Math.max(1, ids.size);
}

/** First-appearance group ids of the keys; returns the first point of each group. */
function compact(
  key: Float64Array,
  idx: Int32Array,
  count: number,
  groupAt: Int32Array,
  size: number,
  nPoints: number,
  scratch: CuboidScratch,
): number[] {
  return size <= Math.max(4 * nPoints, 1 << 16)
    ? compactByTable(key, idx, count, groupAt, scratch.keyTable(size))
    : compactByMap(key, idx, count, groupAt);
}

/** First-appearance ids through a table kept all −1 between uses (only the touched slots are reset). */
function compactByTable(
  key: Float64Array,
  idx: Int32Array,
  count: number,
  groupAt: Int32Array,
  table: Int32Array,
): number[] {
  const reps: number[] = [];
  for (let j = 0; j < count; j++) {
    const k = key[j];
    let g = table[k];
    if (g < 0) {
      g = reps.length;
      table[k] = g;
      reps.push(idx[j]);
    }
    groupAt[j] = g;
  }
  for (let j = 0; j < count; j++) table[key[j]] = -1;
  return reps;
}

function compactByMap(key: Float64Array, idx: Int32Array, count: number, groupAt: Int32Array): number[] {
  const reps: number[] = [];
  const table = new Map<number, number>();
  for (let j = 0; j < count; j++) {
    const k = key[j];
    let g = table.get(k);
    if (g === undefined) {
      g = reps.length;
      table.set(k, g);
      reps.push(idx[j]);
    }
    groupAt[j] = g;
  }
  return reps;
}

/**
 * Per-group sums of the candidate-test columns. Leaves usually come sorted by their dimensions, so a
 * cuboid over the leading dimensions sees long runs of one group; adding a run in registers and
 * storing once avoids a store-to-load round trip per leaf. It adds the same terms in the same order,
 * so the sums are the same as the plain loop's.
 */
function accumulate(s: PointSet, agg: CuboidAgg, idx: Int32Array, count: number, withEpPos: boolean): void {
  let runs = 1;
  const groupAt = agg.groupAt;
  for (let j = 1; j < count; j++) if (groupAt[j] !== groupAt[j - 1]) runs++;
  if (runs * 8 <= count) accumulateRuns(s, agg, idx, count, withEpPos);
  else {
    accumulatePlain(s, agg, idx, count);
    if (withEpPos) sumInto(agg.epPos, s.epPos, groupAt, idx, count);
  }
}

function accumulatePlain(s: PointSet, agg: CuboidAgg, idx: Int32Array, count: number): void {
  const { ep, abn, wAbn: la, wNorm: ln } = s;
  const { groupAt, epSum, nAbn, wAbn, wNorm } = agg;
  for (let j = 0; j < count; j++) {
    const i = idx[j];
    const g = groupAt[j];
    epSum[g] += ep[i];
    nAbn[g] += abn[i];
    wAbn[g] += la[i];
    wNorm[g] += ln[i];
  }
}

function accumulateRuns(s: PointSet, agg: CuboidAgg, idx: Int32Array, count: number, withEpPos: boolean): void {
  const { ep, abn, wAbn: la, wNorm: ln, epPos: lp } = s;
  const { groupAt, epSum, nAbn, wAbn, wNorm, epPos } = agg;
  let j = 0;
  while (j < count) {
    const g = groupAt[j];
    let e = epSum[g];
    let p = epPos[g];
    let k = nAbn[g];
    let a = wAbn[g];
    let b = wNorm[g];
    for (; j < count && groupAt[j] === g; j++) {
      const i = idx[j];
      e += ep[i];
      k += abn[i];
      a += la[i];
      b += ln[i];
      if (withEpPos) p += lp[i];
    }
    epSum[g] = e;
    epPos[g] = p;
    nAbn[g] = k;
    wAbn[g] = a;
    wNorm[g] = b;
  }
}

function sumInto(out: Float64Array, v: Float64Array, groupAt: Int32Array, idx: Int32Array, count: number): void {
  for (let j = 0; j < count; j++) out[groupAt[j]] += v[idx[j]];
}

/**
 * Low risk of the given groups: mean |deviation from the group's own proportional change| relative
 * to the mean |deviation| of its leaves (RiskLoc), over the leaves non-zero in both periods. A true
 * cause moves its leaves alike, so it is small. Groups not listed get 0 and are never read.
 */
export function lowRiskOf(
  s: LeafScores,
  agg: Pick<CuboidAgg, 'groupAt' | 'nGroups'>,
  idx: Int32Array,
  count: number,
  groups: readonly number[],
  scratch: CuboidScratch,
): Float64Array {
  const k = agg.nGroups;
  const cand = scratch.flags(k);
  for (const g of groups) cand[g] = 1;
  const sr = scratch.floats(4, k);
  const sp = scratch.floats(5, k);
  const sdev = scratch.floats(6, k);
  const sd = scratch.floats(7, k);
  const low = scratch.floats(8, k);
  const cnt = scratch.ints(2, k, 0);
  // The candidates' leaves (non-zero in both periods), gathered once in leaf order: both passes
  // below then skip the rest of the cuboid.
  const pos = scratch.positions(count);
  const m = gatherCandidates(pos, cand, agg.groupAt, idx, count, s.real, s.pred);
  lowRiskSums(pos, m, agg.groupAt, idx, s.real, s.pred, s.dev, sr, sp, cnt, sdev);
  lowRiskDeviation(pos, m, agg.groupAt, idx, s.real, s.pred, sr, sp, sd);
  for (const g of groups) if (cnt[g] > 0 && sdev[g] !== 0) low[g] = sd[g] / sdev[g];
  return low;
}

// Both passes add a run of one group's leaves in registers and store once (same terms, same order).

function lowRiskSums(
  pos: Int32Array,
  m: number,
  groupAt: Int32Array,
  idx: Int32Array,
  real: Float64Array,
  pred: Float64Array,
  dev: Float64Array,
  sr: Float64Array,
  sp: Float64Array,
  cnt: Int32Array,
  sdev: Float64Array,
): void {
  let q = 0;
  while (q < m) {
    const g = groupAt[pos[q]];
    let r = sr[g];
    let p = sp[g];
    let c = cnt[g];
    let d = sdev[g];
    for (; q < m && groupAt[pos[q]] === g; q++) {
      const i = idx[pos[q]];
      r += real[i];
      p += pred[i];
      c++;
      d += Math.abs(dev[i]);
    }
    sr[g] = r;
    sp[g] = p;
    cnt[g] = c;
    sdev[g] = d;
  }
}

function lowRiskDeviation(
  pos: Int32Array,
  m: number,
  groupAt: Int32Array,
  idx: Int32Array,
  real: Float64Array,
  pred: Float64Array,
  sr: Float64Array,
  sp: Float64Array,
  sd: Float64Array,
): void {
  let q = 0;
  while (q < m) {
    const g = groupAt[pos[q]];
    const r = sr[g];
    const p = sp[g];
    let acc = sd[g];
    for (; q < m && groupAt[pos[q]] === g; q++) {
      const i = idx[pos[q]];
      const a = (pred[i] * r) / p;
      const t = a + real[i];
      if (t !== 0) acc += Math.abs((2 * (a - real[i])) / t);
    }
    sd[g] = acc;
  }
}

function gatherCandidates(
  pos: Int32Array,
  cand: Uint8Array,
  groupAt: Int32Array,
  idx: Int32Array,
  count: number,
  real: Float64Array,
  pred: Float64Array,
): number {
  let m = 0;
  for (let j = 0; j < count; j++) {
    if (!cand[groupAt[j]]) continue;
    const i = idx[j];
    if (real[i] !== 0 && pred[i] !== 0) pos[m++] = j;
  }
  return m;
}

/**
 * The points idx[0..count) of `s` summed per combination of `dims` (the dimensions the table keeps),
 * numbered in order of first appearance, so cells stay in ascending order of their first leaf.
 */
export function buildCells(
  s: PointSet,
  cardinalities: readonly number[],
  dims: readonly number[],
  idx: Int32Array,
  count: number,
  scratch: CuboidScratch,
): PointSet {
  const size = keySpace(cardinalities, dims);
  const key = scratch.keys(count);
  key.fill(0, 0, count);
  for (let q = 0; q < dims.length; q++) mixFloatKey(key, idx, count, s.codes[dims[q]], cardinalities[dims[q]]);
  const cellAt = new Int32Array(count);
  const reps = compact(key, idx, count, cellAt, size, s.ep.length, scratch);
  const m = reps.length;
  const first = new Int32Array(m);
  for (let c = 0; c < m; c++) first[c] = s.first ? s.first[reps[c]] : reps[c];
  const cells: PointSet = {
    codes: s.codes.map((c, d) => (dims.includes(d) ? gather(c, reps) : new Int32Array(0))),
    ep: new Float64Array(m),
    epPos: new Float64Array(m),
    abn: new Int32Array(m),
    wAbn: new Float64Array(m),
    wNorm: new Float64Array(m),
    first,
  };
  sumCells(s, cells, cellAt, idx, count);
  return cells;
}

function gather(c: Int32Array, points: readonly number[]): Int32Array {
  const out = new Int32Array(points.length);
  for (let j = 0; j < points.length; j++) out[j] = c[points[j]];
  return out;
}

function sumCells(s: PointSet, cells: PointSet, cellAt: Int32Array, idx: Int32Array, count: number): void {
  for (let j = 0; j < count; j++) {
    const i = idx[j];
    const c = cellAt[j];
    cells.ep[c] += s.ep[i];
    cells.epPos[c] += s.epPos[i];
    cells.abn[c] += s.abn[i];
    cells.wAbn[c] += s.wAbn[i];
    cells.wNorm[c] += s.wNorm[i];
  }
}

/** Dense group keys of the leaves idx[0..count) in `dims`, for the low-risk pass of a cuboid summed from cells. */
export function leafKeys(
  codes: readonly Int32Array[],
  cardinalities: readonly number[],
  dims: readonly number[],
  idx: Int32Array,
  count: number,
  scratch: CuboidScratch,
): Int32Array {
  const groupAt = scratch.leafGroupAt(count);
  if (dims.length === 1) key1(groupAt, idx, count, codes[dims[0]]);
  else if (dims.length === 2) key2(groupAt, idx, count, codes[dims[0]], codes[dims[1]], cardinalities[dims[1]]);
  else {
    key3(
      groupAt,
      idx,
      count,
      codes[dims[0]],
      codes[dims[1]],
      codes[dims[2]],
      cardinalities[dims[1]],
      cardinalities[dims[2]],
    );
    for (let q = 3; q < dims.length; q++) mixIntKey(groupAt, idx, count, codes[dims[q]], cardinalities[dims[q]]);
  }
  return groupAt;
}
