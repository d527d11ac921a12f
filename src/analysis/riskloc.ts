// RiskLoc (Kalander 2022, "RiskLoc: Localization of Multi-dimensional Root Causes by Weighted Risk"):
// leaves are split into a normal and an abnormal partition by their deviation, weighted by how far
// they sit from the split, and cuboids are searched layer by layer for the element with the highest
// explanatory power whose risk score (share of weighted abnormal leaves, minus the inconsistency of
// its leaves with a single proportional "ripple" change) passes a threshold. Found elements are
// removed and the search repeats until the abnormal part is explained. Written from the paper's
// description on typed arrays; see README.md in this folder.
import { groupLeaves, type GroupScratch } from './cube.ts';
import { refineElement } from './refine.ts';

export interface RiskLocOptions {
  /** Minimum risk score (high risk − low risk) for an element to be a root cause. Paper default 0.5. */
  riskThreshold?: number;
  /** An element must explain at least this share of the abnormal partition's change. Paper default 0.02. */
  pepThreshold?: number;
  /** Deepest cuboid layer searched (elements of at most this many dimensions). */
  maxLayer?: number;
  /** How many extreme distinct deviations are ignored when placing the partition cutoff. Paper default 5. */
  nRemove?: number;
  /** Prune layer-1 elements without abnormal leaves or explanatory power from deeper cuboids. */
  pruneElements?: boolean;
  /** Stop after this many root-cause elements. */
  maxElements?: number;
  /**
   * Pseudo-count added to the denominator of the deviation score, so leaves too small to tell
   * signal from noise (3 sessions, 2 orders) deviate little. In the measure's units; 0 = the paper.
   */
  pseudoCount?: number;
  /**
   * Leaves whose expected + observed value is small carry little evidence either way: their risk
   * weight is scaled by (pred + real)/(pred + real + reliabilityCount). 0 = the paper (no scaling).
   */
  reliabilityCount?: number;
  /** Move each found element to its parent or child when the ripple test says so (see refine.ts). */
  refine?: boolean;
  /** How alike a remainder's deviation must be to count as "moved too" in the refinement. */
  similarity?: number;
}

export interface RiskLocInput {
  n: number;
  codes: Int32Array[];
  cardinalities: number[];
  /** Observed value per leaf. */
  real: Float64Array;
  /** Expected value per leaf. */
  pred: Float64Array;
}

export interface RiskLocElement {
  /** Dimension index → code; a conjunction over `dims`. */
  dims: number[];
  values: number[];
  layer: number;
  /** Share of the abnormal partition's (sign-normalised) change explained when it was found. */
  ep: number;
  highRisk: number;
  lowRisk: number;
  risk: number;
  /** The element the risk search found, when refinement moved it to a parent or child. */
  refinedFrom?: { dims: number[]; values: number[] };
}

export interface RiskLocResult {
  elements: RiskLocElement[];
  cutoff: number;
  /** +1 when the abnormal leaves are above their expectation, −1 when below. */
  direction: 1 | -1;
  abnormalLeaves: number;
}

/** 2(pred − real)/(pred + real): relative deviation in [−2, 2], 0 when both are 0. */
export function deviationScores(real: Float64Array, pred: Float64Array, pseudoCount = 0): Float64Array {
  const n = real.length;
  const dev = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = pred[i] + real[i] + pseudoCount;
    dev[i] = s === 0 ? 0 : (2 * (pred[i] - real[i])) / s;
  }
  return dev;
}

/**
 * The cutoff mirrors the normal noise: the (nRemove+1)-th most extreme distinct deviation on each side
 * is found, and the side with the smaller magnitude is taken as noise; its negation splits the other side.
 */
export function partitionCutoff(dev: Float64Array, nRemove = 5): number {
  const sorted = Float64Array.from(dev).sort();
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) uniq.push(sorted[i]);
  if (uniq.length === 0) return 0;
  const k = Math.min(nRemove, uniq.length - 1);
  const minVal = uniq[k];
  const maxVal = uniq[uniq.length - 1 - k];
  return -(Math.abs(maxVal) < Math.abs(minVal) ? maxVal : minVal);
}

