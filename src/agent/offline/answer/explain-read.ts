// explain_change's model part → one shape the why-answer is written from. The structured `data` block is
// read through the tool's own schema (ExplainModelData) when it reached the model; the dispatcher drops it
// when the result is over its byte cap, and then the same facts are read from what always arrives: the
// summary lines and the cause rows. Only text the model was shown is read, so every figure in the answer is
// one the tool stated (at its own precision).
import { CHANNELS, type Channel } from '../../../protocol/vocabulary.ts';
import { ExplainModelData, type ExplainModelCause } from '../../../tools/explain/result.ts';
import type { Outcome } from '../outcome.ts';

export interface Span {
  from: string;
  to: string;
}

export type Segment = Record<string, string[]>;

export interface ExplainCause {
  kind: string;
  segment: Segment;
  /** The segment's value list was cut short by the tool ("(+4)"). */
  segmentCut: boolean;
  title: string;
  effect: number | null;
  share: number | null;
  confidence: string;
  start: string | null;
  end: string | null;
  /** The detector's readings, as the tool gave them (data block), else as read from the title. */
  facts: Record<string, string | number | null>;
}

export interface DriverStep {
  /** own_website, amazon, other_marketplace; null for drivers that are not per channel. */
  channel: string | null;
  factor: string;
  contribution: number;
}

export interface Explanation {
  metric: string;
  period: Span;
  compare: Span;
  a: number;
  b: number;
  delta: number;
  /** (B − A) / |A| as a ratio; null when A is zero. */
  relative: number | null;
  direction: 'up' | 'down' | 'flat';
  season: { lastYear: number; expectedB: number; versusSeason: number | null } | null;
  drivers: DriverStep[];
  causes: ExplainCause[];
  noClearCause: boolean;
  reason: string | null;
  residual: number | null;
  /** Decimals of a percentage as the tool wrote it: 2 from the data block (4-decimal ratios), 1 from the summary. */
  pctDp: number;
}

type Row = Record<string, unknown>;
const ISO = /\d{4}-\d{2}-\d{2}/g;

const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Row | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : null);

/** "-15,184.98", "+7.1%", "12.3%" → the number as written (percentages stay in percent). */
function figure(s: string): number | null {
  const n = Number(s.replace(/[,%+\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}

export function readExplanation(o: Outcome, metricHint: string): Explanation | null {
  const p = o.payload;
  if (!p) return null;
  const parsed = p.data === undefined ? null : ExplainModelData.safeParse(p.data);
  const data = parsed?.success ? parsed.data : null;
  const base = (data ? readData(data) : null) ?? readSummary(p.summary, metricHint);
  if (!base) return null;
  // Rows reach the model whole (and carry 4-decimal effects and shares); the data block may add dates and facts.
  const dataCauses = data?.causes ?? [];
  base.causes = p.rows.map(causeFromRow).map((c, k) => mergeData(c, dataCauses[k]));
  if (!base.causes.length && dataCauses.length) base.causes = dataCauses.map((d) => mergeData(causeFromRow(d), d));
  return base;
}

function readData(d: ExplainModelData): Explanation {
  const ch = d.change;
  const season = ch.season;
  return {
    metric: ch.metric,
    period: { from: ch.period.from, to: ch.period.to },
    compare: { from: ch.compare.from, to: ch.compare.to },
    a: ch.a,
    b: ch.b,
    delta: ch.delta,
    relative: ch.relative,
    direction: ch.direction,
    season: season
      ? { lastYear: season.last_year.change, expectedB: season.expected_b, versusSeason: season.versus_season }
      : null,
    drivers: d.drivers.steps.map((s) => step(s.label, s.contribution)),
    causes: [],
    noClearCause: d.no_clear_cause,
    reason: d.no_clear_cause_reason,
    residual: d.residual,
    pctDp: 2,
  };
}

function step(label: string, contribution: number): DriverStep {
  const m = /^([a-z_]+): (.+)$/.exec(label);
  if (m && CHANNELS.includes(m[1]! as Channel)) return { channel: m[1]!, factor: m[2]!, contribution };
  return { channel: null, factor: label, contribution };
}

/** The summary explain_change writes for the model (see summaryLines there). */
function readSummary(summary: string, metric: string): Explanation | null {
  const lines = summary.split('\n');
  const spans = [...(lines[0] ?? '').matchAll(/\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/g)];
  const dir = /^Direction: (UP|DOWN|FLAT)\. .*? (-?[\d,.]+%?) → (-?[\d,.]+%?) \(([+-]?[\d,.]+%?), ([^)]*)\)\.$/m.exec(
    summary,
  );
  if (spans.length < 2 || !dir) return null;
  const ratio = dir[2]!.endsWith('%');
  const val = (s: string) => {
    const n = figure(s);
    return n === null ? null : ratio ? n / 100 : n;
  };
  const a = val(dir[2]!);
  const b = val(dir[3]!);
  const delta = val(dir[4]!);
  if (a === null || b === null || delta === null) return null;
  const rel = /^([+-]?[\d.]+)%$/.exec(dir[5]!.trim());
  const seasonLine =
    /^Season: the same months last year moved (-?[\d.]+)%, which would put .*? at (-?[\d,.]+%?);/m.exec(summary);
  const exp = seasonLine ? val(seasonLine[2]!) : null;
  const driversLine = /^Drivers \(.*\): (.*)\.$/m.exec(summary);
  const drivers = driversLine
    ? [...driversLine[1]!.matchAll(/(?:^|; )(.+?) ([+-][\d,.]+%?)(?=; |$)/g)].flatMap((m) => {
        const v = val(m[2]!);
        return v === null ? [] : [step(m[1]!, v)];
      })
    : [];
  const noClear = /^No clear single cause: (.*)\.$/m.exec(summary);
  const residual = /^Not explained by the causes above: ([+-]?[\d,.]+%?)\.$/m.exec(summary);
  return {
    metric,
    period: { from: spans[0]![1]!, to: spans[0]![2]! },
    compare: { from: spans[1]![1]!, to: spans[1]![2]! },
    a,
    b,
    delta,
    relative: ratio || !rel ? null : Number(rel[1]) / 100,
    direction: dir[1] === 'UP' ? 'up' : dir[1] === 'DOWN' ? 'down' : 'flat',
    season:
      seasonLine && exp !== null ? { lastYear: Number(seasonLine[1]) / 100, expectedB: exp, versusSeason: null } : null,
    drivers,
    causes: [],
    noClearCause: Boolean(noClear),
    reason: noClear ? noClear[1]! : null,
    residual: residual ? val(residual[1]!) : null,
    pctDp: 1,
  };
}

/** "product = A, B, C, D (+4) × channel = amazon" → {product: [A, B, C, D], channel: [amazon]}. */
export function parseSegment(text: string): { segment: Segment; cut: boolean } {
  const segment: Segment = {};
  let cut = false;
  if (!text || text === 'everything') return { segment, cut };
  for (const part of text.split(' × ')) {
    const k = part.indexOf(' = ');
    if (k < 0) continue;
    let values = part.slice(k + 3);
    const more = / \(\+\d+\)$/.exec(values);
    if (more) {
      cut = true;
      values = values.slice(0, more.index);
    }
    segment[part.slice(0, k)] = values.split(', ');
  }
  return { segment, cut };
}

function causeFromRow(r: Row): ExplainCause {
  const seg = obj(r.segment);
  const parsed = seg
    ? {
        segment: Object.fromEntries(
          Object.entries(seg).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]),
        ),
        cut: false,
      }
    : parseSegment(str(r.segment) ?? '');
  const title = str(r.title) ?? '';
  const kind = str(r.kind) ?? 'unknown';
  const facts = titleFacts(kind, title);
  return {
    kind,
    segment: parsed.segment,
    segmentCut: parsed.cut,
    title,
    effect: num(r.effect),
    share: num(r.share),
    confidence: str(r.confidence) ?? 'low',
    start: str(r.start) ?? (str(facts.start_date) || null),
    end: str(r.end) ?? (str(facts.end_date) || null),
    facts,
  };
}

