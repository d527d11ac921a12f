// Stage 5, rank: each event and each segment the search found is weighed by its effect on the metric
// (causes.ts); events that start in the period are held to the run-rate cube when the profile has one.
import { rankCauses, type Ranking } from '../causes.ts';
import { additiveView, ratioView, segmentMask, totals, type MetricView, type Segment } from '../cube.ts';
import { placeOrders, placeSessions, visitsWorthOnRatio as worthOnRatio } from '../detect/traffic-worth.ts';
import { CHANNEL_LABEL } from '../detect/channels.ts';
import type { DetectedEvent } from '../detect/types.ts';
import type { MetricProfile } from '../profiles.ts';
import { runRate, type RunRate } from '../run-rate.ts';
import { stockoutInStockDays } from '../stockout-estimate.ts';
import { campaignSources } from './events.ts';
import { CUBE_LABEL, SESSION_LABEL, type Loaded } from './load.ts';
import type { Where } from './search.ts';

export interface RankStageInput {
  profile: MetricProfile;
  loaded: Loaded;
  events: DetectedEvent[];
  where: Where;
  /** The period's first day: where the run-rate window ends. */
  periodFrom: string;
}

export function rank(x: RankStageInput): Ranking {
  const { profile, loaded, where } = x;
  const view = loaded.view;
  if (profile.searchCube === 'lines') visitsWorth(view, loaded, x.events);
  visitsWorthOnRatio(view, loaded, x.events);
  if (profile.view.kind === 'conversion') stockoutInStockDays(view, loaded.lines, x.events);
  return rankCauses({
    runRate: runRateBaseline(x),
    native: profile.effect.native,
    view,
    events: x.events,
    segments: where.segments,
    lastYear: loaded.lastYear,
    perUnit: where.perUnit,
    launched: where.excluded,
    volume: profile.effect.volume,
    searchEvidence: profile.searchCube === 'sessions' ? SESSION_LABEL : CUBE_LABEL,
    segmentFacts: (seg) => segmentFacts(view, seg),
  });
}

function runRateBaseline(x: RankStageInput): RunRate | null {
  const rr = x.loaded.runRate;
  const spec = x.profile.effect.runRate;
  if (!rr || !spec) return null;
  const pre =
    spec.kind === 'ratio' ? ratioView(rr.table, spec.num, spec.den, '') : additiveView(rr.table, spec.measure, '');
  const campaign = campaignSources(x.loaded);
  return runRate({
    view: x.loaded.view,
    pre,
    from: x.periodFrom,
    established: (sku) => rr.established.has(sku),
    campaignSource: (name) => campaign.has(name),
    eventSegments: x.events.map((e) => e.segment),
    perUnit: x.where.perUnit,
  });
}

/**
 * An own-site place whose sessions moved (detect/traffic.ts, read from the session cube over the whole
 * period) moved a sum of the order lines by the visits it lost or gained, each worth what the place's
 * visits were worth over both periods (its value per session, the comparison's and the period's
 * pooled): the sessions are the evidence, tens of standard errors where the place's few orders are a
 * handful. Held to the comparison × the rest's growth instead, the effect is the difference of two
 * such handfuls, and a source's drop worth a tenth of the change came out under the twentieth that
 * counts (development seed 169); valued at its kept visits alone, a place that lost three quarters of
 * them is valued by a quarter of its orders.
 */
function visitsWorth(view: MetricView, loaded: Loaded, events: DetectedEvent[]): void {
  if (view.kind !== 'additive') return;
  const sessions = additiveView(loaded.sessions, 'sessions', '');
  for (const e of events) {
    if (e.evidenceQuery !== SESSION_LABEL || (e.kind !== 'traffic_drop' && e.kind !== 'traffic_surge')) continue;
    if (e.effect !== undefined || e.metricEffect !== undefined) continue;
    const lost = Number(e.facts.sessions_expected) - Number(e.facts.sessions_b);
    const visits = segmentMask(sessions, e.segment);
    const lines = segmentMask(view, e.segment);
    if (!visits || !lines || !Number.isFinite(lost)) continue;
    const v = totals(sessions, visits);
    const s = totals(view, lines);
    if (v.a + v.b <= 0) continue;
    e.effect = (-lost * (s.a + s.b)) / (v.a + v.b);
    e.effectOverDays = true;
  }
}

/** The same place on a ratio: its gained visits taken out, or its lost ones put back (traffic-worth.ts). */
function visitsWorthOnRatio(view: MetricView, loaded: Loaded, events: DetectedEvent[]): void {
  if (view.kind !== 'ratio') return;
  const sessions = additiveView(loaded.sessions, 'sessions', '');
  const orders = additiveView(loaded.lines, 'orders', '');
  const campaign = campaignSources(loaded);
  const campaignSource = (s: string) => campaign.has(s);
  for (const e of events) {
    if (e.kind !== 'traffic_drop' && e.kind !== 'traffic_surge') continue;
    if (e.effect !== undefined || e.metricEffect !== undefined) continue;
    // Own-site visits from the session cube, or a marketplace's orders over a run of days.
    const market = e.evidenceQuery === CHANNEL_LABEL;
    if (e.evidenceQuery !== SESSION_LABEL && !market) continue;
    const visits = market ? placeOrders(orders, e.segment) : placeSessions(sessions, e.segment, campaignSource);
    if (!visits) continue;
    const lost = market
      ? Number(e.facts.expected_orders) - Number(e.facts.orders)
      : Number(e.facts.sessions_expected) - Number(e.facts.sessions_b);
    const own = worthOnRatio({
      view,
      segment: e.segment,
      lost,
      sessions: visits,
      campaignSource,
      z: Number(e.facts.z),
    });
    if (own) e.metricEffect = own;
  }
}

/** A data-only segment's value in each period, to 4 decimals. */
function segmentFacts(view: MetricView, seg: Segment): Record<string, number> {
  const m = segmentMask(view, seg);
  if (!m) return {};
  const s = totals(view, m);
  const round = (v: number) => Math.round(v * 10 ** 4) / 10 ** 4;
  return { a: round(s.a), b: round(s.b) };
}
