// Cause ranking: each event found in the data is weighed by its counterfactual effect on the metric
// (the metric with the event's leaves at their expected values instead of their actual ones), the
// expectation being the comparison period × the growth the unaffected leaves showed. Segments the
// search found that no event explains are kept as data-only causes. Pure: no database.
import {
  counterfactualEffect,
  effectNoise,
  growthOutside,
  segmentMask,
  totals,
  type Growth,
  type MetricView,
  type Segment,
} from './cube.ts';
import type { CauseKind, DetectedEvent } from './detect/types.ts';
import type { RunRate } from './run-rate.ts';
import { stockoutLostPartsEffect } from './stockout-lost.ts';

export interface Cause {
  kind: CauseKind;
  segment: Segment;
  title: string;
  /** Effect on the metric in its units (B − counterfactual B); null when the metric cannot be split that way. */
  effect: number | null;
  /** effect / (B − A). */
  share: number | null;
  confidence: 'high' | 'medium' | 'low';
  /** Effect over its noise (sampling error of the leaves it touches). */
  z: number | null;
  evidence: { query: string; facts: Record<string, string | number | null> };
  start?: string | null;
  end?: string | null;
}

export interface RankInput {
  view: MetricView;
  events: DetectedEvent[];
  /** Root-cause segments from the segment search, in its order. */
  segments: Segment[];
  /** The same months' growth one year earlier (B−1y / A−1y of the metric's parts), when the data has it. */
  lastYear: Growth | null;
  /** Mean value per counted line × dispersion: the noise scale of the additive numerator. */
  perUnit: number;
  /** Evidence label for data-only causes found by the segment search. */
  searchEvidence: string;
  /**
   * Leaves of products launched between the periods (no sales in A): their sales come partly out of
   * the existing products' share, so they are left out of the growth an existing segment is held to.
   */
  launched?: Uint8Array;
  /** The metric counts volume (orders, units): price moves then have a known direction. */
  volume?: boolean;
  /** Facts for a data-only segment (e.g. its sessions), keyed by the caller. */
  segmentFacts?: (seg: Segment) => Record<string, string | number | null>;
  /** The run-rate baseline for events that start in the period. */
  runRate?: RunRate | null;
  /** Event kinds that move this metric directly (returns spikes on the return rate): they claim their leaves first. */
  native?: CauseKind[];
}

export interface Ranking {
  a: number;
  b: number;
  delta: number;
  /** Growth the unaffected leaves showed (num, den). */
  growth: Growth;
  expectedB: number;
  causes: Cause[];
  /** Change left over after seasonality and the causes. */
  residual: number;
  noClearCause: boolean;
  reason: string;
}

// An event recorded in the data (a price change, a stock-out) is itself evidence, so its effect needs
// less statistical weight than a segment the search found on its own.
const Z_EVENT = 2;
/**
 * Price moves on a list of SKUs (not a whole category) are routine: a month holds a score of such
 * groups (cost rises, competitor matches), so at z 2 about one of them clears the bar by chance in
 * every answer. At 3 the chance over twenty groups is about 5%.
 */
const Z_ROUTINE_PRICE = 3;
const Z_SEGMENT = 4;
const MIN_SHARE = 0.05;
const MIN_OF_BASE = 0.004;
const MAX_EXCLUDED = 0.6;

/** Sign a sales-like metric must move in when the event is real (prices can go either way). */
const SIGN: Partial<Record<CauseKind, number>> = {
  stockout: -1,
  campaign_end: -1,
  campaign_start: 1,
  channel_outage: -1,
  traffic_drop: -1,
  traffic_surge: 1,
  rating_drop: -1,
};

function union(masks: Uint8Array[], n: number): Uint8Array {
  const u = new Uint8Array(n);
  for (const m of masks) for (let i = 0; i < n; i++) if (m[i]) u[i] = 1;
  return u;
}

function count(m: Uint8Array, other?: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < m.length; i++) if (m[i] && (!other || other[i])) c++;
  return c;
}

function baseShare(view: MetricView, mask: Uint8Array): number {
  let s = 0;
  let t = 0;
  for (let i = 0; i < view.n; i++) {
    const w = view.den ? view.den.a[i]! : view.num.a[i]!;
    t += w;
    if (mask[i]) s += w;
  }
  return t === 0 ? 0 : s / t;
}

/** Leaves at expected values: (g − 1)·A for a sum, (gN/gD − 1)·R_A for a ratio. */
export function expectedChange(view: MetricView, g: Growth): number {
  const t = totals(view);
  return view.kind === 'additive' ? (g.num - 1) * t.a : (g.num / g.den - 1) * t.a;
}

