// Builds and refreshes the daily rollups. A full build fills new tables beside the live ones and swaps them in
// with one atomic step (a SQLite transaction, one MySQL RENAME TABLE), the watermark among them, so a crash at
// any point leaves the previous rollup and its watermark readable together. A refresh deletes and refills only
// the days that changed, in one transaction, and moves the watermark in the same transaction; the weekly and
// monthly tables (rollup-coarse.ts) are summed from the daily ones, so a refresh rewrites the weeks and months
// holding a changed day after the days themselves. A refresh of a rollup an older version built rebuilds only the
// tables changed since (upgrade), swapped in the same way, when no base row arrived since its watermark.
import { addDaysTo } from '../calendar/index.ts';
import {
  ANSWERS_TABLE,
  createAnswersSql,
  createRollupTableSql,
  createWatermarkSql,
  rollupSchemaName,
  rollupTableRef,
  ROLLUP_TABLES,
  ROLLUP_VERSION,
  SQLITE_PREFIX,
  UPGRADE_FROM,
  WATERMARK_TABLE,
  type RollupTable,
} from '../warehouse/rollup-schema.ts';
import { COARSE_TABLES, EXTRA_INDEXES, type CoarseTable } from '../warehouse/rollup-coarse.ts';
import { deleteAnswersSql, fillAnswers, type FillReport } from './answer-scopes.ts';
import { coarseInsertSql, coarseRanges } from './coarse.ts';
import { deleteSql, dirtyDaysSql, HIGH_MARKS_SQL, insertSql, type DayRange } from './statements.ts';
import { readAnyWatermark, readWatermark, writeWatermarkSql, type HighMarks, type Watermark } from './watermark.ts';
import type { RollupWriter } from './writer.ts';

export interface RollupReport {
  /** upgrade: only the tables changed since the rollup's version were rebuilt (build.ts, upgrade). */
  mode: 'full' | 'refresh' | 'upgrade';
  /** Day ranges recomputed (empty for a full build or when nothing changed). */
  ranges: DayRange[];
  /** Wall time of the whole run, the answers' fill included. */
  seconds: number;
  /**
   * Until the new days were committed and readable (tables and watermark); the precomputed answers fill after
   * (answers.seconds), their templates reading the base tables meanwhile.
   */
  readableSeconds: number;
  rowCounts: Map<string, number>;
  watermark: Watermark;
  /** The precomputed answers filled (src/rollup/answer-scopes.ts) and those that failed. */
  answers: FillReport;
}

const NEW = '__new';
const OLD = '__old';
const ALL_DAYS_END = '9999-12-31';

const ref = (w: RollupWriter, name: string) => rollupTableRef(w.engine, w.database, name);

/** Every table a build fills, in order: the daily ones from the base tables, then the coarse ones from those. */
const ALL_TABLES: Array<RollupTable | CoarseTable> = [...ROLLUP_TABLES, ...COARSE_TABLES];

/** CREATE TABLE and its indexes: the day's, a lookup's, and the extra ones (rollup-coarse.ts). */
function createSql(w: RollupWriter, t: RollupTable, target: string, stamp: string): string[] {
  const index = `ix_${SQLITE_PREFIX}${t.name}_day_${stamp}`;
  const q = (c: string) => (w.engine === 'mysql' ? `\`${c}\`` : `"${c}"`);
  const extra = (EXTRA_INDEXES[t.name] ?? []).map(
    (cols, i) => `CREATE INDEX ${q(`${index}_x${i}`)} ON ${target} (${cols.map(q).join(', ')})`,
  );
  return [...createRollupTableSql(t, w.engine, target, index), ...extra];
}

export async function highMarks(w: RollupWriter): Promise<HighMarks> {
  const [r] = await w.rows(HIGH_MARKS_SQL);
  const last = r?.last_order ? String(r.last_order).slice(0, 10) : null;
  return {
    dataThrough: last,
    ordersMaxId: Number(r?.orders_max_id ?? 0),
    returnsMaxId: Number(r?.returns_max_id ?? 0),
    visitsMaxId: Number(r?.visits_max_id ?? 0),
    reviewsMaxId: Number(r?.reviews_max_id ?? 0),
    inventoryMaxId: Number(r?.inventory_max_id ?? 0),
    behaviorsMaxId: Number(r?.behaviors_max_id ?? 0),
  };
}

/** Rebuilds every rollup table from the base tables and swaps the new set in at once. */
export async function buildFull(w: RollupWriter, now = new Date()): Promise<RollupReport> {
  const start = performance.now();
  // Read before filling: rows that arrive during the build carry higher ids and are picked up by the next refresh.
  const marks = await highMarks(w);
  const answers = await rebuild(w, ALL_TABLES, marks, now, now.toISOString());
  return report(w, 'full', [], start, answers);
}

