// `tidelens ask` end to end: the real Bedrock SDK client against the fake service, a small SQLite
// warehouse on disk, the SQLite conversation store, and a follow-up through --conversation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Io } from '../../src/cli/command.ts';
import { askCommandWith } from '../../src/cli/commands/ask.ts';
import { FakeBedrock } from '../../eval/fake-bedrock/server.ts';
import { testTools, tinyWarehouse } from './fixtures.ts';

let fake: FakeBedrock;
let dir: string;
let env: NodeJS.ProcessEnv;
const ask = askCommandWith({ loadTools: async () => testTools });

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const x: Io = { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false, env, stdin: async () => '' };
  return { x, out, err };
}

beforeAll(async () => {
  fake = await FakeBedrock.start();
  dir = mkdtempSync(join(tmpdir(), 'tidelens-ask-'));
  await (await tinyWarehouse(join(dir, 'w.db'))).close();
  // The SDK reads credentials from the standard chain: dummy ones for the fake service.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  env = {
    TIDELENS_PROVIDER: 'bedrock',
    BEDROCK_MODEL_ID: 'amazon.nova-lite-v1:0',
    BEDROCK_ENDPOINT: fake.endpoint,
    AWS_REGION: 'us-east-1',
    TIDELENS_DB: `sqlite:${join(dir, 'w.db')}`,
    TIDELENS_STORE_PATH: join(dir, 'conversations.db'),
  };
});

describe('tidelens ask', () => {
  it('prints --json with steps and SQL, and continues the conversation with --conversation', async () => {
    fake.script(
      {
        reply: {
          toolUses: [{ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: 'c1' }],
          usage: { inputTokens: 2000, outputTokens: 30 },
        },
      },
      { reply: { text: ['July net sales: $246.00.'], usage: { inputTokens: 2500, outputTokens: 12 } } },
    );
    const first = io();
    expect(await ask.run(['What were net sales in July 2025?', '--json'], first.x)).toBe(0);
    const j = JSON.parse(first.out.join('\n'));
    expect(j).toMatchObject({
      language: 'en',
      answer: 'July net sales: $246.00.',
      stopReason: 'end_turn',
      ungrounded: [],
      steps: [
        {
          tool: 'sales_by_country',
          input: { month: '2025-07' },
          rowCount: 2,
          error: null,
          sql: expect.stringMatching(/FROM orders/),
        },
      ],
      charts: [{ title: 'Net sales by country, 2025-07' }],
      tables: [{ title: 'sales_by_country (month=2025-07)', columns: ['country', 'net_sales', 'orders'] }],
      usage: { inputTokens: 4500, outputTokens: 42 },
    });
    expect(j.usage.estimatedCostUsd).toBeCloseTo((4500 * 0.06 + 42 * 0.24) / 1e6, 10);
    expect(j.timings.totalMs).toBeGreaterThan(0);
    expect(fake.requests[0]!.body.system[0].text).toMatch(/Data: from 2025-06-03 to 2025-07-15/);

    fake.script({ reply: { text: ['Only Amazon: $200.25.'] } });
    const second = io();
    expect(await ask.run(['only amazon?', '--conversation', j.conversationId], second.x)).toBe(0);
    expect(second.out[0]).toBe('Only Amazon: $200.25.');
    expect(second.out.join('\n')).toContain(`follow up with --conversation ${j.conversationId}`);
    // The follow-up carried the first turn's messages, tool result included.
    const msgs = fake.requests.at(-1)!.body.messages;
    expect(msgs.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(msgs[2].content[0].toolResult.toolUseId).toBe('c1');
    expect(msgs[4].content).toEqual([{ text: 'only amazon?' }]);
  });

  it('prints the answer, the steps with their SQL and the chart titles', async () => {
    fake.script(
      { reply: { toolUses: [{ name: 'sales_by_country', input: { month: '2025-06' } }] } },
      { reply: { text: ['June: $200.50.'] } },
    );
    const r = io();
    expect(await ask.run(['June sales?', '--provider', 'bedrock'], r.x)).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/^June: \$200\.50\.\n\nSteps:\n {2}1\. sales_by_country \{"month":"2025-06"\} → 2 row\(s\)/);
    expect(text).toMatch(/SQL \(net sales by country\): SELECT country/);
    expect(text).toContain('Charts: Net sales by country, 2025-06');
  });

  it('keeps the turn and exits 1 with a clear message when Bedrock denies access', async () => {
    fake.script({ httpError: { status: 403, type: 'AccessDeniedException', message: 'no access' } });
    const r = io();
    expect(await ask.run(['hello', '--json'], r.x)).toBe(1);
    const j = JSON.parse(r.out.join('\n'));
    expect(j.stopReason).toBe('error');
    expect(j.answer).toMatch(/bedrock:InvokeModelWithResponseStream/);
    const follow = io();
    fake.script({ reply: { text: ['Now it works.'] } });
    expect(await ask.run(['again', '--conversation', j.conversationId], follow.x)).toBe(0);
    expect(fake.requests.at(-1)!.body.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('names what to set when the provider is not configured', async () => {
    delete env.BEDROCK_MODEL_ID;
    await expect(ask.run(['hello'], io().x)).rejects.toThrow(/BEDROCK_MODEL_ID is not set/);
    await expect(ask.run(['hello', '--provider', 'gpt'], io().x)).rejects.toThrow(
      /--provider must be one of offline, bedrock, openai/,
    );
    await expect(
      ask.run(['hello', '--conversation', 'nope'], { ...io().x, env: { ...env, BEDROCK_MODEL_ID: 'm' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
