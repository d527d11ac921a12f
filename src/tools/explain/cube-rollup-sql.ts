// explain_change's cubes (cube-sql.ts) read from the daily rollups: the same columns and the same sums, from
// daily_lines (which keeps each line's fraction of its order and of a returned order) and daily_sessions.
// Null when the rollup cannot give the same numbers: a campaign filter (not kept), a category filter (the base
// cube then counts an order's lines within the category only), or a day past the watermark.
import type { RollupAt } from '../../rollup/coverage.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import type { Filters } from '../filters.ts';
import { bounds } from '../filters.ts';
import { orderConditions, sessionConditions } from '../sql/filter-sql.ts';
import { and, raw, sql, type Fragment } from '../sql/fragment.ts';
import { rollupConditions, type RollupSource } from '../sql/rollup-query.ts';
import type { Span } from './cube-sql.ts';

type Cube = { fragment: Fragment; caveats: string[] } | null;

function covered(filters: Filters, at: RollupAt | null, spans: Span[]): at is RollupAt {
  return Boolean(at) && filters.campaign === undefined && !filters.category && spans.every((s) => s.to <= at!.through);
}

const from = (at: RollupAt, t: RollupSource) => raw(`${rollupTableRef(at.engine, at.database, t)} x`);

const returned = (opts: { returns?: boolean }) => raw(opts.returns ? ', SUM(x.returned_share) AS returned_orders' : '');

function inSpan(p: Span): Fragment {
  const [lo, hi] = bounds(p);
  return sql`x.day >= ${lo} AND x.day < ${hi}`;
}

/** lineCubeQuery's rows, from daily_lines. */
export function rollupLineCube(
  a: Span,
  b: Span,
  filters: Filters,
  opts: { returns?: boolean },
  at: RollupAt | null,
): Cube {
  if (!covered(filters, at, [a, b])) return null;
  const [blo, bhi] = bounds(b);
  const where = and([sql`((${inSpan(a)}) OR (${inSpan(b)}))`, ...rollupConditions(filters, 'daily_lines')]);
  const fragment = sql`SELECT CASE WHEN x.day >= ${blo} AND x.day < ${bhi} THEN 1 ELSE 0 END AS pb, x.channel,
      x.country, x.device_type, x.traffic_source_id, x.is_first_order, x.product_id, SUM(x.net_sales) AS net,
      SUM(x.units) AS units, SUM(x.line_count) AS line_count, SUM(x.order_share) AS orders${returned(opts)}
    FROM ${from(at, 'daily_lines')} WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7`;
  return { fragment, caveats: orderConditions(filters, { lines: true }).caveats };
}

/** sessionCubeQuery's rows, from daily_sessions. */
export function rollupSessionCube(a: Span, b: Span, filters: Filters, at: RollupAt | null): Cube {
  if (!covered(filters, at, [a, b])) return null;
  const one = (p: Span, flag: number) => sql`SELECT ${raw(String(flag))} AS pb, x.source_id, x.country, x.device_type,
      SUM(x.sessions) AS sessions FROM ${from(at, 'daily_sessions')}
      WHERE ${and([inSpan(p), ...rollupConditions(filters, 'daily_sessions')])}
      GROUP BY x.source_id, x.country, x.device_type`;
  return { fragment: sql`${one(b, 1)} UNION ALL ${one(a, 0)}`, caveats: sessionConditions(filters).caveats };
}

/** runRateCubeQuery's rows, from daily_lines. */
export function rollupRunRateCube(p: Span, filters: Filters, opts: { returns?: boolean }, at: RollupAt | null): Cube {
  if (!covered(filters, at, [p])) return null;
  const fragment = sql`SELECT 0 AS pb, x.channel, x.country, x.traffic_source_id, x.product_id,
      SUM(x.net_sales) AS net, SUM(x.units) AS units, SUM(x.line_count) AS line_count, SUM(x.order_share) AS orders,
      SUM(x.solo_lines) AS solo_lines${returned(opts)}
    FROM ${from(at, 'daily_lines')} WHERE ${and([inSpan(p), ...rollupConditions(filters, 'daily_lines')])}
    GROUP BY x.channel, x.country, x.traffic_source_id, x.product_id`;
  return { fragment, caveats: orderConditions(filters, { lines: true }).caveats };
}
