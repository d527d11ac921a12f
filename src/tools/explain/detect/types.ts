// What an event detector hands to the cause ranking: an event found in the data, the segment it
// touches (in the cube's dimension names) and the query that shows it.
import type { EventKind } from '../../../warehouse/event-kinds.ts';
import type { Segment } from '../cube.ts';

export { EVENT_KINDS, type EventKind } from '../../../warehouse/event-kinds.ts';
export type CauseKind = EventKind | 'seasonality' | 'mix_shift';

export interface DetectedEvent {
  kind: EventKind;
  /**
   * Where it happened, in cube dimensions: channel, category, subcategory, product (SKU), country, device, source,
   * customer_type.
   */
  segment: Segment;
  /** Short human text: "8 SKUs of Bikinis at zero stock 2025-07-01 to 2025-07-31". */
  title: string;
  start: string | null;
  end: string | null;
  /** The label of the evidence query in the result's `queries`. */
  evidenceQuery: string;
  /** The numbers the detector read (days at zero, old/new price, sessions before/after…). */
  facts: Record<string, string | number | null>;
  /** The detector's own estimate of the effect on an additive metric, when it has a better one than the cube's. */
  effect?: number;
  /**
   * The own effect was measured on the event's days against the segment's other days of the period,
   * so it stands even when a more specific cause claimed some of its leaves (a stock-out's loss
   * falls on the other days, where the channel still sold).
   */
  effectOverDays?: boolean;
  /**
   * The event's leaves' expected period value over their comparison value, from the detector's own
   * baseline (a stock-out's category siblings): a ratio metric holds the leaves' parts to it instead of
   * the rest of the business's growth.
   */
  segmentGrowth?: number;
  /**
   * The effect on the metric itself, in its units, with its standard error: for a view that cannot
   * name the event's segment (a stock-out of SKUs on conversion, whose cube is by traffic source),
   * measured through the metric's numerator (the own-site orders the SKUs lost) over its denominator.
   * Such a cause claims no leaves.
   */
  metricEffect?: { effect: number; se: number };
  /**
   * A price move's new ÷ old price over its segment, weighted by the segment's period sales (each
   * SKU's own ratio): what the money moved by. The plain average of `facts.average_change_pct`
   * overstates it when a price band held the dear SKUs (most of the money) to a smaller move.
   */
  priceRatio?: number;
}

export interface Window {
  a: { from: string; to: string };
  b: { from: string; to: string };
}
