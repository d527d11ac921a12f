// Findings of the security run (issue #14) on the SQLite app database: one test per finding, named by its id.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '../../src/db/types.ts';
import { TidelensError } from '../../src/errors.ts';
import { passwordProblem } from '../../src/server/auth/password-policy.ts';
import { SessionRepo } from '../../src/server/auth/sessions.ts';
import { sqlNow, UserRepo } from '../../src/server/auth/users.ts';
import { createApp } from '../../src/server/app.ts';
import { neutraliseFormula, tableToCsv } from '../../src/server/http/routes/export.ts';
import { dispatch, indexTools } from '../../src/tools/dispatch.ts';
import type { Tool, ToolContext } from '../../src/tools/types.ts';
import type { AssistantEvent, ChatTurnInput } from '../../src/agent/assistant-types.ts';
import { harness, parseSse, PASSWORDS, summary, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness({ TIDELENS_LOGIN_MAX_PER_ACCOUNT: '3' });
});
afterAll(async () => h?.close());

const attempt = (app: Harness['app'], username: string, password: string, headers: Record<string, string> = {}) =>
  app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });

describe('M1 lockout keyed on the account, not the spelling', () => {
  it('M1: variants of a locked name get no extra guesses, and look-alike names cannot be created', async () => {
    const users = new UserRepo(h.db);
    await users.create('ana', 'analyst', 'ana-tidelens-Pass-4');
    for (let i = 0; i < 3; i++) expect((await attempt(h.app, 'ana', 'wrong-password')).status).toBe(401);
    expect((await attempt(h.app, 'ana', 'wrong-password')).status).toBe(429);
    for (const variant of ['äna', 'ána', 'ＡＮＡ', 'ANA', 'a\u0308na']) {
      expect((await attempt(h.app, variant, 'wrong-password')).status, variant).toBe(429);
    }
    expect((await attempt(h.app, 'ＡＮＡ', 'ana-tidelens-Pass-4')).status).toBe(429);
    for (const clash of ['ANA', 'ＡＮＡ']) {
      await expect(users.create(clash, 'viewer', 'other-tidelens-Pass-9')).rejects.toThrow(/already exists/);
    }
    const full = await users.create('ＢＯＢ', 'viewer', 'bob-tidelens-Pass-5');
    expect(full.user.username).toBe('BOB');
  });
});

describe('L5 common passwords', () => {
  it('L5: refuses common, repeated and sequential passwords with a clear message', async () => {
    const users = new UserRepo(h.db);
    for (const pw of [
      'password1234',
      'aaaaaaaaaaaa',
      'abcdefghijklm',
      '123456789012',
      'qwertyuiop12',
      'abababababab',
    ]) {
      expect(passwordProblem(pw), pw).toMatch(/attacker|repeated|run like/);
      await expect(users.create(`weak${pw.length}${pw[0]}`, 'viewer', pw)).rejects.toThrow(/password/);
    }
    expect(passwordProblem('password1234')).toMatch(/"password"/);
    expect(passwordProblem('tidal-lens-orbit-maple')).toBeNull();
    const id = (await users.create('strong', 'viewer', 'tidal-lens-orbit-maple')).user.id;
    await expect(users.update(id, { password: 'password1234' })).rejects.toMatchObject({ code: 'bad_input' });
  });
});

describe('L6 idle timeout and __Host- cookie', () => {
  it('L6: a session ends after the idle timeout but lives while used, up to the absolute limit', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const sessions = new SessionRepo(h.db, { ttlMs: 3 * 3600_000, idleMs: 60 * 60_000 }, () => now);
    const uid = (await new UserRepo(h.db).byId(1))!.id;
    const active = await sessions.create(uid);
    const idle = await sessions.create(uid);
    // The cookie outlives the idle window (the server ends idle sessions); it ends with the absolute limit.
    expect(active.expiresAt.toISOString()).toBe('2026-01-01T03:00:00.000Z');
    for (let m = 0; m < 170; m += 30) {
      now = new Date(Date.parse('2026-01-01T00:00:00Z') + m * 60_000);
      expect(await sessions.resolve(active.token), `minute ${m}`).not.toBeNull();
    }
    expect(await sessions.resolve(idle.token)).toBeNull();
    now = new Date(Date.parse('2026-01-01T03:00:01Z'));
    expect(await sessions.resolve(active.token)).toBeNull();
  });

  it('L6: the idle timeout is configurable and defaults to 60 minutes', async () => {
    const { loadHttpConfig } = await import('../../src/server/http-config.ts');
    expect(loadHttpConfig({}).sessionIdleMs).toBe(60 * 60_000);
    expect(loadHttpConfig({ TIDELENS_SESSION_IDLE_MINUTES: '15' }).sessionIdleMs).toBe(15 * 60_000);
    expect(() => loadHttpConfig({ TIDELENS_SESSION_IDLE_MINUTES: 'x' })).toThrow(/TIDELENS_SESSION_IDLE_MINUTES/);
  });

  it('L6: a Secure cookie is named __Host-, and over HTTPS a plain-named cookie is ignored', async () => {
    const p = await harness({ TIDELENS_COOKIE_SECURE: 'true' });
    try {
      const res = await attempt(p.app, 'viewer', PASSWORDS.viewer);
      const set = res.headers.get('set-cookie')!;
      expect(set).toMatch(/^__Host-tl_session=/);
      expect(set).toMatch(/Secure/);
      expect(set).toMatch(/Path=\//);
      expect(set).not.toMatch(/Domain/i);
      const token = set.split(';')[0]!.split('=')[1]!;
      expect((await p.app.request('/api/me', { headers: { cookie: `__Host-tl_session=${token}` } })).status).toBe(200);
      expect((await p.app.request('/api/me', { headers: { cookie: `tl_session=${token}` } })).status).toBe(401);
    } finally {
      await p.close();
    }
  });
});