/** The data block's cause for the same rank adds exact segments, dates and the detector's facts. */
function mergeData(c: ExplainCause, d: ExplainModelCause | undefined): ExplainCause {
  if (!d || d.kind !== c.kind) return c;
  return {
    ...c,
    segment: d.segment,
    segmentCut: false,
    start: d.start ?? c.start,
    end: d.end ?? c.end,
    facts: { ...c.facts, ...d.evidence.facts },
  };
}

/** What the detectors' titles state, under the names their facts use. Unknown wording yields nothing. */
export function titleFacts(kind: string, title: string): Record<string, string | number | null> {
  let m: RegExpExecArray | null;
  if (kind === 'stockout' && (m = /^(\d+) SKUs? of (.+) at zero stock between (\S+) and (\S+)$/.exec(title))) {
    return { sku_count: Number(m[1]), subcategories: m[2]!, start_date: m[3]!, end_date: m[4]! };
  }
  if (
    (kind === 'campaign_start' || kind === 'campaign_end') &&
    (m = /^Campaign (?:started|ended): (.+) \(([^,()]+), (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)$/.exec(title))
  ) {
    return { campaign: m[1]!, campaign_type: m[2]!, start_date: m[3]!, end_date: m[4]! };
  }
  if (
    (kind === 'price_increase' || kind === 'price_decrease') &&
    (m =
      /^Prices (?:raised|cut) (\d+(?:\.\d+)?)% on (.+?) on (every channel|[a-z_]+) from (\d{4}-\d{2}-\d{2})(?: \((.*)\))?$/.exec(
        title,
      ))
  ) {
    return {
      price_change_pct: Number(m[1]),
      scope: m[2]!,
      channel: m[3] === 'every channel' ? 'all' : m[3]!,
      change_date: m[4]!,
      start_date: m[4]!,
      reason: m[5] ?? null,
    };
  }
  if (
    kind === 'channel_outage' &&
    (m = /^(\S+)(?: in (.+))? took almost no orders from (\S+) to (\S+) \((\d+) days?\)$/.exec(title))
  ) {
    return { channel: m[1]!, country: m[2] ?? null, start_date: m[3]!, end_date: m[4]!, quiet_days: Number(m[5]) };
  }
  if (kind === 'seasonality') {
    const moves = [...title.matchAll(/moved ([+-]?\d+(?:\.\d+)?)%/g)].map((x) => x[1]!);
    return { growth_unaffected_text: moves[0] ?? null, growth_last_year_text: moves[1] ?? null };
  }
  const dates = title.match(ISO) ?? [];
  return { start_date: dates[0] ?? null, end_date: dates[1] ?? null };
}
