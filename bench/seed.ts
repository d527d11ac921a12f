// Seed throughput and memory per engine and scale, against a row-by-row baseline (one INSERT per
// row, autocommit) of the same generated rows, with generation alone timed apart. Each measured run
// is a child process so its peak RSS is its own; with --runs N the table shows medians. The machine is
// shared, so each line carries the 1-minute load average at its start and the client's CPU seconds.
// Run: npx tsx bench/seed.ts [--scales 0.25,1,2 | --scale N] [--runs N] [--baseline-rows N] [--engines sqlite,mysql]
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { createTableSql } from '../seed/ddl.ts';
import { parseDay } from '../seed/generator/calendar.ts';
import { buildCatalog } from '../seed/generator/catalog.ts';
import { generate } from '../seed/generator/index.ts';
import { buildPools } from '../seed/generator/pools.ts';
import type { Value } from '../seed/generator/sink.ts';
import type { MysqlMethod } from '../seed/load/index.ts';
import { runSeed } from '../seed/load/run.ts';
import { metricSinkFor } from '../seed/manifest.ts';
import { tee } from '../seed/metrics.ts';
import { TABLES } from '../src/warehouse/schema.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../seed/scenarios/schema.ts';
import { parseDbUrl } from '../src/db/url.ts';

const MYSQL = process.env.TIDELENS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const FROM = '2024-01-01';
const TO = '2025-12-31';
const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    scales: { type: 'string' },
    runs: { type: 'string' },
    'baseline-rows': { type: 'string' },
    engines: { type: 'string' },
    child: { type: 'string' },
  },
});
const scale = Number(values.scale ?? 1);
const baselineRows = Number(values['baseline-rows'] ?? 20_000);
const scenario = loadScenarioFile(DEFAULT_SCENARIO_PATH);
const silent = { out: () => {}, err: () => {}, isTty: false, env: {}, stdin: async () => '' };