export function riskLoc(input: RiskLocInput, options: RiskLocOptions = {}): RiskLocResult {
  const riskThreshold = options.riskThreshold ?? 0.5;
  const pepThreshold = options.pepThreshold ?? 0.02;
  const nDims = input.codes.length;
  const maxLayer = Math.min(options.maxLayer ?? 3, nDims);
  const prune = options.pruneElements ?? true;
  const maxElements = options.maxElements ?? 10;
  const { n, real, pred } = input;
  const reliability = options.reliabilityCount ?? 0;

  const dev = deviationScores(real, pred, options.pseudoCount ?? 0);
  const cutoff = partitionCutoff(dev, options.nRemove ?? 5);
  // A zero cutoff keeps its sign (−0 means "look left"), as the split side is read from it.
  const right = cutoff > 0 || (cutoff === 0 && !Object.is(cutoff, -0));
  const part = new Uint8Array(n);
  const weight = new Float64Array(n);
  const ep = new Float64Array(n);
  let abnormalLeaves = 0;
  let abnormalSum = 0;
  for (let i = 0; i < n; i++) {
    const p = right ? dev[i] > cutoff : dev[i] < cutoff;
    part[i] = p ? 1 : 0;
    let w = p ? Math.abs(dev[i]) : real[i] === 0 && pred[i] === 0 ? 0 : Math.abs(cutoff - dev[i]);
    if (w > 1) w = 1;
    if (reliability > 0) {
      const m = real[i] + pred[i];
      w *= m / (m + reliability);
    }
    weight[i] = w;
    ep[i] = real[i] - pred[i];
    if (p) {
      abnormalLeaves++;
      abnormalSum += ep[i];
    }
  }
  // Explanatory power only needs a common scale and the abnormal part's sign: orient it positive.
  const sign = abnormalSum < 0 ? -1 : 1;
  const total = Math.abs(abnormalSum) || 1;
  for (let i = 0; i < n; i++) ep[i] = (sign * ep[i]) / total;
  const direction: 1 | -1 = sign < 0 ? -1 : 1;
  const epThreshold = (Math.abs(abnormalSum) / total) * pepThreshold;

  const active = new Uint8Array(n).fill(1);
  const pruned = input.cardinalities.map((c) => new Uint8Array(c));
  const cuboidsByLayer: number[][][] = [];
  for (let layer = 1; layer <= maxLayer; layer++) cuboidsByLayer.push(combinations(nDims, layer));

  const elements: RiskLocElement[] = [];
  const cuboidMask = new Uint8Array(n);
  // groupOf from this scratch is only read within the cuboid that produced it.
  const scratch: GroupScratch = {};
  while (elements.length < maxElements) {
    let remaining = 0;
    for (let i = 0; i < n; i++) if (active[i] && part[i]) remaining += ep[i];
    if (remaining < epThreshold) break;
    let found = searchLayers();
    if (!found) break;
    if (options.refine ?? true) {
      const ctx = { codes: input.codes, cardinalities: input.cardinalities, real, pred, active, cutoff, right, maxLayer, similarity: options.similarity ?? 0.5 };
      const r = refineElement(ctx, found);
      if (r.dims.length !== found.dims.length || r.values.some((v, j) => v !== found!.values[j] || r.dims[j] !== found!.dims[j])) {
        found = { ...scoreElement(r.dims, r.values), refinedFrom: { dims: found.dims, values: found.values } };
      }
    }
    elements.push(found);
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      let inside = true;
      for (let j = 0; j < found.dims.length && inside; j++) inside = input.codes[found.dims[j]][i] === found.values[j];
      if (inside) active[i] = 0;
    }
  }
  return { elements, cutoff, direction, abnormalLeaves };

  function searchLayers(): RiskLocElement | null {
    for (let layer = 1; layer <= maxLayer; layer++) {
      let best: RiskLocElement | null = null;
      let bestEp = epThreshold;
      for (const cuboid of cuboidsByLayer[layer - 1]) {
        // Leaves of pruned layer-1 elements cannot be part of a root cause in a deeper cuboid.
        let mask = active;
        if (prune && layer > 1) {
          cuboidMask.set(active);
          for (const d of cuboid) {
            const c = input.codes[d];
            const pd = pruned[d];
            for (let i = 0; i < n; i++) if (pd[c[i]]) cuboidMask[i] = 0;
          }
          mask = cuboidMask;
        }
        const g = groupLeaves(input.codes, input.cardinalities, cuboid, mask, scratch);
        const k = g.nGroups;
        const epSum = new Float64Array(k);
        const epPos = new Float64Array(k);
        const nAbn = new Int32Array(k);
        const wAbn = new Float64Array(k);
        const wNorm = new Float64Array(k);
        for (let i = 0; i < n; i++) {
          const gi = g.groupOf[i];
          if (gi < 0) continue;
          epSum[gi] += ep[i];
          if (ep[i] > 0) epPos[gi] += ep[i];
          if (part[i]) {
            nAbn[gi]++;
            wAbn[gi] += weight[i];
          } else wNorm[gi] += weight[i];
        }
        if (prune && layer === 1) {
          const d = cuboid[0];
          for (let e = 0; e < k; e++) {
            if (epPos[e] < epThreshold || nAbn[e] === 0) pruned[d][input.codes[d][g.repLeaf[e]]] = 1;
          }
        }
        const candidates: number[] = [];
        for (let e = 0; e < k; e++) if (nAbn[e] > 0 && epSum[e] > bestEp) candidates.push(e);
        if (candidates.length === 0) continue;
        candidates.sort((x, y) => epSum[y] - epSum[x]);
        const low = lowRisk(g.groupOf, k);
        for (const e of candidates) {
          const high = wAbn[e] / (wAbn[e] + wNorm[e] + 1);
          const risk = high - low[e];
          if (risk >= riskThreshold) {
            const rep = g.repLeaf[e];
            best = {
              dims: [...cuboid],
              values: cuboid.map((d) => input.codes[d][rep]),
              layer,
              ep: epSum[e],
              highRisk: high,
              lowRisk: low[e],
              risk,
            };
            bestEp = epSum[e];
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
  function scoreElement(dims: number[], values: number[]): RiskLocElement {
    const groupOf = new Int32Array(n).fill(-1);
    let epSum = 0;
    let wAbn = 0;
    let wNorm = 0;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      let ok = true;
      for (let j = 0; j < dims.length && ok; j++) ok = input.codes[dims[j]][i] === values[j];
      if (!ok) continue;
      groupOf[i] = 0;
      epSum += ep[i];
      if (part[i]) wAbn += weight[i];
      else wNorm += weight[i];
    }
    const highRisk = wAbn / (wAbn + wNorm + 1);
    const low = lowRisk(groupOf, 1)[0];
    return { dims, values, layer: dims.length, ep: epSum, highRisk, lowRisk: low, risk: highRisk - low };
  }

  /**
   * Low risk per group: how far the leaves are from a single proportional change of the group
   * (mean |deviation from the scaled forecast|), relative to their mean |deviation|. A true root
   * cause changes its leaves alike (the ripple effect), so the ratio is small.
   */
  function lowRisk(groupOf: Int32Array, k: number): Float64Array {
    const sr = new Float64Array(k);
    const sp = new Float64Array(k);
    const cnt = new Int32Array(k);
    const sdev = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const gi = groupOf[i];
      if (gi < 0 || real[i] === 0 || pred[i] === 0) continue;
      sr[gi] += real[i];
      sp[gi] += pred[i];
      cnt[gi]++;
      sdev[gi] += Math.abs(dev[i]);
    }
    const sd = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const gi = groupOf[i];
      if (gi < 0 || real[i] === 0 || pred[i] === 0) continue;
      const a = (pred[i] * sr[gi]) / sp[gi];
      const s = a + real[i];
      if (s !== 0) sd[gi] += Math.abs((2 * (a - real[i])) / s);
    }
    const out = new Float64Array(k);
    for (let e = 0; e < k; e++) if (cnt[e] > 0 && sdev[e] !== 0) out[e] = sd[e] / sdev[e];
    return out;
  }
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
