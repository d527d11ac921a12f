// The eval's own warehouse: the default scenario at the seed and scale recorded in
// eval/questions/dataset.json, seeded once into a cache folder and reused. Seeding writes to a temporary
// name and renames at the end, and a lock folder keeps two runs (two test files) from seeding at once.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../src/cli/command.ts';
import type { Db } from '../../src/db/index.ts';
import { TidelensError } from '../../src/errors.ts';
import type { Manifest } from '../../seed/manifest.ts';
import { manifestPathFor, runSeed } from '../../seed/load/run.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../../seed/scenarios/schema.ts';
import type { DbTarget } from '../../src/db/url.ts';

export interface Dataset {
  seed: number;
  scale: number;
  scenario: string;
  from: string;
  to: string;
}

export function loadDataset(path = 'eval/questions/dataset.json'): Dataset {
  return JSON.parse(readFileSync(path, 'utf8')) as Dataset;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TIDELENS_EVAL_CACHE || join(tmpdir(), 'tidelens-eval');
}

export function cachedDbPath(d: Dataset, env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), `warehouse-${d.scenario}-s${d.seed}-x${d.scale}-${d.from}-${d.to}.db`);
}

const quietIo: Io = { out: () => {}, err: () => {}, isTty: false, env: {}, stdin: async () => '' };
const LOCK_STALE_MS = 10 * 60_000;

/** The cached eval database, seeded first when missing. Returns its path. */
export async function ensureEvalDb(
  d: Dataset,
  opts: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): Promise<string> {
  const path = cachedDbPath(d, opts.env);
  if (existsSync(path)) return path;
  mkdirSync(cacheDir(opts.env), { recursive: true });
  const lock = `${path}.lock`;
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(path)) return path;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > LOCK_STALE_MS || Date.now() > deadline)
        rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (existsSync(path)) return path;
    const tmp = `${path}.${process.pid}.tmp`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, manifestPathFor({ engine: 'sqlite', path: tmp } as DbTarget)])
      rmSync(f, { force: true });
    opts.log?.(
      `eval: seeding the eval warehouse (scenario ${d.scenario}, seed ${d.seed}, scale ${d.scale}) into ${path} ...`,
    );
    const scenario = loadScenarioFile(d.scenario === 'default' ? DEFAULT_SCENARIO_PATH : d.scenario);
    const target = { engine: 'sqlite', path: tmp } as DbTarget;
    await runSeed({
      target,
      seed: d.seed,
      scale: d.scale,
      from: d.from,
      to: d.to,
      scenario,
      scenarioName: d.scenario,
      force: true,
      io: quietIo,
      quiet: true,
    });
    renameSync(manifestPathFor(target), manifestPathFor({ engine: 'sqlite', path } as DbTarget));
    for (const suffix of ['-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
    renameSync(tmp, path);
    return path;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The generator's ground truth for why-questions: the manifest file beside the database. */
export function loadManifest(target: DbTarget): Manifest {
  const path = manifestPathFor(target);
  if (!existsSync(path)) {
    throw new TidelensError(
      'bad_config',
      `no manifest at ${path}: the eval needs the ground truth of the seeded scenario; seed the database with \`npx tidelens seed\` (it writes the manifest) or run the eval without --db`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Warns when a database given with --db was seeded differently from the questions' dataset. */
export async function checkSeeded(db: Db, d: Dataset): Promise<string | null> {
  try {
    const r = await db.query('SELECT seed, scale, data_from, data_to FROM _tidelens_meta');
    const m = r.rows[0] as { seed: number; scale: number; data_from: string; data_to: string } | undefined;
    if (!m) return 'the database has no _tidelens_meta row: it was not seeded by `tidelens seed`';
    if (
      Number(m.seed) !== d.seed ||
      Number(m.scale) !== d.scale ||
      String(m.data_from).slice(0, 10) !== d.from ||
      String(m.data_to).slice(0, 10) !== d.to
    ) {
      return `the database was seeded with seed ${m.seed}, scale ${m.scale}, ${m.data_from}..${m.data_to}; the questions expect seed ${d.seed}, scale ${d.scale}, ${d.from}..${d.to} (gold SQL still runs on it, causes may differ)`;
    }
    return null;
  } catch {
    return 'the database has no _tidelens_meta table: it was not seeded by `tidelens seed`';
  }
}
