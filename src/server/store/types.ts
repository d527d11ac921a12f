// Conversations and their turns: one interface, two stores (DynamoDB in production, SQLite embedded).
import type { ConversationMeta, StoredTurn } from '../../protocol/index.ts';

export type { ConversationMeta, StoredTurn };

export interface ListPage {
  conversations: ConversationMeta[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  next: string | null;
}

export interface ConversationStore {
  create(ownerId: string, title: string): Promise<ConversationMeta>;
  get(id: string): Promise<ConversationMeta | null>;
  /** ownerId null lists everyone's (admins). Newest first. */
  list(ownerId: string | null): Promise<ConversationMeta[]>;
  /** The same order as list(), a page at a time. */
  listPage(ownerId: string | null, page: { limit: number; cursor?: string }): Promise<ListPage>;
  update(id: string, patch: { title?: string; saved?: boolean }): Promise<ConversationMeta>;
  delete(id: string): Promise<void>;
  /** Stores a turn; a turn with the same turnId and createdAt replaces the stored one (running → done). */
  appendTurn(turn: StoredTurn): Promise<void>;
  /** Oldest first; `last` reads only the newest n turns. Running turns of a dead server read as interrupted. */
  turns(conversationId: string, opts?: { last?: number }): Promise<StoredTurn[]>;
  turnCount(conversationId: string): Promise<number>;
  /**
   * Deletes the owner's least recently used unsaved conversations until at most `keep` remain in all;
   * returns how many remain (more than `keep` when the rest are saved).
   */
  trimOwner(ownerId: string, keep: number): Promise<number>;
  close(): Promise<void>;
}