const TRAFFIC_DIMS = ['source', 'channel', 'country', 'device'];
/** A ratio's segment whose volume (the denominator) moved this far beyond the rest's moved as traffic. */
const TRAFFIC_SHIFT = 0.2;

/**
 * What a data-only segment on traffic dimensions was: on a sum, a surge or a drop by the effect's sign;
 * on a ratio, by how its denominator moved against the rest's (sessions flooding in from a source that
 * converts poorly move conversion through the mix: that is a surge). Anything else is a mix shift.
 */
function dataOnlyKind(view: MetricView, seg: Segment, free: Uint8Array, sign: number, g: Growth): CauseKind {
  // Any place traffic comes from: a source, a channel, a country, a device, or a conjunction of them.
  const dims = Object.keys(seg);
  const traffic = dims.length > 0 && dims.every((d) => TRAFFIC_DIMS.includes(d));
  if (!traffic) return 'mix_shift';
  if (view.kind === 'additive') return sign < 0 ? 'traffic_drop' : 'traffic_surge';
  const t = totals(view, free);
  const expected = t.denA * g.den;
  if (expected <= 0) return 'mix_shift';
  const moved = t.denB / expected - 1;
  return moved >= TRAFFIC_SHIFT ? 'traffic_surge' : moved <= -TRAFFIC_SHIFT ? 'traffic_drop' : 'mix_shift';
}

/** Events whose segment is held to its run rate before the period when they start inside it. */
const RUN_RATE_KINDS = new Set<CauseKind>([
  'price_increase',
  'price_decrease',
  'traffic_drop',
  'traffic_surge',
  'channel_outage',
  'returns_spike',
]);

/** A cell of the difference in differences must hold this many noise units in each period. */
const CROSS_MIN_UNITS = 30;

/**
 * An event on two dimensions (Amazon × Swimwear) against a difference in differences: the growth of
 * its row outside its column × that of its column outside its row ÷ that of the rest, leaves
 * already claimed by a cause ranked higher left out of all three. Null when it does not apply or a
 * cell is too thin.
 */
function crossGrowth(
  view: MetricView,
  seg: Segment,
  mask: Uint8Array,
  claimed: Uint8Array,
  launched: Uint8Array | undefined,
  perUnit: number,
): Growth | null {
  const dims = Object.keys(seg).filter((d) => d !== 'product');
  if (view.kind !== 'additive' || dims.length !== 2 || Object.keys(seg).length !== 2) return null;
  const [x, y] = dims.map((d) => view.dimNames.indexOf(d));
  if (x! < 0 || y! < 0) return null;
  const cells = { xo: [0, 0], ox: [0, 0], oo: [0, 0] };
  for (let i = 0; i < view.n; i++) {
    if (mask[i] || claimed[i] || (launched && launched[i])) continue;
    const inX = seg[dims[0]!]!.includes(view.values[i]![x!]!);
    const inY = seg[dims[1]!]!.includes(view.values[i]![y!]!);
    const c = inX && !inY ? cells.xo : !inX && inY ? cells.ox : !inX && !inY ? cells.oo : null;
    if (!c) continue;
    c[0] += view.num.a[i]!;
    c[1] += view.num.b[i]!;
  }
  const min = CROSS_MIN_UNITS * perUnit;
  if (!Object.values(cells).every((c) => c[0]! >= min && c[1]! >= min)) return null;
  const g = (c: number[]) => c[1]! / c[0]!;
  return { num: (g(cells.xo) * g(cells.ox)) / g(cells.oo), den: 1 };
}

/** What the ranking holds every cause to: the expected B, the noise of an effect, the least effect that counts. */
interface Expectation {
  a: number;
  b: number;
  delta: number;
  growth: Growth;
  /** The change the expected growth alone brings. */
  season: number;
  expectedB: number;
  /** Noise of the effect of the given leaves, the expectation's own uncertainty included. */
  noise: (free: Uint8Array) => number;
  /** The change a share is judged against: the larger of the change and the surprise. */
  scale: number;
  /** The least effect a recorded event needs to be a cause. */
  minEffect: number;
  /** The least effect a data-only segment needs. */
  minSegment: number;
}

/** Leaves already claimed by a cause ranked before, and the causes so far. */
interface Claims {
  claimed: Uint8Array;
  claimedSegs: Segment[];
  causes: Cause[];
}

