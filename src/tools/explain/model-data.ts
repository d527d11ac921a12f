// The structured `data` explain_change hands the model. The dispatcher drops `data` whole when the
// model part passes its byte cap, so this keeps it compact: events only when they became causes or
// touch where the change happened (capped), short method notes, figures rounded to cents (money),
// 0.01 pp (rates) and 0.1 pp (shares). The rows and charts keep the full detail for the UI.
// Its shape is ExplainModelData (result.ts), which src/agent/offline/answer/explain-read.ts reads.
import type { SegmentSearchResult } from '../../analysis/segment-search.ts';
import type { Unit } from '../../protocol/vocabulary.ts';
import type { Cause } from './causes.ts';
import { segmentMask, type MetricView, type Segment } from './cube.ts';
import type { DetectedEvent } from './detect/types.ts';
import type { Drivers } from './drivers.ts';
import type { ExplainChangeFacts, ExplainModelData } from './result.ts';

/** Events beyond the causes shown to the model at most. */
export const MAX_CONTEXT_EVENTS = 5;
/** An event touches where the change happened when it covers this much of a top segment's base. */
const TOUCH = 0.05;

export type { Unit };

export function rounder(unit: Unit): (x: number) => number {
  const dp = unit === 'ratio' ? 4 : unit === 'count' ? 1 : 2;
  return (x) => Math.round(x * 10 ** dp) / 10 ** dp;
}

/** Shares and growth rates to 0.1 pp. */
export const share = (x: number) => Math.round(x * 1000) / 1000;

/** "log-mean Divisia index (LMDI-I, additive form; …)" → "log-mean Divisia index", once per note. */
export function shortMethod(method: string): string {
  const plain = method.replace(/\s*\([^()]*\)/g, '');
  const m = /^(.*?within each channel: )(.*)$/.exec(plain);
  if (!m) return plain;
  const notes = [...new Set(m[2]!.split('; ').map((p) => p.replace(/^[a-z_]+: /, '')))];
  return notes.length === 1 ? `${m[1]}${notes[0]}` : plain;
}

const key = (kind: string, seg: Segment) => `${kind}|${JSON.stringify(seg)}`;

function base(view: MetricView, mask: Uint8Array, other?: Uint8Array): number {
  const part = view.den ?? view.num;
  let s = 0;
  for (let i = 0; i < view.n; i++)
    if (mask[i] && (!other || other[i])) s += Math.abs(part.a[i]!) + Math.abs(part.b[i]!);
  return s;
}

/**
 * Events for the model: each one that became a cause as a pointer to its rank (the cause carries its
 * title and facts), then the others that cover at least 5% of a top segment's base, largest first.
 */
export function contextEvents(view: MetricView, events: DetectedEvent[], causes: Cause[], top: Segment[]) {
  const rankOf = new Map(causes.map((c, i) => [key(c.kind, c.segment), i + 1]));
  const topMasks = top.map((s) => segmentMask(view, s)).filter((m): m is Uint8Array => m !== null);
  const topBase = topMasks.map((m) => base(view, m));
  const asCause = [];
  const others: Array<{ e: DetectedEvent; w: number }> = [];
  for (const e of events) {
    const rank = rankOf.get(key(e.kind, e.segment));
    if (rank !== undefined) {
      asCause.push({ kind: e.kind, segment: e.segment, start: e.start, end: e.end, cause: rank });
      continue;
    }
    const m = segmentMask(view, e.segment);
    if (!m) continue;
    const w = Math.max(0, ...topMasks.map((t, k) => (topBase[k]! > 0 ? base(view, m, t) / topBase[k]! : 0)));
    if (w >= TOUCH) others.push({ e, w });
  }
  others.sort((x, y) => y.w - x.w);
  const shown = others.slice(0, MAX_CONTEXT_EVENTS).map(({ e }) => ({
    kind: e.kind,
    segment: e.segment,
    title: e.title,
    start: e.start,
    end: e.end,
    evidence: e.evidenceQuery,
    facts: e.facts,
  }));
  return { list: [...asCause, ...shown], total: events.length };
}

export interface ModelDataInput {
  view: MetricView;
  unit: Unit;
  change: ExplainChangeFacts;
  drivers: Drivers;
  search: SegmentSearchResult | null;
  /** The growth the comparison was scaled by in the search. */
  searchGrowth: number;
  events: DetectedEvent[];
  causes: Cause[];
  expectedB: number;
  residual: number;
  noClearCause: boolean;
  reason: string;
}

export function modelData(x: ModelDataInput): ExplainModelData {
  const r = rounder(x.unit);
  const seg = (dims: Record<string, string>): Segment =>
    Object.fromEntries(Object.entries(dims).map(([d, v]) => [d, [v]]));
  const whereSegs = (x.search?.root_causes ?? []).slice(0, 5);
  const dimTop = (x.search?.single_dimension ?? [])
    .slice(0, 3)
    .map((d) => ({ ...d, elements: d.elements.slice(0, 3) }));
  const top = [
    ...whereSegs.map((s) => seg(s.dims)),
    ...dimTop.flatMap((d) => d.elements.map((e) => seg(e.dims))),
    ...x.causes.map((c) => c.segment),
  ];
  const events = contextEvents(x.view, x.events, x.causes, top);
  return {
    change: x.change,
    drivers: {
      method: shortMethod(x.drivers.method),
      a: r(x.drivers.a),
      b: r(x.drivers.b),
      delta: r(x.drivers.delta),
      steps: x.drivers.steps.map((s) => ({ label: s.label, contribution: r(s.contribution) })),
    },
    where: x.search
      ? {
          method: `${x.search.method.replace(/\s*\([^()]*\)/g, '')}; comparison × growth of the leaves no event touches (${share(x.searchGrowth)})`,
          segments: whereSegs.map((s) => ({
            segment: s.dims,
            a: r(s.a),
            b: r(s.b),
            delta: r(s.delta),
            contribution: r(s.contribution),
          })),
          single_dimension: dimTop.map((d) => ({
            dimension: d.dimension,
            share: share(d.share),
            elements: d.elements.map((e) => ({ segment: e.dims, contribution: r(e.contribution) })),
          })),
          no_clear_cause: x.search.no_clear_cause,
        }
      : null,
    events: events.list,
    events_found: events.total,
    causes: x.causes.map((c) => ({
      kind: c.kind,
      segment: c.segment,
      title: c.title,
      effect: c.effect === null ? null : r(c.effect),
      share: c.share === null ? null : share(c.share),
      confidence: c.confidence,
      evidence: { query: c.evidence.query, facts: withoutRepeats(c.evidence.facts, c.segment) },
      start: c.start ?? null,
      end: c.end ?? null,
    })),
    expected_b: r(x.expectedB),
    residual: r(x.residual),
    no_clear_cause: x.noClearCause,
    no_clear_cause_reason: x.reason || null,
  };
}

/** A stock-out's SKU list is its segment already. */
function withoutRepeats(
  facts: Record<string, string | number | null>,
  segment: Segment,
): Record<string, string | number | null> {
  if (!segment.product || typeof facts.skus !== 'string') return facts;
  const { skus: _, ...rest } = facts;
  return { ...rest, sku_count: segment.product.length };
}
