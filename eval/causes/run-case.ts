// One fuzz case end to end: seed the drawn scenario into a throwaway SQLite file, compute its
// manifest, run explain_change on the period against the first comparison, score its causes with the
// rules of score.ts and check the invariants that must hold whatever the data.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../../src/db/sqlite.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import { rounder } from '../../src/tools/explain/model-data.ts';
import { ExplainModelData } from '../../src/tools/explain/result.ts';
import { METRICS } from '../../src/tools/metrics.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../../src/tools/types.ts';
import { EVENT_KINDS } from '../../src/warehouse/event-kinds.ts';
import { earliest, latest, type Drawn } from './draw.ts';
import { askQuestion, askTurn } from './ask.ts';
import {
  calendarFrame,
  matchCauses,
  scoredCauses,
  type CauseScore,
  type PlantedEvent,
  type ScoredCause,
  type SkusOf,
} from './match.ts';
import { seedScenario } from './seed-db.ts';

export const CAUSE_KINDS: ReadonlySet<string> = new Set<string>(EVENT_KINDS);
/** Causes counted per answer, as in score.ts. */
const TOP = 5;

/** One path's score: the causes it reported against the planted events, and the invariants. */
export interface PathScore extends CauseScore {
  direction: string;
  /** Every cause explain_change gave, in short, for diagnosis. */
  causes: Array<{ kind: string; segment: Record<string, string[]>; share: number | null; confidence: string }>;
  /** Invariants that failed, in words; empty when all hold. */
  violations: string[];
}

export interface AskScore extends PathScore {
  language: string;
  question: string;
  /** explain_change was called for the question's metric, period and comparison. */
  sameQuestion: boolean;
  tools: string[];
  ms: number;
}

export interface CaseResult extends PathScore {
  seed: number;
  metric: string;
  comparison: string;
  events: string[];
  seedMs: number;
  explainMs: number;
  /** The same case through the assistant (ask path); absent when not asked. */
  ask?: AskScore;
}

export interface CaseOptions {
  keep?: boolean;
  /** Also put the question to the offline assistant and score its explain_change call. */
  ask?: boolean;
}

export async function runCase(
  d: Drawn,
  scale: number,
  dir: string,
  opts: boolean | CaseOptions = {},
): Promise<CaseResult> {
  const o: CaseOptions = typeof opts === 'boolean' ? { keep: opts } : opts;
  const s = d.scenario;
  const cmp = s.target.comparisons[0]!;
  const path = join(dir, `${s.name}-${scale}.db`);
  const seeded = await seedScenario({
    scenario: s,
    seed: d.seed,
    scale,
    ...d.span,
    target: { engine: 'sqlite', path },
  });
  const db = openSqlite(path);
  try {
    const { ctx, data: explained, ms: explainMs } = await explainDrawn(db, d);
    const skusOf = await catalogue(db);
    const planted = seeded.manifest.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      segment: e.segment as PlantedEvent['segment'],
      skus: e.product_ids.map((id) => skusOf.skuOf.get(id) ?? ''),
      campaign: s.events.find((x) => x.id === e.id)?.campaign?.name,
      share: e.share_of_change[cmp.label] ?? 0,
    }));
    const score = (data: ExplainModelData) => scorePath(data, d, planted, skusOf.of);
    const result: CaseResult = {
      seed: d.seed,
      metric: d.metric,
      comparison: d.comparison,
      events: s.events.map((e) => e.kind),
      ...score(explained),
      seedMs: seeded.ms,
      explainMs,
    };
    if (o.ask) {
      const change = seeded.manifest.comparisons[0]!.change;
      const q = askQuestion(
        d.seed,
        d.metric,
        d.comparison,
        s.target.period,
        cmp,
        change > 0 ? 'up' : change < 0 ? 'down' : 'flat',
      );
      const run = await askTurn(db, ctx.data, q);
      const parsed = ExplainModelData.safeParse(run.data);
      const path: PathScore = parsed.success
        ? score(parsed.data)
        : { ...matchCauses(planted, [], skusOf.of), direction: 'none', causes: [], violations: [] };
      result.ask = {
        ...path,
        language: q.language,
        question: q.question,
        sameQuestion: parsed.success && sameQuestion(parsed.data, d),
        tools: run.tools,
        ms: run.ms,
      };
    }
    return result;
  } finally {
    await db.close();
    if (!o.keep) rmSync(path, { force: true });
  }
}

