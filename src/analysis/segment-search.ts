// "Where did it change?": multi-dimensional root-cause localisation over a cube of leaves.
// The root-cause set comes from RiskLoc (layer-by-layer cuboid search with pruning, never the full
// lattice); an Adtributor pass adds the best single-dimension explanations. Ratio measures are
// searched on their additive parts: the numerator against its expectation at the baseline rate,
// so a rate is never added or averaged. See README.md in this folder for methods and parameters.
import { cardinalitiesOf, type Cube } from './cube.ts';
import { riskLoc, type RiskLocOptions } from './riskloc.ts';
import { adtributor, jsSurprise, type AdtributorOptions } from './adtributor.ts';
import { ratioAttribution } from './ratio.ts';

// Chosen on the development seeds of rca-cases.ts (README.md §3), never on the public sets.
/** Ratio cubes: events below which a leaf's risk weight is scaled down (RiskLocOptions.reliabilityCount). */
const RATIO_RELIABILITY = 30;
/** Ratio cubes: denominator at the cube's rate added to each leaf's baseline rate (ratioPrior). */
const RATIO_PRIOR = 300;

export interface SegmentSearchOptions extends RiskLocOptions {
  /** Below this share of the total change explained by the root-cause set, say "no clear single cause". */
  minExplainedShare?: number;
  /**
   * Ratio cubes: the baseline rate of a leaf is shrunk toward the cube's rate as if this much
   * denominator (sessions, viewers) at that rate were added, (num_a + k·R)/(den_a + k); small leaves'
   * own baseline rates are mostly count noise. 0 = each leaf's own rate; default 300 (README §2).
   */
  ratioPrior?: number;
  /** Options of the single-dimension pass, or false to skip it. */
  adtributor?: AdtributorOptions | false;
}

export interface SegmentStats {
  /** The element: a conjunction of dimension = value. */
  dims: Record<string, string>;
  layer: number;
  /** Baseline and actual of the element: sums for additive measures, rates for ratio measures. */
  a: number;
  b: number;
  delta: number;
  /** The element's contribution to the change of the total, in the metric's units. */
  contribution: number;
  /** contribution / total delta (explanatory power); contributions of disjoint elements add up. */
  share: number;
  /** Jensen-Shannon surprise of the element's share of the total (Adtributor). */
  surprise: number;
  /** RiskLoc risk score when the element came from the root-cause search. */
  risk?: number;
  /** Ratio measures only. */
  num_a?: number;
  den_a?: number;
  num_b?: number;
  den_b?: number;
  /** Part of the contribution due to the element's own rate changing (at its current volume). */
  rate_effect?: number;
  /** Part due to the element's volume share changing while its rate differs from the total's. */
  mix_effect?: number;
}

export interface SegmentSearchResult {
  method: string;
  measure: 'additive' | 'ratio';
  total: { a: number; b: number; delta: number; relative: number | null };
  /** Direction of the abnormal leaves RiskLoc searched. */
  direction: 'up' | 'down';
  /** The root-cause set, in the order found (highest explanatory power first at each step). */
  root_causes: SegmentStats[];
  /** Single-dimension explanations (Adtributor), best dimension first. */
  single_dimension: Array<{ dimension: string; share: number; surprise: number; elements: SegmentStats[] }>;
  /** Share of the total change explained by the root-cause set. */
  explained_share: number;
  no_clear_cause: boolean;
  no_clear_cause_reason?: string;
  /** Ratio measures: the total change split into within-segment rate changes and mix (sums to delta). */
  ratio_split?: { rate_effect: number; mix_effect: number };
  elapsed_ms: number;
}

/** Per-leaf additive view of the cube: the observed and expected value RiskLoc compares. */
interface AdditiveView {
  real: Float64Array;
  pred: Float64Array;
  totalA: number;
  totalB: number;
}

