// campaign_performance's daily net sales by channel (the lift and its baseline) from the daily rollups: whole
// orders from daily_channel_sales (no filter) or daily_orders, or the matching lines from daily_lines under a
// category filter, as the base statement sums them. Unfiltered attribution reads daily_campaigns (orders) and
// daily_campaign_lines (units, net sales, discounts per product: cost of goods at today's products.cost, as the
// base path prices it); under an order filter it stays on the base tables, which the rollup does not split by.
import type { RollupAt } from '../../rollup/coverage.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import type { DataRange } from '../types.ts';
import { bounds, type Filters } from '../filters.ts';
import { and, list, sql, raw, type Fragment } from './fragment.ts';
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

/**
 * Rows campaign_id, orders, net_sales, discounts, cogs for the campaigns `ids` over all their mapped orders, or null
 * when a filter applies or the rollup does not hold every day of the data (attribution has no period).
 */
export function attributedRollupSql(ids: number[], f: Filters, at: RollupAt, data: DataRange): Fragment | null {
  if (!ids.length || Object.values(f).some((v) => v !== undefined) || data.maxDate > at.through) return null;
  const ref = (name: string) => raw(rollupTableRef(at.engine, at.database, name));
  // Products priced once per campaign and product (2.2k pairs at scale 20), not per row (29k): a third of the time.
  return sql`SELECT c.campaign_id AS campaign_id, c.orders AS orders, l.net_sales AS net_sales,
      l.discounts AS discounts, l.cogs AS cogs
    FROM (SELECT x.campaign_id, SUM(x.orders) AS orders FROM ${ref('daily_campaigns')} x
      WHERE x.campaign_id IN ${list(ids)} GROUP BY x.campaign_id) c
    JOIN (SELECT z.campaign_id, SUM(z.net_sales) AS net_sales, SUM(z.discount) AS discounts,
      SUM(z.units * p.cost) AS cogs
      FROM (SELECT y.campaign_id, y.product_id, SUM(y.units) AS units, SUM(y.net_sales) AS net_sales,
        SUM(y.discount) AS discount FROM ${ref('daily_campaign_lines')} y
        WHERE y.campaign_id IN ${list(ids)} GROUP BY y.campaign_id, y.product_id) z
      JOIN products p ON p.product_id = z.product_id GROUP BY z.campaign_id) l ON l.campaign_id = c.campaign_id`;
}
