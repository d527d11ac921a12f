// The layer-by-layer cuboid search of one RiskLoc step (see riskloc.ts and README.md §2).
//
// With pruning on, an element of layer L is only grouped when every one of its layer L−1 parents
// could still contain a root cause: at least one abnormal leaf, positive explanatory power of at
// least the threshold (a child's explanatory power is at most its parent's positive part) and
// abnormal weight of at least t/(1−t) (high risk w/(w + w_normal + 1) ≥ t needs it, a child's abnormal
// weight is at most its parent's, and low risk is never negative). Layer 1 with the first two tests
// is the paper's element pruning; applying all three at every layer is exact too (it never drops an
// element that could pass), so the search finds what the full scan finds while a step that finds
// nothing groups its deep cuboids over the few leaves left.
import {
  aggregateCuboid,
  buildCells,
  CuboidScratch,
  firstLeaves,
  keySpace,
  leafKeys,
  lowRiskOf,
  type CuboidAgg,
  type LeafScores,
  type PointSet,
} from './cuboid-stats.ts';

export interface LatticeHit {
  /** Dimension index → code; a conjunction over `dims`. */
  dims: number[];
  values: number[];
  layer: number;
  /** Share of the abnormal partition's (sign-normalised) change explained when it was found. */
  ep: number;
  highRisk: number;
  lowRisk: number;
  risk: number;
}

/** Leaves or cells, with the list of the points in play. */
interface Points {
  /** 0 for the leaves, k for cell table k. */
  id: number;
  set: PointSet;
  all: Int32Array;
  size: number;
  isLeaves: boolean;
}

/** What a deeper cuboid needs to know of one parent: which of its elements could hold a cause. */
interface Viability {
  dims: number[];
  /** Dense cuboids: viable flag per mixed-radix key. */
  byKey: Uint8Array | null;
  /** Every leaf that reached the cuboid is in a viable element (its children lose no leaf to it). */
  all: boolean;
  /** Other cuboids: viable flag per leaf. */
  byLeaf: Uint8Array | null;
  any: boolean;
}

/** All size-k subsets of 0..n−1 in lexicographic order (the order cuboids are visited). */
export function combinations(n: number, k: number): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (start: number) => {
    if (cur.length === k) {
      out.push([...cur]);
      return;
    }
    for (let i = start; i < n; i++) {
      cur.push(i);
      rec(i + 1);
      cur.pop();
    }
  };
  rec(0);
  return out;
}

/** The cuboids of one layer visited in a step, with what their children need to know. */
interface LayerState {
  cuboids: number[][];
  /** Per cuboid, filled while the layer is searched (pruning only). */
  viable: Viability[];
  /** Cuboid key ("0,3,5") → index in `cuboids`. */
  index: Map<string, number>;
}

export class Lattice {
  private readonly n: number;
  private readonly nDims: number;
  private readonly scratch = new CuboidScratch();
  private readonly activeIdx: Int32Array;
  private readonly idx: Int32Array;
  private readonly identity: Int32Array;
  /** A code column of zeros, standing in for a missing second dimension of a key. */
  private readonly zeros: Int32Array;
  private readonly minWeight: number;
  /** Dimensions by falling cardinality: table k keeps all but the first k. */
  private readonly dropOrder: number[];
  /** This step's point sets: [0] the active leaves, [k] cell table k (null when not worth it). */
  private tables: Array<Points | null | undefined> = [];
  /** Point lists filtered by a single parent, per point set and parent, for this step. */
  private readonly filterCache = new Map<string, [Int32Array, number]>();

  constructor(
    private readonly s: LeafScores,
    private readonly maxLayer: number,
    private readonly prune: boolean,
    private readonly riskThreshold: number,
    private readonly epThreshold: number,
    private readonly reuse = true,
  ) {
    this.n = s.real.length;
    this.nDims = s.codes.length;
    this.activeIdx = new Int32Array(this.n);
    this.idx = new Int32Array(this.n);
    this.identity = new Int32Array(this.n);
    this.zeros = new Int32Array(this.n);
    for (let j = 0; j < this.n; j++) this.identity[j] = j;
    this.dropOrder = s.codes.map((_, d) => d).sort((x, y) => s.cardinalities[y] - s.cardinalities[x] || x - y);
    // The weight bound needs non-negative weights (a reliability factor on negative values can flip one).
    let nonNegative = true;
    for (let i = 0; i < this.n && nonNegative; i++) nonNegative = s.weight[i] >= 0;
    const t = riskThreshold;
    // Slack so a child's sum, rounded differently from its parent's, is never pruned by rounding.
    this.minWeight = nonNegative && t > 0 && t < 1 ? (t / (1 - t)) * (1 - 1e-9) : -Infinity;
  }

