// Conversations and their turns: one interface, two stores (DynamoDB in production, SQLite embedded).
import type { TurnSummary } from '../../protocol/turn.ts';

export interface ConversationMeta {
  id: string;
  ownerId: string;
  title: string;
  createdAt: string; // ISO
  updatedAt: string; // ISO
  /** A saved conversation is kept past the TTL. */
  saved: boolean;
  /** Epoch seconds when it expires; null when saved. */
  expiresAt: number | null;
}

export interface StoredTurn {
  turnId: string;
  conversationId: string;
  createdAt: string; // ISO
  question: string;
  summary: TurnSummary;
  /** The model-facing messages of this turn (Converse shape), capped, for follow-up context. */
  messages: unknown[];
}

export interface ConversationStore {
  create(ownerId: string, title: string): Promise<ConversationMeta>;
  get(id: string): Promise<ConversationMeta | null>;
  /** ownerId null lists everyone's (admins). Newest first. */
  list(ownerId: string | null): Promise<ConversationMeta[]>;
  update(id: string, patch: { title?: string; saved?: boolean }): Promise<ConversationMeta>;
  delete(id: string): Promise<void>;
  appendTurn(turn: StoredTurn): Promise<void>;
  turns(conversationId: string): Promise<StoredTurn[]>;
  close(): Promise<void>;
}
