// explain_change's cubes (cube-sql.ts) read from the rollups: the same columns and the same sums. A period is cut
// into whole months, whole weeks and odd days (spanPieces), each read from the coarsest table that holds it:
// monthly_lines / weekly_lines / daily_lines for the period cube (each line's fraction of its order and of a
// returned order kept), monthly_run_rate / weekly_run_rate for the run-rate cube's four dimensions, and
// monthly_sessions / weekly_sessions / daily_sessions for the session cube. So a month-on-month question reads two months' leaves, whatever the
// orders in them. Null when the rollup cannot give the same numbers: a campaign filter (not kept), a category
// filter (the base cube then counts an order's lines within the category only), or a day past the watermark.
import type { RollupAt } from '../../rollup/coverage.ts';
import { addDaysTo, addMonthsTo } from '../../calendar/index.ts';
import { spanPieces, type PieceLevel, type SpanPiece } from '../../rollup/coarse.ts';
import { COARSE_TABLES } from '../../warehouse/rollup-coarse.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import type { Filters } from '../filters.ts';
import { bounds } from '../filters.ts';
import { orderConditions, sessionConditions } from '../sql/filter-sql.ts';
import { and, join, raw, sql, type Fragment } from '../sql/fragment.ts';
import { rollupConditions } from '../sql/rollup-query.ts';
import type { Span } from './cube-sql.ts';

type Cube = { fragment: Fragment; caveats: string[] } | null;

function covered(filters: Filters, at: RollupAt | null, spans: Span[]): at is RollupAt {
  return Boolean(at) && filters.campaign === undefined && !filters.category && spans.every((s) => s.to <= at!.through);
}

const from = (at: RollupAt, t: string) => raw(`${rollupTableRef(at.engine, at.database, t)} x`);

export type Levels = Record<PieceLevel, string>;
/** The period cube's tables, and the run-rate cube's (which keep no device or new/returning). */
export const LINE_TABLES: Levels = { day: 'daily_lines', week: 'weekly_lines', month: 'monthly_lines' };
const RUN_RATE_TABLES: Levels = { day: 'daily_lines', week: 'weekly_run_rate', month: 'monthly_run_rate' };

export const overlap = (a: Span, b: Span) => a.from <= b.to && b.from <= a.to;

/** A piece that is one whole week or month of a table keyed by exactly `dims`: its rows are the leaves already. */
function leafRows(table: string, p: SpanPiece, dims: string[]): boolean {
  if (p.level === 'day' || spanPieces(p.from, p.to).length !== 1) return false;
  const one = p.level === 'week' ? addDaysTo(p.from, 7) === p.to : addMonthsTo(p.from, 1) === p.to;
  const keys = COARSE_TABLES.find((t) => t.name === table)?.columns.filter((c) => c.kind === 'key');
  return one && keys !== undefined && keys.length === dims.length && keys.every((k) => dims.includes(k.name));
}

/**
 * Sums the `measures` (alias → column) by `pb` and `dims` over the spans' pieces: one SELECT per piece from its
 * level's table, stacked, then grouped once (so MySQL sums exact decimals, as the base query does). When each
 * span is one whole week or month of a table keyed by the dims (a month against a month), its rows are the
 * leaves and are returned as they are. Rows come sorted as the base query's: by the period flag (`pbOrder`),
 * then the dims in their order. The order matters: the leaves are summed in it, and ties are broken by it.
 */
export function stacked(
  at: RollupAt,
  levels: Levels,
  spans: Array<{ span: Span; pb: 0 | 1 }>,
  dims: string[],
  measures: Record<string, string>,
  conds: Fragment[],
  pbOrder: 'ASC' | 'DESC' = 'ASC',
): Fragment {
  const pieces = spans.map(({ span, pb }) => ({ pb, pieces: spanPieces(...bounds(span)) }));
  const select = (pb: number, p: SpanPiece, cols: string[]) =>
    sql`SELECT ${raw(String(pb))} AS pb, ${raw(cols.join(', '))} FROM ${from(at, levels[p.level])}
        WHERE ${and([sql`x.day >= ${p.from} AND x.day < ${p.to}`, ...conds])}`;
  const keys = ['pb', ...dims];
  const order = raw(` ORDER BY pb ${pbOrder}, ${dims.join(', ')}`);
  const whole = pieces.every((s) => s.pieces.length === 1 && leafRows(levels[s.pieces[0]!.level], s.pieces[0]!, dims));
  if (whole) {
    const cols = [...dims.map((d) => `x.${d}`), ...Object.entries(measures).map(([as, c]) => `x.${c} AS ${as}`)];
    return sql`${join(
      pieces.map((s) => select(s.pb, s.pieces[0]!, cols)),
      ' UNION ALL ',
    )}${order}`;
  }
  const cols = [...dims, ...new Set(Object.values(measures))].map((c) => `x.${c}`);
  const parts = pieces.flatMap((s) => s.pieces.map((p) => select(s.pb, p, cols)));
  const group = raw(keys.map((k) => `u.${k}`).join(', '));
  const sums = raw(
    Object.entries(measures)
      .map(([as, c]) => `SUM(u.${c}) AS ${as}`)
      .join(', '),
  );
  return sql`SELECT ${group}, ${sums} FROM (${join(parts, ' UNION ALL ')}) u GROUP BY ${group}${order}`;
}

