// Own-site traffic surging or dropping in one place: a traffic source, a country, a device or a
// conjunction of them whose sessions moved beyond what the other places' sessions say they should
// have. The expectation is the comparison period × the growth of the rest (the places no find so far
// holds), so a place moving against the total (one country surging while the autumn lowers the
// others) stands out as much as one moving with it. Sessions are the evidence: a count with no spread
// of order values, many times the orders, so a move the order-line search sees at a few standard
// errors is tens of them here. Campaign sources are left to the campaign detector (a campaign lifts
// its own source and is on record). Pure: no database.
import { scanSegments, type ScanHit } from '../../../analysis/segment-scan.ts';
import type { LeafTable, Segment } from '../cube.ts';
import type { DetectedEvent } from './types.ts';

/** A place's sessions must stand this many standard errors from the expectation… */
const MIN_Z = 5;
/**
 * The scan looks this much lower, so a place it narrows to a thin part (one country of a source on a
 * device) can be widened back (widenHits) and tested at MIN_Z as the place it is.
 */
const SCAN_SLACK = 1;
/** …move this much against it… */
const MIN_RELATIVE = 0.1;
/** …by this many sessions. */
const MIN_SESSIONS = 30;
/** At most this many places: each takes its sessions out of the rest before the next is looked for. */
const MAX_PLACES = 4;

export interface TrafficInput {
  /** The session cube: sessions by source, country, device (comparison in `a`, period in `b`). */
  sessions: LeafTable;
  /** Is this source a campaign's (its move is a campaign start or end, not traffic)? */
  campaignSource: (source: string) => boolean;
  /** The session cube's label in the result's `queries`. */
  evidenceQuery: string;
}

const DIMS = ['source', 'country', 'device'];

export function detectTrafficShifts(x: TrafficInput): DetectedEvent[] {
  const t = x.sessions;
  const m = t.measures.sessions;
  const sd = t.dimNames.indexOf('source');
  if (!m || sd < 0 || t.n === 0) return [];
  const include = Uint8Array.from({ length: t.n }, (_, i) => (x.campaignSource(t.values[i]![sd]!) ? 0 : 1));
  const hits = scanSegments(
    {
      dimNames: t.dimNames,
      values: t.values,
      a: m.a,
      b: m.b,
      include,
      growth: null,
      perUnit: 1,
      dims: DIMS,
    },
    {
      maxDepth: 3,
      minZ: MIN_Z - SCAN_SLACK,
      minRelative: MIN_RELATIVE,
      minUnits: MIN_SESSIONS,
      maxHits: MAX_PLACES,
      leaveOneOut: true,
    },
  );
  const places = widenHits(hits, t, m, include).filter((h) => Math.abs(h.z) >= MIN_Z);
  return places.map((h) => {
    const up = h.excess > 0;
    const where = DIMS.filter((d) => h.dims[d] !== undefined).map((d) => h.dims[d]!);
    return {
      kind: up ? 'traffic_surge' : 'traffic_drop',
      segment: ownSiteSegment(h.dims),
      title: `Own-site sessions from ${where.join(' × ')} ${up ? 'rose' : 'fell'} ${pct(h.b / h.expected - 1)} against the other places' growth (${Math.round(h.b)} against ${Math.round(h.expected)} expected)`,
      start: null,
      end: null,
      evidenceQuery: x.evidenceQuery,
      facts: {
        sessions_a: Math.round(h.a),
        sessions_b: Math.round(h.b),
        sessions_expected: Math.round(h.expected),
        z: Math.round(h.z * 10) / 10,
      },
    };
  });
}

/** A wider place's rest (the parent without the hit) must have this many sessions to speak. */
const MIN_REST_SESSIONS = 30;
/** …and have moved at least this fraction as far as the hit, the same way, for the parent to be named. */
const REST_ALIKE = 0.5;

/**
 * The scan prefers the narrowest place that carries a change, and a place too thin to be significant
 * on its own counts as having held: a source dropping on one device in every country comes out as
 * that source and device in the country with most of the visitors. Here a hit of two or more
 * dimensions takes its parent (one dimension dropped) when the parent's rest moved at least half as
 * far the same way, by its point estimate: the rest then moved along, not held. Later hits inside a
 * widened one are its own parts and go.
 */
function widenHits(hits: ScanHit[], t: LeafTable, m: { a: Float64Array; b: Float64Array }, include: Uint8Array) {
  const idx = DIMS.map((d) => t.dimNames.indexOf(d));
  const sumOf = (dims: Record<string, string>, inside = true) => {
    let a = 0;
    let b = 0;
    for (let i = 0; i < t.n; i++) {
      if (!include[i]) continue;
      const v = t.values[i]!;
      const within = DIMS.every((d, j) => dims[d] === undefined || (idx[j]! >= 0 && v[idx[j]!] === dims[d]));
      if (within !== inside) continue;
      a += m.a[i]!;
      b += m.b[i]!;
    }
    return { a, b };
  };
  const out: ScanHit[] = [];
  for (const hit of hits) {
    if (out.some((o) => Math.sign(o.excess) === Math.sign(hit.excess) && inside(hit.dims, o.dims))) continue;
    let h = hit;
    for (;;) {
      const g = h.a > 0 ? h.expected / h.a : 0;
      const rel = h.expected > 0 ? h.b / h.expected - 1 : 0;
      let best: { dims: Record<string, string>; alike: number } | null = null;
      for (const d of Object.keys(h.dims)) {
        if (Object.keys(h.dims).length < 2 || !(g > 0) || rel === 0) break;
        const parent = Object.fromEntries(Object.entries(h.dims).filter(([k]) => k !== d));
        const p = sumOf(parent);
        const rest = { a: p.a - h.a, b: p.b - h.b };
        if (rest.a < MIN_REST_SESSIONS) continue;
        const alike = (rest.b / (rest.a * g) - 1) / rel;
        if (alike >= REST_ALIKE && (!best || alike > best.alike)) best = { dims: parent, alike };
      }
      if (!best) break;
      h = restate(best.dims, sumOf(best.dims), sumOf(best.dims, false));
    }
    out.push(h);
  }
  return out;
}

/** A place's totals held to the growth of everything outside it. */
function restate(dims: Record<string, string>, p: { a: number; b: number }, rest: { a: number; b: number }): ScanHit {
  const g = rest.a > 0 && rest.b > 0 ? rest.b / rest.a : 1;
  const expected = p.a * g;
  const excess = p.b - expected;
  const relVar = rest.a > 0 && rest.b > 0 ? 1 / rest.a + 1 / rest.b : 0;
  const se = Math.sqrt(p.b + g * g * p.a + expected * expected * relVar);
  return { dims, a: p.a, b: p.b, expected, excess, z: se > 0 ? excess / se : 0 };
}

/** Is place `x` inside place `y` (every dimension `y` names, `x` names the same)? */
function inside(x: Record<string, string>, y: Record<string, string>): boolean {
  return Object.entries(y).every(([d, v]) => x[d] === v);
}

/** A source already says the own website; a country or device alone must name it. */
function ownSiteSegment(dims: Record<string, string>): Segment {
  const seg: Segment = dims.source === undefined ? { channel: ['own_website'] } : {};
  for (const d of DIMS) if (dims[d] !== undefined) seg[d] = [dims[d]!];
  return seg;
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
}
