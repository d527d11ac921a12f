// The funnel's counts (src/tools/funnel.ts) from daily_sessions, which keeps each session's steps as summed
// flags. Same columns as the base statement, plus `odd`: sessions whose only orders fall outside the visit day
// and the next, which the base funnel counts or not depending on the period; when any are in the period, the
// caller asks the base tables instead. Views and carts of one category are not kept: no rollup then.
import { bounds, type Period } from '../../calendar/index.ts';
import type { RollupAt } from '../../rollup/coverage.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import type { Filters } from '../filters.ts';
import { and, raw, sql, type Fragment } from './fragment.ts';
import { rollupConditions } from './rollup-query.ts';

export type FunnelBy = 'device' | 'source' | 'source_type' | 'country';

const BY: Record<FunnelBy, string> = {
  device: 'x.device_type',
  source: 'ts.source_name',
  source_type: 'ts.source_type',
  country: 'x.country',
};

/** The funnel of one period from the rollup, or null when the rollup cannot answer it. */
export function funnelRollupSql(p: Period, by: FunnelBy | undefined, f: Filters, at: RollupAt): Fragment | null {
  if (f.category || f.campaign !== undefined || p.to > at.through) return null;
  const [lo, hi] = bounds(p);
  const needsTs = by === 'source' || by === 'source_type';
  const dim = raw(by ? BY[by] : `'all'`);
  const from = raw(
    `${rollupTableRef(at.engine, at.database, 'daily_sessions')} x` +
      (needsTs ? ' LEFT JOIN traffic_sources ts ON ts.source_id = x.source_id' : ''),
  );
  const where = and([sql`x.day >= ${lo} AND x.day < ${hi}`, ...rollupConditions(f, 'daily_sessions')]);
  return sql`SELECT ${dim} AS k, COALESCE(SUM(x.sessions), 0) AS sessions, COALESCE(SUM(x.viewed), 0) AS viewed,
      COALESCE(SUM(x.carted), 0) AS carted, COALESCE(SUM(x.purchased), 0) AS purchased,
      COALESCE(SUM(x.odd_purchases), 0) AS odd
    FROM ${from} WHERE ${where}${by ? sql` GROUP BY ${dim}` : raw('')}`;
}
