// Stage 5, rank: each event and each segment the search found is weighed by its effect on the metric
// (causes.ts); events that start in the period are held to the run-rate cube when the profile has one.
import { rankCauses, type Ranking } from '../causes.ts';
import { additiveView, ratioView, segmentMask, totals, type MetricView, type Segment } from '../cube.ts';
import type { DetectedEvent } from '../detect/types.ts';
import type { MetricProfile } from '../profiles.ts';
import { runRate, type RunRate } from '../run-rate.ts';
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
  const campaignSources = new Set(
    [...x.loaded.sources.values()].filter((s) => s.campaignId !== null).map((s) => s.name),
  );
  return runRate({
    view: x.loaded.view,
    pre,
    from: x.periodFrom,
    established: (sku) => rr.established.has(sku),
    campaignSource: (name) => campaignSources.has(name),
    eventSegments: x.events.map((e) => e.segment),
    perUnit: x.where.perUnit,
  });
}

/** A data-only segment's value in each period, to 4 decimals. */
function segmentFacts(view: MetricView, seg: Segment): Record<string, number> {
  const m = segmentMask(view, seg);
  if (!m) return {};
  const s = totals(view, m);
  const round = (v: number) => Math.round(v * 10 ** 4) / 10 ** 4;
  return { a: round(s.a), b: round(s.b) };
}
