// Delete with undo: the conversation disappears at once and a toast offers Undo; the DELETE request goes
// out only when the toast expires (or another delete, or leaving the page, commits it), so a slip costs
// nothing and no confirm() dialog interrupts anyone.
import { computed, signal } from '@preact/signals';
import type { ConversationMeta } from '../protocol/index.ts';
import { conversations, currentId, deleteConversation, newChat, openConversation } from './model.ts';

export const UNDO_MS = 6000;

export const pendingDelete = signal<ConversationMeta | null>(null);
export const shownConversations = computed(() => conversations.value.filter((c) => c.id !== pendingDelete.value?.id));

let timer: ReturnType<typeof setTimeout> | undefined;
let wasOpen = false;

/** Sends the pending DELETE now; the toast goes away. */
export async function commitDelete(): Promise<void> {
  const c = pendingDelete.value;
  clearTimeout(timer);
  pendingDelete.value = null;
  if (c) await deleteConversation(c.id).catch(() => undefined);
}

export function deleteWithUndo(c: ConversationMeta): void {
  void commitDelete();
  wasOpen = currentId.value === c.id;
  if (wasOpen) newChat();
  pendingDelete.value = c;
  timer = setTimeout(() => void commitDelete(), UNDO_MS);
}

/** Undo puts the conversation back, and back on screen if it was the one open. */
export function undoDelete(): void {
  const c = pendingDelete.value;
  clearTimeout(timer);
  pendingDelete.value = null;
  if (c && wasOpen) void openConversation(c.id);
}

// Leaving the page must not lose a delete the user did not undo: keepalive lets the request outlive it.
addEventListener('pagehide', () => {
  const c = pendingDelete.value;
  if (!c) return;
  clearTimeout(timer);
  pendingDelete.value = null;
  void fetch(`/api/conversations/${c.id}`, { method: 'DELETE', credentials: 'same-origin', keepalive: true });
});
