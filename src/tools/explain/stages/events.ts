// Stage 2, events: the profile's detectors read their evidence rows, then the events whose effect the
// profile measures directly get it (a stock-out's lost sales from its category siblings, a channel
// outage held to the channel's other days of the period).
import type { Filters } from '../../filters.ts';
import { dayCount } from '../../../calendar/index.ts';
import { catalogue } from '../catalogue.ts';
import { additiveView, growthOutside, segmentMask, type MetricView, type Segment } from '../cube.ts';
import { SESSION_DAYS_LABEL, lostVisitsEffect } from '../detect/campaign-cuts.ts';
import { outageEffect } from '../detect/channels.ts';
import { lostOrders, outagePutBack } from '../outage-lost.ts';
import type { DetectedEvent, Window } from '../detect/types.ts';
import { DETECTORS, type DetectorContext } from '../detectors.ts';
import type { MetricProfile } from '../profiles.ts';
import { detectTrafficShifts } from '../detect/traffic.ts';
import { detectTrafficDays } from '../detect/traffic-days.ts';
import { placeSessions, visitsWorthOnRatio } from '../detect/traffic-worth.ts';
import { estimateStockouts, stockoutOnConversion } from '../stockout-estimate.ts';
import { priceEffectsOnRatio, setPriceRatios } from '../price-effect.ts';
import { SESSION_LABEL, type Loaded } from './load.ts';

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
  // Every profile loads the session cube: own-site traffic moving in one place is read from it, over
  // the whole period and, for moves of some days, from the sessions by day.
  const traffic = ownSiteTraffic(loaded);
  events.push(...traffic, ...trafficDays(loaded, w, traffic));
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
      daily: loaded.evidence.quiet_channels ? { rows: loaded.evidence.quiet_channels, period: w.b } : undefined,
    });
  }
  // A move read from the sessions by day (a campaign cut, a place's run of days): its own effect, the
  // lost (or gained) visits at the worth of the kept ones.
  const sessionsView = additiveView(loaded.sessions, 'sessions', '');
  for (const e of events) {
    if (e.evidenceQuery !== SESSION_DAYS_LABEL) continue;
    // A place's run of days (traffic-days.ts) is valued at its visits' worth over both periods; a
    // campaign cut at its kept visits' (a campaign's source may have had none in the comparison).
    const place = e.kind === 'traffic_drop' || e.kind === 'traffic_surge';
    if (place && loaded.view.kind === 'ratio') {
      placeOnRatio(loaded, e);
      continue;
    }
    const own = lostVisitsEffect(
      loaded.view,
      e,
      segmentTotal(sessionsView, e.segment),
      place ? segmentTotals(sessionsView, e.segment) : undefined,
    );
    if (!own) continue;
    if (loaded.view.kind === 'additive') {
      e.effect = own.effect;
      e.effectOverDays = true;
    } else e.metricEffect = own;
  }
  // The daily channel query counts whole orders: a category filter would count other lines too.
  const measure = profile.effect.outage;
  if (measure && !x.filters.category) {
    const daily = loaded.evidence.quiet_channels ?? [];
    const outages = events.filter((e) => e.kind === 'channel_outage');
    for (const e of outages) {
      if (measure === 'put_back') {
        // The lost orders back at the channel's own mix: on a sum its own effect, on a ratio the metric's.
        const lost = lostOrders(daily, w, e, outages);
        const own = lost === null ? null : outagePutBack(loaded.view, loaded.lines, e.segment, lost);
        if (!own) continue;
        if (loaded.view.kind === 'additive') {
          e.effect = own.effect;
          e.effectOverDays = true;
        } else e.metricEffect = own;
        continue;
      }
      const effect = outageEffect(daily, w, e, outages, measure);
      if (effect === null) continue;
      e.effect = effect;
      e.effectOverDays = true;
    }
  }
  if (profile.view.kind === 'conversion') {
    for (const e of events) if (e.kind === 'stockout') e.metricEffect = stockoutOnConversion(loaded, e, ctx.growth);
  }
  // A price move's sales-weighted ratio bounds its effect on a sum (the ranking's priceHeld).
  setPriceRatios(loaded.lines, events);
  // A price move on a ratio: the period's values repriced and held to their expected volume.
  const v = profile.view;
  if (v.kind === 'ratio' || v.kind === 'conversion') {
    priceEffectsOnRatio({
      lines: loaded.lines,
      view: loaded.view,
      num: v.kind === 'ratio' ? v.num : 'orders',
      den: v.kind === 'ratio' ? v.den : null,
      window: w,
      events,
      pre: rr ? { table: rr.table, established: rr.established } : null,
    });
  }
  return events;
}

