// Public root-cause benchmark: feeds every case of ../shared/benchmarks/rca to the product's segment
// search (src/analysis/segment-search.ts) and scores its root-cause set by the README's rule.
// The synthetic TEST seeds (src/analysis/rca-cases.ts) are scored per depth beside them; the
// parameters were fixed on the development seeds before (bench/rca-gen.ts --sweep).
// Usage: npx tsx bench/rca.ts [--dataset B0|RS|synthetic|all] [--limit N] [--root DIR] [--verbose]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchSegments } from '../src/analysis/segment-search.ts';
import type { Cube } from '../src/analysis/cube.ts';
import { listB0Settings, normaliseElement, readB0Setting, readRsCases, type BenchCase } from './rca-data.ts';
import { scoreCase, summarise, type CaseScore } from './rca-score.ts';
import { generateCase, TEST_SEEDS } from '../src/analysis/rca-cases.ts';
import { scoreCases, seedRange } from './rca-gen.ts';

// Reference F1 from the benchmark README (§4), RiskLoc and the best method per column.
const REFERENCE: Record<string, { riskloc: number; best: number; bestName: string }> = {
  B_cuboid_layer_1_n_ele_1: { riskloc: 1.0, best: 1.0, bestName: 'RiskLoc' },
  B_cuboid_layer_1_n_ele_2: { riskloc: 0.933, best: 0.983, bestName: 'AutoRoot' },
  B_cuboid_layer_1_n_ele_3: { riskloc: 0.977, best: 0.977, bestName: 'RiskLoc' },
  B_cuboid_layer_2_n_ele_1: { riskloc: 0.903, best: 1.0, bestName: 'HotSpot(3 cases)' },
  B_cuboid_layer_2_n_ele_2: { riskloc: 1.0, best: 1.0, bestName: 'RiskLoc' },
  B_cuboid_layer_2_n_ele_3: { riskloc: 0.944, best: 0.944, bestName: 'RiskLoc' },
  B_cuboid_layer_3_n_ele_1: { riskloc: 1.0, best: 1.0, bestName: 'RiskLoc' },
  B_cuboid_layer_3_n_ele_2: { riskloc: 0.966, best: 0.966, bestName: 'RiskLoc' },
  B_cuboid_layer_3_n_ele_3: { riskloc: 0.966, best: 0.966, bestName: 'RiskLoc' },
  B0_mean: { riskloc: 0.965, best: 0.965, bestName: 'RiskLoc' },
  RS: { riskloc: 0.025, best: 0.274, bestName: 'Adtributor' },
};

interface Args {
  dataset: 'B0' | 'RS' | 'synthetic' | 'all';
  limit: number;
  root: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args: Args = {
    dataset: 'all',
    limit: Infinity,
    root: path.resolve(here, '../../shared/benchmarks/rca'),
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dataset') {
      const v = argv[++i];
      if (v !== 'B0' && v !== 'RS' && v !== 'synthetic' && v !== 'all')
        throw new Error(`--dataset must be B0, RS, synthetic or all, got ${v}`);
      args.dataset = v;
    } else if (a === '--limit') {
      args.limit = Number(argv[++i]);
      if (!Number.isInteger(args.limit) || args.limit < 1)
        throw new Error('--limit must be a positive integer (cases per setting)');
    } else if (a === '--root') args.root = path.resolve(argv[++i]);
    else if (a === '--verbose') args.verbose = true;
    else
      throw new Error(
        `Unknown argument ${a}. Usage: npx tsx bench/rca.ts [--dataset B0|RS|synthetic|all] [--limit N] [--root DIR] [--verbose]`,
      );
  }
  return args;
}

/** The predicted set for scoring: the root-cause elements of the product's search, normalised. */
export function predictedSet(cube: Cube): { predicted: string[]; ms: number } {
  const t0 = performance.now();
  const r = searchSegments(cube);
  const ms = performance.now() - t0;
  const predicted = [...new Set(r.root_causes.map((e) => normaliseElement(Object.entries(e.dims))))];
  return { predicted, ms };
}

function runCases<C extends Cube>(cases: Iterable<BenchCase<C>>, verbose: boolean): CaseScore[] {
  const out: CaseScore[] = [];
  for (const c of cases) {
    const { predicted, ms } = predictedSet(c.cube);
    const s = scoreCase(c.setting, c.id, predicted, c.labels, ms);
    out.push(s);
    if (verbose && (s.fp > 0 || s.fn > 0)) {
      console.log(`  miss ${c.setting}/${c.id}: predicted [${predicted.join('; ')}] labels [${c.labels.join('; ')}]`);
    }
  }
  return out;
}

function fmt(x: number): string {
  return Number.isNaN(x) ? '  -  ' : x.toFixed(3);
}

function printRow(name: string, s: ReturnType<typeof summarise>): void {
  const ref = REFERENCE[name];
  const refText = ref ? `   | ref RiskLoc ${fmt(ref.riskloc)}  best ${fmt(ref.best)} (${ref.bestName})` : '';
  console.log(
    `${name.padEnd(26)} F1 ${fmt(s.f1)}  P ${fmt(s.p)}  R ${fmt(s.r)}  TP ${String(s.tp).padStart(3)} FP ${String(s.fp).padStart(3)} FN ${String(s.fn).padStart(3)}  ` +
      `${s.cases} cases  ${s.msPerCase.toFixed(1)} ms/case${refText}`,
  );
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  console.log(
    `RCA benchmark: data ${args.root}; engine searchSegments (src/analysis/segment-search.ts), default options`,
  );
  if (args.dataset === 'B0' || args.dataset === 'all') {
    console.log('\nSqueeze B0 (additive; forecast = predict column)');
    const f1s: number[] = [];
    for (const setting of listB0Settings(args.root)) {
      const scores = runCases(readB0Setting(args.root, setting, args.limit), args.verbose);
      const s = summarise(scores);
      f1s.push(s.f1);
      printRow(setting, s);
    }
    const mean = f1s.reduce((x, y) => x + y, 0) / f1s.length;
    console.log(
      `${'B0_mean'.padEnd(26)} F1 ${fmt(mean)} (mean of per-setting F1)   | ref RiskLoc ${fmt(REFERENCE.B0_mean.riskloc)}  target ≥ 0.950`,
    );
  }
  if (args.dataset === 'RS' || args.dataset === 'all') {
    console.log(
      '\nRobustSpot RS (ratio stalled/viewers; baseline = per-leaf mean of the 4 minutes before the anomaly, numerator = stalled viewers)',
    );
    const scores = runCases(readRsCases(args.root, args.limit), args.verbose);
    printRow('RS', summarise(scores));
    console.log(`${''.padEnd(26)} target ≥ 0.300`);
  }
  if (args.dataset === 'synthetic' || args.dataset === 'all') syntheticTest(args.limit);
}

/** Per-depth F1 on the synthetic TEST seeds (no reference: the generator is this project's own). */
function syntheticTest(limit: number): void {
  const cases = seedRange(TEST_SEEDS, limit).map(generateCase);
  const last = TEST_SEEDS.from + cases.length - 1;
  console.log(
    `\nSynthetic TEST seeds ${TEST_SEEDS.from}–${last} (src/analysis/rca-cases.ts; ${cases.length} cases, default options)`,
  );
  const r = scoreCases(cases);
  r.byDepth.forEach((s, d) => printRow(`depth ${d + 1}`, s));
  printRow('all depths', r.all);
  printRow('additive cases', r.additive);
  printRow('ratio cases', r.ratio);
  console.log(`${'mean of per-depth F1'.padEnd(26)} F1 ${fmt(r.meanDepthF1)}`);
}

main();
