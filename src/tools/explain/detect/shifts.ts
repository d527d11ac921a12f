// A marketplace's orders surging or dropping: a run of days in the current period where a marketplace
// channel (or one country of it) took far more or fewer orders than its peers say it should have. The
// peers are what the season and the trend moved alike: a channel is held to the other channels
// together (the other marketplace and the own site) and must depart from each of them alone the same
// way, so one peer's own campaign or outage does not make it look shifted while a thin peer's noise
// does not hide it; a country is held to the same channel's other countries. The own site is a peer
// only: its campaigns and traffic sources move it on their own, and the campaign and session evidence
// (and the segment scan) cover them. A drop to under half of what the peers imply over its run is a
// partial outage (the channel mostly stopped taking orders), not fewer shoppers.
import type { Row } from '../../../db/types.ts';
import { addDaysTo, dayCount } from '../../../calendar/index.ts';
import { CHANNEL_LABEL, dailySeries, type Series } from './channels.ts';
import type { DetectedEvent, Window } from './types.ts';

/** A shift must be this many standard errors from the expectation, the peers' own noise included. */
const MIN_Z = 4.5;
/** …and this large against the expectation over its run. */
const MIN_RELATIVE = 0.3;
/** …and this many orders, so a thin series cannot shift by chance. */
const MIN_ORDERS = 12;
const MIN_RUN = 4;
/** A run this close to the most standard errors out counts as far out (bestRun). */
const RUN_NEAR = 0.8;
/**
 * Held to each peer alone, a shift found against the peers together must point the same way by this
 * many standard errors: a peer's own campaign or outage makes the others look shifted against it, not
 * against the other peers…
 */
const PEER_Z = 2;
/** …or depart from it at least this fraction as far as from the peers together. */
const PEER_HALF = 0.5;
/** A drop that leaves a run of days under this fraction of what the peers imply is an outage. */
const OUTAGE_LEFT = 0.5;
/**
 * Held to the series' own other days of the period when it has enough of them (the same weeks, no
 * peer's season or campaign in it); a run over (almost) the whole period is held to its peers only,
 * whose growth carries their own moves, so it must leave under this fraction to be an outage.
 */
const OUTAGE_LEFT_WHOLE = 0.3;
const MIN_OTHER_DAYS = 3;
/**
 * Countries that shifted replace their channel's shift when they carry this much of the channel's
 * excess and the rest of the channel did not shift on its own.
 */
const CHILD_CARRIES = 0.5;
const OWN_SITE = 'own_website';

interface Shift {
  series: Series;
  from: string;
  to: string;
  actual: number;
  expected: number;
  z: number;
}

/** The own site is a peer of the marketplaces as a whole, never tested itself, so it has no country series. */
const collect = (rows: Row[], w: Window) => dailySeries(rows, w, (channel) => channel !== OWN_SITE);

function total(s: Series): number {
  let n = 0;
  for (const v of s.b.values()) n += v;
  return n;
}

/** The peers' growth (B ÷ A) and its relative variance, from their order counts. */
function peerGrowth(peers: Series[]): { g: number; relVar: number } | null {
  const a = peers.reduce((n, s) => n + s.a, 0);
  const b = peers.reduce((n, s) => n + total(s), 0);
  if (a < MIN_ORDERS || b < MIN_ORDERS) return null;
  return { g: b / a, relVar: 1 / a + 1 / b };
}

/** Is a departure of `dev` orders from `expected` large enough to be an event at all? */
function isBig(dev: number, expected: number): boolean {
  return dev >= Math.max(MIN_ORDERS, MIN_RELATIVE * expected);
}

/**
 * The run of days (of MIN_RUN or more) where the series departs furthest from its expectation: of the
 * runs large enough to be an event (isBig; a few days a dozen orders short are too few however far
 * out, and must not hide the longer run they sit in), the runs that hold the one most standard errors out and come within RUN_NEAR of it, the one most orders
 * short (or over), with the most standard errors of any run as its z. Standard
 * errors first: over a long run the noise of the comparison and of the peers' growth grows with the
 * expectation, so the run most orders short can take in the days around a short deep fall and hide
 * it. Orders then: deep falls of a few days inside a long one are as many standard errors out, and
 * the event is the long one.
 */