/**
 * Fills `tables` (in build order) beside the live ones, then the answers and a watermark of this version at
 * `marks`, and swaps them in at once; the live tables not listed stay as they are.
 */
async function rebuild(
  w: RollupWriter,
  tables: Array<RollupTable | CoarseTable>,
  marks: HighMarks,
  now: Date,
  fullBuiltAt: string,
): Promise<FillReport> {
  if (w.engine === 'mysql') await w.run(`CREATE DATABASE IF NOT EXISTS \`${rollupSchemaName(w.database!)}\``);
  const stamp = now.getTime().toString(36);
  const fresh = new Set(tables.map((t) => t.name));
  const current = (name: string) => ref(w, fresh.has(name) ? name + NEW : name);
  for (const t of tables) {
    const target = ref(w, t.name + NEW);
    await w.run(`DROP TABLE IF EXISTS ${target}`);
    for (const s of createSql(w, t, target, stamp)) await w.run(s);
    const ins =
      'source' in t ? coarseInsertSql(t, w.engine, target, current(t.source)) : insertSql(t, w.engine, target);
    await w.run(ins.sql, ins.params);
  }
  const answersNew = ref(w, ANSWERS_TABLE + NEW);
  await w.run(`DROP TABLE IF EXISTS ${answersNew}`);
  await w.run(createAnswersSql(w.engine, answersNew));
  const answers = await fillAnswers(w, answersNew, current('daily_orders'));
  const wmNew = ref(w, WATERMARK_TABLE + NEW);
  await w.run(`DROP TABLE IF EXISTS ${wmNew}`);
  await w.run(createWatermarkSql(w.engine, wmNew));
  const wm = writeWatermarkSql(wmNew, marks, now.toISOString(), fullBuiltAt, 'insert');
  await w.run(wm.sql, wm.params);
  await swapIn(w, [...tables.map((t) => t.name), ANSWERS_TABLE, WATERMARK_TABLE]);
  return answers;
}

/**
 * The tables a rollup of version `from` lacks or holds differently from this version's: those changed since
 * (`changedIn`), those missing, and the coarse tables summed from any of them.
 */
export function staleTables(from: number, live: Set<string>): Array<RollupTable | CoarseTable> {
  const stale = new Set<string>();
  for (const t of ALL_TABLES)
    if ((t.changedIn ?? 0) > from || !live.has(t.name) || ('source' in t && stale.has(t.source))) stale.add(t.name);
  return ALL_TABLES.filter((t) => stale.has(t.name));
}

async function liveTables(w: RollupWriter): Promise<Set<string>> {
  const rows =
    w.engine === 'mysql'
      ? await w.rows('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?', [
          rollupSchemaName(w.database!),
        ])
      : await w.rows(
          `SELECT substr(name, ${SQLITE_PREFIX.length + 1}) AS t FROM sqlite_master WHERE type = 'table' AND name LIKE '${SQLITE_PREFIX}%'`,
        );
  return new Set(rows.map((r) => String(r.t)));
}

const sameMarks = (a: HighMarks, b: HighMarks) =>
  (Object.keys(a) as Array<keyof HighMarks>).every((k) => a[k] === b[k]);

/**
 * A rollup of an older version (UPGRADE_FROM or later) whose base tables have not moved since its watermark:
 * only the tables changed since are rebuilt, at the same marks. Null when that does not hold (a full build then).
 */
async function upgrade(w: RollupWriter, now: Date): Promise<RollupReport | null> {
  const old = await readAnyWatermark(w);
  if (!old || old.version < UPGRADE_FROM || old.version >= ROLLUP_VERSION) return null;
  const start = performance.now();
  const marks = await highMarks(w);
  if (!sameMarks(marks, old)) return null;
  const answers = await rebuild(w, staleTables(old.version, await liveTables(w)), marks, now, old.fullBuiltAt);
  return report(w, 'upgrade', [], start, answers);
}

async function swapIn(w: RollupWriter, names: string[]): Promise<void> {
  if (w.engine === 'sqlite') {
    await w.transaction(async () => {
      for (const n of names) {
        await w.run(`DROP TABLE IF EXISTS ${ref(w, n)}`);
        await w.run(`ALTER TABLE ${ref(w, n + NEW)} RENAME TO ${ref(w, n)}`);
      }
    });
    return;
  }
  const schema = rollupSchemaName(w.database!);
  const live = new Set(
    (await w.rows('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?', [schema])).map((r) =>
      String(r.t),
    ),
  );
  // One RENAME TABLE is atomic: readers see the old set or the new set, never a mix.
  const pairs = names.flatMap((n) => [
    ...(live.has(n) ? [`${ref(w, n)} TO ${ref(w, n + OLD)}`] : []),
    `${ref(w, n + NEW)} TO ${ref(w, n)}`,
  ]);
  await w.run(`RENAME TABLE ${pairs.join(', ')}`);
  for (const n of names) await w.run(`DROP TABLE IF EXISTS ${ref(w, n + OLD)}`);
}

