// Own-site traffic of one place surging or dropping for some days of the period: a traffic source, a
// country, a device or a conjunction of them whose daily sessions, over a run of days, departed from
// their share of the other places' sessions on the days around it (the weeks before the period and
// the period's other days). Summed over a whole month a drop of nine days is diluted into noise
// (traffic.ts reads the month); over its own days it stands many standard errors out. The share is
// held to the other places' sessions and to the same without each one place in turn (a source, a
// device, a country), read at the weakest, so a surge elsewhere does not make this place look low.
// Campaign sources are left to the campaign detectors. Pure: no database.
import type { Segment } from '../cube.ts';
import type { SessionDay } from './campaign-cuts.ts';
import type { DetectedEvent, Window } from './types.ts';

/** A run must stand this many standard errors out at its weakest baseline (hundreds of places × runs are tried)… */
const MIN_Z = 6;
/** …move this much against its expectation… */
const MIN_RELATIVE = 0.15;
/** …by this many sessions… */
const MIN_SESSIONS = 30;
/** …over at least this many days, leaving this many of the period outside it (the whole month is traffic.ts's). */
const MIN_RUN = 3;
const MIN_OUTSIDE = 3;
/** At most this many places. */
const MAX_PLACES = 3;
const DIMS = ['source', 'country', 'device'] as const;

export interface TrafficDaysInput {
  days: SessionDay[];
  window: Window;
  campaignSource: (source: string) => boolean;
  /** Traffic events already read from the whole period: a place nested with one of them is that event. */
  found: DetectedEvent[];
  evidenceQuery: string;
}

type Place = Partial<Record<(typeof DIMS)[number], string>>;

interface Hit {
  place: Place;
  from: number;
  to: number;
  actual: number;
  expected: number;
  z: number;
}

export function detectTrafficDays(x: TrafficDaysInput): DetectedEvent[] {
  const rows = x.days.filter((r) => !x.campaignSource(r.source) && r.day <= x.window.b.to);
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const first = days.findIndex((d) => d >= x.window.b.from);
  if (first < 0) return [];
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const places = placeSeries(rows, dayIndex, days.length);
  const total = places.get(keyOf({}))?.series;
  if (!total) return [];
  const singles = [...places.values()].filter((p) => Object.keys(p.place).length === 1);
  const hits: Hit[] = [];
  for (const p of places.values()) {
    // The empty place is the total; a place this thin cannot move by MIN_SESSIONS on a few days.
    if (!Object.keys(p.place).length || sumOf(p.series) < 2 * MIN_SESSIONS) continue;
    const rest = minus(total, p.series);
    const baselines = [rest];
    for (const e of singles) {
      const clash = DIMS.some((d) => e.place[d] !== undefined && p.place[d] !== undefined && p.place[d] !== e.place[d]);
      const both = clash ? null : (places.get(keyOf({ ...e.place, ...p.place }))?.series ?? null);
      // The rest without e: what of e lies outside the place (all of e when they share no visit).
      const b = minus(rest, e.series);
      if (both) for (let i = 0; i < b.length; i++) b[i]! += both[i]!;
      baselines.push(b);
    }
    const hit = strongestRun(p.series, spoken(baselines), first);
    if (hit) hits.push({ place: p.place, ...hit });
  }
  return pick(hits, x.found).map((h) => toEvent(h, days, x.evidenceQuery));
}

/** Every place of up to three dimensions with its daily sessions (the empty place is all of them). */
function placeSeries(rows: SessionDay[], dayIndex: Map<string, number>, n: number) {
  // Rows into cells (source × country × device) first: a few hundred series, not thousands of rows, spread over the places.
  const cells = new Map<string, { cell: Place; series: Float64Array }>();
  for (const r of rows) {
    const key = `${r.source}\u0001${r.country}\u0001${r.device}`;
    let c = cells.get(key);
    if (!c)
      cells.set(
        key,
        (c = { cell: { source: r.source, country: r.country, device: r.device }, series: new Float64Array(n) }),
      );
    c.series[dayIndex.get(r.day)!]! += r.sessions;
  }
  const places = new Map<string, { place: Place; series: Float64Array }>();
  for (const { cell, series } of cells.values()) {
    for (let mask = 0; mask < 8; mask++) {
      const place: Place = {};
      if (mask & 1) place.source = cell.source;
      if (mask & 2) place.country = cell.country;
      if (mask & 4) place.device = cell.device;
      const key = keyOf(place);
      let p = places.get(key);
      if (!p) places.set(key, (p = { place, series: new Float64Array(n) }));
      for (let i = 0; i < n; i++) p.series[i]! += series[i]!;
    }
  }
  return places;
}

/** A baseline this thin against the whole rest (the one device left when two are taken out) cannot speak. */
const MIN_BASELINE = 0.1;

function spoken(baselines: Float64Array[]): Float64Array[] {
  const rest = sumOf(baselines[0]!);
  return baselines.filter((b, i) => i === 0 || sumOf(b) >= MIN_BASELINE * rest);
}

function keyOf(p: Place): string {
  return `${p.source ?? '*'}\u0001${p.country ?? '*'}\u0001${p.device ?? '*'}`;
}

function minus(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}

function sumOf(s: Float64Array): number {
  let t = 0;
  for (let i = 0; i < s.length; i++) t += s[i]!;
  return t;
}