function additiveView(cube: Cube, prior = 0): AdditiveView {
  const n = cube.n;
  if (cube.kind === 'additive') {
    let totalA = 0;
    let totalB = 0;
    for (let i = 0; i < n; i++) {
      totalA += cube.a[i];
      totalB += cube.b[i];
    }
    return { real: cube.b, pred: cube.a, totalA, totalB };
  }
  const { numA, denA, numB, denB } = cube;
  let nA = 0;
  let dA = 0;
  let nB = 0;
  let dB = 0;
  for (let i = 0; i < n; i++) {
    nA += numA[i];
    dA += denA[i];
    nB += numB[i];
    dB += denB[i];
  }
  const rateA = dA === 0 ? 0 : nA / dA;
  const real = new Float64Array(n);
  const pred = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Expected numerator: the leaf's baseline rate at its current volume, so RiskLoc sees rate
    // changes, not volume changes. A leaf with no baseline volume is expected to behave like the whole.
    const r = denA[i] + prior > 0 ? (numA[i] + prior * rateA) / (denA[i] + prior) : rateA;
    real[i] = numB[i];
    pred[i] = r * denB[i];
  }
  return { real, pred, totalA: rateA, totalB: dB === 0 ? 0 : nB / dB };
}

export function searchSegments(cube: Cube, options: SegmentSearchOptions = {}): SegmentSearchResult {
  const t0 = performance.now();
  const cardinalities = cardinalitiesOf(cube);
  const view = additiveView(cube, options.ratioPrior ?? RATIO_PRIOR);
  const delta = view.totalB - view.totalA;
  // Ratio leaves are counts of events (orders, stalls, returns) whose Poisson noise swamps small
  // leaves, so such leaves weigh less as evidence. Additive measures may be money, where no unit-free
  // count exists; callers with count measures can set it.
  const rlOptions: RiskLocOptions = { reliabilityCount: cube.kind === 'ratio' ? RATIO_RELIABILITY : 0, ...options };
  const rl = riskLoc({ n: cube.n, codes: cube.codes, cardinalities, real: view.real, pred: view.pred }, rlOptions);
  const rootCauses = rl.elements.map((e) => {
    const s = elementStats(cube, view, e.dims, e.values);
    s.risk = e.risk;
    return s;
  });
  const explained = rootCauses.reduce((s, x) => s + x.contribution, 0);
  const explainedShare = delta === 0 ? 0 : explained / delta;
  const minShare = options.minExplainedShare ?? 0.5;

  const singleDimension: SegmentSearchResult['single_dimension'] = [];
  if (options.adtributor !== false) {
    const series =
      cube.kind === 'additive'
        ? [{ a: cube.a, b: cube.b }]
        : [
            { a: cube.numA, b: cube.numB },
            { a: cube.denA, b: cube.denB },
          ];
    const cands = adtributor({ codes: cube.codes, cardinalities, kind: cube.kind, series }, options.adtributor);
    for (const c of cands) {
      singleDimension.push({
        dimension: cube.dimNames[c.dim],
        share: c.ep,
        surprise: c.surprise,
        elements: c.elements.map((el) => elementStats(cube, view, [el.dim], [el.value])),
      });
    }
  }

  let reason: string | undefined;
  if (delta === 0) reason = 'the total did not change';
  else if (rootCauses.length === 0)
    reason = 'no segment deviates clearly more than the rest: the change is spread across segments or within noise';
  else if (explainedShare < minShare) {
    reason = `the segments found explain only ${Math.round(explainedShare * 100)}% of the change`;
  }

  let ratioSplit: SegmentSearchResult['ratio_split'];
  if (cube.kind === 'ratio') {
    // Summed over leaves, the rate effect is the change within the finest segments; the rest is mix.
    const totals = ratioTotals(cube, null);
    let rateEffect = 0;
    for (let i = 0; i < cube.n; i++) {
      rateEffect += ratioAttribution(
        { numA: cube.numA[i], denA: cube.denA[i], numB: cube.numB[i], denB: cube.denB[i] },
        totals,
      ).rate_effect;
    }
    ratioSplit = { rate_effect: rateEffect, mix_effect: delta - rateEffect };
  }

  return {
    method:
      'RiskLoc (weighted risk, layer-by-layer cuboid search with element pruning) + Adtributor single-dimension pass',
    measure: cube.kind,
    total: { a: view.totalA, b: view.totalB, delta, relative: view.totalA === 0 ? null : delta / view.totalA },
    direction: rl.direction > 0 ? 'up' : 'down',
    root_causes: rootCauses,
    single_dimension: singleDimension,
    explained_share: explainedShare,
    no_clear_cause: reason !== undefined,
    ...(reason !== undefined ? { no_clear_cause_reason: reason } : {}),
    ...(ratioSplit ? { ratio_split: ratioSplit } : {}),
    elapsed_ms: performance.now() - t0,
  };
}

