// The chips' side of the model: the values each chip offers (fetched once per session) and the re-run a
// changed chip sends. The answer comes back whole (no stream: a re-run is one tool run, no model) and is
// appended to the conversation as a new turn marked edited.
import { signal } from '@preact/signals';
import type { TurnView } from '../protocol/conversations.ts';
import type { RerunOptions, RerunRequest } from '../protocol/rerun.ts';
import { api } from './api.ts';
import { lang } from './i18n.ts';
import { type AssistantMessage, busy, currentId, fromSummary, loadConversations, messages } from './model.ts';

export const rerunOptions = signal<RerunOptions | null>(null);
/** The answer whose chip is being re-run, and why the last re-run failed. */
export const rerunning = signal<string | null>(null);
export const rerunError = signal<{ id: string; message: string } | null>(null);

let loading: Promise<void> | null = null;

/** Fetched on the first answer that could have chips; a failure leaves answers without chips, not broken. */
export function loadRerunOptions(): void {
  if (rerunOptions.value || loading) return;
  loading = api<RerunOptions>('/api/rerun/options')
    .then((o) => {
      rerunOptions.value = o;
    })
    .catch(() => {
      loading = null;
    });
}

export async function rerun(m: AssistantMessage, tool: string, input: Record<string, unknown>): Promise<void> {
  const conversationId = currentId.value;
  if (busy.value || !conversationId || !m.turnId) return;
  busy.value = true;
  rerunning.value = m.id;
  rerunError.value = null;
  try {
    const json: RerunRequest = { tool, input, language: lang.value };
    const { turn } = await api<{ turn: TurnView }>(`/api/conversations/${conversationId}/turns/${m.turnId}/rerun`, {
      method: 'POST',
      json,
    });
    // Another conversation may have been opened meanwhile: the stored turn is there when it is reopened.
    if (currentId.value !== conversationId) return;
    messages.value = [
      ...messages.value,
      { kind: 'user', id: `${turn.turnId}q`, text: turn.question },
      { ...fromSummary(turn.turnId, turn.summary), ...(turn.edited ? { edited: turn.edited } : {}) },
    ];
  } catch (e) {
    rerunError.value = { id: m.id, message: (e as Error).message };
  } finally {
    rerunning.value = null;
    busy.value = false;
    void loadConversations();
  }
}
