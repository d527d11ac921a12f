// What the chat route and the CLI need from the assistant: one turn as a stream of TurnEvents.
// createAssistant (assistant.ts) is the real one; server tests pass a scripted one. The caller owns ids,
// history and saving.
import type { Language, TurnEvent } from '../protocol/turn.ts';
import type { ToolUser } from '../tools/types.ts';

/** An earlier turn of the conversation: a stored turn fits (structurally; src/agent cannot import the store). */
export interface EarlierTurn {
  question: string;
  /** Its model-facing messages: what the model sees of it. */
  messages: unknown[];
}

export interface ChatTurnInput {
  conversationId: string;
  turnId: string;
  question: string;
  /** The UI's language; the assistant may still answer in the question's language. */
  language: Language;
  user: ToolUser;
  /** Earlier turns of the conversation, oldest first. */
  history: readonly EarlierTurn[];
  signal: AbortSignal;
}

/** A finished turn hands back its model-facing messages, before `done`, so follow-ups have context. */
export type AssistantEvent = TurnEvent | { type: 'messages'; messages: unknown[] };

export interface Assistant {
  runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent>;
}