  /** The element RiskLoc picks among the active leaves, or null when none passes the risk threshold. */
  search(active: Uint8Array): LatticeHit | null {
    const { n, s } = this;
    let nActive = 0;
    for (let i = 0; i < n; i++) if (active[i]) this.activeIdx[nActive++] = i;
    const leaves: Points = { id: 0, set: s, all: this.activeIdx, size: nActive, isLeaves: true };
    this.tables = [leaves];
    this.filterCache.clear();
    let prev: LayerState | null = null;
    for (let layer = 1; layer <= this.maxLayer; layer++) {
      let best: LatticeHit | null = null;
      let bestEp = this.epThreshold;
      const keepViable = this.prune && layer < this.maxLayer;
      const layerCuboids = prev ? this.nextLayer(prev) : combinations(this.nDims, 1);
      if (layerCuboids.length === 0) break;
      const state: LayerState = { cuboids: layerCuboids, viable: [], index: new Map() };
      for (let c = 0; c < layerCuboids.length; c++) {
        const cuboid = layerCuboids[c];
        state.index.set(cuboid.join(','), c);
        const parents = prev && this.prune ? parentsOf(prev, cuboid) : [];
        const pts = this.pointsFor(cuboid, parents);
        const [idx, count] = this.pointsOf(pts, parents);
        if (count === 0) {
          if (keepViable) state.viable[c] = { dims: cuboid, byKey: null, byLeaf: null, any: false, all: false };
          continue;
        }
        const agg = aggregateCuboid(
          pts.set,
          s.cardinalities,
          cuboid,
          idx,
          count,
          this.scratch,
          keepViable,
          !pts.isLeaves,
        );
        if (keepViable) state.viable[c] = this.viability(cuboid, agg, idx, count, count === pts.size);
        // Low risk is never negative, so an element whose high risk misses the threshold cannot pass:
        // only the others need the leaf-level low-risk pass.
        const candidates: number[] = [];
        for (let e = 0; e < agg.nGroups; e++) {
          if (
            agg.nAbn[e] > 0 &&
            agg.epSum[e] > bestEp &&
            agg.wAbn[e] / (agg.wAbn[e] + agg.wNorm[e] + 1) >= this.riskThreshold
          )
            candidates.push(e);
        }
        if (candidates.length === 0) continue;
        firstLeaves(pts.set, agg, idx, count, candidates);
        // Ties keep the order of first appearance, as when groups were numbered that way.
        candidates.sort((x, y) => agg.epSum[y] - agg.epSum[x] || agg.rep[x] - agg.rep[y]);
        // Low risk needs the leaves themselves; a cuboid summed from cells has dense keys, so the
        // candidates' leaves are found by key among the active leaves (pruning never splits an element).
        const low = pts.isLeaves
          ? lowRiskOf(s, agg, idx, count, candidates, this.scratch)
          : lowRiskOf(
              s,
              {
                groupAt: leafKeys(s.codes, s.cardinalities, cuboid, this.activeIdx, nActive, this.scratch),
                nGroups: agg.nGroups,
              },
              this.activeIdx,
              nActive,
              candidates,
              this.scratch,
            );
        for (const e of candidates) {
          const high = agg.wAbn[e] / (agg.wAbn[e] + agg.wNorm[e] + 1);
          const risk = high - low[e];
          if (risk >= this.riskThreshold) {
            const rep = agg.rep[e];
            best = {
              dims: [...cuboid],
              values: cuboid.map((d) => s.codes[d][rep]),
              layer,
              ep: agg.epSum[e],
              highRisk: high,
              lowRisk: low[e],
              risk,
            };
            bestEp = agg.epSum[e];
            // Candidates are in EP order, so this is the cuboid's best; later cuboids must beat it.
            break;
          }
        }
      }
      if (best) return best;
      prev = state;
    }
    return null;
  }

