// Routes through app.request(): auth, the role matrix, validation, SSE framing, redaction and cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, login, parseSse, PASSWORDS, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness({ TIDELENS_LOGIN_MAX_PER_ACCOUNT: '3' });
});
afterAll(async () => h?.close());

type Who = 'anon' | 'viewer' | 'analyst' | 'admin';
function req(who: Who, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (who !== 'anon') headers.set('cookie', h.cookies[who]);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return h.app.request(path, { ...init, headers, body });
}

async function chat(who: Who, json: unknown) {
  const res = await req(who, '/api/chat', { method: 'POST', json });
  return { res, events: res.status === 200 ? parseSse(await res.text()) : [] };
}

describe('auth', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and answers /api/me', async () => {
    const res = await h.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'analyst', password: PASSWORDS.analyst }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http in tests; auto mode adds it behind HTTPS
    const me = await h.app.request('/api/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toMatchObject({ user: { username: 'analyst', role: 'analyst' } });
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const p = await harness({ TIDELENS_TRUST_PROXY: 'true' });
    try {
      const res = await p.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ username: 'viewer', password: PASSWORDS.viewer }),
      });
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    } finally {
      await p.close();
    }
  });

  it('refuses a wrong password with the same answer as an unknown user, then rate-limits the account', async () => {
    const bad = (username: string) =>
      h.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'wrong-password' }),
      });
    const unknown = await bad('nobody');
    const wrong = await bad('viewer');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'unauthorized', message: 'wrong username or password' });
    expect((await wrong.json()).message).toBe('wrong username or password');
    await bad('viewer');
    await bad('viewer');
    const limited = await bad('viewer');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await limited.json()).code).toBe('rate_limited');
    // Even the right password waits out the window: that is the point of the limit.
    await expect(login(h.app, 'viewer', PASSWORDS.viewer)).rejects.toThrow(/429/);
  });

  it('logout ends the session server-side', async () => {
    const cookie = await login(h.app, 'admin', PASSWORDS.admin);
    const out = await h.app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(200);
    const me = await h.app.request('/api/me', { headers: { cookie } });
    expect(me.status).toBe(401);
  });

  it('ignores forged and malformed cookies', async () => {
    for (const cookie of ['tl_session=abc', `tl_session=${'0'.repeat(32)}.${'A'.repeat(43)}`, `${h.cookies.viewer}x`]) {
      expect((await h.app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    }
  });
});

describe('role matrix', () => {
  it('every route answers every role as designed', async () => {
    const { events } = await chat('analyst', { message: 'why did July drop?' });
    const conv = String(events[0]!.data.conversationId);
    const routes: [string, string, unknown, Record<Who, number>][] = [
      ['GET', '/api/health', undefined, { anon: 200, viewer: 200, analyst: 200, admin: 200 }],
      ['GET', '/api/me', undefined, { anon: 401, viewer: 200, analyst: 200, admin: 200 }],
      ['GET', '/api/schema', undefined, { anon: 401, viewer: 200, analyst: 200, admin: 200 }],
      ['GET', '/api/conversations', undefined, { anon: 401, viewer: 200, analyst: 200, admin: 200 }],
      ['GET', '/api/conversations?scope=all', undefined, { anon: 401, viewer: 403, analyst: 403, admin: 200 }],
      ['POST', '/api/chat', { message: 'hello' }, { anon: 401, viewer: 200, analyst: 200, admin: 200 }],
      // Reading someone else's conversation is forbidden, changing it looks missing; admins may read and export it.
      ['GET', `/api/conversations/${conv}`, undefined, { anon: 401, viewer: 403, analyst: 200, admin: 200 }],
      ['PATCH', `/api/conversations/${conv}`, { title: 'July' }, { anon: 401, viewer: 404, analyst: 200, admin: 404 }],
      [
        'GET',
        `/api/conversations/${conv}/export?format=md`,
        undefined,
        { anon: 401, viewer: 403, analyst: 200, admin: 200 },
      ],
      [
        'GET',
        `/api/conversations/${conv}/export?format=csv`,
        undefined,
        { anon: 401, viewer: 403, analyst: 200, admin: 200 },
      ],
      ['GET', '/api/admin/users', undefined, { anon: 401, viewer: 403, analyst: 403, admin: 200 }],
      [
        'POST',
        '/api/admin/users',
        { username: 'new-user', role: 'viewer' },
        { anon: 401, viewer: 403, analyst: 403, admin: 201 },
      ],
      ['PATCH', '/api/admin/users/4', { role: 'analyst' }, { anon: 401, viewer: 403, analyst: 403, admin: 200 }],
      ['GET', '/api/overview', undefined, { anon: 401, viewer: 404, analyst: 404, admin: 404 }],
      ['DELETE', `/api/conversations/${conv}`, undefined, { anon: 401, viewer: 404, analyst: 200, admin: 404 }],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const [method, path, json, expected] of routes) {
      for (const who of ['anon', 'viewer', 'analyst', 'admin'] as Who[]) {
        const res = await req(who, path, { method, json });
        got.push(`${method} ${path} ${who} ${res.status}`);
        want.push(`${method} ${path} ${who} ${expected[who]}`);
        if (res.status >= 400) expect(Object.keys(await res.json()).sort()).toEqual(['code', 'message', 'requestId']);
      }
    }
    expect(got).toEqual(want);
  });
});