const byEffect = (p: Cause, q: Cause) => Math.abs(q.effect ?? 0) - Math.abs(p.effect ?? 0);

export function rankCauses(x: RankInput): Ranking {
  const { view } = x;
  const eventMasks = x.events.map((e) => segmentMask(view, e.segment));
  const segMasks = x.segments.map((s) => segmentMask(view, s)).filter((m): m is Uint8Array => m !== null);
  const ex = expectation(x, eventMasks);
  const claims: Claims = { claimed: new Uint8Array(view.n), claimedSegs: [], causes: [] };
  for (const i of eventOrder(x, eventMasks)) eventCause(x, ex, i, eventMasks[i] ?? null, segMasks, claims);
  for (const seg of x.segments) segmentCause(x, ex, seg, claims);
  const causes = claims.causes;
  causes.sort(byEffect);
  const explained = causes.reduce((s, c) => s + (c.effect ?? 0), 0);
  const seasonShare = ex.delta === 0 ? 0 : ex.season / ex.delta;
  const seasonal = seasonCause(x, ex, seasonShare);
  if (seasonal) {
    causes.push(seasonal);
    causes.sort(byEffect);
  }
  const residual = ex.delta - ex.season - explained;
  const reason = verdict(causes, seasonShare, ex.scale);
  return {
    a: ex.a,
    b: ex.b,
    delta: ex.delta,
    growth: ex.growth,
    expectedB: ex.expectedB,
    causes,
    residual,
    noClearCause: reason !== '',
    reason,
  };
}

function expectation(x: RankInput, eventMasks: Array<Uint8Array | null>): Expectation {
  const { view } = x;
  const t = totals(view);
  const delta = t.b - t.a;
  // Only recorded events are set aside: a segment the search found may be part of a broad shift
  // (new vs returning customers year on year) that the expectation must keep.
  const excluded = union(
    [...eventMasks.filter((m): m is Uint8Array => m !== null), ...(x.launched ? [x.launched] : [])],
    view.n,
  );
  let growth = growthOutside(view, excluded);
  if (baseShare(view, excluded) > MAX_EXCLUDED && x.lastYear) growth = x.lastYear;
  const season = expectedChange(view, growth);
  const expectedB = t.a + season;
  // The expectation is uncertain too: the growth comes from the rest's two sums, each as noisy as a
  // segment's. A segment as large as a channel moves with that uncertainty, not just its own.
  const rest = totals(view, excluded, true);
  const growthVar =
    view.kind === 'additive' && rest.numA > 0 && rest.numB > 0 ? x.perUnit * (1 / rest.numA + 1 / rest.numB) : 0;
  const noise = (free: Uint8Array) => {
    const own = effectNoise(view, free, growth, x.perUnit);
    let segA = 0;
    for (let i = 0; i < view.n; i++) if (free[i]) segA += view.num.a[i]!;
    return Math.sqrt(own * own + (growth.num * segA) ** 2 * growthVar);
  };
  const scale = Math.max(Math.abs(delta), Math.abs(t.b - expectedB), 1e-12);
  // The floor of a fraction of the level suits a sum (0.4% of a month's sales); a ratio's level says
  // nothing of how far it moves (a 60% margin moving half a point is a large change), so a ratio's
  // effect is judged against the change only, and its noise by z.
  const floor = view.kind === 'additive' ? MIN_OF_BASE * Math.abs(t.a) : 0;
  // A recorded event is material when it moved the metric by a twentieth of the change asked about:
  // against the surprise instead (larger when the season alone would have moved the metric the other
  // way), a sale worth a tenth of a small year-on-year change was dropped (development seed 61).
  const minEffect = Math.max(MIN_SHARE * Math.abs(delta), floor);
  // A segment the search found with no recorded reason needs a twentieth of the larger of the two.
  const minSegment = Math.max(MIN_SHARE * scale, floor);
  return { a: t.a, b: t.b, delta, growth, season, expectedB, noise, scale, minEffect, minSegment };
}

/**
 * Events native to the metric claim first (a returns spike on the return rate, not a price change
 * that happens to touch the same SKUs). Then specific events: a stocked-out SKU inside a repriced
 * category is the stock-out's loss. Events with their own effect estimate (a stock-out) claim their
 * leaves first, so the estimate applies whole; a traffic move measured over its days need not.
 */
