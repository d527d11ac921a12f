// The UI's one signals model: state, derived values and actions. Components read it and call actions;
// every update replaces objects instead of mutating them, so signals see each change.
import { computed, signal } from '@preact/signals';
import type {
  ChartSpec,
  ClaimsCheck,
  ConversationDetail,
  ConversationListResponse,
  ConversationMeta,
  ConversationPatch,
  LoginRequest,
  Me,
  MeResponse,
  StepRecord,
  TableRecord,
  TurnEvent,
  TurnSummary,
} from '../protocol/index.ts';
import type { Feedback } from '../protocol/feedback.ts';
import type { Edited } from '../protocol/rerun.ts';
import type { SharedConversation } from '../protocol/share.ts';
import { api, ApiError, streamChat } from './api.ts';
import { lang } from './i18n.ts';

export interface StepView {
  toolUseId: string;
  tool: string;
  input: unknown;
  status: 'running' | 'done' | 'error';
  record?: StepRecord;
}

export interface AssistantMessage {
  kind: 'assistant';
  id: string;
  text: string;
  steps: StepView[];
  tables: TableRecord[];
  charts: ChartSpec[];
  ungrounded: string[];
  /** The answer's claims against the tools' findings; null until the check arrives (or for old turns). */
  claims: ClaimsCheck | null;
  suggestions: string[];
  status: 'streaming' | 'done' | 'cancelled' | 'error';
  error?: string;
  /** The stored turn's id, once the server has given it: feedback needs it. */
  turnId?: string;
  feedback?: Feedback;
  /** Made by changing a chip of an earlier answer (no model round): what changed. */
  edited?: Edited;
  /** When the owner saved (starred) this answer. */
  starredAt?: string;
}
export interface UserMessage {
  kind: 'user';
  id: string;
  text: string;
}
export type Message = UserMessage | AssistantMessage;

export const me = signal<Me | null | undefined>(undefined); // undefined: not checked yet
export const view = signal<'chat' | 'admin' | 'history'>('chat');
export const conversations = signal<ConversationMeta[]>([]);
export const currentId = signal<string | null>(null);
export const messages = signal<Message[]>([]);
export const busy = signal(false);
export const notice = signal<string | null>(null);
export const sidebarOpen = signal(false);
/** The composer's text: "open as SQL" puts a query there for the analyst to edit and send. */
export const draft = signal('');
/** Why the page a link opened cannot be shown; the chat pane shows the reason instead of a blank screen. */
export type PageError = 'not_found' | 'forbidden' | 'expired' | 'share';
export const pageError = signal<PageError | null>(null);
/** The read-only conversation a share link opened (/share/<token>). */
export const shared = signal<SharedConversation | null>(null);
export const current = computed(() => conversations.value.find((c) => c.id === currentId.value) ?? null);
export const seesSql = computed(() => me.value?.role === 'analyst' || me.value?.role === 'admin');

let running: AbortController | null = null;
let nextId = 0;
const uid = () => `m${++nextId}`;

export async function checkSession(): Promise<void> {
  try {
    me.value = (await api<MeResponse>('/api/me')).user;
    await loadConversations();
    await followAddress.current();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) me.value = null;
    else throw e;
  }
}

/**
 * Opens the page the address names once the user is known. src/ui/routing-sync.ts installs the full reader
 * (history, admin, back and forward); until then, a share link or one of the user's conversations.
 */
export const followAddress = { current: openFromAddress };

async function openFromAddress(): Promise<void> {
  const token = /^\/share\/([A-Za-z0-9_-]{1,64})$/.exec(location.pathname)?.[1];
  const fromHash = /^#\/c\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash)?.[1];
  if (token) await openShared(token);
  else if (fromHash) await openConversation(fromHash);
}

export async function logIn(username: string, password: string): Promise<void> {
  const json: LoginRequest = { username, password };
  me.value = (await api<MeResponse>('/api/auth/login', { method: 'POST', json })).user;
  await loadConversations();
  // A link opened before logging in still opens after it.
  await followAddress.current();
}