/** Sums of the ratio parts over the given leaves (ascending), or over all leaves. */
function ratioTotals(cube: Extract<Cube, { kind: 'ratio' }>, members: Int32Array | null) {
  const t = { numA: 0, denA: 0, numB: 0, denB: 0 };
  const m = members ? members.length : cube.n;
  for (let q = 0; q < m; q++) {
    const i = members ? members[q] : q;
    t.numA += cube.numA[i];
    t.denA += cube.denA[i];
    t.numB += cube.numB[i];
    t.denB += cube.denB[i];
  }
  return t;
}

/** The leaves of an element, in ascending order: the first dimension scans the cube, the others the list. */
function membersOf(cube: Cube, dims: readonly number[], values: readonly number[]): Int32Array {
  let out = new Int32Array(cube.n);
  if (dims.length === 0) {
    for (let i = 0; i < cube.n; i++) out[i] = i;
    return out;
  }
  let m = 0;
  const c0 = cube.codes[dims[0]];
  for (let i = 0; i < cube.n; i++) if (c0[i] === values[0]) out[m++] = i;
  for (let j = 1; j < dims.length; j++) {
    const c = cube.codes[dims[j]];
    let k = 0;
    for (let q = 0; q < m; q++) if (c[out[q]] === values[j]) out[k++] = out[q];
    m = k;
  }
  out = out.subarray(0, m);
  return out;
}

/** An element's own baseline, actual, contribution and surprise, summed over its leaves in leaf order. */
function elementStats(
  cube: Cube,
  view: AdditiveView,
  dims: readonly number[],
  values: readonly number[],
): SegmentStats {
  const members = membersOf(cube, dims, values);
  const labels: Record<string, string> = {};
  dims.forEach((d, j) => (labels[cube.dimNames[d]] = cube.values[d][values[j]]));
  const total = view.totalB - view.totalA;
  const share = (x: number, t: number) => (t === 0 ? 0 : x / t);
  if (cube.kind === 'additive') {
    let a = 0;
    let b = 0;
    for (let q = 0; q < members.length; q++) {
      a += cube.a[members[q]];
      b += cube.b[members[q]];
    }
    return {
      dims: labels,
      layer: dims.length,
      a,
      b,
      delta: b - a,
      contribution: b - a,
      share: share(b - a, total),
      surprise: jsSurprise(share(a, view.totalA), share(b, view.totalB)),
    };
  }
  const all = ratioTotals(cube, null);
  const seg = ratioTotals(cube, members);
  const at = ratioAttribution(seg, all);
  return {
    dims: labels,
    layer: dims.length,
    a: at.rateA,
    b: at.rateB,
    delta: at.rateB - at.rateA,
    contribution: at.contribution,
    share: share(at.contribution, total),
    surprise:
      jsSurprise(share(seg.numA, all.numA), share(seg.numB, all.numB)) +
      jsSurprise(share(seg.denA, all.denA), share(seg.denB, all.denB)),
    num_a: seg.numA,
    den_a: seg.denA,
    num_b: seg.numB,
    den_b: seg.denB,
    rate_effect: at.rate_effect,
    mix_effect: at.mix_effect,
  };
}
