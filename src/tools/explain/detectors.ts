// The event detectors as one table: each one's evidence query (run by the load stage) and its reading
// of the rows (run by the events stage). A metric's profile says which of them run.
import type { Row } from '../../db/types.ts';
import type { Filters } from '../filters.ts';
import type { Dialect } from '../sql/dialect.ts';
import { orderConditions } from '../sql/filter-sql.ts';
import type { Fragment } from '../sql/fragment.ts';
import { SESSION_DAYS_LABEL, detectCampaignCuts, type SessionDay } from './detect/campaign-cuts.ts';
import { CAMPAIGN_LABEL, campaignQuery, detectCampaigns } from './detect/campaigns.ts';
import { CHANNEL_LABEL, dailyChannelQuery, detectQuietChannels } from './detect/channels.ts';
import { detectMarketplaceShifts } from './detect/shifts.ts';
import { detectPriceChanges, PRICE_LABEL, priceQuery, type Catalogue } from './detect/prices.ts';
import {
  detectRatingDrops,
  detectReturnSpikes,
  RATINGS_LABEL,
  ratingsQuery,
  RETURNS_LABEL,
  returnsQuery,
} from './detect/quality.ts';
import { detectStockouts, STOCKOUT_LABEL, stockoutQuery } from './detect/stockouts.ts';
import type { DetectedEvent, Window } from './detect/types.ts';
import type { DetectorId } from './profiles.ts';

/** What a detector's query depends on. */
export interface DetectorQueryScope {
  window: Window;
  dialect: Dialect;
  filters: Filters;
}

/** What the detectors read besides their own rows. */
export interface DetectorContext {
  window: Window;
  catalogue: Catalogue;
  /** Net sales growth of the whole cube (B ÷ A). */
  growth: number;
  /** A product's net sales per day in the comparison period. */
  dailySalesA: (productId: number) => number;
  /** A traffic source's sessions in each period. */
  sessionsOf: (source: string) => { a: number; b: number };
  /** A source's name in the cube (yearly campaigns' editions share one). */
  sourceName: (source: string) => string;
  /** Sessions growth (B ÷ A) of the sources no campaign owns: what a campaign's own traffic is held to. */
  organicSessionGrowth: number;
  /** Own-site sessions by day over the weeks before and in the period (campaign cuts). */
  sessionDays: SessionDay[];
  /** Is this source (by its cube name) a campaign's? */
  campaignSource: (source: string) => boolean;
}

export interface Detector {
  /** The evidence query's label in the result's `queries`. */
  label: string;
  query(scope: DetectorQueryScope): Fragment;
  detect(rows: Row[], ctx: DetectorContext): DetectedEvent[];
}

/** In the order their queries run (the order of the result's `queries`). */
export const DETECTOR_IDS = [
  'stockouts',
  'campaigns',
  'prices',
  'quiet_channels',
  'ratings',
  'returns',
] as const satisfies readonly DetectorId[];

export const DETECTORS: Record<DetectorId, Detector> = {
  stockouts: {
    label: STOCKOUT_LABEL,
    query: (s) => stockoutQuery(s.window),
    detect: (rows, c) =>
      detectStockouts({
        rows,
        window: c.window,
        skuOf: c.catalogue.skuOf,
        subcategoryOf: c.catalogue.subcategoryOf,
        dailySalesA: c.dailySalesA,
        growth: c.growth,
      }),
  },
  campaigns: {
    label: CAMPAIGN_LABEL,
    query: (s) => campaignQuery(s.window),
    detect: (rows, c) => {
      const found = detectCampaigns(rows, c.window, c.sessionsOf, c.sourceName, c.organicSessionGrowth);
      // A campaign the comparison already shows ending is not read again from its days.
      const ended = new Set(found.filter((e) => e.kind === 'campaign_end').flatMap((e) => e.segment.source ?? []));
      const cuts = detectCampaignCuts({
        days: c.sessionDays,
        campaigns: scheduled(rows, c.sourceName).filter((k) => !ended.has(k.source)),
        window: c.window,
        isCampaignSource: c.campaignSource,
        evidenceQuery: SESSION_DAYS_LABEL,
      });
      // First: a cut holds its own effect, and the same source's calendar start claims its leaves after it.
      return [...cuts, ...found];
    },
  },
  prices: {
    label: PRICE_LABEL,
    query: (s) => priceQuery(s.window),
    detect: (rows, c) => detectPriceChanges(rows, c.catalogue),
  },
  quiet_channels: {
    label: CHANNEL_LABEL,
    query: (s) => dailyChannelQuery(s.window, s.dialect, orderConditions(s.filters).conds),
    // The same daily rows show a marketplace surging or dropping against its peers (shifts.ts).
    detect: (rows, c) => {
      const quiet = detectQuietChannels(rows, c.window, c.growth);
      return [...quiet, ...detectMarketplaceShifts(rows, c.window, quiet)];
    },
  },
  ratings: {
    label: RATINGS_LABEL,
    query: (s) => ratingsQuery(s.window),
    detect: (rows, c) => detectRatingDrops(rows, c.window, c.catalogue),
  },
  // Returns only move the return rate (net sales are before refunds), so only its profile pays for them.
  returns: {
    label: RETURNS_LABEL,
    query: (s) => returnsQuery(s.window, orderConditions(s.filters, { lines: true }).conds),
    detect: (rows, c) => detectReturnSpikes(rows, c.window, c.catalogue),
  },
};

/** The campaign evidence rows as the calendar of each campaign's source (by its cube name). */
function scheduled(rows: Row[], sourceName: (s: string) => string) {
  return rows
    .filter((r) => r.source_name !== null && r.source_name !== undefined)
    .map((r) => ({
      source: sourceName(String(r.source_name)),
      name: String(r.campaign_name),
      start: String(r.start_date).slice(0, 10),
      end: String(r.end_date).slice(0, 10),
    }));
}
