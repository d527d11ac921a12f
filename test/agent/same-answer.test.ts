// The shell and the web answer a question the same way: `tidelens ask` and POST /api/chat (the app built
// from wire(), as the server runs it) on one warehouse with the offline model give the same answer text and
// the same suggestions, for a why-question and for its follow-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.ts';
import { askCommand } from '../../src/cli/commands/ask.ts';
import { createApp } from '../../src/server/app.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { loadHttpConfig } from '../../src/server/http-config.ts';
import { wire, type Wired } from '../../src/server/wiring.ts';
import { buildFixture } from '../offline/fixture.ts';
import { login, parseSse } from '../server/support.ts';

const WHY = 'Why did net sales drop in July 2024?';
const FOLLOW_UP = 'Only Amazon?';

let dir: string;
let warehouse: string;
let wired: Wired;
let app: ReturnType<typeof createApp>;
let cookie: string;

beforeAll(async () => {
  // Its own seeded data over an odd range, with a planted July drop for the why-question to find.
  const shock = { month: '2024-07', factor: 0.45 };
  warehouse = buildFixture({ seed: 7, minDate: '2023-03-01', maxDate: '2024-08-20', perDay: 5, shock });
  dir = mkdtempSync(join(tmpdir(), 'tidelens-same-'));
  const env = envFor('web.db');
  const http = loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui') });
  wired = await wire({ http, env, log: () => {} });
  const { password } = await new UserRepo(wired.appDb).create('ana', 'analyst');
  app = createApp({ assistant: wired.assistant, store: wired.store, db: wired.appDb, config: http, log: () => {} });
  cookie = await login(app, 'ana', password);
}, 120_000);

afterAll(async () => {
  await wired?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (warehouse) rmSync(dirname(warehouse), { recursive: true, force: true });
});

/** Both paths on the one warehouse, each with its own conversation store. */
function envFor(store: string): NodeJS.ProcessEnv {
  return { TIDELENS_DB: `sqlite:${warehouse}`, TIDELENS_PROVIDER: 'offline', TIDELENS_STORE_PATH: join(dir, store) };
}

interface Answer {
  conversationId: string;
  answer: string;
  suggestions: string[];
  tools: string[];
}

async function viaCli(question: string, conversationId?: string): Promise<Answer> {
  const out: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: () => {}, isTty: false, env: envFor('cli.db'), stdin: async () => '' };
  const argv = [question, '--json', ...(conversationId ? ['--conversation', conversationId] : [])];
  expect(await askCommand.run(argv, io)).toBe(0);
  const j = JSON.parse(out.join('\n'));
  const tools = j.steps.map((s: { tool: string }) => s.tool);
  return { conversationId: j.conversationId, answer: j.answer, suggestions: j.suggestions, tools };
}

async function viaWeb(message: string, conversationId?: string): Promise<Answer> {
  const res = await app.request('/api/chat', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ message, conversationId }),
  });
  expect(res.status).toBe(200);
  const events = parseSse(await res.text());
  const done = events.at(-1)!;
  expect(done.event).toBe('done');
  const turn = done.data.turn as Omit<Answer, 'tools'> & { steps: { tool: string }[] };
  // The chips arrive as their own event too, and say the same.
  const chips = events.find((e) => e.event === 'suggestions')?.data.questions ?? [];
  expect(chips).toEqual(turn.suggestions);
  const tools = turn.steps.map((s) => s.tool);
  return { conversationId: turn.conversationId, answer: turn.answer, suggestions: turn.suggestions, tools };
}

describe('the same question through tidelens ask and the web chat', () => {
  it('gives the same answer and suggestions for a why-question and its follow-up', async () => {
    const cli = await viaCli(WHY);
    const web = await viaWeb(WHY);
    expect(cli.tools).toContain('explain_change');
    expect(cli.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(cli.answer).not.toMatch(/could also ask/i); // the suggestions are chips in both, not answer text
    expect(web.answer).toBe(cli.answer);
    expect(web.suggestions).toEqual(cli.suggestions);
    expect(web.tools).toEqual(cli.tools);

    const cliNext = await viaCli(FOLLOW_UP, cli.conversationId);
    const webNext = await viaWeb(FOLLOW_UP, web.conversationId);
    expect(cliNext.conversationId).toBe(cli.conversationId);
    expect(webNext.conversationId).toBe(web.conversationId);
    // The follow-up was read in the conversation's context: it still asks about July's sales, now on Amazon.
    expect(cliNext.answer).toMatch(/July 2024 \(Amazon\)/);
    expect(webNext.answer).toBe(cliNext.answer);
    expect(webNext.suggestions).toEqual(cliNext.suggestions);
    expect(webNext.tools).toEqual(cliNext.tools);
  }, 120_000);
});