function eventOrder(x: RankInput, eventMasks: Array<Uint8Array | null>): number[] {
  const size = (i: number) => (eventMasks[i] ? count(eventMasks[i]!) : Infinity);
  const native = (i: number) => Number(x.native?.includes(x.events[i]!.kind) ?? false);
  const hasOwn = (i: number) => {
    const e = x.events[i]!;
    // Visits a place lost or gained are measured over its days whatever else claimed its leaves, and
    // take every product's sales alike: a price move or a stock-out inside the place keeps its own.
    if (e.effectOverDays && (e.kind === 'traffic_drop' || e.kind === 'traffic_surge')) return 0;
    return Number(e.effect !== undefined || e.segmentGrowth !== undefined);
  };
  return x.events.map((_, i) => i).sort((i, j) => native(j) - native(i) || hasOwn(j) - hasOwn(i) || size(i) - size(j));
}

/** Weighs one event on the leaves no higher-ranked cause claimed; a cause claims them. */
function eventCause(
  x: RankInput,
  ex: Expectation,
  i: number,
  mask: Uint8Array | null,
  segMasks: Uint8Array[],
  claims: Claims,
): void {
  const { view } = x;
  const { claimed } = claims;
  const e = x.events[i]!;
  if (!mask) {
    // The view cannot name the event's leaves (SKUs on conversion by source): its own measure on the metric.
    if (e.metricEffect) directCause(x, ex, e, claims);
    return;
  }
  const free = Uint8Array.from(mask, (v, k) => (v && !claimed[k] ? 1 : 0));
  if (count(free) === 0) return;
  const whole = count(free) === count(mask);
  // A ratio's own measure of the event on the metric (a price move repriced out of its segment's period
  // values), made on the whole segment as the ground truth's "all events but this one" is.
  // A stock-out's own measure on a ratio puts its lost lines back (stockout-ratio.ts).
  const onRatio =
    view.kind === 'ratio' && (e.effect === undefined || e.kind === 'stockout') ? (e.metricEffect ?? null) : null;
  const own =
    onRatio?.effect ??
    (e.effect !== undefined && (whole || e.effectOverDays) && view.kind === 'additive' ? e.effect : null);
  // An event that starts in the period is held to its segment's run rate before it.
  const rr =
    own === null && x.runRate && RUN_RATE_KINDS.has(e.kind) && e.start !== null && e.start >= x.runRate.from
      ? x.runRate.effect(e.segment, free, claims.claimedSegs)
      : null;
  // A ratio holds the event's leaves to the detector's own baseline when it has one (a stock-out's
  // siblings): their rate stays their own, their volume follows what their category did.
  const segG =
    own === null && rr === null && view.kind === 'ratio' && whole && e.segmentGrowth !== undefined
      ? { num: e.segmentGrowth, den: e.segmentGrowth }
      : null;
  const did =
    own === null && rr === null && segG === null
      ? crossGrowth(view, e.segment, free, claimed, x.launched, x.perUnit)
      : null;
  // A stock-out held to its siblings keeps its kept lines and puts the lost volume back (stockout-lost.ts).
  const lostBack = segG ? stockoutLostPartsEffect(view, free, segG.num) : null;
  const raw = own ?? rr?.effect ?? lostBack ?? counterfactualEffect(view, free, segG ?? did ?? ex.growth);
  const effect = priceHeld(x, e, free, raw);
  const se = rr?.se ?? onRatio?.se ?? ex.noise(free);
  const z = se > 0 ? effect / se : 0;
  // A place's visits that moved on the session evidence (a strict detector) stay a cause on a ratio however
  // little their extra or lost visits moved it: the place's rate is the rest's, and the visits were real.
  const placeOnRatio = onRatio !== null && (e.kind === 'traffic_surge' || e.kind === 'traffic_drop');
  if (!isEventCause(x, e, effect, z, placeOnRatio ? 0 : ex.minEffect)) return;
  const corroborated = segMasks.some((m) => {
    const both = count(m, free);
    return both > 0.3 * count(free) || both > 0.3 * count(m);
  });
  for (let k = 0; k < view.n; k++) if (free[k]) claimed[k] = 1;
  claims.claimedSegs.push(e.segment);
  claims.causes.push({
    kind: e.kind,
    segment: e.segment,
    title: e.title,
    effect,
    share: ex.delta === 0 ? null : effect / ex.delta,
    confidence: Math.abs(z) >= 4 && corroborated ? 'high' : Math.abs(z) >= 3 || corroborated ? 'medium' : 'low',
    z,
    evidence: { query: e.evidenceQuery, facts: e.facts },
    start: e.start,
    end: e.end,
  });
}

