// What the offline model understood from a question: the shape every later layer (plan, answer) reads.
import type { Channel, Language, MetricId } from '../../protocol/vocabulary.ts';

export type { Channel, MetricId };

export type Kind =
  | 'trend'
  | 'breakdown'
  | 'compare'
  | 'top'
  | 'why'
  | 'funnel'
  | 'campaigns'
  | 'price'
  | 'stock'
  | 'customers'
  | 'cohort'
  | 'rfm'
  | 'returns'
  | 'schema'
  | 'free_sql'
  | 'pasted_sql'
  | 'unsupported'
  | 'refuse';

export type Dimension =
  | 'channel'
  | 'country'
  | 'category'
  | 'subcategory'
  | 'product'
  | 'device'
  | 'source'
  | 'source_type'
  | 'customer_type'
  | 'campaign';

export type Device = 'desktop' | 'mobile' | 'tablet';
export type SourceType = 'direct' | 'search' | 'social' | 'email' | 'referral' | 'paid_social' | 'paid_search';
export type CustomerType = 'new' | 'returning';
export type Granularity = 'day' | 'week' | 'month' | 'quarter';

/** Inclusive dates, already resolved against the data's own calendar. */
export interface Period {
  start: string;
  end: string;
  grain: 'day' | 'week' | 'month' | 'quarter' | 'year' | 'range';
}

export type CompareTo = 'previous_period' | 'previous_year' | Period;

export interface Filters {
  channel?: Channel;
  country?: string;
  category?: string;
  device?: Device;
  source?: string;
  source_type?: SourceType;
  customer_type?: CustomerType;
}

export type FreeSubject = 'reviews' | 'orders' | 'returns' | 'signups' | 'gross_profit' | 'sales' | 'product';

/** "excluding the US", "除了亚马逊": a value left out of the figure, which no template filter can express. */
export interface Excluded {
  slot: 'channel' | 'country' | 'device';
  value: string;
}
export type FreeBy =
  | 'category'
  | 'subcategory'
  | 'product'
  | 'rating'
  | 'payment_method'
  | 'order_status'
  | 'payment_status'
  | 'return_status'
  | 'country'
  | 'user_level'
  | 'quarter';

/** A question no template covers, as a measure over one documented table (see plan/free-sql.ts). */
export interface FreeShape {
  subject: FreeSubject;
  /** The column the result is grouped by; null for one overall figure. */
  by: FreeBy | null /** subject product: the catalogue name the question gives ("Coral Black One-Piece Swimsuit"). */;
  name?: string;
}

/** "What share of 2025 sales came from Amazon": the segment whose share of the total is asked. */
export interface ShareOf {
  dimension: Dimension;
  value: string;
}

export type RefuseReason = 'personal_data' | 'write' | 'injection';
export type UnsupportedReason = 'future' | 'before_data' | 'off_topic' | 'not_in_data' | 'not_understood';
/** What a not_in_data question needs that the warehouse has no input for: said first, never substituted. */
export type Lacking =
  | 'ad_spend'
  | 'search_trends'
  | 'sentiment'
  | 'net_profit'
  | 'locations'
  | 'web_analytics'
  | 'ad_delivery'
  | 'customer_value'
  | 'satisfaction'
  | 'stock_flow'
  | 'checkout_step'
  | 'event_dates';