  /**
   * The next layer's cuboids in lexicographic order: each cuboid of `prev` extended by a later
   * dimension. With pruning, only those whose parents all have an element that could hold a cause
   * (the others would group no point), so a deep layer costs what survives, not C(dims, layer).
   */
  private nextLayer(prev: LayerState): number[][] {
    const out: number[][] = [];
    for (let c = 0; c < prev.cuboids.length; c++) {
      const p = prev.cuboids[c];
      if (this.prune && !prev.viable[c]?.any) continue;
      for (let d = p[p.length - 1] + 1; d < this.nDims; d++) {
        const cuboid = [...p, d];
        if (!this.prune || parentsOf(prev, cuboid).every((v) => v?.any)) out.push(cuboid);
      }
    }
    return out;
  }

  /**
   * The smallest point set that has the cuboid's dimensions: the cell table without the k
   * highest-cardinality dimensions, k as large as the cuboid allows, or the leaves. Tables are built
   * when first asked for in a step, from the next larger table, and dropped when they would not have
   * at most half as many points as there are active leaves.
   */
  private pointsFor(cuboid: number[], parents: Viability[]): Points {
    const leaves = this.tables[0]!;
    if (!this.reuse) return leaves;
    // Per-leaf viability masks only exist for leaves.
    if (parents.some((p) => p.byLeaf && !p.all)) return leaves;
    let k = 0;
    while (k < this.dropOrder.length - 1 && !cuboid.includes(this.dropOrder[k])) k++;
    // The key space must fit a dense grouping (the low-risk pass reads groups by key).
    const size = keySpace(this.s.cardinalities, cuboid);
    for (; k >= 1; k--) {
      const t = this.table(k);
      if (t && size <= 2 * t.size + 256) return t;
    }
    return leaves;
  }

  private table(k: number): Points | null {
    if (this.tables[k] !== undefined) return this.tables[k];
    let base = this.tables[0]!;
    for (let j = k - 1; j >= 1; j--) {
      const t = this.table(j);
      if (t) {
        base = t;
        break;
      }
    }
    const keep = this.dropOrder.slice(k).sort((x, y) => x - y);
    // Only when the key space itself guarantees at most half as many cells as active leaves: on
    // sparse cubes a table over big dimensions would cost a pass and be thrown away.
    if (2 * keySpace(this.s.cardinalities, keep) > this.tables[0]!.size) {
      this.tables[k] = null;
      return null;
    }
    const cells = buildCells(base.set, this.s.cardinalities, keep, base.all, base.size, this.scratch);
    const m = cells.ep.length;
    const t = { id: k, set: cells, all: this.identity.subarray(0, m), size: m, isLeaves: false };
    this.tables[k] = t;
    return t;
  }