const LINE_DIMS = ['channel', 'country', 'device_type', 'traffic_source_id', 'is_first_order', 'product_id'];

/** lineCubeQuery's rows. */
export function rollupLineCube(
  a: Span,
  b: Span,
  filters: Filters,
  opts: { returns?: boolean },
  at: RollupAt | null,
): Cube {
  if (!covered(filters, at, [a, b])) return null;
  const caveats = orderConditions(filters, { lines: true }).caveats;
  const conds = rollupConditions(filters, 'daily_lines');
  // Overlapping periods: a day in both counts in B only, as the base query's period flag has it.
  if (overlap(a, b)) return { fragment: lineCubeByDay(a, b, conds, opts, at), caveats };
  const measures: Record<string, string> = { net: 'net_sales', units: 'units', line_count: 'line_count' };
  measures.orders = 'order_share';
  if (opts.returns) measures.returned_orders = 'returned_share';
  const spans = [
    { span: b, pb: 1 as const },
    { span: a, pb: 0 as const },
  ];
  return { fragment: stacked(at, LINE_TABLES, spans, LINE_DIMS, measures, conds), caveats };
}

function inSpan(p: Span): Fragment {
  const [lo, hi] = bounds(p);
  return sql`x.day >= ${lo} AND x.day < ${hi}`;
}

function lineCubeByDay(a: Span, b: Span, conds: Fragment[], opts: { returns?: boolean }, at: RollupAt): Fragment {
  const [blo, bhi] = bounds(b);
  const where = and([sql`((${inSpan(a)}) OR (${inSpan(b)}))`, ...conds]);
  return sql`SELECT CASE WHEN x.day >= ${blo} AND x.day < ${bhi} THEN 1 ELSE 0 END AS pb, x.channel,
      x.country, x.device_type, x.traffic_source_id, x.is_first_order, x.product_id, SUM(x.net_sales) AS net,
      SUM(x.units) AS units, SUM(x.line_count) AS line_count, SUM(x.order_share) AS orders${raw(
        opts.returns ? ', SUM(x.returned_share) AS returned_orders' : '',
      )}
    FROM ${from(at, 'daily_lines')} WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7`;
}

const SESSION_TABLES: Levels = { day: 'daily_sessions', week: 'weekly_sessions', month: 'monthly_sessions' };

/** sessionCubeQuery's rows: each period on its own (a day in both counts in both, as there). */
export function rollupSessionCube(a: Span, b: Span, filters: Filters, at: RollupAt | null): Cube {
  if (!covered(filters, at, [a, b])) return null;
  const spans = [
    { span: b, pb: 1 as const },
    { span: a, pb: 0 as const },
  ];
  const conds = rollupConditions(filters, 'daily_sessions');
  const dims = ['source_id', 'country', 'device_type'];
  const fragment = stacked(at, SESSION_TABLES, spans, dims, { sessions: 'sessions' }, conds, 'DESC');
  return { fragment, caveats: sessionConditions(filters).caveats };
}

/** runRateCubeQuery's rows: from the run-rate tables, or the period cube's when a device or customer filter needs them. */
export function rollupRunRateCube(p: Span, filters: Filters, opts: { returns?: boolean }, at: RollupAt | null): Cube {
  if (!covered(filters, at, [p])) return null;
  const levels = filters.device || filters.customerType ? LINE_TABLES : RUN_RATE_TABLES;
  const measures: Record<string, string> = { net: 'net_sales', units: 'units', line_count: 'line_count' };
  measures.orders = 'order_share';
  measures.solo_lines = 'solo_lines';
  if (opts.returns) measures.returned_orders = 'returned_share';
  const dims = ['channel', 'country', 'traffic_source_id', 'product_id'];
  const fragment = stacked(at, levels, [{ span: p, pb: 0 }], dims, measures, rollupConditions(filters, 'daily_lines'));
  return { fragment, caveats: orderConditions(filters, { lines: true }).caveats };
}

/** sessionDaysQuery's rows (detect/campaign-cuts.ts) from daily_sessions: sessions per day × source × country × device. */
export function rollupSessionDays(span: Span, filters: Filters, at: RollupAt | null): Fragment | null {
  if (!covered(filters, at, [span])) return null;
  const [lo, hi] = bounds(span);
  const where = and([sql`x.day >= ${lo} AND x.day < ${hi}`, ...rollupConditions(filters, 'daily_sessions')]);
  return sql`SELECT x.day, x.source_id, x.country, x.device_type, SUM(x.sessions) AS sessions
    FROM ${from(at, 'daily_sessions')} WHERE ${where} GROUP BY x.day, x.source_id, x.country, x.device_type`;
}
