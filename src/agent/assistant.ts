// The one assistant behind the web chat, `tidelens ask` and `tidelens eval`: the same prompt, tools, limits
// and history window, and the same closing (suggestions split from the answer, transcript, then `done`),
// so a question gets the same answer whichever way it is asked.
import type { Db } from '../db/types.ts';
import { TidelensError } from '../errors.ts';
import type { TurnSummary } from '../protocol/turn.ts';
import { renderForPrompt } from '../schema-docs/index.ts';
import type { DataRange, Tool, ToolLimits } from '../tools/types.ts';
import type { Assistant, AssistantEvent, ChatTurnInput } from './assistant-types.ts';
import type { TurnLimits } from './limits.ts';
import { runTurn, type TurnOutcome } from './loop.ts';
import type { Message, ModelProvider } from './providers/types.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import { splitSuggestions } from './suggestions.ts';

/** Earlier turns the model sees on a follow-up. */
export const DEFAULT_HISTORY_TURNS = 6;

export interface AssistantConfig {
  provider: ModelProvider;
  tools: Tool[];
  /** The assistant's read-only connection to the warehouse. */
  db: Db;
  data: DataRange;
  /** Turn bounds; turnLimitsFrom(config) reads them from the environment. */
  limits?: Partial<TurnLimits>;
  toolLimits?: ToolLimits;
  /** What the model knows about the tables; default: schema-docs/ rendered for the warehouse's dialect. */
  schemaDocsText?: string;
  /** Questions per user per minute; none in the CLI, where one person asks. */
  rateLimiter?: SlidingWindowLimiter;
  historyTurns?: number;
}

export function createAssistant(cfg: AssistantConfig): Assistant {
  const schemaDocsText = cfg.schemaDocsText ?? renderForPrompt({ dialect: cfg.db.engine });
  const historyTurns = cfg.historyTurns ?? DEFAULT_HISTORY_TURNS;
  return {
    async *runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent> {
      const turn = runTurn({
        question: input.question,
        history: input.history.slice(-historyTurns).flatMap((t) => t.messages as Message[]),
        user: input.user,
        provider: cfg.provider,
        tools: cfg.tools,
        ctx: { db: cfg.db, data: cfg.data, limits: cfg.toolLimits },
        schemaDocsText,
        limits: cfg.limits,
        signal: input.signal,
        conversationId: input.conversationId,
        turnId: input.turnId,
        rateLimiter: cfg.rateLimiter,
      });
      let r = await turn.next();
      // The loop's own `done` is held back: the closing below sends the final one.
      for (; !r.done; r = await turn.next()) if (r.value.type !== 'done') yield r.value;
      yield* closing(r.value);
    },
  };
}

/** Suggestions, then the transcript, then `done`: the route saves the turn when `done` arrives. */
function* closing({ summary, messages }: TurnOutcome): Generator<AssistantEvent> {
  const turn = withSuggestions(summary);
  if (turn.suggestions.length) yield { type: 'suggestions', questions: turn.suggestions };
  yield { type: 'messages', messages };
  yield { type: 'done', turn };
}

/** A model that wrote its follow-ups into the answer gets them moved to the chips, not shown twice. */
function withSuggestions(s: TurnSummary): TurnSummary {
  if (s.suggestions.length) return s;
  const split = splitSuggestions(s.answer);
  return split.suggestions.length ? { ...s, answer: split.answer, suggestions: split.suggestions } : s;
}

export interface CollectedTurn {
  summary: TurnSummary;
  /** This turn's model-facing messages: what a follow-up needs as history. */
  messages: unknown[];
}

/** Reads a turn to its end, for callers that print or score the outcome (the CLI, the eval). */
export async function collectTurn(
  events: AsyncIterable<AssistantEvent>,
  onEvent?: (e: AssistantEvent) => void,
): Promise<CollectedTurn> {
  let summary: TurnSummary | undefined;
  let messages: unknown[] = [];
  for await (const e of events) {
    onEvent?.(e);
    if (e.type === 'messages') messages = e.messages;
    else if (e.type === 'done') summary = e.turn;
  }
  if (!summary) throw new TidelensError('internal', 'the assistant ended the turn without a summary');
  return { summary, messages };
}
