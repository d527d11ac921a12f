// The offline model: a deterministic function of the conversation that plays the model's part in the same
// tool-use loop, with no network. It re-reads the whole conversation on every call (no hidden state): the user
// questions give the intents, this turn's tool results give the answer.
import { TidelensError } from '../../errors.ts';
import { readModelError, readModelPart } from '../../tools/dispatch.ts';
import type { DataRange } from '../../tools/types.ts';
import type { Message, ModelEvent, ModelProvider, ModelRequest, ToolSpec } from '../providers/types.ts';
import { compose, type Outcome } from './answer.ts';
import type { Intent } from './intent.ts';
import { fit, plan, repair, whyFallback, type PlannedCall } from './plan.ts';
import { understandAll } from './understand.ts';

/** Rounds of tool calls in one turn: the plan, then at most one repair. */
const MAX_ROUNDS = 2;

export class OfflineProvider implements ModelProvider {
  readonly name = 'offline' as const;
  readonly modelId = 'tidelens-offline';

  async *converse(req: ModelRequest): AsyncIterable<ModelEvent> {
    req.signal?.throwIfAborted();
    const data = req.context?.dataRange ?? rangeFromPrompt(req.system);
    const step = decide(req.messages, req.tools, data);
    const inputTokens = estimateTokens(req.system) + estimateTokens(JSON.stringify(req.messages)) + estimateTokens(JSON.stringify(req.tools));
    if (step.calls.length) {
      for (const [k, c] of step.calls.entries()) {
        yield { type: 'tool_use', toolUseId: `offline-q${step.question}-r${step.round}-${k}`, name: c.name, input: c.input };
      }
      yield { type: 'stop', reason: 'tool_use', usage: { inputTokens, outputTokens: estimateTokens(JSON.stringify(step.calls)) } };
      return;
    }
    for (const chunk of chunks(step.text)) {
      req.signal?.throwIfAborted();
      yield { type: 'text', delta: chunk };
    }
    yield { type: 'stop', reason: 'end_turn', usage: { inputTokens, outputTokens: estimateTokens(step.text) } };
  }
}

export function createOfflineProvider(): OfflineProvider {
  return new OfflineProvider();
}

export interface Step {
  intent: Intent;
  /** Index of the current question in the conversation, for stable tool-use ids. */
  question: number;
  round: number;
  calls: PlannedCall[];
  text: string;
}

const isQuestion = (m: Message) => m.role === 'user' && m.content.some((b) => 'text' in b) && !m.content.some((b) => 'toolResult' in b);

/** What the model does next, given the conversation so far. Pure. */
export function decide(messages: Message[], tools: ToolSpec[], data: DataRange): Step {
  const qIdx = messages.flatMap((m, i) => (isQuestion(m) ? [i] : []));
  if (!qIdx.length) throw new TidelensError('model_error', 'the offline model was called without a user question; send the question as the last user message');
  const questions = qIdx.map((i) => messages[i].content.flatMap((b) => ('text' in b ? [b.text] : [])).join('\n'));
  const intent = understandAll(questions, data).at(-1)!;
  const turn = messages.slice(qIdx.at(-1)! + 1);
  const base = { intent, question: qIdx.length - 1 };

  const rounds = turn.filter((m) => m.role === 'assistant' && m.content.some((b) => 'toolUse' in b));
  if (rounds.length === 0) {
    const calls = plan(intent, tools);
    if (calls.length) return { ...base, round: 0, calls, text: '' };
    return { ...base, round: 0, calls: [], text: render(intent, [], data) };
  }

  const outcomes = readOutcomes(turn, intent);
  const last = rounds.at(-1)!;
  const lastIds = new Set(last.content.flatMap((b) => ('toolUse' in b ? [b.toolUse.toolUseId] : [])));
  if (rounds.length < MAX_ROUNDS) {
    const fixes = repairs(intent, outcomes.filter((o) => lastIds.has(o.id) && o.error), tools);
    if (fixes.length) return { ...base, round: rounds.length, calls: fixes, text: '' };
  }
  return { ...base, round: rounds.length, calls: [], text: render(intent, outcomes, data) };
}

interface Tracked extends Outcome {
  id: string;
}

function readOutcomes(turn: Message[], intent: Intent): Tracked[] {
  const results = new Map<string, { text: string; status: string }>();
  for (const m of turn) for (const b of m.content) if ('toolResult' in b) results.set(b.toolResult.toolUseId, { text: b.toolResult.content.map((c) => c.text).join('\n'), status: b.toolResult.status });
  const out: Tracked[] = [];
  for (const m of turn) {
    for (const b of m.content) {
      if (!('toolUse' in b)) continue;
      const { toolUseId: id, name } = b.toolUse;
      const input = (b.toolUse.input ?? {}) as Record<string, unknown>;
      const r = results.get(id);
      const payload = r && r.status === 'success' ? readModelPart(r.text) : null;
      const error = !r ? { code: 'not_run', message: 'no result came back' } : r.status === 'error' || !payload ? (readModelError(r.text) ?? { code: 'tool_failed', message: r.text.slice(0, 300) }) : null;
      // A filter the question set that the call does not carry was not applied: the answer says so.
      const dropped = name === 'describe_schema' || name === 'run_sql' ? [] : Object.keys(intent.filters).filter((k) => !(k in input));
      out.push({ id, name, input, payload, error, dropped });
    }
  }
  // A repaired call supersedes the failed one with the same tool.
  return out.filter((o, k) => !(o.error && out.slice(k + 1).some((later) => later.name === o.name && !later.error)));
}

function repairs(intent: Intent, failed: Tracked[], tools: ToolSpec[]): PlannedCall[] {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const out: PlannedCall[] = [];
  for (const f of failed) {
    if (f.name === 'explain_change' && intent.kind === 'why') {
      for (const r of whyFallback(intent)) if (byName.has(r.name)) out.push(fit(r, byName.get(r.name)!));
      continue;
    }
    const fixed = repair(f, f.error!);
    if (fixed) out.push({ ...fixed, dropped: [...f.dropped, ...fixed.dropped] });
  }
  return out;
}

function render(intent: Intent, outcomes: Outcome[], data: DataRange): string {
  const a = compose(intent, outcomes, data);
  if (!a.suggestions.length) return a.text;
  const head = intent.language === 'zh' ? '你还可以问：' : 'You could also ask:';
  const joiner = intent.kind === 'unsupported' && intent.unsupported === 'not_understood' ? '\n' : '\n\n' + head + '\n';
  return a.text + joiner + a.suggestions.map((s) => `- ${s}`).join('\n');
}

/** The loop passes the data range in context; a prompt that states it works too. */
function rangeFromPrompt(system: string): DataRange {
  const dates = [...system.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1]).sort();
  if (dates.length >= 2) return { minDate: dates[0], maxDate: dates.at(-1)! };
  throw new TidelensError('model_error', "the offline model needs the data's date range: pass context.dataRange in the model request");
}

/** Roughly four characters per token for Latin text and one per Han character. */
export function estimateTokens(s: string): number {
  const han = (s.match(/\p{Script=Han}/gu) ?? []).length;
  return Math.ceil((s.length - han) / 4) + han;
}

/** Streams the answer a line or clause at a time, as a remote model would. */
function* chunks(text: string): Generator<string> {
  const parts = text.match(/[^\n。；,.，]*[\n。；,.，]?/g) ?? [text];
  let buf = '';
  for (const p of parts) {
    buf += p;
    if (buf.length >= 24 || p.endsWith('\n')) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
