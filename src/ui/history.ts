// The history page's state: the search form's values, the matching conversations a page at a time, and the
// query string the server reads (GET /api/history).
import { signal } from '@preact/signals';
import type { HistoryItem, HistoryQuery, HistoryResponse } from '../protocol/history.ts';
import type { SavedAnswer } from '../protocol/stars.ts';
import { api } from './api.ts';
import { focusAnswer } from './focus-answer.ts';
import { openConversation, sidebarOpen, view } from './model.ts';

export interface HistoryForm {
  q: string;
  from: string;
  to: string;
  metric: string;
  saved: '' | 'true';
}

export const EMPTY_FORM: HistoryForm = { q: '', from: '', to: '', metric: '', saved: '' };

export const historyForm = signal<HistoryForm>(EMPTY_FORM);
export const historyItems = signal<HistoryItem[]>([]);
/** The saved answers matching the search (the first page's answer carries them). */
export const historyAnswers = signal<SavedAnswer[]>([]);
export const historyNext = signal<string | null>(null);
export const historyLoading = signal(false);
export const historyError = signal<string | null>(null);

const PAGE = 20;

/** The form as the route's query string: empty fields are left out. */
export function historyQueryString(f: HistoryForm, cursor?: string | null, limit = PAGE): string {
  const q: Record<string, string> = {};
  if (f.q.trim()) q.q = f.q.trim();
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.metric) q.metric = f.metric;
  if (f.saved) q.saved = f.saved;
  q.limit = String(limit);
  if (cursor) q.cursor = cursor;
  return new URLSearchParams(q satisfies HistoryQuery as Record<string, string>).toString();
}

/** A fresh search (replaces the list) or the next page (`more`: appends to it). */
export async function searchHistory(more = false): Promise<void> {
  if (historyLoading.value) return;
  historyLoading.value = true;
  historyError.value = null;
  try {
    const cursor = more ? historyNext.value : null;
    const r = await api<HistoryResponse>(`/api/history?${historyQueryString(historyForm.value, cursor)}`);
    historyItems.value = more ? [...historyItems.value, ...r.items] : r.items;
    if (!more) historyAnswers.value = r.answers ?? [];
    historyNext.value = r.next;
  } catch (e) {
    historyError.value = (e as Error).message;
  } finally {
    historyLoading.value = false;
  }
}

/** The history page's address, so it can be bookmarked and reopened after a reload. */
export const HISTORY_HASH = '#/history';

export function openHistory(): void {
  view.value = 'history';
  location.hash = HISTORY_HASH;
  sidebarOpen.value = false;
  void searchHistory();
}

/** A saved answer from the history page: its conversation, scrolled to that answer, which has focus. */
export async function openSavedAnswer(conversationId: string, turnId: string): Promise<void> {
  await openConversation(conversationId);
  if (view.value === 'chat') await focusAnswer(turnId);
}
