// An answer steered without typing: the same tool run again with the inputs a chip changed, and answered by the
// same writer the offline model uses for that tool's results (findings-based text, the tool's table and chart).
// No model is asked: the call is scripted, so a re-run costs one tool run and answers in well under a second.
// It runs through the ordinary turn loop, so dispatch (role and input checks), grounding and the claims check,
// tables and charts are exactly those of a normal turn.
import { resolveCompare, resolvePeriod } from '../calendar/index.ts';
import type { Db } from '../db/types.ts';
import { TidelensError } from '../errors.ts';
import { FREE_SQL_TOOLS } from '../protocol/call-words.ts';
import type { RerunOptions } from '../protocol/rerun.ts';
import { CHANNELS, type Language, METRIC_IDS, type MetricId } from '../protocol/vocabulary.ts';
import { indexTools, toolSpecs } from '../tools/dispatch.ts';
import type { DataRange, Tool, ToolLimits, ToolUser } from '../tools/types.ts';
import type { AssistantEvent } from './assistant-types.ts';
import { runTurn } from './loop.ts';
import { compose } from './offline/answer/compose.ts';
import type { CompareTo, Dimension, Filters, Intent, Kind, Period } from './offline/intent.ts';
import { readOutcomes } from './offline/outcome.ts';
import { understand } from './offline/understand/understand.ts';
import type { Message, ModelEvent, ModelProvider, ModelRequest } from './providers/types.ts';

export interface RerunInput {
  conversationId: string;
  turnId: string;
  /** The question of the turn being steered: it sets the answer's language and what the answer leans on. */
  question: string;
  language: Language;
  tool: string;
  input: Record<string, unknown>;
  user: ToolUser;
  signal: AbortSignal;
}

export interface Rerunner {
  /** The input after the tool's own schema and the role check; throws bad_input or forbidden. */
  check(tool: string, input: unknown, user: ToolUser): Record<string, unknown>;
  /** One turn: turn_started, tool events, text, checks, done (no `messages`: a re-run feeds no model). */
  rerun(i: RerunInput): AsyncIterable<AssistantEvent>;
  /** What a chip may be changed to: the data's months and each tool's allowed values. */
  options(): Promise<RerunOptions>;
}

export interface RerunConfig {
  tools: Tool[];
  db: Db;
  data: DataRange;
  toolLimits?: ToolLimits;
}

const KIND_OF: Record<string, Kind> = {
  explain_change: 'why',
  breakdown: 'breakdown',
  compare_periods: 'compare',
  sales_trend: 'trend',
  top_products: 'top',
  funnel: 'funnel',
  campaign_performance: 'campaigns',
  price_change_impact: 'price',
  stock_status: 'stock',
  customer_mix: 'customers',
  cohort_retention: 'cohort',
  rfm_segments: 'rfm',
  returns_analysis: 'returns',
};

/** Tools a chip can steer: the vetted templates and explain_change, never free SQL or the data dictionary. */
export function steerable(tool: string): boolean {
  return Object.hasOwn(KIND_OF, tool) && !FREE_SQL_TOOLS.has(tool);
}

export function createRerunner(cfg: RerunConfig): Rerunner {
  const byName = indexTools(cfg.tools);
  let options: Promise<RerunOptions> | null = null;
  return {
    check(tool, input, user) {
      const t = byName.get(tool);
      // The role first: a viewer asking for run_sql is refused as such, whatever the input.
      if (t?.roles && !t.roles.includes(user.role)) {
        throw new TidelensError('forbidden', `the ${user.role} role may not run ${tool}; ask an analyst`);
      }
      if (!t || !steerable(tool)) {
        throw new TidelensError('bad_input', `"${tool}" cannot be re-run from a chip; ask the question instead`);
      }
      const parsed = t.inputSchema.safeParse(input);
      if (!parsed.success) {
        const why = parsed.error.issues
          .slice(0, 3)
          .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
          .join('; ');
        throw new TidelensError('bad_input', `input for ${tool}: ${why}`);
      }
      return parsed.data as Record<string, unknown>;
    },
    async *rerun(i) {
      const intent = intentFor(i, cfg.data);
      const turn = runTurn({
        question: i.question,
        history: [],
        user: i.user,
        provider: scriptedProvider(i, intent, cfg.data),
        // Only the tool being re-run: the loop derives each offered tool's JSON Schema per turn, and no model reads them.
        tools: byName.has(i.tool) ? [byName.get(i.tool)!] : [],
        ctx: { db: cfg.db, data: cfg.data, limits: cfg.toolLimits },
        limits: { maxRounds: 2, maxToolCalls: 1 },
        signal: i.signal,
        conversationId: i.conversationId,
        turnId: i.turnId,
      });
      let r = await turn.next();
      for (; !r.done; r = await turn.next()) yield r.value;
      // Its transcript, so a follow-up question after a re-run sees what the re-run answered.
      yield { type: 'messages', messages: r.value.messages };
    },
    options() {
      options ??= readOptions(cfg).catch((e) => {
        options = null;
        throw e;
      });
      return options;
    },
  };
}