/**
 * The largest own-price elasticity (in size) a price move is credited with. Measured retail
 * own-price elasticities mostly lie between -0.5 and -3 (meta-analyses put the mean near -2.6);
 * 4 leaves room for the steepest.
 */
const MAX_ELASTICITY = 4;

/**
 * What a price move of `p` (0.1 for +10%) can do to its segment's period value on a sum: volume
 * follows the price by a factor (1+p)^-e and revenue by (1+p)^(1-e), e from 0 to MAX_ELASTICITY.
 * The period value B was the counterfactual × that factor f, so the effect B - B/f lies between the
 * two ends (and 0). Null when p says nothing.
 */
export function priceEffectRange(p: number, periodValue: number, volume: boolean): [number, number] | null {
  if (!Number.isFinite(p) || p <= -1 || p === 0) return null;
  const factor = (e: number) => (volume ? (1 + p) ** -e : (1 + p) ** (1 - e));
  const effect = (f: number) => periodValue - periodValue / f;
  const ends = [effect(factor(0)), effect(factor(MAX_ELASTICITY))];
  return [Math.min(0, ...ends), Math.max(0, ...ends)];
}

/**
 * A price move's effect on a sum, held to what the move could do: a segment that moved further (a
 * handful of SKUs' noisy sales, a category's own season, another event on the same leaves) moved
 * for other reasons too, and that part is not the price move's. Other events and ratios pass as they are.
 */
function priceHeld(x: RankInput, e: DetectedEvent, free: Uint8Array, effect: number): number {
  if (x.view.kind !== 'additive' || (e.kind !== 'price_increase' && e.kind !== 'price_decrease')) return effect;
  let b = 0;
  for (let i = 0; i < x.view.n; i++) if (free[i]) b += x.view.num.b[i]!;
  // The sales-weighted ratio when the line cube gave one: the plain average overstates a banded move.
  const p = e.priceRatio !== undefined ? e.priceRatio - 1 : Number(e.facts.average_change_pct) / 100;
  const range = priceEffectRange(p, b, Boolean(x.volume));
  return range ? Math.min(range[1], Math.max(range[0], effect)) : effect;
}

function isEventCause(x: RankInput, e: DetectedEvent, effect: number, z: number, minEffect: number): boolean {
  const additive = x.view.kind === 'additive';
  const sign = SIGN[e.kind];
  // A stock-out, a quiet channel, a campaign edge, a returns spike or a category-wide price change
  // is evidence on its own (the detectors are strict): it is a cause when its effect is material and
  // points a way the event can move the metric, however noisy the estimate (z then sets the
  // confidence). Single-SKU price moves are routine, and a rating drop shows a quality problem but
  // not that it moved sales: both must clear the statistical bar (routine price moves a higher one).
  const price = e.kind === 'price_increase' || e.kind === 'price_decrease';
  const strong = e.kind !== 'rating_drop' && (!price || Boolean(e.segment.category || e.segment.subcategory));
  const bar = price ? Z_ROUTINE_PRICE : Z_EVENT;
  if ((!strong && Math.abs(z) < bar) || Math.abs(effect) < minEffect) return false;
  if (sign !== undefined && additive && Math.sign(effect) !== sign) return false;
  // On a volume (orders, units) dearer means fewer and cheaper more; only revenue can go either way.
  const volumeSign = e.kind === 'price_increase' ? -1 : e.kind === 'price_decrease' ? 1 : undefined;
  return !(x.volume && volumeSign !== undefined && additive && Math.sign(effect) !== volumeSign);
}

/** An event measured on the metric directly (DetectedEvent.metricEffect): a cause that claims no leaves. */
function directCause(x: RankInput, ex: Expectation, e: DetectedEvent, claims: Claims): void {
  const sign = SIGN[e.kind];
  const own = ownOnRatio(x.view, e);
  // The own estimate (a share of the category before the period) is the sharper one, but on a thin
  // view (a few own-site orders a day) it can point the way the event cannot move the metric (a
  // stock-out that gained orders): it then measured noise, and the metric's own measure (the SKUs held
  // to their category's growth) stands.
  const keepOwn = (o: { effect: number }) => sign === undefined || Math.sign(o.effect) === sign || !e.metricEffect;
  const { effect, se } = own && keepOwn(own) ? own : e.metricEffect!;
  const z = se > 0 ? effect / se : 0;
  if (!isEventCause(x, e, effect, z, ex.minEffect) || (sign !== undefined && Math.sign(effect) !== sign)) return;
  claims.causes.push({
    kind: e.kind,
    segment: e.segment,
    title: e.title,
    effect,
    share: ex.delta === 0 ? null : effect / ex.delta,
    confidence: Math.abs(z) >= 3 ? 'medium' : 'low',
    z,
    evidence: { query: e.evidenceQuery, facts: e.facts },
    start: e.start,
    end: e.end,
  });
}

