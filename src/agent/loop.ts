// One chat turn: the model picks tools, the dispatcher runs them, the model reads the results, until it
// answers or a limit ends the turn. Never throws on a model or tool mistake; every exit returns a summary.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { isTidelensError } from '../errors.ts';
import { checkGrounding } from '../guardrails/grounding.ts';
import { dispatch, indexTools, toolSpecs, visibleTools, type DispatchOptions, type DispatchOutcome } from '../tools/dispatch.ts';
import { DEFAULT_LIMITS, type DataRange, type Tool, type ToolContext, type ToolLimits, type ToolUser } from '../tools/types.ts';
import { estimateCostUsd } from './providers/pricing.ts';
import type { Message, ModelEvent, ModelProvider, ModelStopReason, ToolResultBlock } from './providers/types.ts';
import { detectLanguage } from './language.ts';
import { DEFAULT_TURN_LIMITS, limitMessage, type TurnLimits } from './limits.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import { buildSystemPrompt } from './system-prompt.ts';
import type { StepRecord, TurnEvent, TurnSummary } from '../protocol/turn.ts';

export interface RunTurnInput {
  question: string;
  /** The conversation so far (Converse messages of earlier turns). */
  history: Message[];
  user: ToolUser;
  provider: ModelProvider;
  tools: Tool[];
  ctx: { db: Db; data: DataRange; limits?: ToolLimits };
  /** From schema-docs/; empty until that renderer is wired in. */
  schemaDocsText?: string;
  limits?: Partial<TurnLimits>;
  signal?: AbortSignal;
  onEvent?: (e: TurnEvent) => void;
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

export async function runTurn(input: RunTurnInput): Promise<TurnSummary> {
  return (await runTurnWithTranscript(input)).summary;
}

export async function runTurnWithTranscript(input: RunTurnInput): Promise<TurnOutcome> {
  const lim = { ...DEFAULT_TURN_LIMITS, ...input.limits };
  const started = performance.now();
  const turnId = input.turnId ?? randomUUID();
  const conversationId = input.conversationId ?? '';
  const language = detectLanguage(input.question);
  const emit = (e: TurnEvent) => input.onEvent?.(e);
  const messages: Message[] = [{ role: 'user', content: [{ text: input.question }] }];
  const steps: StepRecord[] = [];
  const charts: TurnSummary['charts'] = [];
  const tables: TurnSummary['tables'] = [];
  const sources: unknown[] = [input.question];
  const t = { modelMs: 0, toolMs: 0, sqlMs: 0, inputTokens: 0, outputTokens: 0 };

  const finish = (modelText: string, stopReason: TurnSummary['stopReason'], notice = ''): TurnOutcome => {
    const answer = [modelText.trim(), notice].filter(Boolean).join('\n\n');
    closeTranscript(messages, answer || notice || '…');
    const ungrounded = stopReason === 'error' ? [] : checkGrounding(modelText, sources).ungrounded;
    if (ungrounded.length) emit({ type: 'grounding', ungrounded });
    const summary: TurnSummary = {
      turnId,
      conversationId,
      language,
      answer,
      steps,
      charts,
      tables,
      ungrounded,
      suggestions: [],
      timings: { totalMs: round(performance.now() - started), modelMs: round(t.modelMs), toolMs: round(t.toolMs), sqlMs: round(t.sqlMs) },
      usage: { inputTokens: t.inputTokens, outputTokens: t.outputTokens, estimatedCostUsd: estimateCostUsd(input.provider.modelId, t.inputTokens, t.outputTokens) },
      stopReason,
    };
    emit({ type: 'done', turn: summary });
    return { summary, messages };
  };

  emit({ type: 'turn_started', conversationId, turnId });
  if (input.rateLimiter && !input.rateLimiter.take(input.user.id)) {
    return finish('', 'rate_limit', limitMessage('rate_limit', language, input.rateLimiter.perMinute));
  }

  const timeout = AbortSignal.timeout(lim.maxTurnMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  const system = buildSystemPrompt({ schemaDocsText: input.schemaDocsText ?? '', dataRange: input.ctx.data, dialect: input.ctx.db.engine });
  const specs = toolSpecs(visibleTools(input.tools, input.user.role));
  const toolMap = indexTools(input.tools);
  const toolCtx: ToolContext = { db: input.ctx.db, user: input.user, data: input.ctx.data, limits: input.ctx.limits ?? DEFAULT_LIMITS, signal };
  let toolCalls = 0;
  let text = '';

  const callModel = async () => {
    const start = performance.now();
    const toolUses: Extract<ModelEvent, { type: 'tool_use' }>[] = [];
    let stop: ModelStopReason = 'other';
    text = '';
    try {
      const stream = input.provider.converse({
        system,
        messages: [...input.history, ...messages],
        tools: specs,
        maxTokens: lim.maxAnswerTokens,
        signal,
        context: { dataRange: input.ctx.data, dialect: input.ctx.db.engine, language },
      });
      for await (const ev of stream) {
        if (ev.type === 'text') {
          text += ev.delta;
          emit({ type: 'text', delta: ev.delta });
        } else if (ev.type === 'tool_use') toolUses.push(ev);
        else {
          stop = ev.reason;
          t.inputTokens += ev.usage.inputTokens;
          t.outputTokens += ev.usage.outputTokens;
        }
      }
    } finally {
      t.modelMs += performance.now() - start;
    }
    const content: Message['content'] = [];
    if (text.trim()) content.push({ text });
    for (const u of toolUses) content.push({ toolUse: { toolUseId: u.toolUseId, name: u.name, input: u.inputError ? {} : u.input } });
    if (content.length) messages.push({ role: 'assistant', content });
    return { toolUses, stop };
  };

  const record = (o: DispatchOutcome) => {
    const queries = o.result?.queries ?? [];
    t.sqlMs += queries.reduce((s, q) => s + q.elapsedMs, 0);
    const step: StepRecord = { toolUseId: o.toolUseId, tool: o.tool, input: o.input, queries, rowCount: o.result?.rows.length ?? 0, elapsedMs: round(o.elapsedMs) };
    if (o.error) step.error = o.error;
    steps.push(step);
    emit({ type: 'tool_finished', step });
    const r = o.result;
    if (!r) return;
    sources.push({ summary: r.summary, rows: r.rows, data: r.data, rowCount: r.rows.length });
    if (r.rows.length) {
      const table = { title: tableTitle(o), columns: r.columns, rows: r.rows };
      tables.push(table);
      emit({ type: 'table', table });
    }
    for (const spec of r.charts) {
      charts.push(spec);
      emit({ type: 'chart', spec });
    }
  };

  try {
    for (let roundNo = 1; ; roundNo++) {
      if (roundNo > lim.maxRounds) return finish('', 'round_limit', limitMessage('round_limit', language, lim.maxRounds));
      const { toolUses, stop } = await callModel();
      if (!toolUses.length) {
        if (stop === 'max_tokens') return finish(text, 'token_limit', limitMessage('token_limit', language, lim.maxAnswerTokens));
        return finish(text, 'end_turn');
      }
      if (toolCalls + toolUses.length > lim.maxToolCalls) {
        return finish(text, 'tool_limit', limitMessage('tool_limit', language, lim.maxToolCalls));
      }
      toolCalls += toolUses.length;
      const batchStart = performance.now();
      // Several calls in one model turn run concurrently; results go back in the order the model asked.
      const outcomes = await Promise.all(
        toolUses.map((u) => {
          emit({ type: 'tool_started', toolUseId: u.toolUseId, tool: u.name, input: u.input });
          return dispatch(toolMap, u, toolCtx, input.dispatch);
        }),
      );
      t.toolMs += performance.now() - batchStart;
      outcomes.forEach(record);
      messages.push({
        role: 'user',
        content: outcomes.map((o): ToolResultBlock => ({
          toolResult: { toolUseId: o.toolUseId, content: [{ text: o.modelText }], status: o.error ? 'error' : 'success' },
        })),
      });
      if (t.inputTokens + t.outputTokens > lim.maxTurnTokens) {
        return finish('', 'token_limit', limitMessage('token_limit', language, lim.maxTurnTokens));
      }
    }
  } catch (e) {
    if (input.signal?.aborted) return finish(text, 'cancelled', limitMessage('cancelled', language));
    if (timeout.aborted) return finish(text, 'time_limit', limitMessage('time_limit', language, Math.round(lim.maxTurnMs / 1000)));
    const code = isTidelensError(e) ? e.code : 'internal';
    const message = isTidelensError(e) ? e.message : `the turn failed unexpectedly: ${(e as Error).message ?? String(e)}`;
    emit({ type: 'error', code, message });
    return finish('', 'error', message);
  }
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
    messages.push({
      role: 'user',
      content: dangling.map((id): ToolResultBlock => ({
        toolResult: { toolUseId: id, content: [{ text: JSON.stringify({ error: { code: 'not_run', message: 'the turn ended before this call ran' } }) }], status: 'error' },
      })),
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
