// One chat turn as a stream: the model picks tools, the dispatcher runs them, the model reads the results,
// until it answers or a limit ends the turn. Events are yielded as they happen and the transcript is the
// generator's return value. Never throws on a model or tool mistake; every exit ends with `done`.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { isTidelensError } from '../errors.ts';
import { findingsIn, verifyClaims } from '../guardrails/claims.ts';
import { checkGrounding } from '../guardrails/grounding.ts';
import {
  dispatch,
  indexTools,
  toolSpecs,
  visibleTools,
  type DispatchOptions,
  type DispatchOutcome,
} from '../tools/dispatch.ts';
import {
  DEFAULT_LIMITS,
  type DataRange,
  type Tool,
  type ToolContext,
  type ToolLimits,
  type ToolUser,
} from '../tools/types.ts';
import type { Language, StepRecord, TurnEvent, TurnSummary } from '../protocol/turn.ts';
import { wireFindings } from './wire-findings.ts';
import { estimateCostUsd } from './providers/pricing.ts';
import type {
  Message,
  ModelEvent,
  ModelProvider,
  ModelStopReason,
  ToolResultBlock,
  ToolSpec,
} from './providers/types.ts';
import { detectLanguage } from './language.ts';
import { DEFAULT_TURN_LIMITS, limitMessage, type TurnLimits } from './limits.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import { buildSystemPrompt } from './system-prompt.ts';

export interface RunTurnInput {
  question: string;
  /** The conversation so far (Converse messages of earlier turns). */
  history: Message[];
  user: ToolUser;
  provider: ModelProvider;
  tools: Tool[];
  ctx: { db: Db; data: DataRange; limits?: ToolLimits };
  /** From schema-docs/: what the model knows about the tables. */
  schemaDocsText?: string;
  limits?: Partial<TurnLimits>;
  signal?: AbortSignal;
  conversationId?: string;
  turnId?: string;
  rateLimiter?: SlidingWindowLimiter;
  dispatch?: DispatchOptions;
}

export interface TurnOutcome {
  summary: TurnSummary;
  /** This turn's messages (question, model turns, tool results, final answer): append to the history. */
  messages: Message[];
}

export type TurnStream = AsyncGenerator<TurnEvent, TurnOutcome, void>;
type StopReason = TurnSummary['stopReason'];
type ToolUse = Extract<ModelEvent, { type: 'tool_use' }>;

/** What the steps of one turn share. */
interface TurnState {
  input: RunTurnInput;
  lim: TurnLimits;
  started: number;
  turnId: string;
  conversationId: string;
  language: Language;
  messages: Message[];
  steps: StepRecord[];
  charts: TurnSummary['charts'];
  tables: TurnSummary['tables'];
  /** Everything a number in the answer may come from: the question and the tool results. */
  sources: unknown[];
  totals: { modelMs: number; toolMs: number; sqlMs: number; inputTokens: number; outputTokens: number };
  /** The current model call's text so far: what a cancelled or failed turn still shows. */
  text: string;
}

/** What every model call and tool run of the turn uses, fixed once the turn starts. */
interface TurnEnv {
  system: string;
  specs: ToolSpec[];
  toolMap: ReturnType<typeof indexTools>;
  toolCtx: ToolContext;
  signal: AbortSignal;
}

