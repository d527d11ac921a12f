// The app with its real pieces: the agent loop with the offline model and the registry's tools on a small
// seeded SQLite warehouse, the SQLite conversation store, and the overview from compare_periods/sales_trend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIo } from '../../src/cli/command.ts';
import { seedCommand } from '../../src/cli/commands/seed.ts';
import { openSqlite, type SqliteDb } from '../../src/db/sqlite.ts';
import { createApp } from '../../src/server/app.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { loadConfig } from '../../src/agent/config.ts';
import { loadHttpConfig } from '../../src/server/http-config.ts';
import { createAssistant } from '../../src/agent/assistant.ts';
import { createProvider } from '../../src/agent/providers/factory.ts';
import { overviewFromTools } from '../../src/server/overview.ts';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import { tools } from '../../src/tools/registry.ts';
import { readDataRange } from '../../src/server/wiring.ts';
import { login, parseSse } from './support.ts';

let dir: string;
let appDb: SqliteDb;
let warehouse: SqliteDb;
let store: SqliteConversationStore;
let app: ReturnType<typeof createApp>;
const logs: Record<string, unknown>[] = [];
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tl-real-'));
  const path = join(dir, 'w.db');
  const quiet = { ...processIo, out: () => {}, err: () => {} };
  expect(
    await seedCommand.run(
      ['--db', `sqlite:${path}`, '--scale', '0.05', '--from', '2024-06-01', '--to', '2025-08-31', '--force'],
      quiet,
    ),
  ).toBe(0);
  appDb = openSqlite(path);
  warehouse = openSqlite(path, { readonly: true });
  const data = await readDataRange(warehouse);
  const provider = await createProvider('offline', loadConfig({}));
  store = new SqliteConversationStore(join(dir, 'conv.db'));
  const users = new UserRepo(appDb);
  const { password } = await users.create('ana', 'analyst');
  app = createApp({
    assistant: createAssistant({ provider, tools, db: warehouse, data }),
    store,
    db: appDb,
    config: loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui') }),
    overview: overviewFromTools({ tools, db: warehouse, data }),
    log: (e) => logs.push(e),
  });
  cookie = await login(app, 'ana', password);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await warehouse?.close();
  await appDb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const post = (json: unknown, signal?: AbortSignal) =>
  app.request('/api/chat', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(json),
    signal,
  });

describe('chat with the real loop', () => {
  let conversationId = '';

  it('streams tools, guarded charts, 2–4 suggestions and done, and saves the turn with its transcript', async () => {
    const events = parseSse(await (await post({ message: 'why did July drop?' })).text());
    const types = events.map((e) => e.event);
    expect(types[0]).toBe('turn_started');
    expect(types.at(-1)).toBe('done');
    expect(types).toContain('tool_started');
    expect(types).toContain('chart');
    const sugg = events.find((e) => e.event === 'suggestions')!.data.questions as string[];
    expect(sugg.length).toBeGreaterThanOrEqual(2);
    expect(sugg.length).toBeLessThanOrEqual(4);
    const done = events.at(-1)!.data.turn as { answer: string; suggestions: string[]; stopReason: string };
    expect(done.stopReason).toBe('end_turn');
    expect(done.suggestions).toEqual(sugg);
    expect(done.answer).not.toMatch(/could also ask/); // moved to chips, not shown twice
    conversationId = String(events[0]!.data.conversationId);
    const [turn] = await store.turns(conversationId);
    expect(turn!.messages.length).toBeGreaterThan(1);
    const turnLog = logs.find((l) => l.msg === 'turn')!;
    expect((turnLog.tools as string[]).length).toBeGreaterThan(0);
    expect(Number(turnLog.inputTokens)).toBeGreaterThan(0);
    expect(logs.filter((l) => l.msg === 'chart_rejected')).toEqual([]); // the tools' own charts pass the guard
  }, 60_000);

  it('a follow-up sees the earlier turn', async () => {
    const events = parseSse(await (await post({ message: 'Only Amazon?', conversationId })).text());
    expect(events.at(-1)!.event).toBe('done');
    expect(await store.turns(conversationId)).toHaveLength(2);
  }, 60_000);

  it('exports Markdown with the charts as SVG images, and a CSV', async () => {
    const md = await app.request(`/api/conversations/${conversationId}/export?format=md`, { headers: { cookie } });
    expect(md.status).toBe(200);
    const text = await md.text();
    expect(text).toMatch(/^# why did July drop\?/);
    expect(text).toContain('](data:image/svg+xml;base64,');
    const csv = await app.request(`/api/conversations/${conversationId}/export?format=csv`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  }, 60_000);

  it('cancels the turn when the client goes away', async () => {
    const ac = new AbortController();
    const res = await post({ message: 'Top 10 products last quarter' }, ac.signal);
    const reader = res.body!.getReader();
    await reader.read();
    ac.abort();
    await reader.cancel().catch(() => {});
    await expect.poll(() => logs.some((l) => l.msg === 'turn' && l.aborted === true), { timeout: 10_000 }).toBe(true);
  }, 30_000);
});

describe('overview', () => {
  it('compares the latest full month with the month before and the same month a year earlier', async () => {
    const res = await app.request('/api/overview', { headers: { cookie } });
    expect(res.status).toBe(200);
    const o = await res.json();
    expect(o).toMatchObject({ month: '2025-08', previousMonth: '2025-07', lastYearMonth: '2024-08', currency: 'USD' });
    expect(o.cards.map((c: { metric: string }) => c.metric)).toEqual([
      'net_sales',
      'orders',
      'aov',
      'conversion_rate',
      'return_rate',
    ]);
    const sales = o.cards[0];
    expect(sales.value).toBeGreaterThan(0);
    expect(sales.previous).toBeGreaterThan(0);
    expect(sales.lastYear).toBeGreaterThan(0);
    expect(sales.series.at(-1)).toEqual({ period: '2025-08', value: sales.value });
  }, 60_000);
});
