// A campaign cut short inside the period: its own traffic source's daily sessions, held to the
// organic traffic of the same days, fell from some day on well below what its own earlier days
// (before the period or early in it) say, and stayed there until its scheduled end. The calendar
// still lists it, so the comparison period cannot tell: a campaign the comparison month did not have
// looks like a start on the calendar, and only its days say it was cut. Held to the organic sessions
// of the same days, the weekday, the season and a site-wide fall move both alike; held to the organic
// sessions without each one place in turn (a source, a device, a country) and read at the weakest of
// those, a surge of one organic place (which lowers the campaign's share of all visits) is no cut.
// Pure: no database.
import { addDaysTo } from '../../../calendar/index.ts';
import { bounds } from '../../filters.ts';
import { type Dialect, dayOf } from '../../sql/dialect.ts';
import { and, raw, sql, type Fragment } from '../../sql/fragment.ts';
import { segmentMask, type MetricView } from '../cube.ts';
import type { DetectedEvent, Window } from './types.ts';

/** Own-site sessions of one day, traffic source, country and device (sources by their cube name). */
export interface SessionDay {
  day: string;
  source: string;
  country: string;
  device: string;
  sessions: number;
}

/** A campaign's traffic source and its days on the calendar (yearly editions: one entry each). */
export interface ScheduledCampaign {
  source: string;
  name: string;
  start: string;
  end: string;
}

/** Days before the period whose sessions may set the campaign's rate. */
export const CUT_LEAD_DAYS = 28;
/**
 * The rate needs at least this many of the campaign's days before the cut, and this many sessions…
 * (one day: a campaign cut on its second day, whose first sets its rate; the test below carries how
 * few they are).
 */
const MIN_BEFORE_DAYS = 1;
const MIN_BEFORE_SESSIONS = 30;
/** …and the cut this many days after it. */
const MIN_AFTER_DAYS = 3;
/** A cut leaves the campaign this much short of its earlier rate (detect/campaigns.ts's shortfall)… */
const CUT = 0.25;
/**
 * …by this many standard errors, against every organic baseline: the campaign's visits before the
 * cut against their part of all its visits had it kept one rate (`shortfall`).
 */
const CUT_Z = 4;
/**
 * …and this many against each baseline without one place: those are there to show whether one
 * place's surge moved the campaign's share (then the shortfall against them is far under CUT), and
 * the weakest of eighteen noisy readings sits below the total's by chance (3.8 against 5.0 for a
 * campaign losing three fifths of its visits after one day, dev seed 138).
 */
const CUT_Z_PLACE = 3;

export interface CutInput {
  days: SessionDay[];
  campaigns: ScheduledCampaign[];
  window: Window;
  isCampaignSource: (source: string) => boolean;
  evidenceQuery: string;
}

interface Cut {
  source: string;
  name: string;
  from: string;
  to: string;
  actual: number;
  expected: number;
  z: number;
}

export function detectCampaignCuts(x: CutInput): DetectedEvent[] {
  const span = cutSpan(x.window);
  const rows = x.days.filter((r) => r.day >= span.from && r.day <= span.to);
  const baselines = organicBaselines(rows, x.isCampaignSource);
  const out: DetectedEvent[] = [];
  for (const source of new Set(x.campaigns.map((c) => c.source))) {
    const editions = x.campaigns.filter((c) => c.source === source);
    const onCalendar = (d: string) => editions.some((c) => c.start <= d && d <= c.end);
    // Days of the data (some organic visit) the campaign was scheduled on, in order.
    const days = [...baselines.total.keys()].filter(onCalendar).sort();
    if (!days.some((d) => d >= x.window.b.from)) continue;
    const own = new Map<string, number>();
    for (const r of rows) if (r.source === source) own.set(r.day, (own.get(r.day) ?? 0) + r.sessions);
    const cut = strongestCut(
      days,
      days.map((d) => own.get(d) ?? 0),
      baselines.all.map((b) => days.map((d) => b.get(d) ?? 0)),
      x.window.b.from,
    );
    if (cut) out.push(cutEvent({ source, name: editions.at(-1)!.name, ...cut }, x.evidenceQuery));
  }
  return out;
}

