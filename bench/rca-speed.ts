// Speed of the product's segment search on a product-sized synthetic cube: ~10^5 leaves over 8
// dimensions (channel, category, sub-category, product, country, device, traffic source, new vs
// returning). Scenarios: a planted two-dimension cause (default), a three-dimension cause (the search
// goes through every layer, then once more to find nothing), noise only (every layer, nothing found),
// two causes, a uniform drop, and a sparse product-like cube (100,000 leaves drawn from 400
// products × 41 traffic sources × …, only combinations with sales, popular products more often). Prints CPU and wall
// time per search (p50 / p95 over
// the timed runs, after warm-up runs) and, with --baseline REV, the same for the code of a git
// revision loaded side by side in this process: runs alternate between the two so the shared
// machine's load hits both alike, and the root-cause sets must match.
// Usage: npx tsx bench/rca-speed.ts [--scenario NAME|all] [--runs N] [--warmup N] [--baseline REV] [--option key=value
// ...]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { searchSegments, type SegmentSearchOptions, type SegmentSearchResult } from '../src/analysis/segment-search.ts';
import { additiveCube, type AdditiveLeaf, type Cube } from '../src/analysis/cube.ts';
import { gridCube, rng, values } from '../src/analysis/synthetic.ts';

type Search = (cube: Cube, options?: SegmentSearchOptions) => SegmentSearchResult;

const SCENARIOS: Record<string, { label: string; effect: (d: Record<string, string>) => number; sparse?: boolean }> = {
  planted: {
    label: 'channel=amazon & country=Canada −40%',
    effect: (d) => (d.channel === 'amazon' && d.country === 'Canada' ? 0.6 : 1),
  },
  deep: {
    label: 'channel=amazon & country=Canada & device=mobile −70%',
    effect: (d) => (d.channel === 'amazon' && d.country === 'Canada' && d.device === 'mobile' ? 0.3 : 1),
  },
  noise: { label: 'noise only (±3%)', effect: () => 1 },
  two: {
    label: 'channel=amazon & country=Canada −40%, category=cat3 −30%',
    effect: (d) => (d.channel === 'amazon' && d.country === 'Canada' ? 0.6 : d.category === 'cat3' ? 0.7 : 1),
  },
  season: { label: 'uniform −15%', effect: () => 0.85 },
  sparse: {
    label: 'sparse product-like cube; channel=amazon & country=Canada −40%',
    effect: (d) => (d.channel === 'amazon' && d.country === 'Canada' ? 0.6 : 1),
    sparse: true,
  },
};

interface Args {
  scenarios: string[];
  runs: number;
  warmup: number;
  baseline?: string;
  options: SegmentSearchOptions;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scenarios: ['planted'], runs: 15, warmup: 3, options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scenario') {
      const v = next();
      if (v !== 'all' && !SCENARIOS[v])
        throw new Error(`--scenario must be all or one of ${Object.keys(SCENARIOS).join(', ')}`);
      args.scenarios = v === 'all' ? Object.keys(SCENARIOS) : [v];
    } else if (a === '--runs') args.runs = Number(next());
    else if (a === '--warmup') args.warmup = Number(next());
    else if (a === '--baseline') args.baseline = next();
    else if (a === '--option') {
      const [k, v] = next().split('=');
      (args.options as Record<string, unknown>)[k] = v === 'true' ? true : v === 'false' ? false : Number(v);
    } else
      throw new Error(
        `Unknown argument ${a}. Usage: npx tsx bench/rca-speed.ts [--scenario NAME|all] [--runs N] [--warmup N] [--baseline REV] [--option key=value]`,
      );
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(args.warmup) || args.warmup < 0) throw new Error('--warmup must be a non-negative integer');
  return args;
}