function bestRun(
  s: Series,
  w: Window,
  perDay: number,
  sign: 1 | -1,
  relVar: number,
): { from: string; to: string; z: number } | null {
  const days: string[] = [];
  for (let d = w.b.from; d <= w.b.to; d = addDaysTo(d, 1)) days.push(d);
  const cum = [0];
  for (const d of days) cum.push(cum.at(-1)! + (s.b.get(d) ?? 0));
  const runs: Array<{ i: number; j: number; dev: number; z: number }> = [];
  for (let i = 0; i < days.length; i++) {
    for (let j = i + MIN_RUN - 1; j < days.length; j++) {
      const actual = cum[j + 1]! - cum[i]!;
      const expected = perDay * (j - i + 1);
      const dev = sign * (actual - expected);
      if (dev > 0 && isBig(dev, expected)) runs.push({ i, j, dev, z: dev / runSe(actual, expected, relVar) });
    }
  }
  if (!runs.length) return null;
  const peak = runs.reduce((p, q) => (q.z > p.z || (q.z === p.z && q.j - q.i > p.j - p.i) ? q : p));
  const top = peak.z;
  const best = runs
    .filter((r) => r.z >= RUN_NEAR * top && r.i <= peak.i && r.j >= peak.j)
    .reduce((p, q) => (q.dev > p.dev ? q : p));
  return { from: days[best.i]!, to: days[best.j]!, z: sign * top };
}

/** A run's standard error: Poisson noise of its orders, of the series' own comparison count and of the peers' growth. */
function runSe(actual: number, expected: number, relVar: number): number {
  return Math.sqrt(actual + expected * expected * relVar);
}

/** The series' expected orders per day in the period, held to its peers' growth. */
function perDayOf(s: Series, pg: { g: number }, lenA: number): number {
  return (s.a / lenA) * pg.g;
}

/** The shift over a given run against the given peers (null when the peers are too thin). */
function shiftOver(s: Series, peers: Series[], run: { from: string; to: string }, lenA: number): Shift | null {
  const pg = peerGrowth(peers);
  if (!pg || s.a < MIN_ORDERS) return null;
  const days = dayCount(run.from, run.to);
  let actual = 0;
  for (let d = run.from; d <= run.to; d = addDaysTo(d, 1)) actual += s.b.get(d) ?? 0;
  const expected = perDayOf(s, pg, lenA) * days;
  // Poisson noise of the run, of the series' own comparison count and of the peers' growth.
  const se = runSe(actual, expected, 1 / s.a + pg.relVar);
  const z = se > 0 ? (actual - expected) / se : 0;
  return { series: s, ...run, actual, expected, z };
}

function shiftOf(s: Series, peers: Series[], w: Window, lenA: number): Shift | null {
  const pg = peerGrowth(peers);
  if (!pg || s.a < MIN_ORDERS) return null;
  const perDay = perDayOf(s, pg, lenA);
  const totalB = total(s);
  const sign = totalB >= perDay * dayCount(w.b.from, w.b.to) ? 1 : -1;
  const run = bestRun(s, w, perDay, sign, 1 / s.a + pg.relVar);
  if (!run) return null;
  const over = shiftOver(s, peers, run, lenA);
  if (!over) return null;
  // The run's days are the event's; its standard errors are those of the run furthest out.
  const t = { ...over, z: run.z };
  return Math.abs(t.z) >= MIN_Z && isBig(Math.abs(t.actual - t.expected), t.expected) ? t : null;
}

/**
 * A shift against the peer groups together, which each group that has enough orders, held to alone
 * over the same days, must not contradict: the same way, by PEER_Z standard errors or PEER_HALF as far.
 */
function shiftAgainstEach(s: Series, groups: Series[][], w: Window, lenA: number): Shift | null {
  const usable = groups.filter((g) => peerGrowth(g) !== null);
  if (!usable.length) return null;
  const pooled = shiftOf(s, usable.flat(), w, lenA);
  if (!pooled) return null;
  const rel = (t: Shift) => t.actual / t.expected - 1;
  for (const g of usable) {
    const t = shiftOver(s, g, pooled, lenA);
    if (!t || Math.sign(t.z) !== Math.sign(pooled.z)) return null;
    // Clear against this peer alone, or at least half as far as against all: a thin peer's noise
    // leaves the first unclear; a peer's own event moves the others against it, not the shifted one.
    if (Math.abs(t.z) < PEER_Z && Math.abs(rel(t)) < PEER_HALF * Math.abs(rel(pooled))) return null;
  }
  return pooled;
}

/**
 * Shifts among series that are each other's peers, one at a time: the strongest is taken and leaves
 * the peers, and the rest are tested again. Against one surging peer the others would all look like
 * drops; held to the remaining peers they do not. With `each`, a series is held to every other
 * series separately (channels); otherwise to the others pooled (a channel's countries). Series in
 * `peersOnly` set expectations and are never tested.
 */
