// What explain_change does differently per metric, in one table. The stages read a metric's profile
// and never its name: adding a metric is adding a row here (see README.md beside this file).
import { METRICS, type Unit } from '../metrics.ts';
import type { CauseKind } from './detect/types.ts';

export const EXPLAIN_METRICS = [
  'net_sales',
  'orders',
  'units',
  'aov',
  'conversion_rate',
  'sessions',
  'return_rate',
  'refunds',
  'discount_rate',
  'new_customer_share',
  'gross_margin',
] as const;
export type ExplainMetric = (typeof EXPLAIN_METRICS)[number];

/** Measures every order-line cube carries (cube.ts lineTable). */
export const BASE_LINE_MEASURES = ['net', 'units', 'line_count', 'orders'] as const;
/**
 * Measures a profile adds to the order-line cube when its view reads them (cube-sql.ts): returned
 * orders, discounts and sales before discounts, net sales less cost, fractional customers and new
 * customers, and refunds by return date (rows of their own, merged into the same leaves).
 */
export const EXTRA_LINE_MEASURES = [
  'returned_orders',
  'discount',
  'gross',
  'margin',
  'customers',
  'new_customers',
  'refunds',
] as const;
export type ExtraLineMeasure = (typeof EXTRA_LINE_MEASURES)[number];
/** Measures of the order-line cube. */
export type LineMeasure = 'net' | 'units' | 'orders' | ExtraLineMeasure;

/** How the metric reads the period cube's leaves. */
export type ViewSpec =
  | { kind: 'additive'; cube: 'lines'; measure: LineMeasure }
  | { kind: 'additive'; cube: 'sessions'; measure: 'sessions' }
  | { kind: 'ratio'; num: LineMeasure; den: LineMeasure }
  /** Own-site orders from the line cube over the session cube's sessions. */
  | { kind: 'conversion' };

/** How the change splits into drivers that add up to it (drivers.ts). */
export type DriverSpec =
  /** Per channel: own site sessions × conversion × units per order × unit price; marketplaces orders × … */
  | { kind: 'channel_chain' }
  /** Per channel: sessions × conversion (own site) or orders, times units per order for units. */
  | { kind: 'channel_counts'; count: 'orders' | 'units' }
  | { kind: 'aov' }
  /** Each traffic source's own change. */
  | { kind: 'sources' }
  /** A ratio: the rate change within segments plus the mix between them, from the segment search. */
  | { kind: 'rate_mix' }
  /** A sum: each value of one dimension of the view (a channel) contributes its own change. */
  | { kind: 'additive_by'; dim: string };

/** The event detectors (stages/events.ts). */
export type DetectorId = 'stockouts' | 'campaigns' | 'prices' | 'quiet_channels' | 'returns' | 'ratings';

/** How a stock-out's own effect is counted (stockout-estimate.ts). */
export interface StockoutSpec {
  /** The run-rate and period measure the lost sales are counted in. */
  measure: 'net' | 'units' | 'line_count';
  /** The fact the estimate is reported under. */
  lostFact: string;
  /** A lost line loses its order only when it was the order's one line. */
  soloLinesOnly: boolean;
  /** Only this channel's lost sales count (conversion counts own-site orders); absent: every channel. */
  channel?: string;
  /** A ratio over orders or customers: its line measures, into which the lost lines are put back (stockout-ratio.ts). */
  ratio?: { num: LineMeasure; den: LineMeasure };
  /**
   * Count only the days out (stockout-days.ts): the SKUs' expected sales × the share of the period's
   * orders that fell on their days at zero. Sums and conversion; a ratio still holds the SKUs' whole
   * period to the estimate (on development seeds 1-200 and 401-600 the days out moved no ratio share
   * into the 10 points and lost a wrong-signed AOV stock-out, seed 562).
   */
  overDays?: boolean;
}

