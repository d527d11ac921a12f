// Issue #14 items 1, 3, 5, L7, L8, M2: the chat route streams each event as it happens, refuses before it
// stores, caps conversations and turns, pages the list, reads a bounded history, and stores the turn at
// its start so a server killed mid-turn leaves the question and the partial answer behind.
import { serve } from '@hono/node-server';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AssistantEvent, ChatTurnInput } from '../../src/agent/assistant-types.ts';
import { createAssistant } from '../../src/agent/assistant.ts';
import type { ModelEvent, ModelProvider, ModelRequest } from '../../src/agent/providers/types.ts';
import { SlidingWindowLimiter } from '../../src/agent/rate-limit.ts';
import { openSqlite, type SqliteDb } from '../../src/db/sqlite.ts';
import { createApp, type AppDeps } from '../../src/server/app.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { loadHttpConfig } from '../../src/server/http-config.ts';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import type { ConversationStore } from '../../src/server/store/types.ts';
import type { Tool } from '../../src/tools/types.ts';
import { APP_TABLES } from '../../src/warehouse/schema.ts';
import { schemaDdl } from '../../seed/ddl.ts';
import { login, parseSse, PASSWORDS, ScriptedAssistant, summary } from './support.ts';

interface Setup {
  app: ReturnType<typeof createApp>;
  db: SqliteDb;
  store: SqliteConversationStore;
  dir: string;
  cookie: string;
  userId: string;
}

let open: Setup[] = [];
afterEach(async () => {
  for (const s of open) {
    await s.store.close();
    await s.db.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
  open = [];
});

async function setup(over: Partial<AppDeps> & { assistant?: AppDeps['assistant'] } = {}): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-edge-'));
  const db = openSqlite(join(dir, 'app.db'), { create: true });
  for (const stmt of schemaDdl('sqlite', APP_TABLES)) await db.execute(stmt);
  const { user } = await new UserRepo(db).create('viewer', 'viewer', PASSWORDS.viewer);
  const store = new SqliteConversationStore(join(dir, 'conversations.db'));
  const config = loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui') });
  const app = createApp({ assistant: new ScriptedAssistant(), store, db, config, log: () => {}, ...over });
  const s = { app, db, store, dir, cookie: await login(app, 'viewer', PASSWORDS.viewer), userId: String(user.id) };
  open.push(s);
  return s;
}

const ask = (s: Setup, message: string, conversationId?: string) =>
  s.app.request('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie },
    body: JSON.stringify({ message, conversationId }),
  });

