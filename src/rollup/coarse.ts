// The weekly and monthly rollups (src/warehouse/rollup-coarse.ts): how they are filled from daily_lines, which
// of their buckets a refresh of some days rewrites, and how a reader cuts a span of days into whole months,
// whole weeks and odd days so that each piece reads the coarsest table that holds it exactly.
import { addDaysTo, addMonthsTo, maxDay, mondayOf } from '../calendar/index.ts';
import type { Engine } from '../db/types.ts';
import type { CoarseBucket, CoarseTable } from '../warehouse/rollup-coarse.ts';
import type { DayRange } from './statements.ts';

/** The first day of the day's week (Monday) or month, as the column `col` ('YYYY-MM-DD') is read. */
export function bucketSql(engine: Engine, bucket: CoarseBucket, col: string): string {
  if (bucket === 'day') return col;
  if (engine === 'sqlite')
    return bucket === 'week' ? `date(${col}, 'weekday 0', '-6 days')` : `substr(${col}, 1, 7) || '-01'`;
  return bucket === 'week'
    ? `(${col} - INTERVAL WEEKDAY(${col}) DAY)`
    : `(${col} - INTERVAL (DAYOFMONTH(${col}) - 1) DAY)`;
}

/**
 * Fills `ref` with the buckets whose first day lies in `range` (all when absent), summed from `sourceRef`. The
 * range must hold whole buckets (coarseRanges).
 */
export function coarseInsertSql(
  t: CoarseTable,
  engine: Engine,
  ref: string,
  sourceRef: string,
  range?: DayRange,
): { sql: string; params: unknown[] } {
  const q = (c: string) => (engine === 'mysql' ? `\`${c}\`` : `"${c}"`);
  const keys = t.columns.filter((c) => c.kind === 'key').map((c) => `x.${q(c.name)}`);
  const sums = t.columns.filter((c) => c.kind !== 'key' && c.kind !== 'day').map((c) => `SUM(x.${q(c.name)})`);
  const select = [bucketSql(engine, t.bucket, 'x.day'), ...keys, ...sums];
  const groupBy = [select[0], ...keys].map((_, i) => i + 1).join(', ');
  const where = range ? ' WHERE x.day >= ? AND x.day < ?' : '';
  return {
    sql:
      `INSERT INTO ${ref} (${t.columns.map((c) => q(c.name)).join(', ')}) SELECT ${select.join(', ')} ` +
      `FROM ${sourceRef} x${where} GROUP BY ${groupBy}`,
    params: range ? [range.from, range.to] : [],
  };
}

type Period = Exclude<CoarseBucket, 'day'>;
const bucketStartOf = (s: string, b: CoarseBucket) =>
  b === 'day' ? s : b === 'week' ? mondayOf(s) : `${s.slice(0, 7)}-01`;
const nextBucketStart = (s: string, b: CoarseBucket) =>
  b === 'day' ? addDaysTo(s, 1) : b === 'week' ? addDaysTo(s, 7) : addMonthsTo(s, 1);

/** The dirty day ranges widened to whole buckets, merged where they meet: what a refresh rewrites in the table. */
export function coarseRanges(ranges: DayRange[], bucket: CoarseBucket, end: string): DayRange[] {
  const wide = ranges
    .map((r) => ({
      from: bucketStartOf(r.from, bucket),
      to: r.to >= end ? r.to : nextBucketStart(bucketStartOf(addDaysTo(r.to, -1), bucket), bucket),
    }))
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  const out: DayRange[] = [];
  for (const r of wide) {
    const last = out.at(-1);
    if (last && r.from <= last.to) last.to = maxDay(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

export type PieceLevel = CoarseBucket;

/** A half-open range of days [from, to) read from one level: for a week or month, whole buckets only. */
export interface SpanPiece extends DayRange {
  level: PieceLevel;
}

/** The bucket starts in [from, to) that begin a whole bucket inside it: [first, last) (empty when first ≥ last). */
function wholeBuckets(from: string, to: string, bucket: Period): { first: string; last: string } {
  const start = bucketStartOf(from, bucket);
  const first = start === from ? from : nextBucketStart(start, bucket);
  const last = bucketStartOf(to, bucket);
  return { first, last };
}

function weeksAndDays(from: string, to: string): SpanPiece[] {
  if (from >= to) return [];
  const { first, last } = wholeBuckets(from, to, 'week');
  if (first >= last) return [{ level: 'day', from, to }];
  return [
    ...(from < first ? [{ level: 'day' as const, from, to: first }] : []),
    { level: 'week', from: first, to: last },
    ...(last < to ? [{ level: 'day' as const, from: last, to }] : []),
  ];
}

/**
 * The span of days [from, to) as whole months, then whole weeks of what is left on either side, then the odd
 * days: the pieces cover every day once. A reader sums a piece's rows from that level's table.
 */
export function spanPieces(from: string, to: string): SpanPiece[] {
  const { first, last } = wholeBuckets(from, to, 'month');
  if (first >= last) return weeksAndDays(from, to);
  return [...weeksAndDays(from, first), { level: 'month', from: first, to: last }, ...weeksAndDays(last, to)];
}
