// Scenario fuzzer for explain_change: draws a scenario per seed (draw.ts), seeds only the months it
// needs, computes the manifest, runs explain_change directly and through the assistant's ask path
// (ask.ts: an English or Chinese question to the offline model) and scores both with the rules of
// score.ts, then prints recall, precision, shares, share bias and drivers adding up per event kind
// and per metric for each path, and every invariant that failed.
//   npx tsx eval/causes/fuzz.ts --seeds A..B [--scale 0.3] [--jobs 2] [--direct-only] [--json] [--lead DAYS]
//                               [--out FILE.jsonl]   each case's result as a line, as it finishes
//                               [--metrics a,b] [--kinds k,l]   only the seeds whose draw has that metric / an
//                                                               event of that kind (a class's cases, for development)
//   npx tsx eval/causes/fuzz.ts --report FILE.jsonl    the tables of the cases a (possibly cut short) run wrote
// Development seeds are 1-10000, test seeds 100001+; see README.md beside this file.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { drawScenario, parseSeeds } from './draw.ts';
import { printTables } from './fuzz-report.ts';
import { runCase, type CaseResult } from './run-case.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1..20' },
    scale: { type: 'string', default: '0.3' },
    lead: { type: 'string', default: '92' },
    jobs: { type: 'string', default: '1' },
    'direct-only': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    report: { type: 'string' },
    metrics: { type: 'string' },
    kinds: { type: 'string' },
  },
});

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);

/** The cases of `seeds` in this process, one after another. */
async function runHere(seeds: number[], scale: number, ask: boolean): Promise<CaseResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-fuzz-'));
  const results: CaseResult[] = [];
  try {
    for (const seed of seeds) {
      const d = drawScenario(seed, { leadDays: Number(values.lead) });
      try {
        const r = await runCase(d, scale, dir, { ask });
        results.push(r);
        if (values.out) appendFileSync(values.out, `${JSON.stringify(r)}\n`);
        const shares = r.shares.map((x) => `${x.kind} ${pct(x.est)} vs ${pct(x.truth)}${x.ok ? '' : ' ✗'}`).join('; ');
        const asked = r.ask
          ? `; ask(${r.ask.language}${r.ask.sameQuestion ? '' : ', other question'}) recall ${r.ask.hits}/${r.ask.planted}, precision ${r.ask.correct}/${r.ask.reported}`
          : '';
        console.error(
          `seed ${seed} ${d.metric} ${d.scenario.target.period.from.slice(0, 7)} vs ${d.comparison} [${r.events.join(', ')}]: ` +
            `recall ${r.hits}/${r.planted}, precision ${r.correct}/${r.reported}${r.falseKinds.length ? ` (false: ${r.falseKinds.join(', ')})` : ''}` +
            `${shares ? `, shares ${shares}` : ''}${asked}${r.violations.length ? ` VIOLATIONS: ${r.violations.join('; ')}` : ''}`,
        );
      } catch (e) {
        console.error(`seed ${seed} ${d.metric}: FAILED ${(e as Error).stack ?? e}`);
        process.exitCode = 1;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * The seeds split round-robin over `jobs` child processes of this script (--json), merged in seed
 * order: seeding is CPU-bound and single-threaded, so on a machine with spare cores the run
 * finishes in about 1/jobs of the time.
 */
async function runSplit(seeds: number[], jobs: number): Promise<CaseResult[]> {
  const script = fileURLToPath(import.meta.url);
  const parts = Array.from({ length: jobs }, (_, k) => seeds.filter((_, i) => i % jobs === k)).filter((p) => p.length);
  const outs = await Promise.all(
    parts.map(
      (part) =>
        new Promise<CaseResult[]>((resolve, reject) => {
          const args = [...process.execArgv, script, '--seeds', part.join(','), '--scale', values.scale!];
          args.push('--lead', values.lead!, '--json', ...(values['direct-only'] ? ['--direct-only'] : []));
          if (values.out) args.push('--out', values.out);
          const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (b: Buffer) => (out += b.toString()));
          child.on('error', reject);
          child.on('close', (code) => {
            if (code !== 0) process.exitCode = 1;
            try {
              resolve(JSON.parse(out) as CaseResult[]);
            } catch (e) {
              reject(new Error(`a fuzz worker (seeds ${part[0]}…) printed no results (exit ${code}): ${e}`));
            }
          });
        }),
    ),
  );
  return outs.flat().sort((a, b) => a.seed - b.seed);
}

const scale = Number(values.scale);
if (values.report) {
  const rs = readFileSync(values.report, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CaseResult)
    .sort((a, b) => a.seed - b.seed);
  printTables(rs, { scale, wallMs: 0, jobs: 0 });
  process.exit(process.exitCode ?? 0);
}
const list = (v: string | undefined) => (v ? new Set(v.split(',').map((x) => x.trim())) : null);
const metrics = list(values.metrics);
const kinds = list(values.kinds);
/** The seeds whose draw matches --metrics and --kinds (drawing is cheap; seeding is not). */
const seeds = parseSeeds(values.seeds!).filter((seed) => {
  if (!metrics && !kinds) return true;
  const d = drawScenario(seed, { leadDays: Number(values.lead) });
  return (!metrics || metrics.has(d.metric)) && (!kinds || d.scenario.events.some((e) => kinds.has(e.kind)));
});
if (!seeds.length) {
  console.error('fuzz: no seed in --seeds matches --metrics/--kinds; widen the range');
  process.exit(2);
}
const jobs = Math.max(1, Math.min(Number(values.jobs), seeds.length));
const t0 = performance.now();
const results = jobs > 1 ? await runSplit(seeds, jobs) : await runHere(seeds, scale, !values['direct-only']);
if (values.json) console.log(JSON.stringify(results));
else printTables(results, { scale, wallMs: performance.now() - t0, jobs });
