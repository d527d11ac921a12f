// Own-site traffic surging or dropping in one place: a traffic source, a country, a device or a
// conjunction of them whose sessions moved beyond what the other places' sessions say they should
// have. The expectation is the comparison period × the growth of the rest (the places no find so far
// holds), so a place moving against the total (one country surging while the autumn lowers the
// others) stands out as much as one moving with it. Sessions are the evidence: a count with no spread
// of order values, many times the orders, so a move the order-line search sees at a few standard
// errors is tens of them here. Campaign sources are left to the campaign detector (a campaign lifts
// its own source and is on record). Pure: no database.
import { scanSegments } from '../../../analysis/segment-scan.ts';
import type { LeafTable, Segment } from '../cube.ts';
import type { DetectedEvent } from './types.ts';

/** A place's sessions must stand this many standard errors from the expectation… */
const MIN_Z = 5;
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
      minZ: MIN_Z,
      minRelative: MIN_RELATIVE,
      minUnits: MIN_SESSIONS,
      maxHits: MAX_PLACES,
      leaveOneOut: true,
    },
  );
  return hits.map((h) => {
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

/** A source already says the own website; a country or device alone must name it. */
function ownSiteSegment(dims: Record<string, string>): Segment {
  const seg: Segment = dims.source === undefined ? { channel: ['own_website'] } : {};
  for (const d of DIMS) if (dims[d] !== undefined) seg[d] = [dims[d]!];
  return seg;
}

function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;
}
