// explain_change's detector evidence (detectors.ts) read from the daily rollups: the same columns and the same
// numbers as each detector's base query, so the detectors read either alike. Null when the rollup cannot give
// them: a day past the watermark, a filter the rollup does not keep (campaign; a category on whole orders), or a
// detector whose base query is already small (price changes).
import type { RollupAt } from '../../rollup/coverage.ts';
import { addDaysTo } from '../../calendar/index.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import { bounds } from '../filters.ts';
import { and, raw, sql, type Fragment } from '../sql/fragment.ts';
import { rollupConditions, type RollupSource } from '../sql/rollup-query.ts';
import { LINE_TABLES, overlap, stacked, type Levels } from './cube-rollup-sql.ts';
import type { DetectorQueryScope } from './detectors.ts';
import type { DetectorId } from './profiles.ts';
import type { Window } from './detect/types.ts';

type EvidenceTable = RollupSource | 'daily_reviews' | 'daily_stock' | 'daily_campaigns' | 'daily_channel_orders';

const from = (at: RollupAt, t: EvidenceTable, alias = 'x') =>
  raw(`${rollupTableRef(at.engine, at.database, t)} ${alias}`);

function spanOf(w: Window): { lo: string; hi: string } {
  // ISO dates order as text: the earlier start and the later end.
  return { lo: [w.a.from, w.b.from].sort()[0]!, hi: [w.a.to, w.b.to].sort()[1]! };
}

function inEither(w: Window): Fragment {
  const [alo, ahi] = bounds(w.a);
  const [blo, bhi] = bounds(w.b);
  return sql`((x.day >= ${alo} AND x.day < ${ahi}) OR (x.day >= ${blo} AND x.day < ${bhi}))`;
}

function periodFlag(w: Window): Fragment {
  const [blo, bhi] = bounds(w.b);
  return sql`CASE WHEN x.day >= ${blo} AND x.day < ${bhi} THEN 1 ELSE 0 END`;
}

/**
 * dailyChannelQuery (detect/channels.ts): whole orders per day × channel × country, from daily_channel_orders
 * when the filters name only channels and countries (the attributes it keeps), else from daily_orders.
 */
function channels(s: DetectorQueryScope, at: RollupAt): Fragment | null {
  const f = s.filters;
  if (f.category || f.campaign !== undefined) return null;
  const narrow = !f.device && !f.source && !f.sourceType && !f.customerType;
  return sql`SELECT x.day, x.channel, x.country, SUM(x.orders) AS orders, SUM(x.net_sales) AS net
    FROM ${from(at, narrow ? 'daily_channel_orders' : 'daily_orders')}
    WHERE ${and([inEither(s.window), ...rollupConditions(f, 'daily_orders')])}
    GROUP BY x.day, x.channel, x.country ORDER BY x.day, x.channel, x.country`;
}

/** The returns evidence's whole weeks and months: per product and channel only; odd days from daily_lines. */
const PRODUCT_LINE_TABLES: Levels = {
  day: 'daily_lines',
  week: 'weekly_product_lines',
  month: 'monthly_product_lines',
};

/** returnsQuery (detect/quality.ts): lines and lines returned per period × product × channel, by month, week or day. */
function returns(s: DetectorQueryScope, at: RollupAt): Fragment | null {
  const f = s.filters;
  if (f.campaign !== undefined) return null;
  const conds = rollupConditions(f, 'daily_lines');
  const { a, b } = s.window;
  if (!overlap(a, b)) {
    const spans = [
      { span: b, pb: 1 as const },
      { span: a, pb: 0 as const },
    ];
    const measures = { n: 'line_count', hits: 'returned_lines' };
    // No filter but a channel or a category (its products): the product lines hold them (the same conditions), and a
    // month of them is its leaves already, nothing to sum on the server.
    const narrow = !f.country && !f.device && !f.source && !f.sourceType && !f.customerType;
    return stacked(at, narrow ? PRODUCT_LINE_TABLES : LINE_TABLES, spans, ['product_id', 'channel'], measures, conds);
  }
  const where = and([inEither(s.window), ...conds]);
  return sql`SELECT ${periodFlag(s.window)} AS pb, x.product_id, x.channel, SUM(x.line_count) AS n,
      SUM(x.returned_lines) AS hits
    FROM ${from(at, 'daily_lines')} WHERE ${where} GROUP BY 1, x.product_id, x.channel ORDER BY 1, x.product_id, x.channel`;
}

/** ratingsQuery (detect/quality.ts): reviews per period × product by the reviewed order's day. */
function ratings(s: DetectorQueryScope, at: RollupAt): Fragment {
  return sql`SELECT ${periodFlag(s.window)} AS pb, x.product_id, SUM(x.reviews) AS n, SUM(x.rating_sum) AS s,
      SUM(x.rating_squares) AS ss
    FROM ${from(at, 'daily_reviews')} WHERE ${inEither(s.window)} GROUP BY 1, x.product_id ORDER BY 1, x.product_id`;
}

/**
 * stockoutQuery (detect/stockouts.ts): the stock of every SKU that hit zero in the periods, one row per day it
 * moved with the day's closing stock. The detector reads a day's last record only, so the days it finds match.
 */
function stockouts(s: DetectorQueryScope, at: RollupAt): Fragment {
  const { lo, hi } = spanOf(s.window);
  const to = addDaysTo(hi, 1);
  return sql`SELECT x.product_id, x.day AS change_date, x.closing_stock AS stock_after FROM ${from(at, 'daily_stock')}
    WHERE x.product_id IN (SELECT z.product_id FROM ${from(at, 'daily_stock', 'z')}
        WHERE z.zero_records > 0 AND z.day >= ${lo} AND z.day < ${to})
      AND x.day >= ${addDaysTo(lo, -7)} AND x.day < ${to}
    ORDER BY x.product_id, x.day`;
}

/** campaignQuery (detect/campaigns.ts): the campaigns overlapping the periods and their orders in each. */
function campaigns(s: DetectorQueryScope, at: RollupAt): Fragment {
  const { lo, hi } = spanOf(s.window);
  const orders = (p: { from: string; to: string }) => {
    const [plo, phi] = bounds(p);
    return sql`(SELECT COALESCE(SUM(x.orders), 0) FROM ${from(at, 'daily_campaigns')}
        WHERE x.campaign_id = mc.campaign_id AND x.day >= ${plo} AND x.day < ${phi})`;
  };
  return sql`SELECT mc.campaign_id, mc.campaign_name, mc.campaign_type, mc.start_date, mc.end_date, mc.discount_value,
      ts.source_name, ${orders(s.window.a)} AS orders_a, ${orders(s.window.b)} AS orders_b
    FROM marketing_campaigns mc LEFT JOIN traffic_sources ts ON ts.campaign_id = mc.campaign_id
    WHERE mc.start_date <= ${hi} AND mc.end_date >= ${lo}
    ORDER BY mc.start_date, mc.campaign_id`;
}

const READERS: Partial<Record<DetectorId, (s: DetectorQueryScope, at: RollupAt) => Fragment | null>> = {
  quiet_channels: channels,
  returns,
  ratings,
  stockouts,
  campaigns,
};

/** The detector's evidence query over the rollups, or null when the base query must answer. */
export function rollupEvidence(id: DetectorId, s: DetectorQueryScope, at: RollupAt | null): Fragment | null {
  const read = READERS[id];
  if (!at || !read) return null;
  if (spanOf(s.window).hi > at.through) return null;
  return read(s, at);
}
