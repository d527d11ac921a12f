// campaign_performance's daily net sales by channel (the lift and its baseline) from the daily rollups: whole
// orders from daily_channel_sales (no filter) or daily_orders, or the matching lines from daily_lines under a
// category filter, as the base statement sums them. Attribution itself (a few thousand mapped orders, read through the campaign index)
// stays on the base tables.
import type { RollupAt } from '../../rollup/coverage.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import { bounds, type Filters } from '../filters.ts';
import { and, sql, raw, type Fragment } from './fragment.ts';
import { rollupConditions, type RollupSource } from './rollup-query.ts';

/** Rows day, channel, net_sales over `range`, or null when the rollup does not hold it. */
export function dailySalesRollupSql(range: { from: string; to: string }, f: Filters, at: RollupAt): Fragment | null {
  if (f.campaign !== undefined || range.to > at.through) return null;
  const [lo, hi] = bounds(range);
  const unfiltered = !Object.values(f).some((v) => v !== undefined);
  const source: RollupSource = f.category ? 'daily_lines' : 'daily_orders';
  const x = raw(`${rollupTableRef(at.engine, at.database, unfiltered ? 'daily_channel_sales' : source)} x`);
  const conds = unfiltered ? [] : rollupConditions(f, source);
  const where = and([sql`x.day >= ${lo} AND x.day < ${hi}`, ...conds]);
  return sql`SELECT x.day AS day, x.channel AS channel, SUM(x.net_sales) AS net_sales
    FROM ${x} WHERE ${where} GROUP BY x.day, x.channel`;
}