describe('L9 chat stream caching', () => {
  it('L9: the SSE answer is Cache-Control: no-store', async () => {
    const res = await h.app.request('/api/chat', {
      method: 'POST',
      headers: { cookie: h.cookies.viewer, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'How did sales do?' }),
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    await res.text();
  });
});

function failing(db: Db, down: boolean): Db {
  return new Proxy(db, {
    get(target, prop, recv) {
      if (prop === 'query' && down)
        return async () =>
          Promise.reject(
            new TidelensError('db_unreachable', 'cannot reach MySQL at 10.0.0.5:3306/shop (ECONNREFUSED)'),
          );
      return Reflect.get(target, prop, recv);
    },
  });
}

describe('M5 health checks both databases', () => {
  it('M5: says which database is down with a stable code', async () => {
    const check = async (warehouseDown: boolean, appDown: boolean) => {
      const app = createApp({
        assistant: h.assistant,
        store: h.store,
        db: failing(h.db, appDown),
        warehouse: failing(h.db, warehouseDown),
        config: h.config,
        log: () => {},
      });
      const res = await app.request('/api/health');
      return { status: res.status, body: await res.json() };
    };
    expect(await check(false, false)).toEqual({
      status: 200,
      body: { status: 'ok', db: 'ok', warehouse: 'ok', appDb: 'ok' },
    });
    expect(await check(true, false)).toMatchObject({
      status: 503,
      body: { code: 'warehouse_unreachable', warehouse: 'unreachable', appDb: 'ok' },
    });
    expect(await check(false, true)).toMatchObject({
      status: 503,
      body: { code: 'app_db_unreachable', warehouse: 'ok', appDb: 'unreachable' },
    });
    expect(await check(true, true)).toMatchObject({ status: 503, body: { code: 'databases_unreachable' } });
  });
});

const ctx = (db: Db): ToolContext =>
  ({
    db,
    user: { id: '1', role: 'analyst' },
    data: { minDate: '2025-01-01', maxDate: '2025-12-31' },
    limits: { maxRows: 1000, timeoutMs: 10_000, maxBytes: 1_000_000 },
  }) as unknown as ToolContext;

const tool = (name: string, run: Tool['run']): Tool =>
  ({ name, description: name, inputSchema: z.object({}), run }) as Tool;

describe('L1 internal error texts', () => {
  it('L1: the model and the step see a clear message; the log gets the details with the request id', async () => {
    const tools = indexTools([
      tool('down', async () => {
        throw new TidelensError(
          'db_unreachable',
          'cannot reach MySQL at db.internal:3306/shop (ECONNREFUSED); check the host',
        );
      }),
      tool('crash', async () => {
        throw new TypeError(
          "Cannot read properties of undefined (reading 'x')\n    at run (/srv/app/src/tools/x.ts:10:5)",
        );
      }),
      tool('badcol', async () => {
        throw new TidelensError('db_error', "MySQL: Unknown column 'nope' in 'field list'");
      }),
    ]);
    for (const name of ['down', 'crash']) {
      const o = await dispatch(tools, { toolUseId: 't', name, input: {} }, ctx(h.db));
      expect(o.modelText).not.toMatch(/3306|ECONNREFUSED|db\.internal|\/srv|TypeError|undefined/);
      expect(o.error!.message).toMatch(/try|administrator/);
      expect(o.error!.detail).toBeTruthy();
    }
    // A query mistake stays actionable for the model.
    const bad = await dispatch(tools, { toolUseId: 't', name: 'badcol', input: {} }, ctx(h.db));
    expect(bad.modelText).toMatch(/Unknown column 'nope'/);

    const down = await dispatch(tools, { toolUseId: 't', name: 'down', input: {} }, ctx(h.db));
    const assistant = {
      async *runTurn(input: ChatTurnInput): AsyncIterable<AssistantEvent> {
        const step = {
          toolUseId: 't',
          tool: 'down',
          input: {},
          queries: [],
          rowCount: 0,
          elapsedMs: 1,
          error: down.error,
        };
        yield { type: 'tool_finished' as const, step };
        yield {
          type: 'error' as const,
          code: 'internal',
          message: 'the turn failed unexpectedly: connect ECONNREFUSED 10.0.0.5:3306',
        };
        yield {
          type: 'done' as const,
          turn: summary(input, {
            steps: [step],
            stopReason: 'error',
            answer: 'the turn failed unexpectedly: connect ECONNREFUSED 10.0.0.5:3306',
          }),
        };
      },
    };
    const logs: Record<string, unknown>[] = [];
    const app = createApp({ assistant, store: h.store, db: h.db, config: h.config, log: (e) => logs.push(e) });
    const res = await app.request('/api/chat', {
      method: 'POST',
      headers: { cookie: h.cookies.viewer, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'sales?' }),
    });
    const text = await res.text();
    expect(text).not.toMatch(/3306|ECONNREFUSED|db\.internal|10\.0\.0\.5/);
    expect(parseSse(text).some((e) => e.event === 'tool_finished')).toBe(true);
    const logged = logs.filter((l) => l.msg === 'tool_error');
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).toMatch(/ECONNREFUSED/);
    expect(logged.every((l) => typeof l.requestId === 'string' && l.requestId)).toBe(true);
  });
});