/** How a cause's effect, and so its share of the change (effect ÷ change), is measured. */
export interface EffectSpec {
  /**
   * The run-rate cube's view that events starting in the period are held to (run-rate.ts); null: the
   * comparison × growth only (the run-rate cube is then queried only for a stock-out estimate).
   */
  runRate: { kind: 'additive'; measure: LineMeasure } | { kind: 'ratio'; num: LineMeasure; den: LineMeasure } | null;
  stockout: StockoutSpec | null;
  /**
   * The daily channel measure a channel outage is held to on the channel's other days; `put_back`: the
   * lost orders (so measured) back at the channel's own per-order mix (outage-lost.ts); null: the cube's
   * effect (the new-customer share: a lost first order moves the customer's new status to their next
   * order, so the channel's kept customers look newer than its lost ones were).
   */
  outage: 'orders' | 'net' | 'put_back' | null;
  /** The line measure whose mean value per line sets the noise of the additive numerator; null: 1 per unit. */
  noise: 'net' | 'units' | 'orders' | null;
  /** The metric counts volume: price moves then have a known direction. */
  volume: boolean;
  /** Event kinds that move the metric directly: they claim their leaves before other events. */
  native: CauseKind[];
}

export interface MetricProfile {
  id: ExplainMetric;
  label: string;
  unit: Unit;
  /** Additive over the cube's leaves, or a ratio of two additive parts. */
  view: ViewSpec;
  /** The line and run-rate cubes carry returned orders (only the return rate pays for the join). */
  readsReturns: boolean;
  /** The line cube's measures beyond the base ones (returned orders, discounts, cost, customers, refunds). */
  lineExtras: readonly ExtraLineMeasure[];
  /** The cube the segment search runs on, cited as the evidence of data-only causes. */
  searchCube: 'lines' | 'sessions';
  drivers: DriverSpec;
  /** Detectors that run, in the order their events reach the ranking. */
  detectors: readonly DetectorId[];
  effect: EffectSpec;
}

type ProfileSpec = Omit<MetricProfile, 'id' | 'label' | 'unit' | 'lineExtras'>;

/** Every metric looks for these; the return rate adds returns spikes. */
const SALES_DETECTORS: readonly DetectorId[] = ['stockouts', 'campaigns', 'prices', 'quiet_channels', 'ratings'];
const NO_OWN_EFFECTS: Omit<EffectSpec, 'noise'> = {
  runRate: null,
  stockout: null,
  outage: null,
  volume: false,
  native: [],
};
/**
 * On a ratio a stock-out's SKUs keep their own rate and follow their category's volume: their net
 * sales' share of the category's in-stock siblings before the period × the siblings' period sales.
 */
const STOCKOUT_NET: StockoutSpec = { measure: 'net', lostFact: 'estimated_lost_sales', soloLinesOnly: false };
/**
 * On a ratio over orders or customers the same lost sales come back as lines at the SKUs' own values
 * per line, with an order only for a line that was its order's one line (stockout-ratio.ts).
 */
const stockoutPerOrder = (num: LineMeasure, den: LineMeasure): StockoutSpec => ({
  measure: 'net',
  lostFact: 'estimated_lost_sales',
  soloLinesOnly: false,
  ratio: { num, den },
});

