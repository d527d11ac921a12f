// Builds and refreshes the daily rollups. A full build fills new tables beside the live ones and swaps them in
// with one atomic step (a SQLite transaction, one MySQL RENAME TABLE), the watermark among them, so a crash at
// any point leaves the previous rollup and its watermark readable together. A refresh deletes and refills only
// the days that changed, in one transaction, and moves the watermark in the same transaction; the weekly and
// monthly tables (rollup-coarse.ts) are summed from the daily ones, so a refresh rewrites the weeks and months
// holding a changed day after the days themselves.
import { addDaysTo } from '../calendar/index.ts';
import {
  createRollupTableSql,
  createWatermarkSql,
  rollupSchemaName,
  rollupTableRef,
  ROLLUP_TABLES,
  SQLITE_PREFIX,
  WATERMARK_TABLE,
  type RollupTable,
} from '../warehouse/rollup-schema.ts';
import { COARSE_TABLES, EXTRA_INDEXES, type CoarseTable } from '../warehouse/rollup-coarse.ts';
import { coarseInsertSql, coarseRanges } from './coarse.ts';
import { deleteSql, dirtyDaysSql, HIGH_MARKS_SQL, insertSql, type DayRange } from './statements.ts';
import { readWatermark, writeWatermarkSql, type HighMarks, type Watermark } from './watermark.ts';
import type { RollupWriter } from './writer.ts';

export interface RollupReport {
  mode: 'full' | 'refresh';
  /** Day ranges recomputed (empty for a full build or when nothing changed). */
  ranges: DayRange[];
  seconds: number;
  rowCounts: Map<string, number>;
  watermark: Watermark;
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
  if (w.engine === 'mysql') await w.run(`CREATE DATABASE IF NOT EXISTS \`${rollupSchemaName(w.database!)}\``);
  const stamp = now.getTime().toString(36);
  for (const t of ALL_TABLES) {
    const target = ref(w, t.name + NEW);
    await w.run(`DROP TABLE IF EXISTS ${target}`);
    for (const s of createSql(w, t, target, stamp)) await w.run(s);
    const ins =
      'source' in t ? coarseInsertSql(t, w.engine, target, ref(w, t.source + NEW)) : insertSql(t, w.engine, target);
    await w.run(ins.sql, ins.params);
  }
  const wmNew = ref(w, WATERMARK_TABLE + NEW);
  await w.run(`DROP TABLE IF EXISTS ${wmNew}`);
  await w.run(createWatermarkSql(w.engine, wmNew));
  const iso = now.toISOString();
  const wm = writeWatermarkSql(wmNew, marks, iso, iso, 'insert');
  await w.run(wm.sql, wm.params);
  await swapIn(w, [...ALL_TABLES.map((t) => t.name), WATERMARK_TABLE]);
  return report(w, 'full', [], start);
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
  if (!prev) return buildFull(w, now);
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
    const wm = writeWatermarkSql(ref(w, WATERMARK_TABLE), marks, now.toISOString(), prev.fullBuiltAt, 'update');
    await w.run(wm.sql, wm.params);
  });
  return report(w, 'refresh', ranges, start);
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
): Promise<RollupReport> {
  const seconds = (performance.now() - start) / 1000;
  const rowCounts = new Map<string, number>();
  for (const t of ALL_TABLES) {
    const [r] = await w.rows(`SELECT COUNT(*) AS n FROM ${ref(w, t.name)}`);
    rowCounts.set(t.name, Number(r?.n ?? 0));
  }
  const watermark = (await readWatermark(w))!;
  return { mode, ranges, seconds, rowCounts, watermark };
}