/** A place's run of days on a ratio: its lost visits put back at its own rate (traffic-worth.ts). */
function placeOnRatio(loaded: Loaded, e: DetectedEvent): void {
  const campaign = campaignSources(loaded);
  const campaignSource = (s: string) => campaign.has(s);
  const sessions = placeSessions(additiveView(loaded.sessions, 'sessions', ''), e.segment, campaignSource);
  if (!sessions) return;
  const own = visitsWorthOnRatio({
    view: loaded.view,
    segment: e.segment,
    lost: Number(e.facts.sessions_lost),
    sessions,
    campaignSource,
    z: Number(e.facts.z),
  });
  if (own) e.metricEffect = own;
}

/** Names (as the cube has them) of the traffic sources a campaign owns. */
export function campaignSources(loaded: Loaded): Set<string> {
  return new Set([...loaded.sources.values()].filter((s) => s.campaignId !== null).map((s) => s.name));
}

function ownSiteTraffic(loaded: Loaded): DetectedEvent[] {
  const campaign = campaignSources(loaded);
  return detectTrafficShifts({
    sessions: loaded.sessions,
    campaignSource: (s) => campaign.has(s),
    evidenceQuery: SESSION_LABEL,
  });
}

function trafficDays(loaded: Loaded, w: Window, found: DetectedEvent[]): DetectedEvent[] {
  const campaign = campaignSources(loaded);
  return detectTrafficDays({
    days: loaded.sessionDays,
    window: w,
    campaignSource: (s) => campaign.has(s),
    found,
    evidenceQuery: SESSION_DAYS_LABEL,
  });
}

/** A segment's period value on a view (0 when the view cannot name it). */
function segmentTotal(view: MetricView, seg: Segment): number {
  return segmentTotals(view, seg).b;
}

/** A segment's comparison and period values on a view (0 when the view cannot name it). */
function segmentTotals(view: MetricView, seg: Segment): { a: number; b: number } {
  const mask = segmentMask(view, seg);
  const t = { a: 0, b: 0 };
  if (mask)
    for (let i = 0; i < view.n; i++) {
      if (!mask[i]) continue;
      t.a += view.num.a[i]!;
      t.b += view.num.b[i]!;
    }
  return t;
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
  const campaign = campaignSources(loaded);
  const organic = { a: 0, b: 0 };
  for (const [s, v] of sessBySource) {
    if (campaign.has(s)) continue;
    organic.a += v.a;
    organic.b += v.b;
  }
  const lenA = dayCount(w.a.from, w.a.to);
  return {
    window: w,
    catalogue: catalogue(products),
    growth: growthOutside(additiveView(lines, 'net', ''), null).num,
    dailySalesA: (id) => (salesA.get(id) ?? 0) / lenA,
    sessionsOf: (s) => sessBySource.get(s) ?? { a: 0, b: 0 },
    sourceName: (s) => loaded.alias.get(s) ?? s,
    organicSessionGrowth: organic.a > 0 ? organic.b / organic.a : 0,
    sessionDays: loaded.sessionDays,
    campaignSource: (s) => campaign.has(s),
  };
}
