// Seed throughput and memory per engine and scale, against a row-by-row baseline (one INSERT per
// row, autocommit) of the same generated rows. Each measured run is a child process so its peak
// RSS is its own. Run: npx tsx bench/seed.ts [--scale N] [--baseline-rows N]
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { createTableSql } from '../seed/ddl.ts';
import { generate } from '../seed/generator/index.ts';
import { runSeed } from '../seed/load/run.ts';
import { TABLES } from '../seed/schema.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../seed/scenarios/schema.ts';
import { parseDbUrl } from '../src/db/url.ts';
import type { Value } from '../seed/generator/sink.ts';

const MYSQL = process.env.TIDELENS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const { values } = parseArgs({ options: { scale: { type: 'string' }, 'baseline-rows': { type: 'string' }, child: { type: 'string' } } });
const scale = Number(values.scale ?? 1);
const baselineRows = Number(values['baseline-rows'] ?? 20_000);
const scenario = loadScenarioFile(DEFAULT_SCENARIO_PATH);
const silent = { out: () => {}, err: () => {}, isTty: false, env: {}, stdin: async () => '' };

async function child(kind: string): Promise<void> {
  const [engine, mode] = kind.split(':') as ['sqlite' | 'mysql', 'bulk' | 'rowbyrow'];
  const url = engine === 'sqlite' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'tl-bench-')), 'b.db')}` : `${MYSQL}/tl_bench_seed`;
  const t0 = performance.now();
  let rows = 0;
  let seconds = 0;
  let manifestSeconds = 0;
  if (mode === 'bulk') {
    const r = await runSeed({ target: parseDbUrl(url), seed: 42, scale, from: '2024-01-01', to: '2025-12-31', scenario, scenarioName: 'default', force: true, io: silent, quiet: true });
    rows = r.totalRows;
    seconds = r.loadSeconds;
    manifestSeconds = r.manifestSeconds;
  } else {
    rows = await rowByRow(engine, url);
    seconds = (performance.now() - t0) / 1000;
  }
  if (engine === 'sqlite') rmSync(join(url.slice('sqlite:'.length), '..'), { recursive: true, force: true });
  else rmSync('./data/tl_bench_seed.manifest.json', { force: true });
  console.log(JSON.stringify({ engine, mode, scale, rows, seconds, manifestSeconds, rss: process.resourceUsage().maxRSS * 1024 }));
}

/** The first N generated rows, each its own INSERT in autocommit: what a naive loader does. */
async function rowByRow(engine: 'sqlite' | 'mysql', url: string): Promise<number> {
  const rows: Array<[string, Value[]]> = [];
  await generate({ seed: 42, scale, from: '2024-01-01', to: '2025-12-31', events: scenario.events }, {
    add: (t, r) => {
      if (rows.length < baselineRows) rows.push([t, r]);
    },
    flush: async () => {
      if (rows.length >= baselineRows) throw new StopGeneration();
    },
  }).catch((e) => {
    if (!(e instanceof StopGeneration)) throw e;
  });
  const start = performance.now();
  const cols = (t: string) => TABLES.find((x) => x.name === t)!.columns;
  if (engine === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF');
    for (const t of TABLES) db.exec(createTableSql(t, 'sqlite'));
    const stmts = new Map(TABLES.map((t) => [t.name, db.prepare(`INSERT INTO "${t.name}" VALUES (${cols(t.name).map(() => '?').join(',')})`)]));
    for (const [t, r] of rows) stmts.get(t)!.run(r);
    db.close();
  } else {
    const c = await mysql.createConnection({ uri: MYSQL });
    await c.query('DROP DATABASE IF EXISTS tl_bench_seed');
    await c.query('CREATE DATABASE tl_bench_seed CHARACTER SET utf8mb4');
    await c.query('USE tl_bench_seed');
    await c.query('SET foreign_key_checks = 0');
    for (const t of TABLES) await c.query(createTableSql(t, 'mysql'));
    for (const [t, r] of rows) await c.query(`INSERT INTO \`${t}\` VALUES (${r.map(() => '?').join(',')})`, r);
    await c.query('DROP DATABASE tl_bench_seed');
    await c.end();
  }
  benchElapsed = (performance.now() - start) / 1000;
  return rows.length;
}

class StopGeneration extends Error {}
let benchElapsed = 0;

async function mysqlUp(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: MYSQL, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

if (values.child) {
  await child(values.child);
  if (values.child.endsWith('rowbyrow')) console.error(`baseline insert time ${benchElapsed.toFixed(2)} s`);
} else {
  const engines = ['sqlite', ...((await mysqlUp()) ? ['mysql'] : [])];
  const scales = [...new Set([scale / 4, scale / 2, scale])];
  console.log(`Seed benchmark (generation included; manifest timed apart). MySQL at ${MYSQL.replace(/:[^:@/]*@/, ':***@')}${engines.includes('mysql') ? '' : ' not reachable: skipped'}`);
  console.log('engine  mode         scale  rows        seconds  rows/s     peak RSS  manifest s');
  for (const engine of engines) {
    const runs = [...scales.map((s) => [`${engine}:bulk`, s] as const), [`${engine}:rowbyrow`, scale] as const];
    for (const [kind, s] of runs) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', kind, '--scale', String(s), '--baseline-rows', String(baselineRows)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = r.stdout.trim().split('\n').at(-1) ?? '';
      if (r.status !== 0 || !line.startsWith('{')) {
        console.log(`${kind} scale ${s}: failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      const x = JSON.parse(line) as { engine: string; mode: string; scale: number; rows: number; seconds: number; manifestSeconds: number; rss: number };
      // For the baseline, time only the inserts (its generation is a prefix of the stream).
      const secs = x.mode === 'rowbyrow' ? Number(/baseline insert time ([\d.]+)/.exec(r.stderr)?.[1] ?? x.seconds) : x.seconds;
      console.log(`${x.engine.padEnd(7)} ${(x.mode === 'bulk' ? 'bulk' : 'row-by-row').padEnd(12)} ${String(x.scale).padEnd(6)} ${String(x.rows).padEnd(11)} ${secs.toFixed(1).padStart(7)}  ${String(Math.round(x.rows / secs)).padStart(9)}  ${(x.rss / 1048576).toFixed(0).padStart(5)} MB  ${x.mode === 'bulk' ? x.manifestSeconds.toFixed(1) : '-'}`);
    }
  }
}
