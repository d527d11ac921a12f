// Who may see which conversation: owners see their own, admins see everyone's. Both stores and all
// callers (CLI, HTTP routes) go through these functions; another user's conversation is "not found".
import { TidelensError } from '../../errors.ts';
import type { ToolUser } from '../../tools/types.ts';
import type { ConversationMeta, ConversationStore, StoredTurn } from './types.ts';

export function canAccess(user: ToolUser, meta: ConversationMeta): boolean {
  return user.role === 'admin' || meta.ownerId === user.id;
}

export async function listConversations(store: ConversationStore, user: ToolUser): Promise<ConversationMeta[]> {
  return store.list(user.role === 'admin' ? null : user.id);
}

export async function getConversation(store: ConversationStore, user: ToolUser, id: string): Promise<ConversationMeta> {
  const meta = await store.get(id);
  if (!meta || !canAccess(user, meta)) {
    throw new TidelensError(
      'not_found',
      `no conversation ${id} (it may have expired: unsaved conversations are kept for a few days)`,
    );
  }
  return meta;
}

export async function conversationTurns(store: ConversationStore, user: ToolUser, id: string): Promise<StoredTurn[]> {
  await getConversation(store, user, id);
  return store.turns(id);
}

export async function updateConversation(
  store: ConversationStore,
  user: ToolUser,
  id: string,
  patch: { title?: string; saved?: boolean },
): Promise<ConversationMeta> {
  await getConversation(store, user, id);
  return store.update(id, patch);
}

export async function deleteConversation(store: ConversationStore, user: ToolUser, id: string): Promise<void> {
  await getConversation(store, user, id);
  await store.delete(id);
}

/** Only the owner adds turns, even for admins: an admin's question would otherwise land in someone else's history. */
export async function appendTurnFor(store: ConversationStore, user: ToolUser, turn: StoredTurn): Promise<void> {
  const meta = await getConversation(store, user, turn.conversationId);
  if (meta.ownerId !== user.id)
    throw new TidelensError('forbidden', 'only the owner of a conversation can continue it; start a new conversation');
  await store.appendTurn(turn);
}