describe('validation', () => {
  it.each([
    ['empty question', { message: '   ' }, /message: type a question/],
    ['too long', { message: 'x'.repeat(2001) }, /at most 2000 characters/],
    ['bad conversation id', { message: 'hi', conversationId: '../etc' }, /conversationId/],
    ['bad language', { message: 'hi', language: 'fr' }, /language/],
  ])('chat: %s', async (_n, json, msg) => {
    const { res } = await chat('viewer', json);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('bad_input');
    expect(body.message).toMatch(msg);
  });

  it('refuses non-JSON bodies, unknown conversations, bad export formats and bad user ids', async () => {
    const form = await req('viewer', '/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'message=hi',
    });
    expect(form.status).toBe(400);
    expect((await form.json()).message).toMatch(/application\/json/);
    expect((await chat('viewer', { message: 'hi', conversationId: 'nope' })).res.status).toBe(404);
    expect((await req('analyst', '/api/conversations/abc/export?format=pdf')).status).toBe(400);
    expect((await req('admin', '/api/admin/users/-4', { method: 'PATCH', json: { role: 'viewer' } })).status).toBe(400);
    expect(
      (await req('admin', '/api/admin/users', { method: 'POST', json: { username: 'x y', role: 'boss' } })).status,
    ).toBe(400);
    expect((await req('viewer', '/api/nowhere')).status).toBe(404);
  });

  it('keeps the last admin', async () => {
    const res = await req('admin', '/api/admin/users/3', { method: 'PATCH', json: { role: 'viewer' } });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/last active admin/);
  });
});

describe('chat over SSE', () => {
  it('frames each TurnEvent as one event with an id, drops unsafe charts, and saves the turn', async () => {
    const { res, events } = await chat('analyst', { message: 'why did July drop?', language: 'en' });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.map((e) => e.event)).toEqual([
      'turn_started',
      'text',
      'tool_started',
      'tool_finished',
      'table',
      'chart',
      'text',
      'suggestions',
      'done',
    ]);
    for (const e of events) {
      expect(e.data.type).toBe(e.event);
      expect(e.id).toMatch(/^[0-9a-f-]{36}:\d+$/);
    }
    const step = events[3]!.data.step as { queries: { sql: string }[] };
    expect(step.queries[0]!.sql).toMatch(/SELECT/); // analysts see SQL
    const conv = String(events[0]!.data.conversationId);
    const saved = await (await req('analyst', `/api/conversations/${conv}`)).json();
    expect(saved.turns).toHaveLength(1);
    expect(saved.turns[0].summary.charts).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'chart_rejected')).toBe(true);
    const stored = await h.store.turns(conv);
    expect(stored[0]!.messages).toHaveLength(1);
  });

  it('hides SQL from viewers in the stream and in stored turns', async () => {
    const { events } = await chat('viewer', { message: 'why did July drop?' });
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/SELECT/);
    const conv = String(events[0]!.data.conversationId);
    const saved = await (await req('viewer', `/api/conversations/${conv}`)).text();
    expect(saved).not.toMatch(/SELECT/);
  });

  it('continues a conversation with its history', async () => {
    const first = await chat('analyst', { message: 'why did July drop?' });
    const conv = String(first.events[0]!.data.conversationId);
    await chat('analyst', { message: 'and August?', conversationId: conv });
    const call = h.assistant.calls.at(-1)!;
    expect(call.conversationId).toBe(conv);
    expect(call.history.map((t) => t.question)).toEqual(['why did July drop?']);
    expect(call.user).toEqual({ id: expect.any(String), role: 'analyst' });
  });

  it('a closed connection aborts the running turn', async () => {
    h.assistant.hang = true;
    try {
      const ac = new AbortController();
      const before = h.assistant.calls.length;
      const res = await req('analyst', '/api/chat', {
        method: 'POST',
        json: { message: 'slow one' },
        signal: ac.signal,
      });
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toMatch(/turn_started/);
      ac.abort();
      await reader.cancel().catch(() => {});
      // turn_started goes out before the assistant starts, so the call may come after the read.
      await expect.poll(() => h.assistant.calls.length, { timeout: 2000 }).toBe(before + 1);
      const call = h.assistant.calls.at(-1)!;
      await expect.poll(() => call.signal.aborted, { timeout: 2000 }).toBe(true);
      await expect.poll(() => h.logs.some((l) => l.msg === 'turn' && l.aborted === true), { timeout: 2000 }).toBe(true);
    } finally {
      h.assistant.hang = false;
    }
  });
});

describe('headers and logs', () => {
  it('sends the CSP and secure headers on every answer', async () => {
    const res = await req('viewer', '/api/me');
    const csp = res.headers.get('content-security-policy')!;
    for (const d of [
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "img-src 'self' data:",
      "connect-src 'self'",
    ]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('logs one line per request without secrets or personal data', async () => {
    const before = h.logs.length;
    await login(h.app, 'analyst', PASSWORDS.analyst);
    const lines = h.logs.slice(before);
    expect(lines.filter((l) => l.msg === 'request')).toHaveLength(1);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(PASSWORDS.analyst);
    expect(text).not.toContain('"analyst-password');
    expect(text).not.toMatch(/tl_session|username/);
    const turnLines = h.logs.filter((l) => l.msg === 'turn');
    expect(turnLines.length).toBeGreaterThan(0);
    expect(turnLines[0]).toMatchObject({ tools: ['compare_periods'], inputTokens: 100 });
    expect(JSON.stringify(turnLines)).not.toMatch(/July drop/);
  });
});
