// Adapts the agent loop (callback events, a returned transcript) to the chat route's Assistant (an async
// stream of events). Earlier turns' transcripts become the loop's history so follow-ups keep context.
import type { Db } from '../db/types.ts';
import type { DataRange, Tool, ToolLimits } from '../tools/types.ts';
import type { TurnLimits } from './limits.ts';
import { runTurnWithTranscript } from './loop.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';
import type { Message, ModelProvider } from './providers/types.ts';
import type { TurnEvent } from '../protocol/turn.ts';
import type { Assistant, AssistantEvent, ChatTurnInput } from './assistant-types.ts';
import { splitSuggestions } from './suggestions.ts';

export interface LoopAssistantDeps {
  provider: ModelProvider;
  tools: Tool[];
  /** The assistant's read-only connection to the warehouse. */
  db: Db;
  data: DataRange;
  toolLimits?: ToolLimits;
  turnLimits?: Partial<TurnLimits>;
  schemaDocsText?: string;
  rateLimiter?: SlidingWindowLimiter;
  /** How many earlier turns the model sees. */
  historyTurns?: number;
}

export function loopAssistant(deps: LoopAssistantDeps): Assistant {
  return {
    async *runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent> {
      const queue: AssistantEvent[] = [];
      let wake: (() => void) | null = null;
      let finished = false;
      let failure: unknown;
      const push = (e: AssistantEvent) => {
        queue.push(e);
        wake?.();
      };
      const onEvent = (e: TurnEvent) => {
        if (e.type === 'done' && !e.turn.suggestions.length) {
          const split = splitSuggestions(e.turn.answer);
          if (split.suggestions.length) {
            push({ type: 'suggestions', questions: split.suggestions });
            push({ type: 'done', turn: { ...e.turn, answer: split.answer, suggestions: split.suggestions } });
            return;
          }
        }
        push(e);
      };
      const history = input.history.slice(-(deps.historyTurns ?? 6)).flatMap((t) => t.messages as Message[]);
      const run = runTurnWithTranscript({
        question: input.question,
        history,
        user: input.user,
        provider: deps.provider,
        tools: deps.tools,
        ctx: { db: deps.db, data: deps.data, limits: deps.toolLimits },
        schemaDocsText: deps.schemaDocsText,
        limits: deps.turnLimits,
        signal: input.signal,
        onEvent,
        conversationId: input.conversationId,
        turnId: input.turnId,
        rateLimiter: deps.rateLimiter,
      }).then(
        (out) => {
          // The route saves the turn when `done` arrives, so the transcript must be queued before it.
          if (!queue.some((e) => e.type === 'done')) onEvent({ type: 'done', turn: out.summary });
          queue.splice(queue.findIndex((e) => e.type === 'done'), 0, { type: 'messages', messages: out.messages });
        },
        (e) => (failure = e),
      ).finally(() => {
        finished = true;
        wake?.();
      });
      for (;;) {
        while (queue.length) {
          const e = queue.shift()!;
          // Hold `done` back until the transcript is known so it can go first.
          if (e.type === 'done' && !finished) {
            queue.unshift(e);
            break;
          }
          yield e;
        }
        if (finished && !queue.length) break;
        if (!queue.length || queue[0]!.type === 'done') await new Promise<void>((r) => (wake = r));
        wake = null;
      }
      await run;
      if (failure) throw failure;
    },
  };
}
