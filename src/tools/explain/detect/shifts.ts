// A marketplace's orders surging or dropping: a run of days in the current period where a marketplace
// channel (or one country of it) took far more or fewer orders than its peers say it should have. The
// peers are what the season and the trend moved alike: a channel is held to each other channel in
// turn (the other marketplace and the own site) and must depart from every one of them the same way,
// so one peer's own campaign or outage does not make it look shifted; a country is held to the same
// channel's other countries. The own site is a peer only: its campaigns and traffic sources move it on
// their own, and the campaign and session evidence (and the segment scan) cover them.
import type { Row } from '../../../db/types.ts';
import { addDaysTo, dayCount } from '../../../calendar/index.ts';
import { CHANNEL_LABEL, type Series } from './channels.ts';
import type { DetectedEvent, Window } from './types.ts';

/** A shift must be this many standard errors from the expectation, the peers' own noise included. */
const MIN_Z = 4.5;
/** …and this large against the expectation over its run. */
const MIN_RELATIVE = 0.3;
/** …and this many orders, so a thin series cannot shift by chance. */
const MIN_ORDERS = 12;
const MIN_RUN = 4;
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

function collect(rows: Row[], w: Window): Map<string, Series> {
  const series = new Map<string, Series>();
  const add = (channel: string, country: string | null, day: string, n: number) => {
    const key = `${channel}|${country ?? ''}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { channel, country, a: 0, b: new Map() }));
    if (day >= w.b.from && day <= w.b.to) s.b.set(day, (s.b.get(day) ?? 0) + n);
    else if (day >= w.a.from && day <= w.a.to) s.a += n;
  };
  for (const r of rows) {
    const channel = String(r.channel);
    const day = String(r.day).slice(0, 10);
    add(channel, null, day, Number(r.orders));
    // The own site is a peer of the marketplaces as a whole, never tested itself.
    if (channel !== OWN_SITE) add(channel, String(r.country), day, Number(r.orders));
  }
  return series;
}

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

/** The run of days (Kadane) where the series departs most from its expectation, in the given sign. */
function bestRun(s: Series, w: Window, perDay: number, sign: 1 | -1): { from: string; to: string } | null {
  let best = 0;
  let run = 0;
  let start = w.b.from;
  let out: { from: string; to: string } | null = null;
  for (let d = w.b.from; d <= w.b.to; d = addDaysTo(d, 1)) {
    const x = sign * ((s.b.get(d) ?? 0) - perDay);
    if (run <= 0) {
      run = 0;
      start = d;
    }
    run += x;
    if (run > best) {
      best = run;
      out = { from: start, to: d };
    }
  }
  return out;
}

function shiftOf(s: Series, peers: Series[], w: Window, lenA: number): Shift | null {
  const pg = peerGrowth(peers);
  if (!pg || s.a < MIN_ORDERS) return null;
  const perDay = (s.a / lenA) * pg.g;
  const totalB = total(s);
  const sign = totalB >= perDay * dayCount(w.b.from, w.b.to) ? 1 : -1;
  const run = bestRun(s, w, perDay, sign);
  if (!run) return null;
  const days = dayCount(run.from, run.to);
  if (days < MIN_RUN) return null;
  let actual = 0;
  for (let d = run.from; d <= run.to; d = addDaysTo(d, 1)) actual += s.b.get(d) ?? 0;
  const expected = perDay * days;
  // Poisson noise of the run, of the series' own comparison count and of the peers' growth.
  const se = Math.sqrt(actual + expected * expected * (1 / s.a + pg.relVar));
  const z = se > 0 ? (actual - expected) / se : 0;
  const big = Math.abs(actual - expected) >= Math.max(MIN_ORDERS, MIN_RELATIVE * expected);
  return Math.abs(z) >= MIN_Z && big ? { series: s, ...run, actual, expected, z } : null;
}

/**
 * A shift against each peer group in turn: it must show against every group that has enough orders,
 * the same way, and counts with the weakest of them.
 */
function shiftAgainstEach(s: Series, groups: Series[][], w: Window, lenA: number): Shift | null {
  let weakest: Shift | null = null;
  for (const g of groups) {
    if (!peerGrowth(g)) continue;
    const t = shiftOf(s, g, w, lenA);
    if (!t || (weakest && Math.sign(t.z) !== Math.sign(weakest.z))) return null;
    if (!weakest || Math.abs(t.z) < Math.abs(weakest.z)) weakest = t;
  }
  return weakest;
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
  const series = [...collect(rows, w).values()].filter((s) => !quiet.some((q) => covers(q, s)));
  const lenA = dayCount(w.a.from, w.a.to);
  const channels = series.filter((s) => s.country === null && s.channel !== OWN_SITE);
  const ownSite = series.filter((s) => s.country === null && s.channel === OWN_SITE);
  const shifts: Shift[] = [];
  const byChannel = new Map(shiftsAmong(channels, w, lenA, true, ownSite).map((x) => [x.series.channel, x]));
  for (const c of channels) {
    const own = byChannel.get(c.channel);
    const children = shiftsAmong(
      series.filter((s) => s.channel === c.channel && s.country !== null),
      w,
      lenA,
    );
    if (!own) {
      shifts.push(...children);
      continue;
    }
    const excess = own.actual - own.expected;
    const carried = children.filter((k) => Math.sign(k.z) === Math.sign(excess));
    const carriedSum = carried.reduce((n, k) => n + k.actual - k.expected, 0);
    // The narrowest place that explains it: the countries, when the rest of the channel held its course.
    const peers = [...channels.filter((x) => x !== c), ...ownSite].map((p) => [p]);
    const restMoved = carried.length > 0 && shiftAgainstEach(without(c, carried), peers, w, lenA) !== null;
    if (carried.length && Math.abs(carriedSum) >= CHILD_CARRIES * Math.abs(excess) && !restMoved)
      shifts.push(...carried);
    else shifts.push(own);
  }
  return shifts.filter((s) => !isQuiet(s, quiet)).map(toEvent);
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

function toEvent(s: Shift): DetectedEvent {
  const where = `${s.series.channel}${s.series.country ? ` in ${s.series.country}` : ''}`;
  const up = s.z > 0;
  return {
    kind: up ? 'traffic_surge' : 'traffic_drop',
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
