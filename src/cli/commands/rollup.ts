// `tidelens rollup`: builds or refreshes the daily rollup tables the templates read when they cover a question.
import { TidelensError } from '../../errors.ts';
import { isValidDay } from '../../calendar/index.ts';
import { describeTarget, resolveDbTarget, type DbTarget } from '../../db/url.ts';
import { buildFull, openRollupWriter, refresh, type RollupReport } from '../../rollup/index.ts';
import { parseFlags, type Command, type Io } from '../command.ts';

const HELP = `Usage: npx tidelens rollup [options]

Builds the daily rollup tables (sales, lines, returns and sessions per day and
dimension) that the templates read instead of the base tables when they cover
the question, or refreshes only the days that changed since the last run: new
orders and visits, and the order days of late returns. Without a rollup yet,
a refresh is a full build. On MySQL the tables live in the schema <db>_rollup;
on SQLite, in the same file as rollup_* tables.

Options:
  --db URL       sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB (default as for seed)
  --since DATE   recompute every day from DATE on (YYYY-MM-DD), e.g. after a correction
  --full         rebuild everything (new tables swapped in at once)
  -h, --help     show this help`;

export async function runRollup(target: DbTarget, opts: { since?: string; full?: boolean }): Promise<RollupReport> {
  const w = await openRollupWriter(target);
  try {
    return opts.full ? await buildFull(w) : await refresh(w, { since: opts.since });
  } finally {
    await w.close();
  }
}

export function printRollup(r: RollupReport, io: Io): void {
  const what =
    r.mode === 'full'
      ? 'full build'
      : r.mode === 'upgrade'
        ? 'upgrade (the tables changed since its version rebuilt)'
        : r.ranges.length
          ? `refresh of ${r.ranges.map((x) => `${x.from}..${x.to} (excl.)`).join(', ')}`
          : 'refresh: nothing changed';
  io.out(`Rollup ${what} in ${r.seconds.toFixed(2)} s; data through ${r.watermark.dataThrough ?? 'n/a'}`);
  if (r.mode === 'refresh' && r.ranges.length)
    io.out(
      `  new days readable after ${r.readableSeconds.toFixed(2)} s; ${r.answers.filled} stored answers refilled in ${r.answers.seconds.toFixed(2)} s`,
    );
  for (const [t, n] of r.rowCounts) io.out(`  ${t.padEnd(16)} ${n.toLocaleString('en-US').padStart(10)} rows`);
}

/** isValidDay throws on a month or day out of range; here that is just not a day. */
function validDay(s: string): boolean {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidDay(s);
  } catch {
    return false;
  }
}

export const rollupCommand: Command = {
  name: 'rollup',
  summary: 'Build or refresh the daily rollup tables',
  help: HELP,
  async run(argv, io) {
    const { values } = parseFlags(
      argv,
      { db: { type: 'string' }, since: { type: 'string' }, full: { type: 'boolean' } },
      'rollup',
    );
    if (values.since !== undefined && !validDay(values.since)) {
      throw new TidelensError('bad_input', `rollup: --since must be a day, YYYY-MM-DD (got "${values.since}")`);
    }
    if (values.since && values.full) throw new TidelensError('bad_input', 'rollup: use --since or --full, not both');
    const target = resolveDbTarget(values.db, io.env);
    io.err(`rollup: ${describeTarget(target)}`);
    printRollup(await runRollup(target, { since: values.since, full: values.full }), io);
    return 0;
  },
};