export async function logOut(): Promise<void> {
  stop();
  await api('/api/auth/logout', { method: 'POST', json: {} });
  me.value = null;
  messages.value = [];
  conversations.value = [];
  currentId.value = null;
  location.hash = '';
}

export async function loadConversations(): Promise<void> {
  conversations.value = (await api<ConversationListResponse>('/api/conversations')).conversations;
}

export function fromSummary(id: string, s: TurnSummary): AssistantMessage {
  return {
    kind: 'assistant',
    id,
    text: s.answer,
    steps: s.steps.map((r) => ({
      toolUseId: r.toolUseId,
      tool: r.tool,
      input: r.input,
      status: r.error ? 'error' : 'done',
      record: r,
    })),
    tables: s.tables,
    charts: s.charts,
    ungrounded: s.ungrounded,
    claims: s.claims ?? null,
    suggestions: s.suggestions,
    status: s.stopReason === 'cancelled' ? 'cancelled' : 'done',
    turnId: s.turnId,
  };
}

const CANNOT_OPEN: Record<number, PageError> = { 403: 'forbidden', 404: 'not_found', 410: 'expired' };

/** Shows why a link cannot be opened; false for failures that are not about the link. */
function cannotOpen(e: unknown, share: boolean): boolean {
  const reason = e instanceof ApiError ? CANNOT_OPEN[e.status] : undefined;
  if (!reason) return false;
  pageError.value = share ? 'share' : reason;
  shared.value = null;
  currentId.value = null;
  messages.value = [];
  view.value = 'chat';
  sidebarOpen.value = false;
  return true;
}

/** Back to the app's own address, off a /share/ path, keeping history. */
function toAppPath(): void {
  if (location.pathname !== '/') history.pushState(null, '', '/');
}

export async function openShared(token: string): Promise<void> {
  stop();
  try {
    const r = await api<SharedConversation>(`/api/share/${token}`);
    pageError.value = null;
    currentId.value = null;
    shared.value = r;
    messages.value = r.turns.flatMap((t): Message[] => [
      { kind: 'user', id: `${t.turnId}q`, text: t.question },
      {
        ...fromSummary(t.turnId, t.summary),
        ...(t.status === 'cancelled' ? { status: 'cancelled' as const } : {}),
        ...(t.edited ? { edited: t.edited } : {}),
      },
    ]);
    view.value = 'chat';
  } catch (e) {
    if (!cannotOpen(e, true)) throw e;
  }
}

export async function openConversation(id: string): Promise<void> {
  stop();
  let r: ConversationDetail;
  try {
    r = await api<ConversationDetail>(`/api/conversations/${id}`);
  } catch (e) {
    if (cannotOpen(e, false)) return;
    throw e;
  }
  pageError.value = null;
  shared.value = null;
  toAppPath();
  currentId.value = id;
  messages.value = r.turns.flatMap((t): Message[] => [
    { kind: 'user', id: `${t.turnId}q`, text: t.question },
    {
      ...fromSummary(t.turnId, t.summary),
      ...(t.status === 'cancelled' ? { status: 'cancelled' as const } : {}),
      ...(t.feedback ? { feedback: t.feedback } : {}),
      ...(t.edited ? { edited: t.edited } : {}),
      ...(t.starredAt ? { starredAt: t.starredAt } : {}),
    },
  ]);
  view.value = 'chat';
  sidebarOpen.value = false;
}

export function newChat(): void {
  stop();
  pageError.value = null;
  shared.value = null;
  toAppPath();
  currentId.value = null;
  messages.value = [];
  view.value = 'chat';
  sidebarOpen.value = false;
}

function patchLast(fn: (m: AssistantMessage) => AssistantMessage): void {
  const list = messages.value;
  const last = list[list.length - 1];
  if (last?.kind !== 'assistant') return;
  messages.value = [...list.slice(0, -1), fn(last)];
}