/** The analysis code of a git revision, extracted to a temporary folder and imported from there. */
async function loadRevision(rev: string): Promise<{ search: Search; commit: string; dir: string }> {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const commit = execFileSync('git', ['rev-parse', '--short', rev], { cwd: repo, encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rca-baseline-${commit}-`));
  const tar = execFileSync('git', ['archive', commit, 'src/analysis', 'src/errors.ts'], {
    cwd: repo,
    maxBuffer: 64 << 20,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  const mod = (await import(pathToFileURL(path.join(dir, 'src/analysis/segment-search.ts')).href)) as {
    searchSegments: Search;
  };
  return { search: mod.searchSegments, commit, dir };
}

/** Leaves only where sales happened: each product in one category and sub-category, skewed popularity. */
function sparseCube(effect: (d: Record<string, string>) => number): Cube {
  const r = rng(7);
  const channels = ['own_website', 'amazon', 'other_marketplace'];
  const countries = ['United States', 'Canada', 'United Kingdom', 'France', 'Australia'];
  const devices = ['desktop', 'mobile', 'tablet'];
  const leaves: AdditiveLeaf[] = [];
  const seen = new Set<string>();
  while (leaves.length < 100_000) {
    const p = Math.floor(400 * r() * r());
    const channel = channels[Math.floor(r() * 3)];
    const dims = {
      channel,
      category: `cat${p % 5}`,
      sub_category: `sub${p % 23}`,
      product: `p${p}`,
      country: countries[Math.floor(r() * 5)],
      device: devices[Math.floor(r() * 3)],
      // Marketplace orders carry no traffic source.
      traffic_source: channel === 'own_website' ? `src${Math.floor(40 * r() * r())}` : 'none',
      customer: r() < 0.3 ? 'new' : 'returning',
    };
    const key = Object.values(dims).join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    const a = 5 + 300 * r() * r();
    leaves.push({ dims, a, b: a * effect(dims) * (1 + 0.05 * (2 * r() - 1)) });
  }
  return additiveCube(leaves);
}

function benchCube(effect: (d: Record<string, string>) => number): Cube {
  return gridCube({
    dims: {
      channel: ['own_website', 'amazon', 'other_marketplace'],
      category: values('cat', 5),
      sub_category: values('sub', 4),
      product: values('p', 10),
      country: ['United States', 'Canada', 'United Kingdom', 'France', 'Australia'],
      device: ['desktop', 'mobile', 'tablet'],
      traffic_source: values('src', 6),
      customer: ['new', 'returning'],
    },
    seed: 42,
    noise: 0.03,
    base: (r) => 50 + 500 * r(),
    effect,
  });
}

interface Sample {
  cpu: number;
  wall: number;
  found: string;
}

function timeOne(search: Search, cube: Cube, options: SegmentSearchOptions): Sample {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = search(cube, options);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const found = r.root_causes
    .map((e) =>
      Object.entries(e.dims)
        .map(([a, b]) => `${a}=${b}`)
        .join('&'),
    )
    .join('; ');
  return { cpu: (cpu.user + cpu.system) / 1000, wall, found };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: with fewer than 20 runs p95 is the slowest run.
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

function summary(name: string, samples: Sample[]): { p50: number } {
  const cpu = samples.map((s) => s.cpu);
  const wall = samples.map((s) => s.wall);
  const f = (x: number) => x.toFixed(0).padStart(5);
  console.log(
    `${name.padEnd(22)} CPU p50 ${f(quantile(cpu, 0.5))} ms  p95 ${f(quantile(cpu, 0.95))} ms  min ${f(Math.min(...cpu))} ms | ` +
      `wall p50 ${f(quantile(wall, 0.5))} ms  p95 ${f(quantile(wall, 0.95))} ms   (${samples.length} runs)`,
  );
  return { p50: quantile(cpu, 0.5) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(
    `options: ${JSON.stringify(args.options)}; ${args.warmup} warm-up runs, then ${args.runs} timed runs; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  let baseline: Awaited<ReturnType<typeof loadRevision>> | undefined;
  if (args.baseline) baseline = await loadRevision(args.baseline);
  try {
    for (const name of args.scenarios) {
      const cube = SCENARIOS[name].sparse ? sparseCube(SCENARIOS[name].effect) : benchCube(SCENARIOS[name].effect);
      const cards = cube.values.map((v) => v.length).join('×');
      console.log(
        `\n[${name}] cube: ${cube.n} leaves, ${cube.dimNames.length} dimensions (${cards} values); ${SCENARIOS[name].label}`,
      );
      const engines: Array<{ name: string; search: Search; cold?: Sample; samples: Sample[] }> = [
        { name: 'current', search: searchSegments, samples: [] },
      ];
      if (baseline) engines.push({ name: `baseline ${baseline.commit}`, search: baseline.search, samples: [] });
      for (let k = 0; k < args.warmup + args.runs; k++) {
        // Alternate which engine goes first so neither always runs right after the other's garbage.
        const order = k % 2 === 0 ? engines : [...engines].reverse();
        for (const e of order) {
          const s = timeOne(e.search, cube, args.options);
          if (!e.cold) e.cold = s;
          if (k >= args.warmup) e.samples.push(s);
        }
      }
      const p50s: number[] = [];
      for (const e of engines) {
        console.log(
          `${e.name}: found [${e.samples[0].found || 'nothing'}]; first run ${e.cold!.cpu.toFixed(0)} ms CPU (the first scenario's is the cold JIT start)`,
        );
        p50s.push(summary(e.name, e.samples).p50);
      }
      if (engines.length === 2) {
        const same = engines[0].samples.every((s, j) => s.found === engines[1].samples[j].found);
        console.log(
          `speed-up (baseline CPU p50 / current CPU p50): ${(p50s[1] / p50s[0]).toFixed(2)}×; root-cause sets ${same ? 'identical' : 'DIFFER'}`,
        );
      }
    }
  } finally {
    if (baseline) fs.rmSync(baseline.dir, { recursive: true, force: true });
  }
}

await main();