interface Result {
  kind: string;
  scale: number;
  rows: number;
  seconds: number;
  manifestSeconds: number | null;
  cpu: number;
  rss: number;
  method: string;
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** One measured run in this process; prints its Result as the last stdout line. */
async function child(kind: string, s: number): Promise<void> {
  const [engine, mode] = kind.split(':') as ['sqlite' | 'mysql' | 'generate', 'bulk' | 'insert' | 'rowbyrow' | 'only'];
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-'));
  const url = engine === 'sqlite' ? `sqlite:${join(dir, 'b.db')}` : `${MYSQL}/tl_bench_seed`;
  const c0 = cpuSeconds();
  let r: Omit<Result, 'cpu' | 'rss'>;
  try {
    if (engine === 'generate') r = await generateOnly(s);
    else if (mode === 'rowbyrow') r = await rowByRow(engine, url, s);
    else {
      const x = await runSeed({
        target: parseDbUrl(url),
        seed: 42,
        scale: s,
        from: FROM,
        to: TO,
        scenario,
        scenarioName: 'default',
        force: true,
        io: silent,
        quiet: true,
        mysqlMethod: (mode === 'insert' ? 'insert' : 'auto') satisfies MysqlMethod,
      });
      r = {
        kind,
        scale: s,
        rows: x.totalRows,
        seconds: x.loadSeconds,
        manifestSeconds: x.manifestSeconds,
        method: x.method,
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (engine === 'mysql') rmSync('./data/tl_bench_seed.manifest.json', { force: true });
  }
  // CPU of this process for the timed part only is not separable from setup; setup is small.
  console.log(
    JSON.stringify({ ...r, cpu: cpuSeconds() - c0, rss: process.resourceUsage().maxRSS * 1024 } satisfies Result),
  );
}

/** The generator alone (with the metric tee the seed run uses) into a sink that keeps nothing. */
async function generateOnly(s: number): Promise<Omit<Result, 'cpu' | 'rss'>> {
  const t0 = performance.now();
  let rows = 0;
  const metrics = metricSinkFor(scenario, { catalog: buildCatalog(42, parseDay(FROM), parseDay(TO)) });
  await generate(
    { seed: 42, scale: s, from: FROM, to: TO, events: scenario.events, pools: buildPools(42) },
    tee({ add: () => void rows++, flush: async () => {} }, metrics),
  );
  return {
    kind: 'generate:only',
    scale: s,
    rows,
    seconds: (performance.now() - t0) / 1000,
    manifestSeconds: null,
    method: 'no database',
  };
}

class StopGeneration extends Error {}

/** The first N generated rows, each its own INSERT in autocommit: what a naive loader does. Times the inserts only. */
async function rowByRow(engine: 'sqlite' | 'mysql', url: string, s: number): Promise<Omit<Result, 'cpu' | 'rss'>> {
  const rows: Array<[string, Value[]]> = [];
  await generate(
    { seed: 42, scale: s, from: FROM, to: TO, events: scenario.events },
    {
      add: (t, r) => {
        if (rows.length < baselineRows) rows.push([t, r.slice()]);
      },
      flush: async () => {
        if (rows.length >= baselineRows) throw new StopGeneration();
      },
    },
  ).catch((e) => {
    if (!(e instanceof StopGeneration)) throw e;
  });
  const cols = (t: string) => TABLES.find((x) => x.name === t)!.columns;
  let start: number;
  if (engine === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF');
    for (const t of TABLES) db.exec(createTableSql(t, 'sqlite'));
    const stmts = new Map(
      TABLES.map((t) => [
        t.name,
        db.prepare(
          `INSERT INTO "${t.name}" VALUES (${cols(t.name)
            .map(() => '?')
            .join(',')})`,
        ),
      ]),
    );
    start = performance.now();
    for (const [t, r] of rows) stmts.get(t)!.run(r);
    db.close();
  } else {
    const c = await mysql.createConnection({ uri: MYSQL });
    await c.query('DROP DATABASE IF EXISTS tl_bench_seed');
    await c.query('CREATE DATABASE tl_bench_seed CHARACTER SET utf8mb4');
    await c.query('USE tl_bench_seed');
    await c.query('SET foreign_key_checks = 0');
    for (const t of TABLES) await c.query(createTableSql(t, 'mysql'));
    start = performance.now();
    for (const [t, r] of rows) await c.query(`INSERT INTO \`${t}\` VALUES (${r.map(() => '?').join(',')})`, r);
    await c.query('DROP DATABASE tl_bench_seed');
    await c.end();
  }
  return {
    kind: `${engine}:rowbyrow`,
    scale: s,
    rows: rows.length,
    seconds: (performance.now() - start) / 1000,
    manifestSeconds: null,
    method: 'one INSERT per row, autocommit',
  };
}

async function mysqlUp(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: MYSQL, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load1 = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

if (values.child) {
  await child(values.child, scale);
} else {
  const scales = values.scales ? values.scales.split(',').map(Number) : [...new Set([scale / 4, scale / 2, scale])];
  const top = Math.max(...scales);
  const runs = Number(values.runs ?? 1);
  const wanted = (values.engines ?? 'sqlite,mysql').split(',');
  const up = wanted.includes('mysql') && (await mysqlUp());
  console.log(
    `Seed benchmark: generation included; load = generation + inserts + indexes (the manifest's re-runs timed apart). ${runs} run(s) per line, medians; MySQL at ${MYSQL.replace(/:[^:@/]*@/, ':***@')}${wanted.includes('mysql') && !up ? ' not reachable: skipped' : ''}`,
  );
  console.log(
    'engine   mode          scale  rows        load s  rows/s     peak RSS  client CPU s  manifest s  load avg  method',
  );
  console.log('(client CPU: the whole child process, manifest included; load avg: 1-minute, at the start of each run)');
  const plan: Array<[string, number]> = [['generate:only', top]];
  for (const e of ['sqlite', 'mysql']) {
    if (!wanted.includes(e) || (e === 'mysql' && !up)) continue;
    for (const s of scales) plan.push([`${e}:bulk`, s]);
    if (e === 'mysql') plan.push(['mysql:insert', scales.includes(1) ? 1 : top]);
    plan.push([`${e}:rowbyrow`, top]);
  }
  for (const [kind, s] of plan) {
    const got: Result[] = [];
    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      loads.push(load1());
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          new URL(import.meta.url).pathname,
          '--child',
          kind,
          '--scale',
          String(s),
          '--baseline-rows',
          String(baselineRows),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      const line = r.stdout.trim().split('\n').at(-1) ?? '';
      if (r.status !== 0 || !line.startsWith('{')) {
        console.log(`${kind} scale ${s}: failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      got.push(JSON.parse(line) as Result);
    }
    if (!got.length) continue;
    const [engine, mode] = kind.split(':') as [string, string];
    const secs = median(got.map((x) => x.seconds));
    const rows = got[0]!.rows;
    const manifest = got[0]!.manifestSeconds === null ? '-' : median(got.map((x) => x.manifestSeconds!)).toFixed(1);
    const label =
      mode === 'rowbyrow' ? 'row-by-row' : mode === 'insert' ? 'bulk INSERT' : mode === 'only' ? 'no database' : 'bulk';
    console.log(
      [
        engine.padEnd(8),
        label.padEnd(12),
        String(s).padEnd(6),
        String(rows).padEnd(11),
        secs.toFixed(1).padStart(6),
        String(Math.round(rows / secs)).padStart(9),
        `${(median(got.map((x) => x.rss)) / 1048576).toFixed(0).padStart(5)} MB`,
        median(got.map((x) => x.cpu))
          .toFixed(1)
          .padStart(12),
        manifest.padStart(10),
        median(loads).toFixed(2).padStart(8),
        got[0]!.method,
      ].join('  '),
    );
  }
}