export async function* runTurn(input: RunTurnInput): TurnStream {
  const s = startState(input);
  yield { type: 'turn_started', conversationId: s.conversationId, turnId: s.turnId };
  const limiter = input.rateLimiter;
  if (limiter && !limiter.take(input.user.id)) {
    return yield* finish(s, '', 'rate_limit', limitMessage('rate_limit', s.language, limiter.perMinute));
  }
  const timeout = AbortSignal.timeout(s.lim.maxTurnMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  try {
    return yield* rounds(s, turnEnv(s, signal));
  } catch (e) {
    return yield* failed(s, e, timeout);
  }
}

/** Runs a turn to its end, handing each event to `onEvent`: for callers that want the outcome, not the stream. */
export async function runTurnWithTranscript(
  input: RunTurnInput & { onEvent?: (e: TurnEvent) => void },
): Promise<TurnOutcome> {
  const turn = runTurn(input);
  for (let r = await turn.next(); ; r = await turn.next()) {
    if (r.done) return r.value;
    input.onEvent?.(r.value);
  }
}

function startState(input: RunTurnInput): TurnState {
  return {
    input,
    lim: { ...DEFAULT_TURN_LIMITS, ...input.limits },
    started: performance.now(),
    turnId: input.turnId ?? randomUUID(),
    conversationId: input.conversationId ?? '',
    language: detectLanguage(input.question),
    messages: [{ role: 'user', content: [{ text: input.question }] }],
    steps: [],
    charts: [],
    tables: [],
    sources: [input.question],
    totals: { modelMs: 0, toolMs: 0, sqlMs: 0, inputTokens: 0, outputTokens: 0 },
    text: '',
  };
}

function turnEnv(s: TurnState, signal: AbortSignal): TurnEnv {
  const { input } = s;
  const { db, data } = input.ctx;
  return {
    system: buildSystemPrompt({ schemaDocsText: input.schemaDocsText ?? '', dataRange: data, dialect: db.engine }),
    specs: toolSpecs(visibleTools(input.tools, input.user.role)),
    toolMap: indexTools(input.tools),
    toolCtx: { db, user: input.user, data, limits: input.ctx.limits ?? DEFAULT_LIMITS, signal },
    signal,
  };
}

async function* rounds(s: TurnState, env: TurnEnv): TurnStream {
  const { lim, language } = s;
  let toolCalls = 0;
  for (let roundNo = 1; ; roundNo++) {
    if (roundNo > lim.maxRounds) {
      return yield* finish(s, '', 'round_limit', limitMessage('round_limit', language, lim.maxRounds));
    }
    const { toolUses, stop } = yield* callModel(s, env);
    if (!toolUses.length) {
      if (stop !== 'max_tokens') return yield* finish(s, s.text, 'end_turn');
      return yield* finish(s, s.text, 'token_limit', limitMessage('token_limit', language, lim.maxAnswerTokens));
    }
    if (toolCalls + toolUses.length > lim.maxToolCalls) {
      return yield* finish(s, s.text, 'tool_limit', limitMessage('tool_limit', language, lim.maxToolCalls));
    }
    toolCalls += toolUses.length;
    yield* runTools(s, env, toolUses);
    if (s.totals.inputTokens + s.totals.outputTokens > lim.maxTurnTokens) {
      return yield* finish(s, '', 'token_limit', limitMessage('token_limit', language, lim.maxTurnTokens));
    }
  }
}

type ModelRound = { toolUses: ToolUse[]; stop: ModelStopReason };

async function* callModel(s: TurnState, env: TurnEnv): AsyncGenerator<TurnEvent, ModelRound> {
  const { input, totals } = s;
  const start = performance.now();
  const toolUses: ToolUse[] = [];
  let stop: ModelStopReason = 'other';
  s.text = '';
  try {
    const stream = input.provider.converse({
      system: env.system,
      messages: [...input.history, ...s.messages],
      tools: env.specs,
      maxTokens: s.lim.maxAnswerTokens,
      signal: env.signal,
      context: { dataRange: input.ctx.data, dialect: input.ctx.db.engine, language: s.language },
    });
    for await (const ev of stream) {
      if (ev.type === 'text') {
        s.text += ev.delta;
        yield { type: 'text', delta: ev.delta };
      } else if (ev.type === 'tool_use') toolUses.push(ev);
      else {
        stop = ev.reason;
        totals.inputTokens += ev.usage.inputTokens;
        totals.outputTokens += ev.usage.outputTokens;
      }
    }
  } finally {
    totals.modelMs += performance.now() - start;
  }
  const content: Message['content'] = [];
  if (s.text.trim()) content.push({ text: s.text });
  for (const u of toolUses) {
    content.push({ toolUse: { toolUseId: u.toolUseId, name: u.name, input: u.inputError ? {} : u.input } });
  }
  if (content.length) s.messages.push({ role: 'assistant', content });
  return { toolUses, stop };
}

async function* runTools(s: TurnState, env: TurnEnv, toolUses: ToolUse[]): AsyncGenerator<TurnEvent, void> {
  for (const u of toolUses) yield { type: 'tool_started', toolUseId: u.toolUseId, tool: u.name, input: u.input };
  // The consumer may have taken its time with those events; a turn cancelled meanwhile starts no tool.
  env.signal.throwIfAborted();
  const batchStart = performance.now();
  // Several calls in one model turn run concurrently; results go back in the order the model asked.
  const outcomes = await Promise.all(toolUses.map((u) => dispatch(env.toolMap, u, env.toolCtx, s.input.dispatch)));
  s.totals.toolMs += performance.now() - batchStart;
  for (const o of outcomes) yield* record(s, o);
  s.messages.push({
    role: 'user',
    content: outcomes.map(
      (o): ToolResultBlock => ({
        toolResult: { toolUseId: o.toolUseId, content: [{ text: o.modelText }], status: o.error ? 'error' : 'success' },
      }),
    ),
  });
}

function* record(s: TurnState, o: DispatchOutcome): Generator<TurnEvent, void> {
  const queries = o.result?.queries ?? [];
  s.totals.sqlMs += queries.reduce((sum, q) => sum + q.elapsedMs, 0);
  const rowCount = o.result?.rows.length ?? 0;
  const step: StepRecord = {
    toolUseId: o.toolUseId,
    tool: o.tool,
    input: o.input,
    queries,
    rowCount,
    elapsedMs: round(o.elapsedMs),
  };
  if (o.error) step.error = o.error;
  const findings = wireFindings(o.result?.findings);
  if (findings) step.findings = findings;
  s.steps.push(step);
  yield { type: 'tool_finished', step };
  const r = o.result;
  if (!r) return;
  s.sources.push({ summary: r.summary, rows: r.rows, data: r.data, rowCount: r.rows.length, findings: r.findings });
  if (r.rows.length) {
    // The source titles the table in words; a query's own text stays in the step, where redaction sees it.
    const source = { tool: o.tool, input: o.tool === 'run_sql' ? {} : o.input };
    const table = { title: tableTitle(o), columns: r.columns, rows: r.rows, source };
    s.tables.push(table);
    yield { type: 'table', table };
  }
  for (const spec of r.charts) {
    s.charts.push(spec);
    yield { type: 'chart', spec };
  }
}

function* failed(s: TurnState, e: unknown, timeout: AbortSignal): Generator<TurnEvent, TurnOutcome> {
  const { language, lim } = s;
  if (s.input.signal?.aborted) return yield* finish(s, s.text, 'cancelled', limitMessage('cancelled', language));
  if (timeout.aborted) {
    const seconds = Math.round(lim.maxTurnMs / 1000);
    return yield* finish(s, s.text, 'time_limit', limitMessage('time_limit', language, seconds));
  }
  const code = isTidelensError(e) ? e.code : 'internal';
  const message = isTidelensError(e) ? e.message : `the turn failed unexpectedly: ${(e as Error).message ?? String(e)}`;
  yield { type: 'error', code, message };
  return yield* finish(s, '', 'error', message);
}

function* finish(
  s: TurnState,
  modelText: string,
  stopReason: StopReason,
  notice = '',
): Generator<TurnEvent, TurnOutcome> {
  const withNotice = [modelText.trim(), notice].filter(Boolean).join('\n\n');
  // The UI marks a stopped answer with its own localized badge; only the model's history keeps the notice.
  const answer = stopReason === 'cancelled' ? modelText.trim() : withNotice;
  closeTranscript(s.messages, withNotice || '…');
  const ungrounded = stopReason === 'error' ? [] : checkGrounding(modelText, s.sources).ungrounded;
  if (ungrounded.length) yield { type: 'grounding', ungrounded };
  const claims = stopReason === 'error' ? undefined : verifyClaims(modelText, findingsIn(s.sources));
  if (claims && Object.values(claims).some((l) => l.length)) yield { type: 'claims', claims };
  const t = s.totals;
  const summary: TurnSummary = {
    turnId: s.turnId,
    conversationId: s.conversationId,
    language: s.language,
    answer,
    steps: s.steps,
    charts: s.charts,
    tables: s.tables,
    ungrounded,
    claims,
    suggestions: [],
    timings: {
      totalMs: round(performance.now() - s.started),
      modelMs: round(t.modelMs),
      toolMs: round(t.toolMs),
      sqlMs: round(t.sqlMs),
    },
    usage: {
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      estimatedCostUsd: estimateCostUsd(s.input.provider.modelId, t.inputTokens, t.outputTokens),
    },
    stopReason,
  };
  yield { type: 'done', turn: summary };
  return { summary, messages: s.messages };
}

/**
 * Leaves the turn's messages valid for the next model call: every toolUse answered by a toolResult,
 * and the turn ending with an assistant text, so roles keep alternating.
 */
function closeTranscript(messages: Message[], answer: string): void {
  const last = messages.at(-1)!;
  if (last.role === 'assistant') {
    const dangling = last.content.flatMap((b) => ('toolUse' in b ? [b.toolUse.toolUseId] : []));
    if (!dangling.length) return;
    const notRun = JSON.stringify({ error: { code: 'not_run', message: 'the turn ended before this call ran' } });
    messages.push({
      role: 'user',
      content: dangling.map(
        (id): ToolResultBlock => ({
          toolResult: { toolUseId: id, content: [{ text: notRun }], status: 'error' },
        }),
      ),
    });
  }
  messages.push({ role: 'assistant', content: [{ text: answer }] });
}

function tableTitle(o: DispatchOutcome): string {
  const input = o.input && typeof o.input === 'object' ? Object.entries(o.input as Record<string, unknown>) : [];
  const args = input.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
  return args ? `${o.tool} (${args})` : o.tool;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
