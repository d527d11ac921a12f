// Saving (starring) one answer: the owner's mark, stored with the turn, which keeps the conversation too.
import type { StarBody, StarResponse } from '../protocol/stars.ts';
import { api } from './api.ts';
import { type AssistantMessage, currentId, loadConversations, messages } from './model.ts';

export async function toggleStar(m: AssistantMessage): Promise<void> {
  const conversationId = currentId.value;
  if (!conversationId || !m.turnId) return;
  const json: StarBody = { starred: !m.starredAt };
  const r = await api<StarResponse>(`/api/conversations/${conversationId}/turns/${m.turnId}/star`, {
    method: 'POST',
    json,
  });
  if (currentId.value !== conversationId) return;
  messages.value = messages.value.map((x) => {
    if (x.kind !== 'assistant' || x.id !== m.id) return x;
    const { starredAt: _old, ...rest } = x;
    return r.starredAt ? { ...rest, starredAt: r.starredAt } : rest;
  });
  // Saving an answer keeps its conversation: the list shows it kept.
  await loadConversations();
}