/**
 * The run of the period (MIN_RUN days or more, MIN_OUTSIDE of it left) where the place departed
 * furthest from its share of each baseline on the other days, read at the weakest baseline.
 */
function strongestRun(own: Float64Array, baselines: Float64Array[], first: number) {
  const n = own.length;
  const cum = (s: Float64Array) => {
    const c = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) c[i + 1] = c[i]! + s[i]!;
    return c;
  };
  const co = cum(own);
  const cb = baselines.map(cum);
  let best: Omit<Hit, 'place'> | null = null;
  for (let i = first; i < n; i++) {
    for (let j = i + MIN_RUN - 1; j < n; j++) {
      if (n - first - (j - i + 1) < MIN_OUTSIDE) break;
      const actual = co[j + 1]! - co[i]!;
      const ownOut = co[n]! - actual;
      if (ownOut <= 0) continue;
      // The weakest baseline, in the direction of the first (the whole rest); most runs fail the first.
      let weakest: { z: number; expected: number } | null = null;
      for (const c of cb) {
        const t = departure(actual, ownOut, c[j + 1]! - c[i]!, c[n]!);
        if (!t || (weakest && Math.sign(t.z) !== Math.sign(weakest.z))) {
          weakest = null;
          break;
        }
        if (!weakest || Math.abs(t.z) < Math.abs(weakest.z)) weakest = t;
        if (Math.abs(weakest.z) < MIN_Z) break;
      }
      if (!weakest || Math.abs(weakest.z) < MIN_Z) continue;
      const excess = actual - weakest.expected;
      if (Math.abs(excess) < MIN_SESSIONS || Math.abs(excess) < MIN_RELATIVE * weakest.expected) continue;
      if (!best || Math.abs(weakest.z) > Math.abs(best.z)) best = { from: i, to: j, actual, ...weakest };
    }
  }
  return best;
}

/** The run's sessions against the place's share of one baseline on the other days. */
function departure(actual: number, ownOut: number, run: number, all: number) {
  const out = all - run;
  if (run <= 0 || out <= 0) return null;
  const expected = (ownOut / out) * run;
  const se = Math.sqrt(actual + expected * expected * (1 / ownOut + 1 / out + 1 / run));
  return { z: (actual - expected) / se, expected };
}

/** Do places `x` and `y` share visits (no dimension both name differs)? */
function overlaps(x: Place, y: Place): boolean {
  return DIMS.every((d) => x[d] === undefined || y[d] === undefined || x[d] === y[d]);
}

/** An event's own-site segment as a place (null when it names other dimensions). */
function placeOf(seg: Segment): Place | null {
  const p: Place = {};
  for (const [d, v] of Object.entries(seg)) {
    if (d === 'channel' && v.length === 1 && v[0] === 'own_website') continue;
    if (!(DIMS as readonly string[]).includes(d) || v.length !== 1) return null;
    p[d as keyof Place] = v[0]!;
  }
  return p;
}

/**
 * The strongest places first; one sharing visits with a stronger one or with a found event of its
 * direction (Bing in the United States beside Bing on mobile) is read as that one: the same surge
 * seen through another cut of the same visitors.
 */
function pick(hits: Hit[], found: DetectedEvent[]): Hit[] {
  const known = found
    .filter((e) => e.kind === 'traffic_drop' || e.kind === 'traffic_surge')
    .map((e) => ({ place: placeOf(e.segment), sign: e.kind === 'traffic_surge' ? 1 : -1 }))
    .filter((k): k is { place: Place; sign: number } => k.place !== null);
  const out: Hit[] = [];
  for (const h of [...hits].sort((p, q) => Math.abs(q.z) - Math.abs(p.z))) {
    const sign = Math.sign(h.z);
    if (known.some((k) => k.sign === sign && overlaps(h.place, k.place))) continue;
    if (out.some((o) => Math.sign(o.z) === sign && overlaps(h.place, o.place))) continue;
    out.push(h);
    if (out.length === MAX_PLACES) break;
  }
  return out;
}

function toEvent(h: Hit, days: string[], evidenceQuery: string): DetectedEvent {
  const up = h.z > 0;
  const where = DIMS.filter((d) => h.place[d] !== undefined).map((d) => h.place[d]!);
  const segment: Segment = h.place.source === undefined ? { channel: ['own_website'] } : {};
  for (const d of DIMS) if (h.place[d] !== undefined) segment[d] = [h.place[d]!];
  const from = days[h.from]!;
  const to = days[h.to]!;
  const rel = Math.round((h.actual / h.expected - 1) * 100);
  return {
    kind: up ? 'traffic_surge' : 'traffic_drop',
    segment,
    title: `Own-site sessions from ${where.join(' × ')} ${up ? 'rose' : 'fell'} ${up ? '+' : ''}${rel}% from ${from} to ${to} against their share of the other places' sessions on the days around (${Math.round(h.actual)} against ${Math.round(h.expected)} expected)`,
    start: from,
    end: to,
    evidenceQuery,
    facts: {
      sessions_in_run: Math.round(h.actual),
      sessions_expected: Math.round(h.expected),
      sessions_lost: Math.round(h.expected - h.actual),
      z: Math.round(h.z * 10) / 10,
    },
  };
}
