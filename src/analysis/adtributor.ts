// Adtributor (Bhagwan et al., NSDI 2014, "Adtributor: Revenue Debugging in Advertising Systems"):
// for each single dimension, the values are ranked by surprise (Jensen-Shannon divergence between the
// baseline and actual distribution over the dimension) and taken while each explains enough of the
// change (explanatory power), until together they explain most of it. Dimensions are then ranked by
// their total surprise. It only finds one-dimension explanations, which is what it is used for here:
// a readable "by channel / by country" view beside the multi-dimensional RiskLoc set.
import { ratioAttribution } from './ratio.ts';

export interface AdtributorOptions {
  /** Minimum explanatory power of one element (paper T_EEP = 0.1). */
  teep?: number;
  /** Cumulative explanatory power at which a dimension's explanation is complete (paper T_EP = 0.67). */
  tep?: number;
  /** Number of dimensions returned, by surprise (paper k = 3). */
  k?: number;
}

/** Additive parts per leaf: one series for additive measures, numerator and denominator for ratios. */
export interface AdtributorInput {
  codes: Int32Array[];
  cardinalities: number[];
  /** additive: series = [measure]; ratio: series = [numerator, denominator]. */
  kind: 'additive' | 'ratio';
  /** Additive series (baseline, actual): their distributions give the surprise, their sums the contribution. */
  series: Array<{ a: Float64Array; b: Float64Array }>;
}

export interface AdtributorElement {
  dim: number;
  value: number;
  ep: number;
  surprise: number;
}

export interface AdtributorCandidate {
  dim: number;
  elements: AdtributorElement[];
  ep: number;
  surprise: number;
}

/** Jensen-Shannon term of one element with baseline share p and actual share q. */
export function jsSurprise(p: number, q: number): number {
  const m = (p + q) / 2;
  let s = 0;
  if (p > 0) s += 0.5 * p * Math.log(p / m);
  if (q > 0) s += 0.5 * q * Math.log(q / m);
  return s;
}

export function adtributor(input: AdtributorInput, options: AdtributorOptions = {}): AdtributorCandidate[] {
  const teep = options.teep ?? 0.1;
  const tep = options.tep ?? 0.67;
  const k = options.k ?? 3;
  const totals = input.series.map((s) => ({ a: sum(s.a), b: sum(s.b) }));
  const ratioTotals =
    input.kind === 'ratio' ? { numA: totals[0].a, numB: totals[0].b, denA: totals[1].a, denB: totals[1].b } : null;
  const totalChange = ratioTotals ? ratioAttribution(ratioTotals, ratioTotals).contribution : totals[0].b - totals[0].a;
  if (totalChange === 0) return [];
  const candidates: AdtributorCandidate[] = [];
  for (let d = 0; d < input.codes.length; d++) {
    // A one-dimension cuboid needs no grouping: the codes are the groups. Values are listed in order
    // of first appearance, the order ties keep when sorted by surprise.
    const codes = input.codes[d];
    const card = input.cardinalities[d];
    const first = new Int32Array(card).fill(-1);
    let seen = 0;
    for (let i = 0; i < codes.length && seen < card; i++) {
      if (first[codes[i]] < 0) {
        first[codes[i]] = i;
        seen++;
      }
    }
    const present: number[] = [];
    for (let c = 0; c < card; c++) if (first[c] >= 0) present.push(c);
    present.sort((x, y) => first[x] - first[y]);
    const parts = input.series.map(() => ({ a: new Float64Array(card), b: new Float64Array(card) }));
    for (let s = 0; s < parts.length; s++)
      sumByCode(parts[s].a, parts[s].b, input.series[s].a, input.series[s].b, codes);
    const elements: AdtributorElement[] = [];
    for (const e of present) {
      let surprise = 0;
      for (let s = 0; s < parts.length; s++) {
        const p = totals[s].a === 0 ? 0 : parts[s].a[e] / totals[s].a;
        const q = totals[s].b === 0 ? 0 : parts[s].b[e] / totals[s].b;
        surprise += jsSurprise(p, q);
      }
      const contribution = ratioTotals
        ? ratioAttribution(
            { numA: parts[0].a[e], numB: parts[0].b[e], denA: parts[1].a[e], denB: parts[1].b[e] },
            ratioTotals,
          ).contribution
        : parts[0].b[e] - parts[0].a[e];
      elements.push({ dim: d, value: e, ep: contribution / totalChange, surprise });
    }
    elements.sort((x, y) => y.surprise - x.surprise);
    const chosen: AdtributorElement[] = [];
    let ep = 0;
    let surprise = 0;
    for (const el of elements) {
      if (el.ep <= teep) continue;
      chosen.push(el);
      ep += el.ep;
      surprise += el.surprise;
      if (ep > tep) break;
    }
    if (ep > tep) candidates.push({ dim: d, elements: chosen, ep, surprise });
  }
  candidates.sort((x, y) => y.surprise - x.surprise);
  return candidates.slice(0, k);
}

function sumByCode(outA: Float64Array, outB: Float64Array, a: Float64Array, b: Float64Array, codes: Int32Array): void {
  for (let i = 0; i < codes.length; i++) {
    outA[codes[i]] += a[i];
    outB[codes[i]] += b[i];
  }
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}
