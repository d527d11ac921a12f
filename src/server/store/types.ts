// Conversations and their turns: one interface, two stores (DynamoDB in production, SQLite embedded).
import type { ConversationMeta, StoredTurn } from '../../protocol/index.ts';

export type { ConversationMeta, StoredTurn };

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
