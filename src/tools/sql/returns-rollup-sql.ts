// returns_analysis' reason mix (src/tools/returns-analysis.ts) from daily_returns, which keeps each return's
// reason beside its order's dimensions and returned product: the same columns as the base statement. A
// campaign filter (orders reach campaigns through a map) is not kept: no rollup then.
import { bounds, type Period } from '../../calendar/index.ts';
import type { RollupAt } from '../../rollup/coverage.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import type { Filters } from '../filters.ts';
import { and, raw, sql, type Fragment } from './fragment.ts';
import { rollupConditions } from './rollup-query.ts';

export type ReturnsBy = 'category' | 'subcategory' | 'product' | 'channel' | 'country';

const BY: Record<ReturnsBy, string> = {
  category: 'COALESCE(c1.category_name, c2.category_name)',
  subcategory: 'c2.category_name',
  product: 'x.product_id',
  channel: 'x.channel',
  country: 'x.country',
};

const CATEGORIES =
  ' LEFT JOIN products p ON p.product_id = x.product_id' +
  ' LEFT JOIN product_categories c2 ON c2.category_id = p.category_id' +
  ' LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id';

const byCategory = (by: ReturnsBy) => by === 'category' || by === 'subcategory';

/** Returns and refunds per group and reason, dated by return day, or null when the rollup cannot answer. */
export function reasonsRollupSql(p: Period, by: ReturnsBy, f: Filters, at: RollupAt): Fragment | null {
  if (f.campaign !== undefined || p.to > at.through) return null;
  const [lo, hi] = bounds(p);
  const k = raw(BY[by]);
  const table = raw(rollupTableRef(at.engine, at.database, 'daily_returns'));
  const where = and([sql`x.day >= ${lo} AND x.day < ${hi}`, ...rollupConditions(f, 'daily_returns')]);
  if (!byCategory(by))
    return sql`SELECT ${k} AS k, x.return_reason AS reason, SUM(x.return_count) AS returns, SUM(x.refunds) AS refunds
    FROM ${table} x WHERE ${where}
    GROUP BY ${k}, x.return_reason`;
  // Per product first, then to categories: the catalogue's few hundred products are looked up once each, not
  // once per day and order attribute the period's rows hold.
  return sql`SELECT ${k} AS k, x.return_reason AS reason, SUM(x.returns) AS returns, SUM(x.refunds) AS refunds
    FROM (SELECT x.product_id, x.return_reason, SUM(x.return_count) AS returns, SUM(x.refunds) AS refunds
      FROM ${table} x WHERE ${where} GROUP BY x.product_id, x.return_reason) x${raw(CATEGORIES)}
    GROUP BY ${k}, x.return_reason`;
}
