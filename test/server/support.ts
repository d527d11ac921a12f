// Real pieces for the server tests: a SQLite file with the app tables, one user per role, and an assistant
// that replays a scripted turn (the injected dependency the chat route drives; the real loop is tested by its owner).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_TABLES } from '../../src/warehouse/schema.ts';
import { schemaDdl } from '../../seed/ddl.ts';
import { openSqlite, type SqliteDb } from '../../src/db/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import type { TableRecord, TurnEvent, TurnSummary } from '../../src/protocol/turn.ts';
import type { Assistant, AssistantEvent, ChatTurnInput } from '../../src/agent/assistant-types.ts';
import { loadHttpConfig, type HttpConfig } from '../../src/server/http-config.ts';
import type { ConversationStore } from '../../src/server/store/types.ts';
import { openTestStore } from './store.ts';

export const PASSWORDS = {
  viewer: 'viewer-password-1',
  analyst: 'analyst-password-1',
  admin: 'admin-password-1',
} as const;

export function summary(input: ChatTurnInput, over: Partial<TurnSummary> = {}): TurnSummary {
  return {
    turnId: input.turnId,
    conversationId: input.conversationId,
    language: input.language,
    answer: 'Net sales fell 12% in July.',
    steps: [
      {
        toolUseId: 't1',
        tool: 'compare_periods',
        input: { metric: 'net_sales' },
        queries: [
          {
            label: 'totals',
            sql: 'SELECT SUM(total_amount) FROM orders',
            params: ['2025-07-01'],
            elapsedMs: 3,
            rowCount: 2,
          },
        ],
        rowCount: 2,
        elapsedMs: 4,
      },
    ],
    charts: [],
    tables: [
      {
        title: 'Net sales',
        columns: ['month', 'net_sales'],
        rows: [
          { month: '2025-06', net_sales: 100 },
          { month: '2025-07', net_sales: 88 },
        ],
      },
    ],
    ungrounded: [],
    suggestions: ['Which channel drove it?', 'Compare with last year'],
    timings: { totalMs: 10, modelMs: 5, toolMs: 4, sqlMs: 3 },
    usage: { inputTokens: 100, outputTokens: 20, estimatedCostUsd: 0 },
    stopReason: 'end_turn',
    ...over,
  };
}

export const GOOD_CHART = {
  mark: 'bar',
  data: {
    values: [
      { month: '2025-06', net_sales: 100 },
      { month: '2025-07', net_sales: 88 },
    ],
  },
  encoding: { x: { field: 'month', type: 'ordinal' }, y: { field: 'net_sales', type: 'quantitative' } },
};