/** better-sqlite3 queries and the offline model block the event loop like this. */
function blockFor(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const slowTool: Tool = {
  name: 'slow_tool',
  description: 'a tool whose work is synchronous, as a SQLite query is',
  inputSchema: z.object({}),
  async run() {
    blockFor(400);
    return { columns: ['n'], rows: [{ n: 1 }], queries: [], summary: 'n is 1', charts: [] };
  },
};

/** Asks for slow_tool once, then answers. */
const scriptedModel: ModelProvider = {
  name: 'offline',
  modelId: 'scripted',
  async *converse(req: ModelRequest): AsyncIterable<ModelEvent> {
    const usage = { inputTokens: 1, outputTokens: 1 };
    blockFor(50); // the offline model decides synchronously too
    if (req.messages.length === 1) {
      yield { type: 'tool_use', toolUseId: 'u1', name: 'slow_tool', input: {} };
      yield { type: 'stop', reason: 'tool_use', usage };
      return;
    }
    yield { type: 'text', delta: 'n is 1.' };
    yield { type: 'stop', reason: 'end_turn', usage };
  },
};

describe('streaming as it happens', () => {
  it('turn_started reaches the client before the synchronous tool work, not with everything at the end', async () => {
    const s = await setup();
    const assistant = createAssistant({
      provider: scriptedModel,
      tools: [slowTool],
      db: s.db,
      data: { minDate: '2025-01-01', maxDate: '2025-12-31' },
      schemaDocsText: '',
    });
    const app = createApp({
      assistant,
      store: s.store,
      db: s.db,
      config: loadHttpConfig({ TIDELENS_UI_DIR: join(s.dir, 'ui') }),
      log: () => {},
    });
    const cookie = await login(app, 'viewer', PASSWORDS.viewer);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const srv = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(srv));
    });
    try {
      const { port } = server.address() as { port: number };
      const sent = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ message: 'how many?' }),
      });
      const at: Record<string, number> = {};
      const reader = res.body!.getReader();
      let text = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        text += new TextDecoder().decode(r.value);
        for (const m of text.matchAll(/^event: (\w+)$/gm)) at[m[1]!] ??= performance.now() - sent;
      }
      expect(Object.keys(at)).toEqual(
        expect.arrayContaining(['turn_started', 'tool_started', 'tool_finished', 'table', 'text', 'done']),
      );
      expect(at.turn_started!).toBeLessThan(at.tool_finished! - 300);
      expect(at.tool_started!).toBeLessThan(at.tool_finished! - 300);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('limits at the edge (M2)', () => {
  it('a rate-limited question gets 429 rate_limited and stores nothing', async () => {
    const s = await setup({ rateLimiter: new SlidingWindowLimiter(2) });
    const first = await ask(s, 'one');
    const conv = parseSse(await first.text())[0]!.data.conversationId as string;
    await (await ask(s, 'two', conv)).text();
    const refused = await ask(s, 'three');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const followUp = await ask(s, 'four', conv);
    expect(followUp.status).toBe(429);
    expect(await s.store.list(s.userId)).toHaveLength(1);
    expect(await s.store.turnCount(conv)).toBe(2);
  });

  it('keeps at most N conversations per user, dropping the oldest unsaved first', async () => {
    const s = await setup({ chatLimits: { maxConversationsPerUser: 3 } });
    const ids: string[] = [];
    for (const q of ['a', 'b', 'c'])
      ids.push(parseSse(await (await ask(s, q)).text())[0]!.data.conversationId as string);
    await s.store.update(ids[0]!, { saved: true });
    await (await ask(s, 'd')).text();
    const left = (await s.store.list(s.userId)).map((m) => m.title).sort();
    expect(left).toEqual(['a', 'c', 'd']);
    for (const m of await s.store.list(s.userId)) await s.store.update(m.id, { saved: true });
    const refused = await ask(s, 'e');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'too_many_conversations' });
    expect(await s.store.list(s.userId)).toHaveLength(3);
  });

  it('refuses a follow-up past the turn cap with conversation_full and stores nothing', async () => {
    const s = await setup({ chatLimits: { maxTurnsPerConversation: 2 } });
    const conv = parseSse(await (await ask(s, 'one')).text())[0]!.data.conversationId as string;
    await (await ask(s, 'two', conv)).text();
    const refused = await ask(s, 'three', conv);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'conversation_full' });
    expect(await s.store.turnCount(conv)).toBe(2);
  });
});