/** The organic sessions by day, and the same without each organic source, device and country in turn. */
function organicBaselines(rows: SessionDay[], isCampaign: (s: string) => boolean) {
  const total = new Map<string, number>();
  const without = new Map<string, Map<string, number>>();
  const add = (m: Map<string, number>, d: string, n: number) => m.set(d, (m.get(d) ?? 0) + n);
  for (const r of rows) {
    if (isCampaign(r.source)) continue;
    add(total, r.day, r.sessions);
    for (const key of [`source:${r.source}`, `device:${r.device}`, `country:${r.country}`]) {
      if (!without.has(key)) without.set(key, new Map());
      add(without.get(key)!, r.day, r.sessions);
    }
  }
  const all = [total];
  for (const part of without.values()) {
    const rest = new Map<string, number>();
    for (const [d, n] of total) rest.set(d, n - (part.get(d) ?? 0));
    all.push(rest);
  }
  return { total, all };
}

/**
 * Of the days the campaign may have been cut from (in the period, with enough days on each side, a
 * shortfall that holds against every baseline), the likeliest: the one where a rate before and a
 * rate after, each held to the organic visits, fit the campaign's days best (`cutLikelihood`). The
 * largest shortfall in standard errors is not it: a cut that took hold during its first day leaves
 * that day half-cut, and the next day, with a few more days before it, stands further out while
 * leaving the first day's lost visits out of the effect.
 */
function strongestCut(
  days: string[],
  own: number[],
  baselines: number[][],
  periodFrom: string,
): Omit<Cut, 'source' | 'name'> | null {
  const sum = (xs: number[], i: number, j: number) => xs.slice(i, j).reduce((s, v) => s + v, 0);
  let best: (Omit<Cut, 'source' | 'name'> & { fit: number }) | null = null;
  for (let k = MIN_BEFORE_DAYS; k <= days.length - MIN_AFTER_DAYS; k++) {
    if (days[k]! < periodFrom) continue;
    const before = sum(own, 0, k);
    const actual = sum(own, k, own.length);
    if (before < MIN_BEFORE_SESSIONS) continue;
    const tests = baselines.map((base) => shortfall(before, actual, sum(base, 0, k), sum(base, k, base.length)));
    if (tests.some((t) => t === null)) continue;
    const weakest = tests.reduce((p, q) => (q!.z < p!.z ? q : p))!;
    if (tests[0]!.z < CUT_Z || weakest.z < CUT_Z_PLACE || Math.min(...tests.map((t) => t!.relative)) < CUT) continue;
    const total = baselines[0]!;
    const fit = cutLikelihood(before, actual, sum(total, 0, k), sum(total, k, total.length));
    if (!best || fit > best.fit)
      best = { from: days[k]!, to: days.at(-1)!, actual, expected: weakest.expected, z: weakest.z, fit };
  }
  if (!best) return null;
  const { fit: _, ...cut } = best;
  return cut;
}

/**
 * How much better two rates (visits per organic visit before the cut and after it) fit the
 * campaign's visits than one rate over all its days: the log-likelihood ratio of the counts as
 * Poisson draws. The cut day that maximises it is the change point's estimate.
 */
export function cutLikelihood(before: number, after: number, baseBefore: number, baseAfter: number): number {
  const r0 = (before + after) / (baseBefore + baseAfter);
  const term = (n: number, base: number) => (n > 0 ? n * Math.log(n / base / r0) : 0);
  return term(before, baseBefore) + term(after, baseAfter);
}

/**
 * The campaign's sessions after the cut against its rate before it, both held to one baseline. How
 * far it stands out is read as the test of two Poisson rates does: of all the campaign's visits,
 * those before the cut against the part the baseline's days give them under one rate (a binomial
 * count, with the baseline's own counting noise). The standard error of the shortfall itself takes
 * the rate from the days before the cut, so after one or two days of the campaign it was as wide as
 * the cut it tested (a campaign losing two thirds of its visits on its second day stood 3.9 errors out).
 */
function shortfall(before: number, actual: number, baseBefore: number, baseAfter: number) {
  if (baseBefore <= 0 || baseAfter <= 0) return null;
  const expected = (before / baseBefore) * baseAfter;
  const n = before + actual;
  const p = baseBefore / (baseBefore + baseAfter);
  const variance = n * p * (1 - p) + n * n * (p * (1 - p)) ** 2 * (1 / baseBefore + 1 / baseAfter);
  const z = variance > 0 ? (before - n * p) / Math.sqrt(variance) : 0;
  return { expected, z, relative: expected > 0 ? (expected - actual) / expected : 0 };
}