function shiftsAmong(pool: Series[], w: Window, lenA: number, each = false, peersOnly: Series[] = []): Shift[] {
  const found: Shift[] = [];
  let left = [...pool];
  for (;;) {
    const tested = left
      .map((s) => {
        const peers = [...left.filter((x) => x !== s), ...peersOnly];
        return each
          ? shiftAgainstEach(
              s,
              peers.map((p) => [p]),
              w,
              lenA,
            )
          : shiftOf(s, peers, w, lenA);
      })
      .filter((x): x is Shift => x !== null);
    if (!tested.length) return found;
    const top = tested.reduce((p, q) => (Math.abs(q.z) > Math.abs(p.z) ? q : p));
    found.push(top);
    left = left.filter((s) => s !== top.series);
  }
}

export function detectMarketplaceShifts(rows: Row[], w: Window, quiet: DetectedEvent[]): DetectedEvent[] {
  // A series that went quiet is no peer: against an outage, everything else looks like a surge.
  const all = [...collect(rows, w).values()];
  const series = all.filter((s) => !quiet.some((q) => covers(q, s)));
  const lenA = dayCount(w.a.from, w.a.to);
  const channels = series.filter((s) => s.country === null && s.channel !== OWN_SITE);
  const ownSite = series.filter((s) => s.country === null && s.channel === OWN_SITE);
  const shifts: Shift[] = [];
  const byChannel = new Map(shiftsAmong(channels, w, lenA, true, ownSite).map((x) => [x.series.channel, x]));
  for (const c of channels) {
    const own = byChannel.get(c.channel);
    const countries = series.filter((s) => s.channel === c.channel && s.country !== null);
    const children = shiftsAmong(countries, w, lenA);
    if (!own) {
      shifts.push(...children);
      continue;
    }
    const excess = own.actual - own.expected;
    const peers = [...channels.filter((x) => x !== c), ...ownSite].map((p) => [p]);
    let carried = children.filter((k) => Math.sign(k.z) === Math.sign(excess));
    // A country with most of the channel leaves too thin a rest to be held to: held to the channel's
    // peers instead, as the channel is.
    if (!carried.length) {
      const held = countries
        .map((k) => shiftAgainstEach(k, peers, w, lenA))
        .filter((k): k is Shift => k !== null && Math.sign(k.z) === Math.sign(excess));
      // Countries that leave no rest to tell them from the channel are the channel.
      if (without(c, held).a >= MIN_ORDERS) carried = held;
    }
    // Over the channel's days: a country's own run may be a few of them.
    const carriedSum = carried.reduce((n, k) => {
      const t = shiftOver(k.series, peers.flat(), own, lenA);
      return n + (t ? t.actual - t.expected : 0);
    }, 0);
    // The narrowest place that explains it: the countries, when the rest of the channel held its course.
    const restMoved =
      carried.length > 0 &&
      (shiftAgainstEach(without(c, carried), peers, w, lenA) !== null ||
        movedAlike(without(c, carried), carried, own, peers.flat(), lenA));
    if (carried.length && Math.abs(carriedSum) >= CHILD_CARRIES * Math.abs(excess) && !restMoved)
      shifts.push(...carried);
    else shifts.push(own);
  }
  widenQuiet(quiet, all, w, lenA);
  return shifts.filter((s) => !isQuiet(s, quiet)).map((s) => toEvent(s, w));
}

/**
 * A quiet run (days of almost no orders) inside a longer run where the same series took under
 * OUTAGE_LEFT of what its peers imply is one outage, partial on its other days: the quiet event takes
 * the longer run's days. Peers: a country's are its channel's other countries, a channel's the other
 * channels, none of them quiet.
 */
function widenQuiet(quiet: DetectedEvent[], all: Series[], w: Window, lenA: number): void {
  const calm = all.filter((s) => !quiet.some((q) => covers(q, s)));
  for (const q of quiet) {
    const s = all.find((x) => x.channel === q.segment.channel?.[0] && x.country === (q.segment.country?.[0] ?? null));
    if (!s || !q.start || !q.end) continue;
    const peers = calm.filter((x) =>
      s.country === null
        ? x.country === null && x.channel !== s.channel
        : x.channel === s.channel && x.country !== null,
    );
    const t = shiftOf(s, peers, w, lenA);
    if (!t || !isOutage(t, w)) continue;
    if (t.from > q.start || t.to < q.end || dayCount(t.from, t.to) <= dayCount(q.start, q.end)) continue;
    const where = `${s.channel}${s.country ? ` in ${s.country}` : ''}`;
    q.title = `${where} took ${Math.round(t.actual)} orders from ${t.from} to ${t.to} against ${Math.round(t.expected)} its peers imply, none from ${q.start} to ${q.end}`;
    q.facts = {
      ...q.facts,
      outage_from: t.from,
      outage_to: t.to,
      orders: Math.round(t.actual),
      expected_orders: Math.round(t.expected * 10) / 10,
    };
    q.start = t.from;
    q.end = t.to;
  }
}