/** Replays text deltas, one tool, a table, a good and a hostile chart, then done. */
export class ScriptedAssistant implements Assistant {
  readonly calls: ChatTurnInput[] = [];
  /** When set, the turn waits for the abort signal after the first delta. */
  hang = false;
  async *runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent> {
    this.calls.push(input);
    yield { type: 'turn_started', conversationId: input.conversationId, turnId: input.turnId };
    yield { type: 'text', delta: 'Net sales ' };
    if (this.hang) {
      await new Promise<void>((resolve) => {
        if (input.signal.aborted) resolve();
        else input.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      yield { type: 'done', turn: summary(input, { stopReason: 'cancelled', answer: 'Net sales' }) };
      return;
    }
    const s = summary(input, { charts: [GOOD_CHART] });
    yield { type: 'tool_started', toolUseId: 't1', tool: 'compare_periods', input: { metric: 'net_sales' } };
    yield { type: 'tool_finished', step: s.steps[0]! };
    yield { type: 'table', table: s.tables[0]! };
    yield { type: 'chart', spec: GOOD_CHART };
    yield { type: 'chart', spec: { ...GOOD_CHART, data: { url: 'https://evil.example/x.json' } } };
    yield { type: 'text', delta: 'fell 12% in July.' };
    yield { type: 'suggestions', questions: s.suggestions };
    yield { type: 'messages', messages: [{ role: 'user', content: [{ text: input.question }] }] };
    yield { type: 'done', turn: s } satisfies TurnEvent;
  }
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  db: SqliteDb;
  store: ConversationStore;
  assistant: ScriptedAssistant;
  config: HttpConfig;
  logs: Record<string, unknown>[];
  cookies: Record<'viewer' | 'analyst' | 'admin', string>;
  close(): Promise<void>;
}

export async function harness(env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-server-'));
  const db = openSqlite(join(dir, 'app.db'), { create: true });
  for (const stmt of schemaDdl('sqlite', APP_TABLES)) await db.execute(stmt);
  const users = new UserRepo(db);
  // A cheap hash cost keeps the suite fast; production uses the default cost.
  for (const role of ['viewer', 'analyst', 'admin'] as const) await users.create(role, role, PASSWORDS[role]);
  const store = await openTestStore(dir);
  const assistant = new ScriptedAssistant();
  const config = loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui'), ...env });
  const logs: Record<string, unknown>[] = [];
  const app = createApp({ assistant, store, db, config, log: (e) => logs.push(e) });
  const cookies = {} as Harness['cookies'];
  for (const role of ['viewer', 'analyst', 'admin'] as const) cookies[role] = await login(app, role, PASSWORDS[role]);
  return {
    app,
    db,
    store,
    assistant,
    config,
    logs,
    cookies,
    close: async () => {
      await store.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function login(app: Harness['app'], username: string, password: string): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The numeric id of the user a role's cookie belongs to. */
export async function userIdOf(h: Harness, role: keyof Harness['cookies']): Promise<string> {
  const me = await (await h.app.request('/api/me', { headers: { cookie: h.cookies[role] } })).json();
  return String(me.user.id);
}

export interface AnsweredTurn {
  question: string;
  answer: string;
  /** The SQL of the answer's one breakdown step: the exports must leave it out where the reader may not see it. */
  sql: string;
  table: TableRecord;
  createdAt: Date;
}

/** A conversation of `ownerId` with one stored answer: a breakdown step with `sql` and one table. */
export async function seedAnsweredConversation(h: Harness, ownerId: string, t: AnsweredTurn) {
  const conv = await h.store.create(ownerId, t.question);
  const turnId = randomUUID();
  const input = { turnId, conversationId: conv.id, language: 'en', question: t.question } as ChatTurnInput;
  const step = {
    toolUseId: 't1',
    tool: 'breakdown',
    input: { metric: 'net_sales', by: t.table.columns[0] },
    queries: [
      { sql: t.sql, params: [t.createdAt.toISOString().slice(0, 10)], elapsedMs: 2, rowCount: t.table.rows.length },
    ],
    rowCount: t.table.rows.length,
    elapsedMs: 4,
  };
  await h.store.appendTurn({
    turnId,
    conversationId: conv.id,
    createdAt: t.createdAt.toISOString(),
    question: t.question,
    messages: [],
    summary: summary(input, { answer: t.answer, steps: [step], tables: [t.table] }),
  });
  return { id: conv.id, turnId };
}

export interface SseEvent {
  event: string;
  id?: string;
  data: Record<string, unknown>;
}

/** Parses an SSE body by the spec's framing: blank-line separated blocks of field: value lines. */
export function parseSse(text: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const block of text.split(/\n\n/)) {
    const lines = block.split('\n').filter((l) => l && !l.startsWith(':'));
    if (!lines.length) continue;
    const ev: Partial<SseEvent> & { dataLines: string[] } = { dataLines: [] };
    for (const l of lines) {
      const i = l.indexOf(':');
      const field = l.slice(0, i);
      const value = l.slice(i + 1).replace(/^ /, '');
      if (field === 'event') ev.event = value;
      else if (field === 'id') ev.id = value;
      else if (field === 'data') ev.dataLines.push(value);
    }
    out.push({ event: ev.event ?? 'message', id: ev.id, data: JSON.parse(ev.dataLines.join('\n')) });
  }
  return out;
}