function cutEvent(c: Cut, evidenceQuery: string): DetectedEvent {
  const lost = c.expected - c.actual;
  return {
    kind: 'campaign_end',
    segment: { source: [c.source] },
    title: `Campaign cut short: ${c.name} took ${Math.round(c.actual)} sessions from ${c.from} to ${c.to}, ${Math.round((lost / c.expected) * 100)}% under the ${Math.round(c.expected)} its own earlier days and the organic traffic imply`,
    start: c.from,
    end: null,
    evidenceQuery,
    facts: {
      campaign: c.name,
      traffic_source: c.source,
      cut_from: c.from,
      sessions_after_cut: Math.round(c.actual),
      sessions_expected: Math.round(c.expected),
      sessions_lost: Math.round(lost),
      z: Math.round(c.z * 10) / 10,
    },
  };
}

export const SESSION_DAYS_LABEL = 'evidence: own-site sessions by day, traffic source, country and device';

/** The days a cut is read from: CUT_LEAD_DAYS before the period to its end. */
export function cutSpan(w: Window): { from: string; to: string } {
  return { from: addDaysTo(w.b.from, -CUT_LEAD_DAYS), to: w.b.to };
}

/** Own-site sessions per day × source × country × device over cutSpan (idx_visits_time covers it). */
export function sessionDaysQuery(w: Window, dialect: Dialect, conds: Fragment[]): Fragment {
  const [lo, hi] = bounds(cutSpan(w));
  const day = dayOf(dialect, raw('v.visit_time'));
  return sql`SELECT t.day, t.source_id, t.country, t.device_type, COUNT(*) AS sessions FROM (SELECT ${day} AS day, v.source_id, v.country, v.device_type FROM visit_logs v
    WHERE ${and([sql`v.visit_time >= ${lo} AND v.visit_time < ${hi}`, ...conds])}) t
    GROUP BY t.day, t.source_id, t.country, t.device_type`;
}

/**
 * The effect on the metric of visits a place lost (a campaign cut) or gained (a surge, lost < 0), read
 * from its days: what the period would have been had the place kept its rate, its leaves scaled by
 * the sessions lost over the sessions it had (each lost visit worth what its kept ones were), against
 * what it was. On a sum the place's period value × that fraction; on a ratio the change of the whole
 * ratio. With `pooled` (the place's sessions in both periods) each lost visit is worth what the
 * place's visits were worth over both periods instead: after a large drop the kept visits are a
 * handful, and their orders too few to value the lost ones by. Null when the view cannot name the
 * place or it had no sessions.
 */
export function lostVisitsEffect(
  view: MetricView,
  e: DetectedEvent,
  sessionsB: number,
  pooled?: { a: number; b: number },
): { effect: number; se: number } | null {
  const lost = Number(e.facts.sessions_lost);
  const mask = segmentMask(view, e.segment);
  if (!mask || !Number.isFinite(lost) || lost === 0 || !(sessionsB > 0)) return null;
  let segNum = 0;
  let segDen = 0;
  let num = 0;
  let den = 0;
  const pool = pooled && pooled.a + pooled.b > 0 ? pooled : null;
  for (let i = 0; i < view.n; i++) {
    num += view.num.b[i]!;
    den += view.den ? view.den.b[i]! : 0;
    if (!mask[i]) continue;
    segNum += view.num.b[i]! + (pool ? view.num.a[i]! : 0);
    segDen += (view.den ? view.den.b[i]! : 0) + (pool && view.den ? view.den.a[i]! : 0);
  }
  const up = lost / (pool ? pool.a + pool.b : sessionsB);
  const effect = view.den
    ? den > 0 && den + up * segDen > 0
      ? num / den - (num + up * segNum) / (den + up * segDen)
      : null
    : -up * segNum;
  if (effect === null) return null;
  const z = Number(e.facts.z);
  return { effect, se: z !== 0 && Number.isFinite(z) ? Math.abs(effect / z) : Math.abs(effect) };
}
