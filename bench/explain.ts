// How long a month-over-month explain_change takes, per engine and scale. Seeds the default scenario
// (2024-01-01 to the end of its target month) into a scratch SQLite file or MariaDB database unless
// --reuse finds one from an earlier run, then times the question `--runs` times (first run cold).
//   npx tsx bench/explain.ts [--scales 1,10] [--engines sqlite,mysql] [--mysql-scales 1] [--runs 3] [--dir
// /tmp/tl-bench-explain] [--reuse]
// --reuse keeps a scratch database an earlier run seeded (SQLite file or MariaDB database explain_bench_<scale>).
// Budget: 1 s at --scale 1 and 5 s at --scale 10.
//   npx tsx bench/explain.ts --profile --db mysql://root@127.0.0.1:3306/tidelens_s10 [--input '{"metric":"orders"}']
// --profile: where the time goes on a database seeded already (npx tidelens seed), on the rollup path and the base
// path in turn: each stage's time (warm median) and, for the last run, every query's time and rows returned.
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, parseDbUrl, type Db, type DbTarget } from '../src/db/index.ts';
import { explainChange } from '../src/tools/explain-change.ts';
import { profileExplain } from './support/explain-profile.ts';
import { loadDataRange } from '../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS } from '../src/tools/types.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../seed/scenarios/schema.ts';
import { seedScenario } from '../eval/causes/seed-db.ts';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,10' },
    engines: { type: 'string', default: 'sqlite,mysql' },
    'mysql-scales': { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    dir: { type: 'string', default: '/tmp/tl-bench-explain' },
    mysql: { type: 'string', default: 'mysql://root@127.0.0.1:3306' },
    reuse: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    db: { type: 'string' },
    input: { type: 'string', multiple: true },
  },
});
if (values.profile) {
  await profileExplain({ db: values.db!, inputs: values.input?.map((i) => JSON.parse(i)), runs: Number(values.runs) });
  process.exit(0);
}
const scenario = loadScenarioFile(DEFAULT_SCENARIO_PATH);
const runs = Number(values.runs);
mkdirSync(values.dir!, { recursive: true });
const BUDGET: Record<number, number> = { 1: 1000, 10: 5000 };

const out: string[] = [];
for (const engine of values.engines!.split(',')) {
  const scales = (engine === 'mysql' ? values['mysql-scales']! : values.scales!).split(',').map(Number);
  for (const scale of scales) {
    const tag = `explain_bench_${String(scale).replace('.', '_')}`;
    const target: DbTarget =
      engine === 'sqlite'
        ? { engine: 'sqlite', path: join(values.dir!, `${tag}.db`) }
        : parseDbUrl(`${values.mysql}/${tag}`);
    let seeded = 'reused';
    if (!(values.reuse && (await seededBefore(target)))) {
      const s = await seedScenario({
        scenario,
        seed: 1,
        scale,
        from: '2024-01-01',
        to: scenario.target.period.to,
        target,
      });
      seeded = `seeded ${s.rows.toLocaleString('en-US')} rows in ${(s.ms / 1000).toFixed(0)} s`;
    }
    const db: Db = await openDb(target);
    try {
      const ctx = {
        db,
        user: { id: 'bench', role: 'admin' as const },
        data: await loadDataRange(db),
        limits: DEFAULT_LIMITS,
      };
      const times: number[] = [];
      let slowest = '';
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = await explainChange.run(explainChange.inputSchema.parse({ period: '2025-07' }), ctx);
        times.push(performance.now() - t0);
        const q = [...r.queries].sort((a, b) => b.elapsedMs - a.elapsedMs)[0]!;
        slowest = `${q.label} ${Math.round(q.elapsedMs)} ms`;
      }
      const budget = BUDGET[scale];
      const med = median(times.slice(1).length ? times.slice(1) : times);
      const line = `${engine.padEnd(6)} scale ${String(scale).padEnd(4)} runs ${times.map((t) => `${Math.round(t)} ms`).join(', ')} | warm median ${Math.round(med)} ms${budget ? ` (budget ${budget} ms: ${times[0]! <= budget ? 'ok' : 'OVER'} cold, ${med <= budget ? 'ok' : 'OVER'} warm)` : ''} | slowest query: ${slowest} | ${seeded} | load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`;
      console.log(line);
      out.push(line);
    } finally {
      await db.close();
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** A database an earlier run seeded: the SQLite file, or a MariaDB database with orders in it. */
async function seededBefore(target: DbTarget): Promise<boolean> {
  if (target.engine === 'sqlite') return existsSync(target.path);
  try {
    const db = await openDb(target);
    try {
      const [r] = (await db.query('SELECT COUNT(*) AS n FROM orders')).rows;
      return Number(r?.n) > 0;
    } finally {
      await db.close();
    }
  } catch {
    return false;
  }
}