  /** Risk and explanatory power of one element over the active leaves (for refined elements). */
  score(active: Uint8Array, dims: number[], values: number[]): LatticeHit {
    const { s } = this;
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      if (!active[i]) continue;
      let ok = true;
      for (let j = 0; j < dims.length && ok; j++) ok = s.codes[dims[j]][i] === values[j];
      if (ok) this.idx[count++] = i;
    }
    const agg = aggregateCuboid(s, s.cardinalities, [], this.idx, count, this.scratch, false);
    const highRisk = agg.wAbn[0] / (agg.wAbn[0] + agg.wNorm[0] + 1);
    const low = lowRiskOf(s, agg, this.idx, count, [0], this.scratch)[0];
    return { dims, values, layer: dims.length, ep: agg.epSum[0], highRisk, lowRisk: low, risk: highRisk - low };
  }

  /** `reachedAll`: the cuboid was grouped over every active leaf (none pruned before it). */
  private viability(dims: number[], agg: CuboidAgg, idx: Int32Array, count: number, reachedAll: boolean): Viability {
    const ok = new Uint8Array(agg.nGroups);
    let any = false;
    for (let e = 0; e < agg.nGroups; e++) {
      if (agg.nAbn[e] > 0 && agg.epPos[e] >= this.epThreshold && agg.wAbn[e] >= this.minWeight) {
        ok[e] = 1;
        any = true;
      }
    }
    let all = reachedAll;
    const groupAt = agg.groupAt;
    for (let j = 0; j < count && all; j++) all = ok[groupAt[j]] === 1;
    if (agg.dense) return { dims, byKey: ok, byLeaf: null, any, all };
    const byLeaf = new Uint8Array(this.n);
    for (let j = 0; j < count; j++) byLeaf[idx[j]] = ok[groupAt[j]];
    return { dims, byKey: null, byLeaf, any, all };
  }

  /** The points whose parents in the previous layer are all viable, as [index list, count]. */
  private pointsOf(pts: Points, ps: Viability[]): [Int32Array, number] {
    if (ps.length === 0) return [pts.all, pts.size];
    if (ps.some((p) => !p.any)) return [this.idx, 0];
    if (ps.every((p) => p.all)) return [pts.all, pts.size];
    const { idx } = this;
    const activeIdx = pts.all;
    const nActive = pts.size;
    const codes = pts.set.codes;
    const card = this.s.cardinalities;
    // Parents every point passes need no test (and may hold per-leaf masks that cells cannot read).
    const open = ps.filter((p) => !p.all);
    // One parent left to test is common (a big dimension with pruned values beside small fully
    // viable ones): its list of points is the same for all its children, so it is kept for the step.
    let cacheKey: string | null = null;
    if (open.length === 1) {
      cacheKey = `${pts.id}:${open[0].dims.join(',')}`;
      const hit = this.filterCache.get(cacheKey);
      if (hit) return hit;
    }
    if (open.length <= 3 && open.every((p) => p.byKey && p.dims.length <= 2)) {
      // Up to three key tables over one or two dimensions each (layers 2 and 3): one tight loop,
      // padded with a table every point passes.
      const t = (q: number) => (q < open.length ? open[q].byKey! : PASS);
      const a = (q: number) => (q < open.length ? codes[open[q].dims[0]] : this.zeros);
      const b = (q: number) => (q < open.length && open[q].dims.length === 2 ? codes[open[q].dims[1]] : this.zeros);
      const k = (q: number) => (q < open.length && open[q].dims.length === 2 ? card[open[q].dims[1]] : 1);
      const count = filterByKeys(
        activeIdx,
        nActive,
        idx,
        t(0),
        a(0),
        b(0),
        k(0),
        t(1),
        a(1),
        b(1),
        k(1),
        t(2),
        a(2),
        b(2),
        k(2),
      );
      if (cacheKey) {
        const kept: [Int32Array, number] = [idx.slice(0, count), count];
        this.filterCache.set(cacheKey, kept);
        return kept;
      }
      return [idx, count];
    }
    let count = 0;
    for (let j = 0; j < nActive; j++) {
      const i = activeIdx[j];
      let ok = true;
      for (let p = 0; p < open.length && ok; p++) {
        const v = open[p];
        if (v.byLeaf) ok = v.byLeaf[i] === 1;
        else {
          let key = 0;
          for (const d of v.dims) key = key * card[d] + codes[d][i];
          ok = v.byKey![key] === 1;
        }
      }
      if (ok) idx[count++] = i;
    }
    return [idx, count];
  }
}

/** The viability of each parent of `cuboid` (one per dropped dimension) in the previous layer. */
function parentsOf(prev: LayerState, cuboid: number[]): Viability[] {
  return cuboid.map((_, drop) => prev.viable[prev.index.get(cuboid.filter((__, j) => j !== drop).join(','))!]);
}

/** A viability table every key passes (key 0 only: it pads with the zeros column). */
const PASS = Uint8Array.of(1);

/** Points of `all` whose keys pass all three tables (key = a·k + b per table). */
function filterByKeys(
  all: Int32Array,
  size: number,
  out: Int32Array,
  t0: Uint8Array,
  a0: Int32Array,
  b0: Int32Array,
  k0: number,
  t1: Uint8Array,
  a1: Int32Array,
  b1: Int32Array,
  k1: number,
  t2: Uint8Array,
  a2: Int32Array,
  b2: Int32Array,
  k2: number,
): number {
  let count = 0;
  for (let j = 0; j < size; j++) {
    const i = all[j];
    if (t0[a0[i] * k0 + b0[i]] & t1[a1[i] * k1 + b1[i]] & t2[a2[i] * k2 + b2[i]]) out[count++] = i;
  }
  return count;
}