/** Score one answer's model data: the counted causes against the planted events, and the invariants. */
export function scorePath(
  data: ExplainModelData,
  d: Drawn,
  planted: Array<PlantedEvent & { share: number }>,
  skusOf: SkusOf,
): PathScore {
  const t = d.scenario.target;
  const reported: ScoredCause[] = scoredCauses(data.causes, {
    kinds: CAUSE_KINDS,
    planted,
    ...calendarFrame(d.span, t.comparisons[0]!, t.period),
    top: TOP,
  });
  return {
    direction: data.change.direction,
    ...matchCauses(planted, reported, skusOf),
    causes: data.causes.map((c) => ({ kind: c.kind, segment: c.segment, share: c.share, confidence: c.confidence })),
    violations: invariants(data, d),
  };
}

/** The assistant asked explain_change about the drawn metric, period and comparison. */
function sameQuestion(data: ExplainModelData, d: Drawn): boolean {
  const c = data.change;
  const cmp = d.scenario.target.comparisons[0]!;
  const p = d.scenario.target.period;
  return (
    c.metric === d.metric &&
    c.period.from === p.from &&
    c.period.to === p.to &&
    c.compare.from === cmp.from &&
    c.compare.to === cmp.to
  );
}

/** explain_change on a drawn case's own question (its metric, period and first comparison), timed. */
export async function explainDrawn(
  db: ReturnType<typeof openSqlite>,
  d: Drawn,
): Promise<{ ctx: ToolContext; data: ExplainModelData; ms: number }> {
  const cmp = d.scenario.target.comparisons[0]!;
  const ctx: ToolContext = {
    db,
    user: { id: 'fuzz', role: 'admin' },
    data: await loadDataRange(db),
    limits: DEFAULT_LIMITS,
  };
  const t0 = performance.now();
  const r = await explainChange.run(
    explainChange.inputSchema.parse({
      metric: d.metric,
      period: d.scenario.target.period,
      compare_to: { from: cmp.from, to: cmp.to },
    }),
    ctx,
  );
  return { ctx, data: ExplainModelData.parse(r.data), ms: performance.now() - t0 };
}

/** Each product's SKU, and the SKUs of a category or sub-category by name. */
export async function catalogue(db: ReturnType<typeof openSqlite>) {
  const rows = (
    await db.query(`SELECT p.product_id, p.sku, c2.category_name AS sub, COALESCE(c1.category_name, c2.category_name) AS cat
      FROM products p JOIN product_categories c2 ON c2.category_id = p.category_id
      LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id`)
  ).rows;
  return {
    skuOf: new Map(rows.map((x) => [Number(x.product_id), String(x.sku)])),
    of: (level: 'category' | 'subcategory', name: string) =>
      rows.filter((x) => String(level === 'category' ? x.cat : x.sub) === name).map((x) => String(x.sku)),
  };
}

/**
 * What must hold for any data: the driver steps add up to the change (to the rounding of the shown
 * numbers), no dated cause lies outside the span of the two periods, and the season, the causes and
 * the residual account for the change exactly, so the shares cannot sum past the gap plus remainder.
 */
export function invariants(data: ExplainModelData, d: Drawn): string[] {
  const out: string[] = [];
  const unit = METRICS[d.metric].unit;
  const q = 10 ** -(unit === 'ratio' ? 4 : unit === 'count' ? 1 : 2);
  const r = rounder(unit);
  const ch = data.change;
  const steps = data.drivers.steps.reduce((s, x) => s + x.contribution, 0);
  const stepTol = (data.drivers.steps.length + 1) * q * 0.5 + 1e-9;
  if (Math.abs(steps - data.drivers.delta) > stepTol) {
    out.push(`drivers: steps sum to ${r(steps)}, not the drivers' delta ${data.drivers.delta}`);
  }
  if (Math.abs(data.drivers.delta - ch.delta) > q + 1e-9 + 1e-6 * Math.abs(ch.a)) {
    out.push(`drivers: delta ${data.drivers.delta} is not the change ${ch.delta}`);
  }
  const lo = earliest(ch.compare.from, ch.period.from);
  const hi = latest(ch.compare.to, ch.period.to);
  for (const c of data.causes) {
    if (c.start && c.start > hi) out.push(`cause ${c.kind} starts ${c.start}, after ${hi}`);
    if (c.end && c.end < lo) out.push(`cause ${c.kind} ends ${c.end}, before ${lo}`);
  }
  const season = data.expected_b - ch.a;
  const named = data.causes.filter((c) => c.kind !== 'seasonality').reduce((s, c) => s + (c.effect ?? 0), 0);
  const gap = season + named + data.residual - ch.delta;
  const accTol = (data.causes.length + 3) * q * 0.5 + 1e-6 * Math.abs(ch.a);
  if (Math.abs(gap) > accTol) out.push(`accounting: season + causes + residual miss the change by ${r(gap)}`);
  return out;
}
