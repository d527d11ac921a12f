// `tidelens seed`: creates the warehouse tables and fills them with the mock sales data.
import { TidelensError } from '../../errors.ts';
import { parseFlags, type Command, type Io } from '../command.ts';
import { resolveDbTarget } from '../../db/url.ts';
import { parseDay } from '../../../seed/generator/calendar.ts';
import { describeRun, runSeed, type SeedRun } from '../../../seed/load/run.ts';
import { printRollup, runRollup } from './rollup.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../../../seed/scenarios/schema.ts';

const HELP = `Usage: npx tidelens seed [options]

Creates the warehouse tables (14 analytics tables, the app's login tables and the
_tidelens_ ground-truth tables) and fills them with deterministic mock sales data
for a cross-border swimwear brand, with the scenario's planted causes.

Options:
  --db URL          sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB. Default: TIDELENS_DB,
                    then RDS_ENDPOINT/RDS_USER/RDS_PASSWORD/RDS_DB_NAME/RDS_PORT,
                    then sqlite:./data/tidelens.db
  --scale N         size multiplier (1 = about 25,000 orders a year); default 1
  --seed N          random seed (same seed = same rows on every engine); default 42
  --scenario FILE   scenario JSON (see seed/README.md); default seed/scenarios/default.json
  --from DATE       first day of data, YYYY-MM-DD; default 2024-01-01
  --to DATE         last day of data, YYYY-MM-DD; default 2025-12-31
  --force           replace a database that holds tables Tidelens did not create
  -h, --help        show this help

Writes the ground-truth manifest beside the database (PATH.manifest.json for
SQLite, ./data/<db>.manifest.json for MySQL) and into _tidelens_* tables.`;

export interface SeedArgs {
  run: Omit<SeedRun, 'io'>;
}

export function parseSeedArgs(argv: string[], env: NodeJS.ProcessEnv): Omit<SeedRun, 'io'> {
  const { values } = parseFlags(
    argv,
    {
      db: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      scenario: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean' },
    },
    'seed',
  );
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 50) {
    throw new TidelensError(
      'bad_input',
      `seed: --scale must be a number above 0 and at most 50 (got "${values.scale}")`,
    );
  }
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
    throw new TidelensError(
      'bad_input',
      `seed: --seed must be a whole number from 0 to 2147483647 (got "${values.seed}")`,
    );
  }
  const from = values.from ?? '2024-01-01';
  const to = values.to ?? '2025-12-31';
  const fromDay = parseDay(from, '--from');
  const toDay = parseDay(to, '--to');
  if (toDay - fromDay < 59)
    throw new TidelensError('bad_input', `seed: --to must be at least 60 days after --from (got ${from}..${to})`);
  const scenarioPath = values.scenario ?? DEFAULT_SCENARIO_PATH;
  const scenario = loadScenarioFile(scenarioPath);
  for (const p of [scenario.target.period, ...scenario.target.comparisons]) {
    if (p.from < from || p.to > to) {
      throw new TidelensError(
        'bad_input',
        `seed: the scenario's target period ${p.from}..${p.to} lies outside the data span ${from}..${to}; widen --from/--to or pick another --scenario`,
      );
    }
  }
  for (const e of scenario.events) {
    if (e.start < from || e.start > to)
      throw new TidelensError(
        'bad_input',
        `seed: scenario event "${e.id}" starts on ${e.start}, outside the data span ${from}..${to}`,
      );
  }
  return {
    target: resolveDbTarget(values.db, env),
    seed,
    scale,
    from,
    to,
    scenario,
    scenarioName: values.scenario ? scenario.name : 'default',
    force: Boolean(values.force),
  };
}

export async function seedAndReport(run: Omit<SeedRun, 'io'>, io: Io): Promise<void> {
  io.err(`seed: building ${describeRun({ ...run, io })}`);
  const res = await runSeed({ ...run, io });
  const width = Math.max(...[...res.rowCounts.keys()].map((k) => k.length));
  io.out(`Seeded ${res.manifest ? describeRun({ ...run, io }) : ''}`);
  for (const [t, n] of res.rowCounts) io.out(`  ${t.padEnd(width)}  ${n.toLocaleString('en-US').padStart(10)}`);
  io.out(
    `  ${'total'.padEnd(width)}  ${res.totalRows.toLocaleString('en-US').padStart(10)} rows in ${res.loadSeconds.toFixed(1)} s (${Math.round(res.totalRows / res.loadSeconds).toLocaleString('en-US')} rows/s), manifest ${res.manifestSeconds.toFixed(1)} s`,
  );
  const m = res.manifest;
  io.out(`Scenario "${m.scenario}": ${m.metric} ${m.period.from}..${m.period.to} = ${m.value}`);
  for (const c of m.comparisons)
    io.out(
      `  vs ${c.label} (${c.from}..${c.to}): ${c.value} (change ${c.change}; without events ${c.baseline_change})`,
    );
  for (const e of m.events) io.out(`  event ${e.id} (${e.kind}): effect ${e.effect}`);
  io.out(`Manifest: ${res.manifestPath}`);
  // The templates read the daily rollups when they cover a question: build them over the fresh data.
  printRollup(await runRollup(run.target, { full: true }), io);
}

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Create the warehouse tables and fill them with mock sales data',
  help: HELP,
  async run(argv, io) {
    await seedAndReport(parseSeedArgs(argv, io.env), io);
    return 0;
  },
};
