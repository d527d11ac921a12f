// Share links, feedback, stopped turns and the reasons a conversation cannot be opened, through app.request().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import { harness, parseSse, ScriptedAssistant, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

type Who = 'anon' | 'viewer' | 'analyst' | 'admin';
function req(who: Who, path: string, init: RequestInit & { json?: unknown } = {}, app = h.app) {
  const headers = new Headers(init.headers);
  if (who !== 'anon') headers.set('cookie', h.cookies[who]);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
  return app.request(path, { ...init, headers, body });
}

async function ask(who: Who, message: string, app = h.app) {
  const res = await req(who, '/api/chat', { method: 'POST', json: { message } }, app);
  const events = parseSse(await res.text());
  return { conversationId: String(events[0]!.data.conversationId), turnId: String(events[0]!.data.turnId) };
}

describe('share links', () => {
  it('the owner shares; any signed-in user reads it redacted for both roles; revoking ends it', async () => {
    const { conversationId } = await ask('analyst', 'why did July drop?');
    const made = await req('analyst', `/api/conversations/${conversationId}/share`, { method: 'POST' });
    expect(made.status).toBe(200);
    const { token, path } = await made.json();
    expect(path).toBe(`/share/${token}`);
    // The same link while it stands.
    const again = await req('analyst', `/api/conversations/${conversationId}/share`, { method: 'POST' });
    expect((await again.json()).token).toBe(token);

    const asViewer = await req('viewer', `/api/share/${token}`);
    expect(asViewer.status).toBe(200);
    const shared = await asViewer.json();
    expect(shared.conversation).toEqual({
      title: 'why did July drop?',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      sharedBy: 'analyst',
    });
    const text = JSON.stringify(shared);
    expect(text).not.toContain(conversationId);
    expect(text).not.toContain(token);
    expect(text).not.toContain('SELECT');
    expect(shared.turns[0].question).toBe('why did July drop?');
    // An admin reader sees what the analyst owner saw: the SQL, and no more.
    const asAdmin = await (await req('admin', `/api/share/${token}`)).json();
    expect(asAdmin.turns[0].summary.steps[0].queries[0].sql).toMatch(/^SELECT/);

    expect((await req('anon', `/api/share/${token}`)).status).toBe(401);
    expect((await req('viewer', `/api/conversations/${conversationId}/share`, { method: 'POST' })).status).toBe(404);
    expect((await req('admin', `/api/conversations/${conversationId}/share`, { method: 'DELETE' })).status).toBe(404);
    const revoked = await req('analyst', `/api/conversations/${conversationId}/share`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const gone = await req('viewer', `/api/share/${token}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).code).toBe('not_found');
    expect((await req('viewer', '/api/share/not-a-token')).status).toBe(404);
  });

  it('a viewer owner’s shared conversation shows an analyst no SQL', async () => {
    const { conversationId } = await ask('viewer', 'top products');
    const { token } = await (
      await req('viewer', `/api/conversations/${conversationId}/share`, { method: 'POST' })
    ).json();
    const shared = await (await req('analyst', `/api/share/${token}`)).json();
    expect(JSON.stringify(shared)).not.toContain('SELECT');
  });
});

describe('feedback', () => {
  it('the owner rates an answer with a comment; admins list it; nobody else rates', async () => {
    const { conversationId, turnId } = await ask('analyst', 'rate me');
    const url = `/api/conversations/${conversationId}/turns/${turnId}/feedback`;
    const res = await req('analyst', url, { method: 'POST', json: { rating: 'down', comment: ' wrong month ' } });
    expect(res.status).toBe(200);
    expect((await res.json()).feedback).toMatchObject({ rating: 'down', comment: 'wrong month' });
    const detail = await (await req('analyst', `/api/conversations/${conversationId}`)).json();
    expect(detail.turns[0].feedback).toMatchObject({ rating: 'down', comment: 'wrong month' });

    expect((await req('viewer', url, { method: 'POST', json: { rating: 'up' } })).status).toBe(404);
    expect((await req('admin', url, { method: 'POST', json: { rating: 'up' } })).status).toBe(404);
    expect((await req('analyst', url, { method: 'POST', json: { rating: 'meh' } })).status).toBe(400);
    const noTurn = `/api/conversations/${conversationId}/turns/nope/feedback`;
    expect((await req('analyst', noTurn, { method: 'POST', json: { rating: 'up' } })).status).toBe(404);

    expect((await req('analyst', '/api/admin/feedback')).status).toBe(403);
    const list = await (await req('admin', '/api/admin/feedback')).json();
    expect(list.feedback[0]).toEqual({
      conversationId,
      turnId,
      question: 'rate me',
      answerStart: 'Net sales fell 12% in July.',
      rating: 'down',
      comment: 'wrong month',
      user: 'analyst',
      at: expect.any(String),
    });
  });
});

describe('a conversation that cannot be opened says why', () => {
  it('404 unknown, 403 someone else’s, 410 expired', async () => {
    let clock = new Date();
    const store = new SqliteConversationStore(':memory:', { ttlDays: 3, now: () => clock });
    const app = createApp({ assistant: new ScriptedAssistant(), store, db: h.db, config: h.config, log: () => {} });
    const { conversationId } = await ask('analyst', 'short-lived', app);
    const other = await req('viewer', `/api/conversations/${conversationId}`, {}, app);
    expect([other.status, (await other.json()).code]).toEqual([403, 'forbidden']);
    const unknown = await req('analyst', '/api/conversations/never-was', {}, app);
    expect([unknown.status, (await unknown.json()).code]).toEqual([404, 'not_found']);
    clock = new Date(clock.getTime() + 4 * 86_400_000);
    const expired = await req('analyst', `/api/conversations/${conversationId}`, {}, app);
    expect([expired.status, (await expired.json()).code]).toEqual([410, 'expired']);
    await store.close();
  });
});

describe('stop', () => {
  it('a stopped turn keeps its question and partial answer, marked cancelled', async () => {
    h.assistant.hang = true;
    try {
      const ac = new AbortController();
      const res = await req('analyst', '/api/chat', {
        method: 'POST',
        json: { message: 'stop me' },
        signal: ac.signal,
      });
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      const conversationId = /"conversationId":"([^"]+)"/.exec(first)![1]!;
      ac.abort();
      await reader.cancel().catch(() => {});
      const read = async () => (await (await req('analyst', `/api/conversations/${conversationId}`)).json()).turns[0];
      await expect.poll(async () => (await read())?.status, { timeout: 3000 }).toBe('cancelled');
      const turn = await read();
      expect(turn.question).toBe('stop me');
      expect(turn.summary.answer).toBe('Net sales');
      expect(turn.summary.stopReason).toBe('cancelled');
    } finally {
      h.assistant.hang = false;
    }
  });
});
