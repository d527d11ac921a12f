// "Where did it change?": multi-dimensional root-cause localisation over a cube of leaves.
// The root-cause set comes from RiskLoc (layer-by-layer cuboid search with pruning, never the full
// lattice); an Adtributor pass adds the best single-dimension explanations. Ratio measures are
// searched on their additive parts: the numerator against its expectation at the baseline rate,
// so a rate is never added or averaged. See README.md in this folder for methods and parameters.
import { cardinalitiesOf, type Cube } from './cube.ts';
import { riskLoc, type RiskLocOptions } from './riskloc.ts';
import { adtributor, jsSurprise, type AdtributorOptions } from './adtributor.ts';

export interface SegmentSearchOptions extends RiskLocOptions {
  /** Below this share of the total change explained by the root-cause set, say "no clear single cause". */
  minExplainedShare?: number;
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

/** Per-leaf additive view of the cube: expected and observed values plus each leaf's exact contribution. */
interface AdditiveView {
  real: Float64Array;
  pred: Float64Array;
  contribution: Float64Array;
  totalA: number;
  totalB: number;
}

function additiveView(cube: Cube): AdditiveView {
  const n = cube.n;
  const contribution = new Float64Array(n);
  if (cube.kind === 'additive') {
    let totalA = 0;
    let totalB = 0;
    for (let i = 0; i < n; i++) {
      totalA += cube.a[i];
      totalB += cube.b[i];
      contribution[i] = cube.b[i] - cube.a[i];
    }
    return { real: cube.b, pred: cube.a, contribution, totalA, totalB };
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
    // Expected numerator: the leaf's baseline rate at its current volume. A leaf with no baseline
    // volume has no rate of its own, so it is expected to behave like the whole.
    const r = denA[i] > 0 ? numA[i] / denA[i] : rateA;
    real[i] = numB[i];
    pred[i] = r * denB[i];
    // Exact split of R_B − R_A: Σ (N_B,i − R_A·D_B,i) / D_B = N_B/D_B − R_A.
    contribution[i] = dB === 0 ? 0 : (numB[i] - rateA * denB[i]) / dB;
  }
  return { real, pred, contribution, totalA: rateA, totalB: dB === 0 ? 0 : nB / dB };
}

export function searchSegments(cube: Cube, options: SegmentSearchOptions = {}): SegmentSearchResult {
  const t0 = performance.now();
  const cardinalities = cardinalitiesOf(cube);
  const view = additiveView(cube);
  const delta = view.totalB - view.totalA;
  // Ratio leaves are counts of events (orders, stalls, returns): below ~10 expected events the Poisson
  // noise is over 30%, so such leaves weigh less as evidence. Additive measures may be money, where
  // no unit-free count exists; callers with count measures can set it.
  const rlOptions: RiskLocOptions = { reliabilityCount: cube.kind === 'ratio' ? 10 : 0, ...options };
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
    const cands = adtributor({ codes: cube.codes, cardinalities, contribution: view.contribution, totalChange: delta, series }, options.adtributor);
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
  else if (rootCauses.length === 0) reason = 'no segment deviates clearly more than the rest: the change is spread across segments or within noise';
  else if (explainedShare < minShare) {
    reason = `the segments found explain only ${Math.round(explainedShare * 100)}% of the change`;
  }

  let ratioSplit: SegmentSearchResult['ratio_split'];
  if (cube.kind === 'ratio') {
    // Rate effect at leaf level: Σ D_B,i (r_B,i − r_A,i) / D_B; the rest of the change is mix.
    let dB = 0;
    let rate = 0;
    for (let i = 0; i < cube.n; i++) {
      dB += cube.denB[i];
      rate += view.real[i] - view.pred[i];
    }
    const rateEffect = dB === 0 ? 0 : rate / dB;
    ratioSplit = { rate_effect: rateEffect, mix_effect: delta - rateEffect };
  }

  return {
    method: 'RiskLoc (weighted risk, layer-by-layer cuboid search with element pruning) + Adtributor single-dimension pass',
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

/** One pass over the leaves to read an element's own baseline, actual, contribution and surprise. */
function elementStats(cube: Cube, view: AdditiveView, dims: readonly number[], values: readonly number[]): SegmentStats {
  const n = cube.n;
  const inside = (i: number) => {
    for (let j = 0; j < dims.length; j++) if (cube.codes[dims[j]][i] !== values[j]) return false;
    return true;
  };
  const labels: Record<string, string> = {};
  dims.forEach((d, j) => (labels[cube.dimNames[d]] = cube.values[d][values[j]]));
  const total = view.totalB - view.totalA;
  let contribution = 0;
  if (cube.kind === 'additive') {
    let a = 0;
    let b = 0;
    let ta = 0;
    let tb = 0;
    for (let i = 0; i < n; i++) {
      ta += cube.a[i];
      tb += cube.b[i];
      if (!inside(i)) continue;
      a += cube.a[i];
      b += cube.b[i];
      contribution += view.contribution[i];
    }
    return {
      dims: labels,
      layer: dims.length,
      a,
      b,
      delta: b - a,
      contribution,
      share: total === 0 ? 0 : contribution / total,
      surprise: jsSurprise(ta === 0 ? 0 : a / ta, tb === 0 ? 0 : b / tb),
    };
  }
  let na = 0;
  let da = 0;
  let nb = 0;
  let db = 0;
  let tna = 0;
  let tda = 0;
  let tnb = 0;
  let tdb = 0;
  for (let i = 0; i < n; i++) {
    tna += cube.numA[i];
    tda += cube.denA[i];
    tnb += cube.numB[i];
    tdb += cube.denB[i];
    if (!inside(i)) continue;
    na += cube.numA[i];
    da += cube.denA[i];
    nb += cube.numB[i];
    db += cube.denB[i];
    contribution += view.contribution[i];
  }
  const rateA = da === 0 ? view.totalA : na / da;
  const rateB = db === 0 ? rateA : nb / db;
  // Element-level split of its contribution (N_B,s − R_A·D_B,s)/D_B into its own rate change and mix.
  const rateEffect = tdb === 0 ? 0 : ((rateB - rateA) * db) / tdb;
  const share = (x: number, t: number) => (t === 0 ? 0 : x / t);
  return {
    dims: labels,
    layer: dims.length,
    a: rateA,
    b: rateB,
    delta: rateB - rateA,
    contribution,
    share: share(contribution, total),
    surprise: jsSurprise(share(na, tna), share(nb, tnb)) + jsSurprise(share(da, tda), share(db, tdb)),
    num_a: na,
    den_a: da,
    num_b: nb,
    den_b: db,
    rate_effect: rateEffect,
    mix_effect: contribution - rateEffect,
  };
}
