// Synthetic root-cause cases (src/analysis/rca-cases.ts) scored like the public sets: per-depth F1.
// `--sweep` runs the parameter grid on the DEVELOPMENT seeds only (the test seeds are for one final
// report, made by bench/rca.ts --dataset synthetic).
// Usage: npx tsx bench/rca-gen.ts [--sweep] [--limit N] [--option key=value ...]
import { fileURLToPath } from 'node:url';
import { searchSegments, type SegmentSearchOptions } from '../src/analysis/segment-search.ts';
import { DEV_SEEDS, generateCase, type RcaCase } from '../src/analysis/rca-cases.ts';
import { normaliseElement } from './rca-data.ts';
import { scoreCase, summarise, type CaseScore } from './rca-score.ts';

export interface SyntheticReport {
  /** F1 over the cases of each depth 1..5, then over all cases, and per measure kind. */
  byDepth: Array<ReturnType<typeof summarise>>;
  all: ReturnType<typeof summarise>;
  additive: ReturnType<typeof summarise>;
  ratio: ReturnType<typeof summarise>;
  /** Mean of the five per-depth F1 (the figure the sweep ranks by). */
  meanDepthF1: number;
}

export function seedRange(range: { from: number; to: number }, limit = Infinity): number[] {
  const out: number[] = [];
  for (let s = range.from; s <= range.to && out.length < limit; s++) out.push(s);
  return out;
}

export function scoreCases(cases: readonly RcaCase[], options: SegmentSearchOptions = {}): SyntheticReport {
  const scores: Array<CaseScore & { depth: number; kind: string }> = [];
  for (const c of cases) {
    const t0 = performance.now();
    const res = searchSegments(c.cube, { adtributor: false, ...options });
    const ms = performance.now() - t0;
    const predicted = [...new Set(res.root_causes.map((e) => normaliseElement(Object.entries(e.dims))))];
    scores.push({ ...scoreCase(`depth${c.depth}`, String(c.seed), predicted, c.labels, ms), depth: c.depth, kind: c.kind });
  }
  const byDepth = [1, 2, 3, 4, 5].map((d) => summarise(scores.filter((s) => s.depth === d)));
  return {
    byDepth,
    all: summarise(scores),
    additive: summarise(scores.filter((s) => s.kind === 'additive')),
    ratio: summarise(scores.filter((s) => s.kind === 'ratio')),
    meanDepthF1: byDepth.reduce((t, s) => t + (Number.isNaN(s.f1) ? 0 : s.f1), 0) / byDepth.length,
  };
}

export function formatReport(name: string, r: SyntheticReport): string {
  const f = (x: number) => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));
  const depths = r.byDepth.map((s, d) => `d${d + 1} ${f(s.f1)}`).join('  ');
  return (
    `${name.padEnd(34)} ${depths}  | mean ${f(r.meanDepthF1)}  all ${f(r.all.f1)} (P ${f(r.all.p)} R ${f(r.all.r)})  ` +
    `add ${f(r.additive.f1)}  ratio ${f(r.ratio.f1)}  ${r.all.msPerCase.toFixed(1)} ms/case`
  );
}

/** The development grid: depth semantics, refinement and the ratio reliability scaling. */
const SWEEP: Array<[string, SegmentSearchOptions]> = [
  ['maxLayer 3, refine, rel 10 (before)', { maxLayer: 3, refine: true, reliabilityCount: 10 }],
  ['maxLayer 3, no refine, rel 0', { maxLayer: 3, refine: false, reliabilityCount: 0 }],
  ['all layers, refine, rel 10', { maxLayer: Infinity, refine: true, reliabilityCount: 10 }],
  ['all layers, refine, rel 0', { maxLayer: Infinity, refine: true, reliabilityCount: 0 }],
  ['all layers, no refine, rel 10', { maxLayer: Infinity, refine: false, reliabilityCount: 10 }],
  ['all layers, no refine, rel 0', { maxLayer: Infinity, refine: false, reliabilityCount: 0 }],
  ['all layers, no refine, rel 3', { maxLayer: Infinity, refine: false, reliabilityCount: 3 }],
  ['all layers, no refine, rel 30', { maxLayer: Infinity, refine: false, reliabilityCount: 30 }],
];

function main(): void {
  const argv = process.argv.slice(2);
  let sweep = false;
  let limit = Infinity;
  const options: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sweep') sweep = true;
    else if (argv[i] === '--limit') limit = Number(argv[++i]);
    else if (argv[i] === '--option') {
      const [k, v] = argv[++i].split('=');
      options[k] = v === 'true' ? true : v === 'false' ? false : Number(v);
    } else throw new Error(`Unknown argument ${argv[i]}. Usage: npx tsx bench/rca-gen.ts [--sweep] [--limit N] [--option k=v]`);
  }
  const t0 = performance.now();
  const cases = seedRange(DEV_SEEDS, limit).map(generateCase);
  const leaves = cases.reduce((t, c) => t + c.cube.n, 0);
  console.log(`DEV seeds ${DEV_SEEDS.from}–${DEV_SEEDS.from + cases.length - 1}: ${cases.length} cases, ${leaves} leaves, generated in ${(performance.now() - t0).toFixed(0)} ms`);
  const counts = [1, 2, 3, 4, 5].map((d) => cases.filter((c) => c.depth === d).length);
  console.log(`cases per depth 1..5: ${counts.join(' ')}; ratio cases ${cases.filter((c) => c.kind === 'ratio').length}`);
  const grid: Array<[string, SegmentSearchOptions]> = sweep ? SWEEP : [[JSON.stringify(options), options as SegmentSearchOptions]];
  for (const [name, opts] of grid) console.log(formatReport(name, scoreCases(cases, opts)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