export interface RefreshOptions {
  /** Recompute every day from this one on, whatever the watermark says. */
  since?: string;
  now?: Date;
}

/** Recomputes the days that changed since the last run (or since `since`); a full build when there is no rollup yet. */
export async function refresh(w: RollupWriter, opts: RefreshOptions = {}): Promise<RollupReport> {
  const now = opts.now ?? new Date();
  const prev = await readWatermark(w);
  if (!prev) return (await upgrade(w, now)) ?? buildFull(w, now);
  const start = performance.now();
  const marks = await highMarks(w);
  const ranges = opts.since ? [{ from: opts.since, to: ALL_DAYS_END }] : await dirtyRanges(w, prev);
  await w.transaction(async () => {
    for (const range of ranges) {
      for (const t of ROLLUP_TABLES) {
        const del = deleteSql(ref(w, t.name), range);
        await w.run(del.sql, del.params);
        const ins = insertSql(t, w.engine, ref(w, t.name), range);
        await w.run(ins.sql, ins.params);
      }
    }
    // The weeks and months holding a changed day, summed again from the daily rows just rewritten.
    for (const t of COARSE_TABLES) {
      for (const range of coarseRanges(ranges, t.bucket, ALL_DAYS_END)) {
        const del = deleteSql(ref(w, t.name), range);
        await w.run(del.sql, del.params);
        const ins = coarseInsertSql(t, w.engine, ref(w, t.name), ref(w, t.source), range);
        await w.run(ins.sql, ins.params);
      }
    }
    // Answers over a changed day are dropped with the days themselves; the missing ones are filled after.
    for (const range of ranges) {
      const del = deleteAnswersSql(ref(w, ANSWERS_TABLE), range);
      await w.run(del.sql, del.params);
    }
    const wm = writeWatermarkSql(ref(w, WATERMARK_TABLE), marks, now.toISOString(), prev.fullBuiltAt, 'update');
    await w.run(wm.sql, wm.params);
  });
  const readableSeconds = (performance.now() - start) / 1000;
  // Outside the transaction: until an answer is back, its template reads the base tables (slower, as exact).
  const answers = ranges.length
    ? await fillAnswers(w, ref(w, ANSWERS_TABLE), ref(w, 'daily_orders'))
    : { filled: 0, seconds: 0, skipped: [] };
  return report(w, 'refresh', ranges, start, answers, readableSeconds);
}

async function dirtyRanges(w: RollupWriter, prev: Watermark): Promise<DayRange[]> {
  const rows = await w.rows(dirtyDaysSql(w.engine), [
    prev.ordersMaxId,
    prev.returnsMaxId,
    prev.returnsMaxId,
    prev.visitsMaxId,
    prev.ordersMaxId,
    prev.behaviorsMaxId,
    prev.ordersMaxId,
    prev.reviewsMaxId,
    prev.inventoryMaxId,
    prev.ordersMaxId,
  ]);
  return toRanges(rows.map((r) => String(r.day).slice(0, 10)));
}

/** Sorted days → the fewest half-open ranges that hold exactly them. */
export function toRanges(days: string[]): DayRange[] {
  const out: DayRange[] = [];
  for (const d of [...new Set(days)].sort()) {
    const last = out.at(-1);
    if (last && last.to === d) last.to = addDaysTo(d, 1);
    else out.push({ from: d, to: addDaysTo(d, 1) });
  }
  return out;
}

async function report(
  w: RollupWriter,
  mode: RollupReport['mode'],
  ranges: DayRange[],
  start: number,
  answers: FillReport,
  readableSeconds?: number,
): Promise<RollupReport> {
  const seconds = (performance.now() - start) / 1000;
  const rowCounts = new Map<string, number>();
  for (const name of [...ALL_TABLES.map((t) => t.name), ANSWERS_TABLE]) {
    const [r] = await w.rows(`SELECT COUNT(*) AS n FROM ${ref(w, name)}`);
    rowCounts.set(name, Number(r?.n ?? 0));
  }
  const watermark = (await readWatermark(w))!;
  // A build or an upgrade swaps its tables in with the answers already filled: readable only at the end.
  return { mode, ranges, seconds, readableSeconds: readableSeconds ?? seconds, rowCounts, watermark, answers };
}