describe('bounded reads (L8)', () => {
  it('pages GET /api/conversations with limit and a next cursor', async () => {
    const s = await setup();
    for (const q of ['a', 'b', 'c', 'd', 'e']) await (await ask(s, q)).text();
    const get = async (qs: string) =>
      (await s.app.request(`/api/conversations${qs}`, { headers: { cookie: s.cookie } })).json() as Promise<{
        conversations: { title: string }[];
        next: string | null;
      }>;
    const all = await get('');
    expect(all.conversations.map((c) => c.title)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(all.next).toBeNull();
    const p1 = await get('?limit=2');
    const p2 = await get(`?limit=2&cursor=${p1.next}`);
    const p3 = await get(`?limit=2&cursor=${p2.next}`);
    expect([p1, p2, p3].flatMap((p) => p.conversations.map((c) => c.title))).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(p3.next).toBeNull();
    const bad = await s.app.request('/api/conversations?cursor=nonsense', { headers: { cookie: s.cookie } });
    expect(bad.status).toBe(400);
  });

  it('reads only the last N turns for the model', async () => {
    const assistant = new ScriptedAssistant();
    const s = await setup({ assistant, chatLimits: { historyTurns: 2 } });
    const reads: (number | undefined)[] = [];
    const turns = s.store.turns.bind(s.store);
    s.store.turns = (id, opts) => {
      reads.push(opts?.last);
      return turns(id, opts);
    };
    const conv = parseSse(await (await ask(s, 'q1')).text())[0]!.data.conversationId as string;
    for (const q of ['q2', 'q3', 'q4']) await (await ask(s, q, conv)).text();
    expect(assistant.calls.at(-1)!.history.map((t) => t.question)).toEqual(['q2', 'q3']);
    expect(reads.every((n) => n !== undefined && n <= 3)).toBe(true);
  });
});

/** Streams a tool's result, then never finishes: a server that dies here leaves a running turn. */
class StuckAssistant extends ScriptedAssistant {
  override async *runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent> {
    this.calls.push(input);
    const s = summary(input);
    yield { type: 'text', delta: 'Net sales fell ' };
    yield { type: 'tool_finished', step: s.steps[0]! };
    yield { type: 'table', table: s.tables[0]! };
    await new Promise((r) => input.signal.addEventListener('abort', r, { once: true }));
  }
}

describe('a turn survives the server (L7)', () => {
  it('is stored as running at its start and read as interrupted after a restart, question and partial answer kept', async () => {
    const s = await setup({ assistant: new StuckAssistant() });
    const ac = new AbortController();
    const res = await s.app.request('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie },
      body: JSON.stringify({ message: 'why did July drop?' }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const conv = /"conversationId":"([^"]+)"/.exec(first)![1]!;
    // A client keeps reading, so the route is never held up by an unread stream.
    void (async () => {
      while (!(await reader.read().catch(() => ({ done: true }))).done);
    })();
    // The running turn is in the store with what has been answered so far.
    await expect.poll(async () => (await s.store.turns(conv))[0]?.summary.tables.length, { timeout: 2000 }).toBe(1);
    const [running] = await s.store.turns(conv);
    expect(running).toMatchObject({ status: 'running', question: 'why did July drop?' });

    // The process dies here: nothing more is written. A new server opens the same store file.
    const restarted: ConversationStore = new SqliteConversationStore(join(s.dir, 'conversations.db'));
    try {
      const app = createApp({
        assistant: new ScriptedAssistant(),
        store: restarted,
        db: s.db,
        log: () => {},
        config: loadHttpConfig({ TIDELENS_UI_DIR: join(s.dir, 'ui') }),
      });
      const cookie = await login(app, 'viewer', PASSWORDS.viewer);
      const detail = (await (await app.request(`/api/conversations/${conv}`, { headers: { cookie } })).json()) as {
        turns: { question: string; status?: string; summary: { answer: string; tables: unknown[] } }[];
      };
      expect(detail.turns).toHaveLength(1);
      expect(detail.turns[0]).toMatchObject({ question: 'why did July drop?', status: 'interrupted' });
      expect(detail.turns[0]!.summary.answer).toMatch(/^Net sales fell[\s\S]*interrupted/);
      expect(detail.turns[0]!.summary.tables).toHaveLength(1);
    } finally {
      ac.abort();
      await reader.cancel().catch(() => {});
      await restarted.close();
    }
  });

  it('a finished turn replaces its running record', async () => {
    const s = await setup();
    const conv = parseSse(await (await ask(s, 'one')).text())[0]!.data.conversationId as string;
    const turns = await s.store.turns(conv);
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ status: 'done', summary: { stopReason: 'end_turn' } });
  });
});

describe('a server killed mid-turn (L7)', () => {
  it('leaves the question and the partial answer, read as interrupted by the next server', async () => {
    const s = await setup();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'stuck-server.ts'), s.dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
        child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
      });
      const url = `http://127.0.0.1:${port}`;
      const cookie = await loginOver(url);
      const res = await fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ message: 'why did July drop?' }),
      });
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('event: table')) text += new TextDecoder().decode((await reader.read()).value);
      const conv = /"conversationId":"([^"]+)"/.exec(text)![1]!;
      // The partial write follows the table event: wait until it is on disk, then kill with no chance to clean up.
      const peek = new SqliteConversationStore(join(s.dir, 'conversations.db'));
      try {
        await expect
          .poll(async () => (await peek.turns(conv))[0]?.summary.tables.length, { timeout: 10_000, interval: 100 })
          .toBe(1);
      } finally {
        await peek.close();
      }
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      await reader.cancel().catch(() => {});

      const restarted = new SqliteConversationStore(join(s.dir, 'conversations.db'));
      try {
        const turns = await restarted.turns(conv);
        expect(turns).toHaveLength(1);
        expect(turns[0]).toMatchObject({ question: 'why did July drop?', status: 'interrupted' });
        expect(turns[0]!.summary.answer).toMatch(/^Net sales fell[\s\S]*interrupted/);
        expect(turns[0]!.summary.tables).toHaveLength(1);
      } finally {
        await restarted.close();
      }
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

async function loginOver(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'viewer', password: PASSWORDS.viewer }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
