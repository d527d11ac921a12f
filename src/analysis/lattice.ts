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
import { aggregateCuboid, CuboidScratch, firstLeaves, lowRiskOf, type CuboidAgg, type LeafScores } from './cuboid-stats.ts';

export interface LatticeHit {
  dims: number[];
  values: number[];
  layer: number;
  ep: number;
  highRisk: number;
  lowRisk: number;
  risk: number;
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

export class Lattice {
  private readonly n: number;
  private readonly cuboids: number[][][];
  /** Per layer and cuboid, filled while the layer is searched (pruning only). */
  private readonly viable: Viability[][];
  /** Per layer and cuboid: indices into the previous layer of the cuboid's parents. */
  private readonly parents: number[][][];
  private readonly scratch = new CuboidScratch();
  private readonly activeIdx: Int32Array;
  private readonly idx: Int32Array;
  private readonly minWeight: number;

  constructor(
    private readonly s: LeafScores,
    private readonly maxLayer: number,
    private readonly prune: boolean,
    private readonly riskThreshold: number,
    private readonly epThreshold: number,
  ) {
    this.n = s.real.length;
    const nDims = s.codes.length;
    this.cuboids = [];
    for (let layer = 1; layer <= maxLayer; layer++) this.cuboids.push(combinations(nDims, layer));
    this.viable = this.cuboids.map(() => []);
    this.parents = this.cuboids.map((layerCuboids, l) => {
      if (l === 0) return layerCuboids.map(() => []);
      const index = new Map(this.cuboids[l - 1].map((c, j) => [c.join(','), j]));
      return layerCuboids.map((c) => c.map((_, drop) => index.get(c.filter((__, j) => j !== drop).join(','))!));
    });
    this.activeIdx = new Int32Array(this.n);
    this.idx = new Int32Array(this.n);
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
    for (let layer = 1; layer <= this.maxLayer; layer++) {
      let best: LatticeHit | null = null;
      let bestEp = this.epThreshold;
      const keepViable = this.prune && layer < this.maxLayer;
      const layerCuboids = this.cuboids[layer - 1];
      for (let c = 0; c < layerCuboids.length; c++) {
        const cuboid = layerCuboids[c];
        const [idx, count] = this.leavesOf(layer, c, nActive);
        if (count === 0) {
          if (keepViable) this.viable[layer - 1][c] = { dims: cuboid, byKey: null, byLeaf: null, any: false, all: false };
          continue;
        }
        const agg = aggregateCuboid(s, cuboid, idx, count, this.scratch, keepViable);
        if (keepViable) this.viable[layer - 1][c] = this.viability(cuboid, agg, idx, count, count === nActive);
        // Low risk is never negative, so an element whose high risk misses the threshold cannot pass:
        // only the others need the leaf-level low-risk pass.
        const candidates: number[] = [];
        for (let e = 0; e < agg.nGroups; e++) {
          if (agg.nAbn[e] > 0 && agg.epSum[e] > bestEp && agg.wAbn[e] / (agg.wAbn[e] + agg.wNorm[e] + 1) >= this.riskThreshold) candidates.push(e);
        }
        if (candidates.length === 0) continue;
        firstLeaves(agg, idx, count, candidates);
        // Ties keep the order of first appearance, as when groups were numbered that way.
        candidates.sort((x, y) => agg.epSum[y] - agg.epSum[x] || agg.rep[x] - agg.rep[y]);
        const low = lowRiskOf(s, agg, idx, count, candidates, this.scratch);
        for (const e of candidates) {
          const high = agg.wAbn[e] / (agg.wAbn[e] + agg.wNorm[e] + 1);
          const risk = high - low[e];
          if (risk >= this.riskThreshold) {
            const rep = agg.rep[e];
            best = { dims: [...cuboid], values: cuboid.map((d) => s.codes[d][rep]), layer, ep: agg.epSum[e], highRisk: high, lowRisk: low[e], risk };
            bestEp = agg.epSum[e];
            // Candidates are in EP order, so this is the cuboid's best; later cuboids must beat it.
            break;
          }
        }
      }
      if (best) return best;
    }
    return null;
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
    const agg = aggregateCuboid(s, [], this.idx, count, this.scratch, false);
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

  /** The active leaves whose parents in the previous layer are all viable, as [index list, count]. */
  private leavesOf(layer: number, c: number, nActive: number): [Int32Array, number] {
    if (!this.prune || layer === 1) return [this.activeIdx, nActive];
    const ps = this.parents[layer - 1][c].map((p) => this.viable[layer - 2][p]);
    if (ps.some((p) => !p.any)) return [this.idx, 0];
    if (ps.every((p) => p.all)) return [this.activeIdx, nActive];
    const { activeIdx, idx } = this;
    const { codes, cardinalities: card } = this.s;
    const dims = this.cuboids[layer - 1][c];
    let count = 0;
    if (layer === 2 && ps[0].byKey && ps[1].byKey) {
      // Parent 0 drops dims[0] (it is cuboid [dims[1]]), parent 1 is [dims[0]].
      const ta = ps[1].byKey;
      const tb = ps[0].byKey;
      const ca = codes[dims[0]];
      const cb = codes[dims[1]];
      for (let j = 0; j < nActive; j++) {
        const i = activeIdx[j];
        if (ta[ca[i]] & tb[cb[i]]) idx[count++] = i;
      }
      return [idx, count];
    }
    if (layer === 3 && ps[0].byKey && ps[1].byKey && ps[2].byKey) {
      const tbc = ps[0].byKey;
      const tac = ps[1].byKey;
      const tab = ps[2].byKey;
      const ca = codes[dims[0]];
      const cb = codes[dims[1]];
      const cc = codes[dims[2]];
      const kb = card[dims[1]];
      const kc = card[dims[2]];
      for (let j = 0; j < nActive; j++) {
        const i = activeIdx[j];
        if (tab[ca[i] * kb + cb[i]] & tac[ca[i] * kc + cc[i]] & tbc[cb[i] * kc + cc[i]]) idx[count++] = i;
      }
      return [idx, count];
    }
    for (let j = 0; j < nActive; j++) {
      const i = activeIdx[j];
      let ok = true;
      for (let p = 0; p < ps.length && ok; p++) {
        const v = ps[p];
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
