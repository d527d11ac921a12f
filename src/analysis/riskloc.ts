// RiskLoc (Kalander 2022, "RiskLoc: Localization of Multi-dimensional Root Causes by Weighted Risk"):
// leaves are split into a normal and an abnormal partition by their deviation, weighted by how far
// they sit from the split, and cuboids are searched layer by layer for the element with the highest
// explanatory power whose risk score (share of weighted abnormal leaves, minus the inconsistency of
// its leaves with a single proportional "ripple" change) passes a threshold. Found elements are
// removed and the search repeats until the abnormal part is explained. Written from the paper's
// description on typed arrays; see README.md in this folder.
import { leafScores } from './cuboid-stats.ts';
import { Lattice, type LatticeHit } from './lattice.ts';

export { combinations } from './lattice.ts';
import { refineElement } from './refine.ts';

export interface RiskLocOptions {
  /** Minimum risk score (high risk − low risk) for an element to be a root cause. Paper default 0.5. */
  riskThreshold?: number;
  /** An element must explain at least this share of the abnormal partition's change. Paper default 0.02. */
  pepThreshold?: number;
  /**
   * Deepest cuboid layer searched (elements of at most this many dimensions). Default: every
   * dimension; the exact pruning keeps deep layers cheap (README.md §2, chosen on the dev cases).
   */
  maxLayer?: number;
  /** How many extreme distinct deviations are ignored when placing the partition cutoff. Paper default 5. */
  nRemove?: number;
  /** Prune layer-1 elements without abnormal leaves or explanatory power from deeper cuboids. */
  pruneElements?: boolean;
  /**
   * Sum cuboids from cell tables (the active leaves pre-summed without the highest-cardinality
   * dimensions) instead of from every leaf. Same sums grouped differently, so equal up to rounding;
   * false = every cuboid from the leaves, bit-identical to the plain implementation.
   */
  reuseAggregates?: boolean;
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
  /**
   * Move each found element to its parent or child when the ripple test says so (see refine.ts).
   * Off by default: with every layer searched it added nothing on the development cases (README §3).
   */
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

/** A found element (see LatticeHit for its fields), possibly moved to a parent or child by refinement. */
export interface RiskLocElement extends LatticeHit {
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
 * One pass keeping the few extreme distinct values per side (no sort of all the leaves).
 */
export function partitionCutoff(dev: Float64Array, nRemove = 5): number {
  if (dev.length === 0) return 0;
  const want = Math.max(1, nRemove + 1);
  const lo: number[] = [];
  const hi: number[] = [];
  // Equal values are one distinct value; a sorted dedup would keep −0 for zero when any −0 exists.
  let negZero = false;
  for (let i = 0; i < dev.length; i++) {
    let x = dev[i];
    if (x === 0) {
      if (Object.is(x, -0)) negZero = true;
      x = 0;
    }
    if (lo.length < want || x < lo[lo.length - 1]) insertDistinct(lo, x, want, 1);
    if (hi.length < want || x > hi[hi.length - 1]) insertDistinct(hi, x, want, -1);
  }
  const k = Math.min(nRemove, lo.length - 1);
  const zero = negZero ? -0 : 0;
  const minVal = lo[k] === 0 ? zero : lo[k];
  const maxVal = hi[k] === 0 ? zero : hi[k];
  return -(Math.abs(maxVal) < Math.abs(minVal) ? maxVal : minVal);
}

/** Inserts x into a short list sorted by order·value, without duplicates, keeping at most `cap`. */
function insertDistinct(list: number[], x: number, cap: number, order: 1 | -1): void {
  let j = list.length;
  while (j > 0 && order * list[j - 1] > order * x) j--;
  if (j > 0 && list[j - 1] === x) return;
  list.splice(j, 0, x);
  if (list.length > cap) list.pop();
}

export function riskLoc(input: RiskLocInput, options: RiskLocOptions = {}): RiskLocResult {
  const nDims = input.codes.length;
  const maxLayer = Math.min(options.maxLayer ?? nDims, nDims);
  const maxElements = options.maxElements ?? 10;
  const { n, real, pred } = input;

  const dev = deviationScores(real, pred, options.pseudoCount ?? 0);
  const cutoff = partitionCutoff(dev, options.nRemove ?? 5);
  // A zero cutoff keeps its sign (−0 means "look left"), as the split side is read from it.
  const right = cutoff > 0 || (cutoff === 0 && !Object.is(cutoff, -0));
  const { part, weight, ep, abnormalLeaves, abnormalSum } = splitLeaves(
    input,
    dev,
    cutoff,
    right,
    options.reliabilityCount ?? 0,
  );
  const { direction, epThreshold } = orientPower(ep, abnormalSum, options.pepThreshold ?? 0.02);

  const active = new Uint8Array(n).fill(1);
  const scores = leafScores({
    codes: input.codes,
    cardinalities: input.cardinalities,
    real,
    pred,
    dev,
    ep,
    part,
    weight,
  });
  const lattice = new Lattice(
    scores,
    maxLayer,
    options.pruneElements ?? true,
    options.riskThreshold ?? 0.5,
    epThreshold,
    options.reuseAggregates ?? true,
  );
  const search: RefineSearch = { input, options, lattice, active, cutoff, right, maxLayer };

  const elements: RiskLocElement[] = [];
  while (elements.length < maxElements) {
    if (remainingPower(active, part, ep) < epThreshold) break;
    const hit = lattice.search(active);
    if (!hit) break;
    const found = (options.refine ?? false) ? refineHit(search, hit) : hit;
    elements.push(found);
    deactivateInside(active, input.codes, found);
  }
  return { elements, cutoff, direction, abnormalLeaves };
}

interface LeafSplit {
  /** 1 for a leaf in the abnormal partition. */
  part: Uint8Array;
  weight: Float64Array;
  /** real − pred per leaf, before orientPower rescales it in place. */
  ep: Float64Array;
  abnormalLeaves: number;
  abnormalSum: number;
}

function splitLeaves(
  { n, real, pred }: RiskLocInput,
  dev: Float64Array,
  cutoff: number,
  right: boolean,
  reliability: number,
): LeafSplit {
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
  return { part, weight, ep, abnormalLeaves, abnormalSum };
}

/** Explanatory power only needs a common scale and the abnormal part's sign: orient it positive (in place). */
function orientPower(
  ep: Float64Array,
  abnormalSum: number,
  pepThreshold: number,
): { direction: 1 | -1; epThreshold: number } {
  const sign = abnormalSum < 0 ? -1 : 1;
  const total = Math.abs(abnormalSum) || 1;
  for (let i = 0; i < ep.length; i++) ep[i] = (sign * ep[i]) / total;
  const direction: 1 | -1 = sign < 0 ? -1 : 1;
  return { direction, epThreshold: (Math.abs(abnormalSum) / total) * pepThreshold };
}

function remainingPower(active: Uint8Array, part: Uint8Array, ep: Float64Array): number {
  let remaining = 0;
  for (let i = 0; i < ep.length; i++) if (active[i] && part[i]) remaining += ep[i];
  return remaining;
}

interface RefineSearch {
  input: RiskLocInput;
  options: RiskLocOptions;
  lattice: Lattice;
  active: Uint8Array;
  cutoff: number;
  right: boolean;
  maxLayer: number;
}

/** Rescored only when refinement actually moved the element, so an unmoved hit keeps its search scores. */
function refineHit(s: RefineSearch, hit: LatticeHit): RiskLocElement {
  const ctx = {
    codes: s.input.codes,
    cardinalities: s.input.cardinalities,
    real: s.input.real,
    pred: s.input.pred,
    active: s.active,
    cutoff: s.cutoff,
    right: s.right,
    maxLayer: s.maxLayer,
    similarity: s.options.similarity ?? 0.5,
  };
  const r = refineElement(ctx, hit);
  const moved =
    r.dims.length !== hit.dims.length || r.values.some((v, j) => v !== hit.values[j] || r.dims[j] !== hit.dims[j]);
  if (!moved) return hit;
  return { ...s.lattice.score(s.active, r.dims, r.values), refinedFrom: { dims: hit.dims, values: hit.values } };
}

/** Explained leaves leave the search, so the next round looks for what is still unexplained. */
function deactivateInside(active: Uint8Array, codes: Int32Array[], found: RiskLocElement): void {
  for (let i = 0; i < active.length; i++) {
    if (!active[i]) continue;
    let inside = true;
    for (let j = 0; j < found.dims.length && inside; j++) inside = codes[found.dims[j]][i] === found.values[j];
    if (inside) active[i] = 0;
  }
}
