// Share links and answer feedback as the browser calls them. Kept out of model.ts: only these features use them.
import type { FeedbackBody, FeedbackResponse } from '../protocol/feedback.ts';
import type { ShareResponse } from '../protocol/share.ts';
import { api } from './api.ts';
import { loadConversations, messages } from './model.ts';

export function shareUrl(path: string): string {
  return new URL(path, location.origin).href;
}

export async function createShare(conversationId: string): Promise<string> {
  const r = await api<ShareResponse>(`/api/conversations/${conversationId}/share`, { method: 'POST', json: {} });
  await loadConversations();
  return shareUrl(r.path);
}

export async function revokeShare(conversationId: string): Promise<void> {
  await api(`/api/conversations/${conversationId}/share`, { method: 'DELETE' });
  await loadConversations();
}

export async function sendFeedback(conversationId: string, turnId: string, json: FeedbackBody): Promise<void> {
  const r = await api<FeedbackResponse>(`/api/conversations/${conversationId}/turns/${turnId}/feedback`, {
    method: 'POST',
    json,
  });
  messages.value = messages.value.map((m) =>
    m.kind === 'assistant' && m.turnId === turnId ? { ...m, feedback: r.feedback } : m,
  );
}
