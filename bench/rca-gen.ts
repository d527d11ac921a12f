// Synthetic root-cause cases (src/analysis/rca-cases.ts) scored like the public sets: per-depth F1.
// `--sweep` runs the parameter grid on the DEVELOPMENT seeds only (the test seeds are for one final
// report, made by bench/rca.ts --dataset synthetic).
// Usage: npx tsx bench/rca-gen.ts [--sweep A|B|B2|C] [--limit N] [--option key=value ...]
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

/** A configuration: options for every case, and options for ratio (count) cubes only. */
export interface Config {
  all?: SegmentSearchOptions;
  ratio?: SegmentSearchOptions;
}

export function scoreCases(cases: readonly RcaCase[], config: Config = {}): SyntheticReport {
  const scores: Array<CaseScore & { depth: number; kind: string }> = [];
  for (const c of cases) {
    const t0 = performance.now();
    const options = { adtributor: false as const, ...config.all, ...(c.kind === 'ratio' ? config.ratio : {}) };
    const res = searchSegments(c.cube, options);
    const ms = performance.now() - t0;
    const predicted = [...new Set(res.root_causes.map((e) => normaliseElement(Object.entries(e.dims))))];
    const score = scoreCase(`depth${c.depth}`, String(c.seed), predicted, c.labels, ms);
    scores.push({ ...score, depth: c.depth, kind: c.kind });
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

// The development grid, in stages (each fixes what the one before chose): A = depth semantics ×
// refinement at the old ratio settings; B = the ratio settings (reliabilityCount, ratioPrior) on the
// ratio cases; C = refinement again at the chosen ratio settings.
const ALL = Infinity;
const STAGES: Record<string, Array<[string, Config]>> = {
  A: [
    ['maxLayer 3, refine (before)', { all: { maxLayer: 3, refine: true } }],
    ['maxLayer 3, no refine', { all: { maxLayer: 3, refine: false } }],
    ['all layers, refine', { all: { maxLayer: ALL, refine: true } }],
    ['all layers, no refine', { all: { maxLayer: ALL, refine: false } }],
  ],
  // reliabilityCount 0 with prior 0 was measured alone (ratio F1 0.035 at 1.3 s/case: nearly every
  // noisy small leaf becomes a cause), so the grid leaves it out.
  B: [[0, 100], ...[3, 10, 30].flatMap((rel) => [0, 20, 100].map((prior) => [rel, prior]))].map(
    ([rel, prior]): [string, Config] => [
      `ratio rel ${rel}, prior ${prior}`,
      { all: { maxLayer: ALL, refine: false }, ratio: { reliabilityCount: rel, ratioPrior: prior } },
    ],
  ),
  // B ended at its corner (reliabilityCount 30, prior 100), so the grid goes on past it, with the
  // deviation's pseudo-count (events added to pred + real) as a third knob.
  B2: [
    [30, 300, 0],
    [100, 100, 0],
    [100, 300, 0],
    [300, 300, 0],
    [30, 100, 10],
    [100, 300, 10],
  ].map(([rel, prior, pc]): [string, Config] => [
    `ratio rel ${rel}, prior ${prior}, pseudo ${pc}`,
    { all: { maxLayer: ALL, refine: false }, ratio: { reliabilityCount: rel, ratioPrior: prior, pseudoCount: pc } },
  ]),
  // C: refinement on and off at the chosen ratio settings, and the prior once more past B2's edge.
  C: [
    [false, 300],
    [true, 300],
    [false, 1000],
  ].map(([refine, prior]): [string, Config] => [
    `all layers, ${refine ? '' : 'no '}refine, ratio rel 30 prior ${prior}`,
    { all: { maxLayer: ALL, refine: refine as boolean }, ratio: { reliabilityCount: 30, ratioPrior: prior as number } },
  ]),
};

function main(): void {
  const argv = process.argv.slice(2);
  let stage = '';
  let limit = Infinity;
  const options: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sweep') stage = argv[++i];
    else if (argv[i] === '--limit') limit = Number(argv[++i]);
    else if (argv[i] === '--option') {
      const [k, v] = argv[++i].split('=');
      options[k] = v === 'true' ? true : v === 'false' ? false : Number(v);
    } else throw new Error(`Unknown argument ${argv[i]}. Usage: npx tsx bench/rca-gen.ts [--sweep STAGE] [--limit N]`);
  }
  const t0 = performance.now();
  const cases = seedRange(DEV_SEEDS, limit).map(generateCase);
  const leaves = cases.reduce((t, c) => t + c.cube.n, 0);
  const ms = (performance.now() - t0).toFixed(0);
  const last = DEV_SEEDS.from + cases.length - 1;
  console.log(`DEV seeds ${DEV_SEEDS.from}–${last}: ${cases.length} cases, ${leaves} leaves, generated in ${ms} ms`);
  const counts = [1, 2, 3, 4, 5].map((d) => cases.filter((c) => c.depth === d).length);
  const ratios = cases.filter((c) => c.kind === 'ratio').length;
  console.log(`cases per depth 1..5: ${counts.join(' ')}; ratio cases ${ratios}`);
  if (stage && !STAGES[stage]) throw new Error(`--sweep takes one of ${Object.keys(STAGES).join(', ')}`);
  const grid: Array<[string, Config]> = stage ? STAGES[stage] : [[JSON.stringify(options), { all: options }]];
  const only = stage.startsWith('B') ? cases.filter((c) => c.kind === 'ratio') : cases;
  for (const [name, config] of grid) console.log(formatReport(name, scoreCases(only, config)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