function apply(ev: TurnEvent): void {
  switch (ev.type) {
    case 'turn_started':
      if (currentId.value !== ev.conversationId) {
        currentId.value = ev.conversationId;
        void loadConversations();
      }
      break;
    case 'text':
      patchLast((m) => ({ ...m, text: m.text + ev.delta }));
      break;
    case 'tool_started':
      patchLast((m) => ({
        ...m,
        steps: [...m.steps, { toolUseId: ev.toolUseId, tool: ev.tool, input: ev.input, status: 'running' }],
      }));
      break;
    case 'tool_finished':
      patchLast((m) => {
        const view: StepView = {
          toolUseId: ev.step.toolUseId,
          tool: ev.step.tool,
          input: ev.step.input,
          status: ev.step.error ? 'error' : 'done',
          record: ev.step,
        };
        const known = m.steps.some((s) => s.toolUseId === ev.step.toolUseId);
        return {
          ...m,
          steps: known ? m.steps.map((s) => (s.toolUseId === ev.step.toolUseId ? view : s)) : [...m.steps, view],
        };
      });
      break;
    case 'table':
      patchLast((m) => ({ ...m, tables: [...m.tables, ev.table] }));
      break;
    case 'chart':
      patchLast((m) => ({ ...m, charts: [...m.charts, ev.spec] }));
      break;
    case 'grounding':
      patchLast((m) => ({ ...m, ungrounded: ev.ungrounded }));
      break;
    case 'claims':
      patchLast((m) => ({ ...m, claims: ev.claims }));
      break;
    case 'suggestions':
      patchLast((m) => ({ ...m, suggestions: ev.questions.slice(0, 4) }));
      break;
    case 'done':
      // The summary is the record of the turn: it replaces what the stream assembled.
      patchLast((m) => ({
        ...fromSummary(m.id, ev.turn),
        suggestions: ev.turn.suggestions.length ? ev.turn.suggestions : m.suggestions,
        ungrounded: ev.turn.ungrounded.length ? ev.turn.ungrounded : m.ungrounded,
        claims: ev.turn.claims ?? m.claims,
      }));
      break;
    case 'error':
      patchLast((m) => ({ ...m, status: 'error', error: ev.message }));
      break;
  }
}

export async function ask(question: string): Promise<void> {
  const text = question.trim();
  if (!text || busy.value) return;
  busy.value = true;
  notice.value = null;
  pageError.value = null;
  messages.value = [
    ...messages.value,
    { kind: 'user', id: uid(), text },
    {
      kind: 'assistant',
      id: uid(),
      text: '',
      steps: [],
      tables: [],
      charts: [],
      ungrounded: [],
      claims: null,
      suggestions: [],
      status: 'streaming',
    },
  ];
  running = new AbortController();
  try {
    await streamChat(
      { message: text, conversationId: currentId.value ?? undefined, language: lang.value },
      apply,
      running.signal,
    );
    patchLast((m) => (m.status === 'streaming' ? { ...m, status: 'done' } : m));
  } catch (e) {
    if (running?.signal.aborted) patchLast((m) => ({ ...m, status: 'cancelled' }));
    else patchLast((m) => ({ ...m, status: 'error', error: (e as Error).message }));
    if (e instanceof ApiError && e.status === 401) me.value = null;
  } finally {
    running = null;
    busy.value = false;
    void loadConversations();
  }
}

/** Aborting the request closes the stream; the server sees the closed connection and cancels the turn. */
export function stop(): void {
  running?.abort();
}

export async function renameConversation(id: string, title: string): Promise<void> {
  await api(`/api/conversations/${id}`, { method: 'PATCH', json: { title } satisfies ConversationPatch });
  await loadConversations();
}

export async function toggleSaved(c: ConversationMeta): Promise<void> {
  await api(`/api/conversations/${c.id}`, { method: 'PATCH', json: { saved: !c.saved } satisfies ConversationPatch });
  await loadConversations();
}

export async function deleteConversation(id: string): Promise<void> {
  await api(`/api/conversations/${id}`, { method: 'DELETE' });
  if (currentId.value === id) newChat();
  await loadConversations();
}
