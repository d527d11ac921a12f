// A span of days cut into pieces that each read one rollup level and each lie inside one bucket of a series'
// grain, so a weekly or monthly twin's row (dated by its bucket's first day) lands in the right bucket.
// spanPieces (src/rollup/coarse.ts) cuts for totals, where any whole week or month will do; a series by month
// cannot use a week that straddles two months, nor a series by week a month.
import { bucketStartOf, nextBucketStart } from '../../calendar/index.ts';
import { spanPieces, type SpanPiece } from '../../rollup/coarse.ts';
import type { Grain } from './dialect.ts';

/** The level whose buckets nest in a grain's: weeks in weeks, months in months and quarters. */
const NESTED: Record<Grain, 'day' | 'week' | 'month'> = { day: 'day', week: 'week', month: 'month', quarter: 'month' };

/**
 * [from, to) as whole buckets of the coarsest level that nests in `grain`, and the odd days on either side;
 * with no grain (a total), spanPieces' months, weeks and days. The pieces cover every day once.
 */
export function nestedPieces(from: string, to: string, grain: Grain | null): SpanPiece[] {
  if (from >= to) return [];
  if (grain === null) return spanPieces(from, to);
  const level = NESTED[grain];
  if (level === 'day') return [{ level: 'day', from, to }];
  const start = bucketStartOf(from, level);
  const first = start === from ? from : nextBucketStart(start, level);
  const last = bucketStartOf(to, level);
  if (first >= last) return [{ level: 'day', from, to }];
  return [
    ...(from < first ? [{ level: 'day' as const, from, to: first }] : []),
    { level, from: first, to: last },
    ...(last < to ? [{ level: 'day' as const, from: last, to }] : []),
  ];
}
