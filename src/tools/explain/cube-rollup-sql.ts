// explain_change's cubes (cube-sql.ts) read from the rollups: the same columns and the same sums. A period is cut
// into whole months, whole weeks and odd days (spanPieces), each read from the coarsest table that holds it:
// monthly_lines / weekly_lines / daily_lines for the period cube (each line's fraction of its order and of a
// returned order kept), monthly_run_rate / weekly_run_rate for the run-rate cube's four dimensions, and
// monthly_sessions / weekly_sessions / daily_sessions for the session cube. So a month-on-month question reads two months' leaves, whatever the
// orders in them. Null when the rollup cannot give the same numbers: a campaign filter (not kept), a category
// filter (the base cube then counts an order's lines within the category only), or a day past the watermark.
import type { RollupAt } from '../../rollup/coverage.ts';
import { spanPieces, type PieceLevel } from '../../rollup/coarse.ts';
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

/**
 * Sums `measures` (`SUM(u.col) AS name`) by `pb` and `dims` over the spans' pieces: one SELECT per piece from its
 * level's table, stacked, then grouped once (so MySQL sums exact decimals, as the base query does); `ordered`
 * sorts the rows by the keys.
 */
export function stacked(
  at: RollupAt,
  levels: Levels,
  spans: Array<{ span: Span; pb: 0 | 1 }>,
  dims: string[],
  columns: string[],
  conds: Fragment[],
  measures: string,
  ordered = false,
): Fragment {
  const pick = raw([...dims, ...columns].map((c) => `x.${c}`).join(', '));
  const parts = spans.flatMap(({ span, pb }) =>
    spanPieces(...bounds(span)).map(
      (p) => sql`SELECT ${raw(String(pb))} AS pb, ${pick} FROM ${from(at, levels[p.level])}
        WHERE ${and([sql`x.day >= ${p.from} AND x.day < ${p.to}`, ...conds])}`,
    ),
  );
  const keys = raw(['u.pb', ...dims.map((d) => `u.${d}`)].join(', '));
  return sql`SELECT ${keys}, ${raw(measures)} FROM (${join(parts, ' UNION ALL ')}) u GROUP BY ${keys}${
    ordered ? sql` ORDER BY ${keys}` : raw('')
  }`;
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
  const columns = ['net_sales', 'units', 'line_count', 'order_share', ...(opts.returns ? ['returned_share'] : [])];
  const measures =
    'SUM(u.net_sales) AS net, SUM(u.units) AS units, SUM(u.line_count) AS line_count, SUM(u.order_share) AS orders' +
    (opts.returns ? ', SUM(u.returned_share) AS returned_orders' : '');
  const spans = [
    { span: b, pb: 1 as const },
    { span: a, pb: 0 as const },
  ];
  return { fragment: stacked(at, LINE_TABLES, spans, LINE_DIMS, columns, conds, measures), caveats };
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
  const fragment = stacked(at, SESSION_TABLES, spans, dims, ['sessions'], conds, 'SUM(u.sessions) AS sessions');
  return { fragment, caveats: sessionConditions(filters).caveats };
}

/** runRateCubeQuery's rows: from the run-rate tables, or the period cube's when a device or customer filter needs them. */
export function rollupRunRateCube(p: Span, filters: Filters, opts: { returns?: boolean }, at: RollupAt | null): Cube {
  if (!covered(filters, at, [p])) return null;
  const levels = filters.device || filters.customerType ? LINE_TABLES : RUN_RATE_TABLES;
  const columns = ['net_sales', 'units', 'line_count', 'order_share', 'solo_lines'];
  if (opts.returns) columns.push('returned_share');
  const measures =
    'SUM(u.net_sales) AS net, SUM(u.units) AS units, SUM(u.line_count) AS line_count, SUM(u.order_share) AS orders, ' +
    `SUM(u.solo_lines) AS solo_lines${opts.returns ? ', SUM(u.returned_share) AS returned_orders' : ''}`;
  const dims = ['channel', 'country', 'traffic_source_id', 'product_id'];
  const fragment = stacked(
    at,
    levels,
    [{ span: p, pb: 0 }],
    dims,
    columns,
    rollupConditions(filters, 'daily_lines'),
    measures,
  );
  return { fragment, caveats: orderConditions(filters, { lines: true }).caveats };
}