/** What fraction a series departed from its peers' growth over a run (null: the peers are too thin). */
function relativeOver(s: Series, peers: Series[], run: { from: string; to: string }, lenA: number): number | null {
  const t = shiftOver(s, peers, run, lenA);
  return t && t.expected > 0 ? t.actual / t.expected - 1 : null;
}

/**
 * Did the rest of a channel move as its shifted countries did, over the channel's run? At least half
 * as far the same way, by its point estimate: a rest too thin to be significant on its own still
 * says whether it held or moved along.
 */
function movedAlike(rest: Series, carried: Shift[], own: Shift, peers: Series[], lenA: number): boolean {
  const parts = carried.map((k) => k.series);
  const joined: Series = { channel: rest.channel, country: null, a: 0, b: new Map() };
  for (const p of parts) {
    joined.a += p.a;
    for (const [d, n] of p.b) joined.b.set(d, (joined.b.get(d) ?? 0) + n);
  }
  const r = relativeOver(rest, peers, own, lenA);
  const k = relativeOver(joined, peers, own, lenA);
  if (r === null || k === null || rest.a < MIN_ORDERS) return false;
  return Math.sign(r) === Math.sign(k) && Math.abs(r) >= 0.5 * Math.abs(k);
}

/** A channel's series without some of its countries. */
function without(c: Series, parts: Shift[]): Series {
  const b = new Map(c.b);
  let a = c.a;
  for (const p of parts) {
    a -= p.series.a;
    for (const [d, n] of p.series.b) b.set(d, (b.get(d) ?? 0) - n);
  }
  return { channel: c.channel, country: null, a, b };
}

function covers(q: DetectedEvent, s: Series): boolean {
  return (
    q.segment.channel?.includes(s.channel) === true &&
    (!q.segment.country || (s.country !== null && q.segment.country.includes(s.country)))
  );
}

/** A drop on a channel that went quiet (anywhere in it) is that outage, found already. */
function isQuiet(s: Shift, quiet: DetectedEvent[]): boolean {
  const country = s.series.country;
  return (
    s.z < 0 &&
    quiet.some(
      (q) =>
        q.segment.channel?.includes(s.series.channel) &&
        (!q.segment.country || country === null || q.segment.country.includes(country)),
    )
  );
}

/** Did the run leave the series under OUTAGE_LEFT of its own other days' rate (or of its peers', whole-period)? */
function isOutage(s: Shift, w: Window): boolean {
  if (s.z >= 0) return false;
  const runDays = dayCount(s.from, s.to);
  const otherDays = dayCount(w.b.from, w.b.to) - runDays;
  const otherOrders = total(s.series) - s.actual;
  if (otherDays >= MIN_OTHER_DAYS && otherOrders >= MIN_ORDERS)
    return s.actual / runDays < OUTAGE_LEFT * (otherOrders / otherDays);
  return s.actual < OUTAGE_LEFT_WHOLE * s.expected;
}

function toEvent(s: Shift, w: Window): DetectedEvent {
  const where = `${s.series.channel}${s.series.country ? ` in ${s.series.country}` : ''}`;
  const up = s.z > 0;
  const outage = isOutage(s, w);
  return {
    kind: up ? 'traffic_surge' : outage ? 'channel_outage' : 'traffic_drop',
    segment: s.series.country
      ? { channel: [s.series.channel], country: [s.series.country] }
      : { channel: [s.series.channel] },
    title: `${where} took ${Math.round(s.actual)} orders from ${s.from} to ${s.to} against ${Math.round(s.expected)} its peers imply (${up ? '+' : ''}${Math.round((s.actual / s.expected - 1) * 100)}%)`,
    start: s.from,
    end: s.to,
    evidenceQuery: CHANNEL_LABEL,
    facts: {
      channel: s.series.channel,
      country: s.series.country,
      orders: Math.round(s.actual),
      expected_orders: Math.round(s.expected * 10) / 10,
      z: Math.round(s.z * 10) / 10,
    },
  };
}