describe('L3 bidi controls', () => {
  it('L3: tool rows, summaries and the model part lose bidi controls', async () => {
    const tools = indexTools([
      tool('rlo', async () => ({
        columns: ['product_name', 'net_sales'],
        rows: [{ product_name: 'Mug \u202E99.0 \u2066x\u2069', net_sales: 12.5 }],
        queries: [],
        summary: 'Top: Mug \u202E99.0',
        charts: [],
      })),
    ]);
    const o = await dispatch(tools, { toolUseId: 't', name: 'rlo', input: {} }, ctx(h.db));
    const all = JSON.stringify(o.result) + o.modelText;
    expect(all).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    expect(o.result!.rows[0]!.product_name).toBe('Mug 99.0 x');
  });
});

describe('L2/L4 exports', () => {
  it("L4: CSV neutralises formula cells by Superset's rules", () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
      ['+1+cmd', `'+1+cmd`],
      ['-2+3', `'-2+3`],
      ['@SUM(A1)', `'@SUM(A1)`],
      ['\t=1', `'\t=1`],
      ['\r=1', `'\r=1`],
      ['  =1+1', `'  =1+1`],
      ['|calc', `'\\|calc`],
      ['%0A', `'%0A`],
      ["=cmd|' /C calc'!A0", `'=cmd\\|' /C calc'!A0`],
      ['-12.5', '-12.5'],
      ['plain', 'plain'],
    ];
    for (const [raw, want] of cases) expect(neutraliseFormula(raw), JSON.stringify(raw)).toBe(want);
    const csv = tableToCsv({ title: 't', columns: ['name', 'n'], rows: [{ name: '  @evil', n: -3 }] });
    expect(csv).toContain(`'  @evil,-3`);
  });

  it('L2: exported Markdown keeps planted markup as text', async () => {
    const me = await (await h.app.request('/api/me', { headers: { cookie: h.cookies.analyst } })).json();
    const conv = await h.store.create(String(me.user.id), 'Planted <img src=x onerror=alert(1)>');
    const input = {
      turnId: randomUUID(),
      conversationId: conv.id,
      language: 'en',
      question: 'q <script>x</script>',
    } as ChatTurnInput;
    const planted = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![t](https://evil.example/t.png)';
    await h.store.appendTurn({
      turnId: input.turnId,
      conversationId: conv.id,
      createdAt: sqlNow(),
      question: input.question,
      messages: [],
      summary: summary(input, {
        answer: `Top product: ${planted} and [docs](https://example.com/docs)`,
        tables: [
          {
            title: 'T',
            columns: ['product_name'],
            rows: [{ product_name: planted }, { product_name: '```\n<b>x</b>' }],
          },
        ],
      }),
    });
    const res = await h.app.request(`/api/conversations/${conv.id}/export?format=md`, {
      headers: { cookie: h.cookies.analyst },
    });
    const md = await res.text();
    // Escaped brackets (\[ \]) are text in Markdown; only unescaped ones make a link or an image.
    expect(md).not.toMatch(/<img|<script|<b>|(?<!\\)\]\(javascript:|(?<!\\)\]\(https:\/\/evil/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('[docs](https://example.com/docs)');
  });
});
