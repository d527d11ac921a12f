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
] as const;
export type ExplainMetric = (typeof EXPLAIN_METRICS)[number];

/** Measures of the order-line cube (cube.ts lineTable; returned_orders only when the profile reads returns). */
export type LineMeasure = 'net' | 'units' | 'orders' | 'returned_orders';

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
  | { kind: 'rate_mix' };

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
}

/** How a cause's effect, and so its share of the change (effect ÷ change), is measured. */
export interface EffectSpec {
  /**
   * The run-rate cube's view that events starting in the period are held to (run-rate.ts); null: the
   * comparison × growth only (the run-rate cube is then not queried).
   */
  runRate: { kind: 'additive'; measure: LineMeasure } | { kind: 'ratio'; num: LineMeasure; den: LineMeasure } | null;
  stockout: StockoutSpec | null;
  /** The daily channel measure a channel outage is held to on the channel's other days; null: the cube's effect. */
  outage: 'orders' | 'net' | null;
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
  /** The cube the segment search runs on, cited as the evidence of data-only causes. */
  searchCube: 'lines' | 'sessions';
  drivers: DriverSpec;
  /** Detectors that run, in the order their events reach the ranking. */
  detectors: readonly DetectorId[];
  effect: EffectSpec;
}

type ProfileSpec = Omit<MetricProfile, 'id' | 'label' | 'unit'>;

/** Every metric looks for these; the return rate adds returns spikes. */
const SALES_DETECTORS: readonly DetectorId[] = ['stockouts', 'campaigns', 'prices', 'quiet_channels', 'ratings'];
const NO_OWN_EFFECTS: Omit<EffectSpec, 'noise'> = {
  runRate: null,
  stockout: null,
  outage: null,
  volume: false,
  native: [],
};

const SPECS: Record<ExplainMetric, ProfileSpec> = {
  net_sales: {
    view: { kind: 'additive', cube: 'lines', measure: 'net' },
    readsReturns: false,
    searchCube: 'lines',
    drivers: { kind: 'channel_chain' },
    detectors: SALES_DETECTORS,
    effect: {
      runRate: { kind: 'additive', measure: 'net' },
      stockout: { measure: 'net', lostFact: 'estimated_lost_sales', soloLinesOnly: false },
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
      stockout: { measure: 'line_count', lostFact: 'estimated_lost_orders', soloLinesOnly: true },
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
      stockout: { measure: 'units', lostFact: 'estimated_lost_units', soloLinesOnly: false },
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
    effect: { ...NO_OWN_EFFECTS, noise: 'net' },
  },
  conversion_rate: {
    view: { kind: 'conversion' },
    readsReturns: false,
    searchCube: 'sessions',
    drivers: { kind: 'rate_mix' },
    detectors: SALES_DETECTORS,
    effect: { ...NO_OWN_EFFECTS, noise: null },
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
      stockout: null,
      outage: null,
      noise: null,
      volume: false,
      native: ['returns_spike'],
    },
  },
};

export const PROFILES: Record<ExplainMetric, MetricProfile> = Object.fromEntries(
  EXPLAIN_METRICS.map((id) => [id, { id, label: METRICS[id].label, unit: METRICS[id].unit, ...SPECS[id] }]),
) as Record<ExplainMetric, MetricProfile>;