/** Round one calls the tool; round two writes the answer from its result, as the offline model would. */
function scriptedProvider(i: RerunInput, intent: Intent, data: DataRange): ModelProvider {
  return {
    name: 'offline',
    modelId: 'tidelens-rerun',
    async *converse(req: ModelRequest): AsyncIterable<ModelEvent> {
      req.signal?.throwIfAborted();
      const called = req.messages.some((m) => m.role === 'user' && m.content.some((b) => 'toolResult' in b));
      if (!called) {
        yield { type: 'tool_use', toolUseId: `rerun-${i.turnId}`, name: i.tool, input: i.input };
        yield { type: 'stop', reason: 'tool_use', usage: { inputTokens: 0, outputTokens: 0 } };
        return;
      }
      const turn = req.messages.slice(1) as Message[];
      const a = compose(intent, readOutcomes(turn, intent), data);
      const head = intent.language === 'zh' ? '你还可以问：' : 'You could also ask:';
      const text = a.suggestions.length
        ? `${a.text}\n\n${head}\n${a.suggestions.map((s) => `- ${s}`).join('\n')}`
        : a.text;
      yield { type: 'text', delta: text };
      yield { type: 'stop', reason: 'end_turn', usage: { inputTokens: 0, outputTokens: 0 } };
    },
  } as ModelProvider;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

/**
 * What the writer reads about the question, from the new input: its metric, period, comparison, breakdown and
 * filters. The original question still gives the rest (its ranking order, top-N, grain); its premise does not
 * carry over to other inputs, except explain_change's, which the tool itself checks against the data.
 */
export function intentFor(i: Pick<RerunInput, 'question' | 'language' | 'tool' | 'input'>, data: DataRange): Intent {
  const base = understand(i.question, data);
  const input = i.input;
  const metric = METRIC_IDS.includes(input.metric as MetricId) ? (input.metric as MetricId) : base.metric;
  const period = periodOf(input.period, data) ?? base.period;
  const by = str(input.by) ?? str(input.dimension);
  const premise = input.premise === 'drop' ? 'down' : input.premise === 'rise' ? 'up' : null;
  return {
    ...base,
    language: i.language,
    kind: KIND_OF[i.tool] ?? base.kind,
    metric,
    metrics: [metric],
    period,
    compare_to: compareOf(input.compare_to, period, data) ?? base.compare_to,
    dimension: (by as Dimension | undefined) ?? base.dimension,
    filters: filtersOf(input),
    claim: i.tool === 'explain_change' ? premise : null,
    periodDefaulted: false,
    refuse: undefined,
    unsupported: undefined,
    alsoRefused: undefined,
  };
}

function periodOf(v: unknown, data: DataRange): Period | null {
  if (v === undefined) return null;
  try {
    const p = resolvePeriod(v as Parameters<typeof resolvePeriod>[0], data);
    return { start: p.from, end: p.to, grain: p.kind };
  } catch {
    return null;
  }
}

function compareOf(v: unknown, period: Period, data: DataRange): CompareTo | null | undefined {
  if (v === undefined) return undefined;
  if (v === 'none') return null;
  if (v === 'previous_period' || v === 'previous_year') return v;
  try {
    const cur = resolvePeriod({ from: period.start, to: period.end }, data);
    const c = resolveCompare(v as Parameters<typeof resolveCompare>[0], cur, data).period;
    return c ? { start: c.from, end: c.to, grain: c.kind } : null;
  } catch {
    return undefined;
  }
}

function filtersOf(input: Record<string, unknown>): Filters {
  const f: Record<string, string> = {};
  for (const k of ['channel', 'country', 'category', 'device', 'source', 'source_type', 'customer_type']) {
    const v = str(input[k]);
    if (v) f[k] = v;
  }
  return f as Filters;
}

/** Each steerable tool's enumerated inputs, read from its JSON Schema; countries and categories from the data. */
async function readOptions(cfg: RerunConfig): Promise<RerunOptions> {
  const tools: RerunOptions['tools'] = {};
  for (const spec of toolSpecs(cfg.tools.filter((t) => steerable(t.name)))) {
    const props = (spec.inputSchema.properties ?? {}) as Record<string, unknown>;
    const keys: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(props)) {
      const values = enumOf(v);
      if (values.length) keys[k] = values;
    }
    tools[spec.name] = { keys: Object.keys(props), values: keys };
  }
  const q = (sql: string) =>
    cfg.db
      .query(sql, [], { timeoutMs: 5000 })
      .then((r) => r.rows.map((row) => String(Object.values(row)[0] ?? '')).filter(Boolean))
      .catch(() => [] as string[]);
  const [countries, categories] = await Promise.all([
    q('SELECT DISTINCT country FROM orders WHERE country IS NOT NULL ORDER BY country'),
    q('SELECT category_name FROM product_categories WHERE parent_category_id IS NULL ORDER BY category_name'),
  ]);
  return { months: monthsOf(cfg.data), tools, countries, categories, channels: [...CHANNELS] };
}

/** Enum values of a JSON Schema node, through anyOf/oneOf and array items (a filter takes one or many). */
function enumOf(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const out: string[] = [];
  if (Array.isArray(n.enum)) out.push(...n.enum.filter((x): x is string => typeof x === 'string'));
  if (typeof n.const === 'string') out.push(n.const);
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(n[k])) for (const s of n[k]) out.push(...enumOf(s));
  if (n.items) out.push(...enumOf(n.items));
  return [...new Set(out)];
}

/** Every calendar month the data touches, newest first ("2025-07"). */
export function monthsOf(data: DataRange): string[] {
  const out: string[] = [];
  let [y, m] = data.maxDate.split('-').map(Number) as [number, number];
  const [y0, m0] = data.minDate.split('-').map(Number) as [number, number];
  while (y > y0 || (y === y0 && m >= m0)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
