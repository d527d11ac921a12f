// Stage 2, events: the profile's detectors read their evidence rows, then the events whose effect the
// profile measures directly get it (a stock-out's lost sales from its category siblings, a channel
// outage held to the channel's other days of the period).
import type { Filters } from '../../filters.ts';
import { dayCount } from '../../../calendar/index.ts';
import { catalogue } from '../catalogue.ts';
import { additiveView, growthOutside } from '../cube.ts';
import { outageEffect } from '../detect/channels.ts';
import type { DetectedEvent, Window } from '../detect/types.ts';
import { DETECTORS, type DetectorContext } from '../detectors.ts';
import type { MetricProfile } from '../profiles.ts';
import { estimateStockouts } from '../stockout-estimate.ts';
import type { Loaded } from './load.ts';

export interface EventsInput {
  profile: MetricProfile;
  loaded: Loaded;
  window: Window;
  filters: Filters;
}

export function findEvents(x: EventsInput): DetectedEvent[] {
  const { profile, loaded, window: w } = x;
  const ctx = detectorContext(loaded, w);
  const events = profile.detectors.flatMap((id) => DETECTORS[id].detect(loaded.evidence[id] ?? [], ctx));
  const rr = loaded.runRate;
  if (rr && profile.effect.stockout) {
    estimateStockouts({
      spec: profile.effect.stockout,
      events,
      products: loaded.products,
      lines: loaded.lines,
      pre: rr.table,
      established: rr.established,
      growth: ctx.growth,
    });
  }
  // The daily channel query counts whole orders: a category filter would count other lines too.
  const measure = profile.effect.outage;
  if (measure && !x.filters.category) {
    const daily = loaded.evidence.quiet_channels ?? [];
    const outages = events.filter((e) => e.kind === 'channel_outage');
    for (const e of outages) {
      const effect = outageEffect(daily, w, e, outages, measure);
      if (effect === null) continue;
      e.effect = effect;
      e.effectOverDays = true;
    }
  }
  return events;
}

function detectorContext(loaded: Loaded, w: Window): DetectorContext {
  const { lines, sessions, products } = loaded;
  const salesA = new Map<number, number>();
  const pd = lines.dimNames.indexOf('product');
  const skuToId = new Map([...products].map(([id, p]) => [p.sku, id]));
  for (let i = 0; i < lines.n; i++) {
    const id = skuToId.get(lines.values[i]![pd]!);
    if (id !== undefined) salesA.set(id, (salesA.get(id) ?? 0) + lines.measures.net!.a[i]!);
  }
  const sessBySource = new Map<string, { a: number; b: number }>();
  const sd = sessions.dimNames.indexOf('source');
  for (let i = 0; i < sessions.n; i++) {
    const s = sessions.values[i]![sd]!;
    const cur = sessBySource.get(s) ?? { a: 0, b: 0 };
    cur.a += sessions.measures.sessions!.a[i]!;
    cur.b += sessions.measures.sessions!.b[i]!;
    sessBySource.set(s, cur);
  }
  const lenA = dayCount(w.a.from, w.a.to);
  return {
    window: w,
    catalogue: catalogue(products),
    growth: growthOutside(additiveView(lines, 'net', ''), null).num,
    dailySalesA: (id) => (salesA.get(id) ?? 0) / lenA,
    sessionsOf: (s) => sessBySource.get(s) ?? { a: 0, b: 0 },
    sourceName: (s) => loaded.alias.get(s) ?? s,
  };
}
