// What the chat route needs from the assistant: one turn as a stream of TurnEvents.
// main.ts adapts the real agent loop to this; tests pass a scripted one. The route owns ids, history and saving.
import type { Language, TurnEvent } from '../protocol/turn.ts';
import type { StoredTurn } from '../server/store/types.ts';
import type { ToolUser } from '../tools/types.ts';

export interface ChatTurnInput {
  conversationId: string;
  turnId: string;
  question: string;
  /** The UI's language; the assistant may still answer in the question's language. */
  language: Language;
  user: ToolUser;
  history: StoredTurn[];
  signal: AbortSignal;
}

/** A finished turn may hand back its model-facing messages so follow-ups have context. */
export type AssistantEvent = TurnEvent | { type: 'messages'; messages: unknown[] };

export interface Assistant {
  runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent>;
}