const SPECS: Record<ExplainMetric, ProfileSpec> = {
  net_sales: {
    view: { kind: 'additive', cube: 'lines', measure: 'net' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'channel_chain' },
    detectors: SALES_DETECTORS,
    effect: {
      runRate: { kind: 'additive', measure: 'net' },
      stockout: { measure: 'net', lostFact: 'estimated_lost_sales', soloLinesOnly: false, overDays: true },
      outage: 'net',
      noise: 'net',
      volume: false,
      native: [],
    },
  },
  orders: {
    view: { kind: 'additive', cube: 'lines', measure: 'orders' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'channel_counts', count: 'orders' },
    detectors: SALES_DETECTORS,
    effect: {
      runRate: { kind: 'additive', measure: 'orders' },
      stockout: { measure: 'line_count', lostFact: 'estimated_lost_orders', soloLinesOnly: true, overDays: true },
      outage: 'orders',
      noise: 'orders',
      volume: true,
      native: [],
    },
  },
  units: {
    view: { kind: 'additive', cube: 'lines', measure: 'units' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'channel_counts', count: 'units' },
    detectors: SALES_DETECTORS,
    effect: {
      runRate: { kind: 'additive', measure: 'units' },
      stockout: { measure: 'units', lostFact: 'estimated_lost_units', soloLinesOnly: false, overDays: true },
      // The lost orders back at the channel's units per order lost 2 hits and 2 shares of 19 outages on dev
      // seeds 1001-2200 against the run rate (the channel's share of the rest before the period).
      outage: null,
      noise: 'units',
      volume: true,
      native: [],
    },
  },
  aov: {
    view: { kind: 'ratio', num: 'net', den: 'orders' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'aov' },
    detectors: SALES_DETECTORS,
    effect: { ...NO_OWN_EFFECTS, stockout: stockoutPerOrder('net', 'orders'), outage: 'put_back', noise: 'net' },
  },
  conversion_rate: {
    view: { kind: 'conversion' },
    readsReturns: false,
    searchCube: 'sessions',
    drivers: { kind: 'rate_mix' },
    detectors: SALES_DETECTORS,
    // The own-site orders a stock-out lost: a lost line loses its order only when it was the order's one.
    effect: {
      ...NO_OWN_EFFECTS,
      stockout: {
        measure: 'line_count',
        lostFact: 'estimated_lost_own_site_orders',
        soloLinesOnly: true,
        channel: 'own_website',
        overDays: true,
      },
      noise: null,
    },
  },
  sessions: {
    view: { kind: 'additive', cube: 'sessions', measure: 'sessions' },
    readsReturns: false,
    searchCube: 'sessions',
    drivers: { kind: 'sources' },
    detectors: SALES_DETECTORS,
    effect: { ...NO_OWN_EFFECTS, noise: null },
  },
  return_rate: {
    view: { kind: 'ratio', num: 'returned_orders', den: 'orders' },
    readsReturns: true,
    searchCube: 'lines',
    drivers: { kind: 'rate_mix' },
    detectors: ['stockouts', 'campaigns', 'prices', 'quiet_channels', 'returns', 'ratings'],
    effect: {
      runRate: { kind: 'ratio', num: 'returned_orders', den: 'orders' },
      stockout: STOCKOUT_NET,
      outage: 'put_back',
      noise: null,
      volume: false,
      native: ['returns_spike'],
    },
  },
  // Refunds by return date: the refund rows join the order's leaves, so a returns spike claims its
  // products' refunds and a traffic or stock event its channel's.
  refunds: {
    view: { kind: 'additive', cube: 'lines', measure: 'refunds' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'additive_by', dim: 'channel' },
    detectors: ['stockouts', 'campaigns', 'prices', 'quiet_channels', 'returns', 'ratings'],
    effect: { ...NO_OWN_EFFECTS, noise: 'net', native: ['returns_spike'] },
  },
  discount_rate: {
    view: { kind: 'ratio', num: 'discount', den: 'gross' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'rate_mix' },
    detectors: SALES_DETECTORS,
    effect: { ...NO_OWN_EFFECTS, stockout: STOCKOUT_NET, outage: 'put_back', noise: 'net' },
  },
  /** New customers ÷ customers, each customer counted once over their orders' lines in the period. */
  new_customer_share: {
    view: { kind: 'ratio', num: 'new_customers', den: 'customers' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'rate_mix' },
    detectors: SALES_DETECTORS,
    effect: { ...NO_OWN_EFFECTS, stockout: stockoutPerOrder('new_customers', 'customers'), noise: null },
  },
  gross_margin: {
    view: { kind: 'ratio', num: 'margin', den: 'net' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'rate_mix' },
    detectors: SALES_DETECTORS,
    effect: { ...NO_OWN_EFFECTS, stockout: STOCKOUT_NET, outage: 'put_back', noise: 'net' },
  },
};

/** The extra line measures a profile's view and effect read. */
function lineExtrasOf(spec: ProfileSpec): ExtraLineMeasure[] {
  const v = spec.view;
  const read = v.kind === 'additive' && v.cube === 'lines' ? [v.measure] : v.kind === 'ratio' ? [v.num, v.den] : [];
  if (spec.readsReturns) read.push('returned_orders');
  return EXTRA_LINE_MEASURES.filter((m) => read.includes(m));
}

function profileOf(id: ExplainMetric): MetricProfile {
  return { id, label: METRICS[id].label, unit: METRICS[id].unit, ...SPECS[id], lineExtras: lineExtrasOf(SPECS[id]) };
}

export const PROFILES: Record<ExplainMetric, MetricProfile> = Object.fromEntries(
  EXPLAIN_METRICS.map((id) => [id, profileOf(id)]),
) as Record<ExplainMetric, MetricProfile>;
