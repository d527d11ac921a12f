// Conversations and their turns: one interface, two stores (DynamoDB in production, SQLite embedded).
import type { Feedback } from '../../protocol/feedback.ts';
import type { ConversationMeta, StoredTurn } from '../../protocol/index.ts';
import type { Lookup, RatedTurn } from './share.ts';

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
  /** Like get(), but says whether a conversation that is gone expired (remembered a while) or never was. */
  lookup(id: string): Promise<Lookup>;
  /** Sets (a fresh token) or clears (null) the read-only share link. */
  setShareToken(id: string, token: string | null): Promise<ConversationMeta>;
  /** The live conversation shared under this token; null when revoked, unknown or expired. */
  byShareToken(token: string): Promise<ConversationMeta | null>;
  /** Stores the rating with the turn, replacing an earlier one; not_found when there is no such turn. */
  setFeedback(conversationId: string, turnId: string, feedback: Feedback): Promise<void>;
  /** Rated turns of live conversations, newest rating first. */
  listFeedback(limit: number): Promise<RatedTurn[]>;
  /** Saves (a time) or unsaves (null) one answer, stored with the turn; not_found when there is no such turn. */
  setStar(conversationId: string, turnId: string, starredAt: string | null): Promise<void>;
  /** The owner's saved answers in live conversations, newest star first. */
  listStarred(ownerId: string, limit: number): Promise<StoredTurn[]>;
  close(): Promise<void>;
}