/**
 * An own estimate in the ratio's numerator units (the own-site orders a stock-out lost, from the
 * SKUs' share of their category before the period) on a view that cannot name the event's leaves: the
 * ratio moves by it over the period's denominator, which the event left alone (the visitors came).
 * It replaces the metric effect's comparison × growth, which carries a year's drift in the SKUs' share.
 */
function ownOnRatio(view: MetricView, e: DetectedEvent): { effect: number; se: number } | null {
  if (view.kind !== 'ratio' || e.effect === undefined || !e.metricEffect) return null;
  const denB = totals(view).denB;
  return denB > 0 ? { effect: e.effect / denB, se: e.metricEffect.se } : null;
}

/** A segment the search found that no event covers: where it happened, without a recorded reason. */
function segmentCause(x: RankInput, ex: Expectation, seg: Segment, claims: Claims): void {
  const { view } = x;
  const mask = segmentMask(view, seg);
  if (!mask) return;
  const free = Uint8Array.from(mask, (v, k) => (v && !claims.claimed[k] ? 1 : 0));
  if (count(free) < 0.5 * count(mask)) return;
  const effect = counterfactualEffect(view, free, ex.growth);
  const se = ex.noise(free);
  const z = se > 0 ? effect / se : 0;
  if (Math.abs(z) < Z_SEGMENT || Math.abs(effect) < ex.minSegment) return;
  for (let k = 0; k < view.n; k++) if (free[k]) claims.claimed[k] = 1;
  const kind = dataOnlyKind(view, seg, free, Math.sign(effect), ex.growth);
  const where = Object.entries(seg)
    .map(([d, v]) => `${d} ${v.join('/')}`)
    .join(' × ');
  claims.causes.push({
    kind,
    segment: seg,
    title: `${where} ${effect < 0 ? 'fell' : 'rose'} beyond the rest, with no recorded campaign, price or stock event`,
    effect,
    share: ex.delta === 0 ? null : effect / ex.delta,
    confidence: Math.abs(z) >= 6 ? 'medium' : 'low',
    z,
    evidence: { query: x.searchEvidence, facts: x.segmentFacts?.(seg) ?? {} },
  });
}

/** The expected growth as a cause of its own, when it moves the metric materially. */
function seasonCause(x: RankInput, ex: Expectation, seasonShare: number): Cause | null {
  const { view } = x;
  const { delta, season, growth } = ex;
  const material = Math.abs(season) >= Math.max(MIN_SHARE * Math.abs(delta), MIN_OF_BASE * Math.abs(ex.a));
  if (!material) return null;
  const ly = x.lastYear ? (view.kind === 'additive' ? x.lastYear.num : x.lastYear.num / x.lastYear.den) : null;
  const now = view.kind === 'additive' ? growth.num : growth.num / growth.den;
  const agree = ly === null ? null : Math.abs(now / ly - 1);
  return {
    kind: 'seasonality',
    segment: {},
    title:
      ly === null
        ? `The unaffected part of the business moved ${pct(now - 1)}: the general trend between the two periods`
        : `The unaffected part moved ${pct(now - 1)}; the same months last year moved ${pct(ly - 1)}`,
    effect: season,
    share: delta === 0 ? null : seasonShare,
    confidence: agree === null ? 'low' : agree <= 0.05 ? 'high' : agree <= 0.15 ? 'medium' : 'low',
    z: null,
    evidence: {
      query: 'season: same months last year',
      facts: { growth_unaffected: round4(now), growth_last_year: ly === null ? null : round4(ly) },
    },
  };
}

/** Why no single cause stands out, or '' when one does. */
function verdict(causes: Cause[], seasonShare: number, scale: number): string {
  const top = causes.find((c) => c.kind !== 'seasonality');
  if (!top) {
    return Math.abs(seasonShare) >= 0.7
      ? 'the change is in line with the season and the trend; no event stands out'
      : 'no segment or event stands out from the noise';
  }
  if (Math.abs(top.effect ?? 0) < 0.3 * scale) {
    return `the largest single cause explains only ${pct(Math.abs((top.effect ?? 0) / scale))} of the change`;
  }
  return '';
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