export interface Intent {
  language: Language;
  kind: Kind;
  metric: MetricId;
  /** Further metrics named in the same question ("sales and orders"). */
  metrics: MetricId[];
  period: Period;
  compare_to: CompareTo | null;
  dimension: Dimension | null;
  filters: Filters;
  topN: number | null;
  order: 'top' | 'bottom';
  /** Rank products by their value or by their change against compare_to. */
  rankBy: 'value' | 'change';
  /** "which products stopped selling": only the products whose value fell to zero (rankBy change). */
  toZero?: boolean;
  /** "any day with zero orders": the daily series is read for days with nothing. */
  zeroDays?: boolean;
  /** "drop-off", "流失率": a funnel step's losses are asked for, beside its rate. */
  dropOff?: boolean;
  /** "which country had the lowest AOV", "订单最多的渠道": the one segment at the top or bottom is asked for. */
  extreme?: 'highest' | 'lowest';
  /** "after the US, who's our biggest market": the split's value set aside, so the one after it is asked for. */
  setAside?: string;
  /** "excluding the US": left out of the figure (by run_sql when the figure is one total, else said not applied). */
  exclude?: Excluded;
  granularity: Granularity | null;
  /** The direction the question takes for granted ("why did July drop"): checked against the data. */
  claim: 'down' | 'up' | null;
  refuse?: RefuseReason;
  unsupported?: UnsupportedReason;
  /** For not_in_data: the input the data lacks, named in the answer's first sentence. */
  lacking?: Lacking;
  /** For not_in_data: the measure or place the question asks about that no table holds, as the question words it. */
  unknown?: string;
  /** `unknown` is a place the store does not sell in (every channel is online). */
  unknownPlace?: boolean;
  /** A split or ranking by a word no tool splits by ("by colour", "哪个城市"): the answer is the nearest, said first. */
  unmatched?: string;
  /** What the question asks for when no template fits (kind free_sql). */
  free?: FreeShape;
  /** The SELECT the user pasted (kind pasted_sql): run as written by run_sql, whose guard decides. */
  sql?: string;
  /** A personal-data or injection request riding along with a legitimate one: answered, and this part refused. */
  alsoRefused?: RefuseReason;
  /** The campaign a campaigns question names, as written; campaign_performance matches it to the data's names. */
  campaign?: string;
  /** Two or more campaigns a question names together: all of the period's are read, these are shown. */
  campaigns?: string[];
  /** "sales over Black Friday 2024": the campaign whose dates (read through campaign_performance) are the period. */
  eventPeriod?: string;
  /** A share of the total (kind breakdown, split by its dimension): answered first, from the share finding. */
  share?: ShareOf;
  /** "Amazon's share in Q3 vs Q3 last year": the question names the comparison, so both periods' shares are stated. */
  shareCompared?: boolean;
  /** "returns because of sizing": words of the return reasons whose combined share is asked (kind returns). */
  reasons?: string[];
  /** True when the period was not named and defaulted (to the calendar's latest full month in the data). */
  periodDefaulted: boolean;
}

/** What one question says explicitly, before it is merged with the conversation. */
export interface Mentions {
  language: Language;
  /** Asks how much or how many ("那个月退款一共多少钱？"): a value, even right after a why. */
  asksAmount?: boolean;
  kind?: Kind;
  metrics: MetricId[];
  period?: Period;
  /** "and last year?": move the previous period back one year. */
  shiftYear?: number;
  /** "the week before", "上个季度呢": the unit named (or the period's own) just before the previous turn's period. */
  stepBack?: 'day' | 'week' | 'month' | 'quarter' | 'year' | 'period';
  /** "去年同期呢？": the same period a year back (a comparison kind compares against it instead). */
  sameTimeLastYear?: boolean;
  compare_to?: CompareTo;
  /** The base was named without its year ("怎么比10月差？"): placed before the period of the turn it follows. */
  baseYearless?: boolean;
  dimension?: Dimension;
  filters: Filters;
  topN?: number;
  order?: 'top' | 'bottom';
  rankBy?: 'value' | 'change';
  toZero?: boolean;
  zeroDays?: boolean;
  dropOff?: boolean;
  extreme?: 'highest' | 'lowest';
  setAside?: string;
  exclude?: Excluded;
  granularity?: Granularity;
  claim?: 'down' | 'up';
  /** "overall", "整体": drop the filters carried over from the previous turn. */
  clearFilters: boolean;
  /** Mentions anything analytical at all (a period, a dimension, a filter...). */
  analytical: boolean;
  refuse?: RefuseReason;
  unsupported?: UnsupportedReason;
  lacking?: Lacking;
  unknown?: string;
  unknownPlace?: boolean;
  unmatched?: string;
  free?: FreeShape;
  sql?: string;
  alsoRefused?: RefuseReason;
  /** The question leans on the previous turn ("only Amazon?", "那加拿大呢？"). */
  followUpCue: boolean;
  /** "drill into X": narrow to X and look one level deeper. */
  drill: boolean;
  campaign?: string;
  campaigns?: string[];
  eventPeriod?: string;
  share?: ShareOf;
  /** "what share of the total is that?": the share of the segment the previous turn filtered on. */
  shareOfFilter?: boolean;
  reasons?: string[];
}

/**
 * Months a per-month stock question may span: one stock_status call each, inside the loop's default tool-call cap
 * (24, two years of months). A longer span gets one list, and the answer says first that it is not split by month.
 */
export const STOCK_MONTHS = 24;
