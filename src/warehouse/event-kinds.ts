// The kinds of business event the scenarios plant and the detectors find. One list here, below both
// seed/ and src/tools, so the generator, explain_change and the cause scoring cannot drift apart.

export const EVENT_KINDS = [
  'stockout',
  'campaign_start',
  'campaign_end',
  'price_increase',
  'price_decrease',
  'traffic_drop',
  'traffic_surge',
  'channel_outage',
  'returns_spike',
  'rating_drop',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
