// The loop with the real Bedrock SDK client against the in-repo fake service, scripted per test.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SqliteDb } from '../../src/db/sqlite.ts';
import { runTurnWithTranscript, type RunTurnInput } from '../../src/agent/loop.ts';
import { SlidingWindowLimiter } from '../../src/agent/rate-limit.ts';
import type { TurnEvent } from '../../src/protocol/turn.ts';
import { BedrockProvider } from '../../src/agent/providers/bedrock.ts';
import { readModelError, readModelPart } from '../../src/tools/dispatch.ts';
import type { Tool } from '../../src/tools/types.ts';
import { FakeBedrock, type RecordedRequest } from '../../eval/fake-bedrock/server.ts';
import { testTools, tinyWarehouse } from './fixtures.ts';

let fake: FakeBedrock;
let db: SqliteDb;
beforeAll(async () => {
  fake = await FakeBedrock.start();
  db = await tinyWarehouse();
});
afterAll(async () => {
  await fake.close();
  await db.close();
});
beforeEach(() => fake.reset());

const MODEL = 'us.anthropic.claude-3-5-haiku-20241022-v1:0';

function turn(question: string, over: Partial<RunTurnInput> = {}) {
  const events: TurnEvent[] = [];
  const provider = new BedrockProvider({
    modelId: MODEL,
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
  });
  const run = runTurnWithTranscript({
    question,
    history: [],
    user: { id: 'u1', role: 'analyst' },
    provider,
    tools: testTools,
    ctx: { db, data: { minDate: '2025-06-01', maxDate: '2025-07-31' } },
    conversationId: 'c1',
    onEvent: (e) => events.push(e),
    ...over,
  });
  return { run, events };
}

/** The toolResult blocks the model received in a request's last message. */
function toolResults(r: RecordedRequest): { toolUseId: string; status: string; text: string }[] {
  const last = r.body.messages.at(-1);
  return last.content.map((b: any) => ({
    toolUseId: b.toolResult.toolUseId,
    status: b.toolResult.status,
    text: b.toolResult.content[0].text,
  }));
}

describe('runTurn against fake Bedrock', () => {
  it('runs a single tool call and streams the final answer', async () => {
    fake.script(
      {
        reply: {
          text: ['Checking.'],
          toolUses: [{ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: 'a1' }],
          usage: { inputTokens: 1000, outputTokens: 50 },
        },
      },
      {
        reply: {
          text: ['July net sales were ', '$246.00: United States ', '$200.25, United Kingdom $45.75.'],
          usage: { inputTokens: 1500, outputTokens: 40 },
        },
      },
    );
    const { run, events } = turn('What were net sales by country in July 2025?');
    const { summary, messages } = await run;

    expect(summary.stopReason).toBe('end_turn');
    expect(summary.answer).toBe('July net sales were $246.00: United States $200.25, United Kingdom $45.75.');
    expect(summary.language).toBe('en');
    expect(summary.ungrounded).toEqual([]);
    expect(summary.steps).toHaveLength(1);
    expect(summary.steps[0]).toMatchObject({ tool: 'sales_by_country', input: { month: '2025-07' }, rowCount: 2 });
    expect(summary.steps[0]!.queries[0]!.sql).toMatch(/FROM orders/);
    expect(summary.tables[0]!.title).toBe('sales_by_country (month=2025-07)');
    expect(summary.charts).toHaveLength(1);
    expect(summary.usage).toEqual({
      inputTokens: 2500,
      outputTokens: 90,
      estimatedCostUsd: (2500 * 0.8 + 90 * 4) / 1e6,
    });
    expect(summary.timings.modelMs).toBeGreaterThan(0);
    expect(summary.timings.totalMs).toBeGreaterThanOrEqual(summary.timings.modelMs);

    // Text deltas stream as they arrive, the final ones in order.
    const deltas = events.filter((e) => e.type === 'text').map((e) => (e as { delta: string }).delta);
    expect(deltas.slice(-3)).toEqual([
      'July net sales were ',
      '$246.00: United States ',
      '$200.25, United Kingdom $45.75.',
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'turn_started',
      'text',
      'tool_started',
      'tool_finished',
      'table',
      'chart',
      'text',
      'text',
      'text',
      'done',
    ]);

    // The second call carried the tool result, fenced, with the rows.
    const second = fake.requests[1]!;
    const [res] = toolResults(second);
    expect(res).toMatchObject({ toolUseId: 'a1', status: 'success' });
    expect(readModelPart(res!.text)!.rows).toEqual([
      { country: 'United States', net_sales: 200.25, orders: 1 },
      { country: 'United Kingdom', net_sales: 45.75, orders: 1 },
    ]);
    expect(second.body.system[0].text).toMatch(/latest date 2025-07-31/);
    expect(second.body.toolConfig.tools.map((x: any) => x.toolSpec.name)).not.toContain('admin_only');
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('runs parallel tool calls of one model turn concurrently', async () => {
    const sleepy = (name: string): Tool => ({
      name,
      description: 'waits 300 ms',
      inputSchema: z.object({}),
      run: async () => {
        await new Promise((r) => setTimeout(r, 300));
        return { columns: ['n'], rows: [{ n: name.length }], queries: [], summary: 'ok', charts: [] };
      },
    });
    fake.script(
      {
        reply: {
          toolUses: [
            { name: 'nap_one', toolUseId: 'p1' },
            { name: 'nap_three', toolUseId: 'p2' },
          ],
        },
      },
      { reply: { text: ['Done: 7 and 9.'] } },
    );
    const { run } = turn('two things at once', { tools: [sleepy('nap_one'), sleepy('nap_three')] });
    const { summary } = await run;
    expect(summary.steps.map((s) => s.tool)).toEqual(['nap_one', 'nap_three']);
    expect(summary.timings.toolMs).toBeLessThan(550);
    expect(toolResults(fake.requests[1]!).map((r) => r.toolUseId)).toEqual(['p1', 'p2']);
    expect(summary.ungrounded).toEqual([]);
  });

  it('returns malformed tool input to the model as an error, and runs the repaired call', async () => {
    fake.script(
      {
        reply: {
          toolUses: [
            { name: 'sales_by_country', input: { month: 'July' }, toolUseId: 'm1' },
            { name: 'sales_by_country', rawInput: ['{"month": '], toolUseId: 'm2' },
          ],
        },
      },
      { reply: { toolUses: [{ name: 'sales_by_country', input: { month: '2025-06' }, toolUseId: 'm3' }] } },
      { reply: { text: ['June: $200.50.'] } },
    );
    const { summary } = await turn('sales in june').run;
    const [r1, r2] = toolResults(fake.requests[1]!);
    expect(r1!.status).toBe('error');
    expect(readModelError(r1!.text)).toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/month: use YYYY-MM/),
    });
    expect(readModelError(r2!.text)).toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/not valid JSON/),
    });
    // The malformed input is not echoed back as toolUse input (Bedrock wants an object there).
    expect(fake.requests[1]!.body.messages[1].content[1].toolUse.input).toEqual({});
    expect(summary.steps.map((s) => s.error?.code ?? 'ok')).toEqual(['bad_input', 'bad_input', 'ok']);
    expect(summary.stopReason).toBe('end_turn');
    expect(summary.ungrounded).toEqual([]);
  });

  it('sends a tool error back with status error, then the model repairs its call', async () => {
    fake.script(
      { reply: { toolUses: [{ name: 'broken_sql', toolUseId: 'e1' }] } },
      (req) => {
        const [r] = toolResults(req);
        expect(r!.status).toBe('error');
        expect(readModelError(r!.text)!.code).toBe('db_error');
        return { reply: { toolUses: [{ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: 'e2' }] } };
      },
      { reply: { text: ['United States led with $200.25.'] } },
    );
    const { summary } = await turn('top country in July').run;
    expect(summary.steps[0]!.error).toMatchObject({
      code: 'db_error',
      message: expect.stringMatching(/no such table/),
    });
    expect(summary.steps[1]!.error).toBeUndefined();
    expect(summary.answer).toBe('United States led with $200.25.');
  });

  it('retries throttling, then succeeds', async () => {
    fake.script(
      { httpError: { status: 429, type: 'ThrottlingException', message: 'Too many requests' } },
      { streamException: { type: 'throttlingException', message: 'Too many tokens' } },
      { reply: { text: ['Hello.'] } },
    );
    const { summary } = await turn('hi').run;
    expect(summary.stopReason).toBe('end_turn');
    expect(summary.answer).toBe('Hello.');
    expect(fake.requests).toHaveLength(3);
  });

  it('ends the turn at the round limit with a clear message and a valid transcript', async () => {
    let n = 0;
    fake.always(() => ({
      reply: { toolUses: [{ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: `r${++n}` }] },
    }));
    const { summary, messages } = await turn('loop forever', { limits: { maxRounds: 3 } }).run;
    expect(summary.stopReason).toBe('round_limit');
    expect(summary.answer).toMatch(/stopped after 3 rounds/);
    expect(fake.requests).toHaveLength(3);
    expect(summary.steps).toHaveLength(3);
    expect(messages.at(-1)).toEqual({ role: 'assistant', content: [{ text: summary.answer }] });
  });

  it('ends the turn at the tool-call limit, answering the dangling calls', async () => {
    fake.script({
      reply: {
        toolUses: [1, 2, 3].map((i) => ({ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: `t${i}` })),
      },
    });
    const { summary, messages } = await turn('many', { limits: { maxToolCalls: 2 } }).run;
    expect(summary.stopReason).toBe('tool_limit');
    expect(summary.steps).toHaveLength(0);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(messages[2]!.content).toHaveLength(3);
  });

  it('ends the turn when an answer hits its token limit', async () => {
    fake.script({ reply: { text: ['The answer is'], stopReason: 'max_tokens' } });
    const { summary } = await turn('long', { limits: { maxAnswerTokens: 64 } }).run;
    expect(summary.stopReason).toBe('token_limit');
    expect(summary.answer).toMatch(
      /^The answer is\n\nI stopped because the answer reached its length limit \(64 tokens\)/,
    );
    expect(fake.requests[0]!.body.inferenceConfig.maxTokens).toBe(64);
  });

  it('ends the turn at the time limit', async () => {
    fake.script({ hang: true });
    const { summary } = await turn('slow', { limits: { maxTurnMs: 300 } }).run;
    expect(summary.stopReason).toBe('time_limit');
    expect(summary.answer).toMatch(/longer than 0 seconds|longer than/);
  });

  it('limits questions per user per minute', async () => {
    fake.always({ reply: { text: ['ok'] } });
    const limiter = new SlidingWindowLimiter(2);
    const a = await turn('1', { rateLimiter: limiter }).run;
    const b = await turn('2', { rateLimiter: limiter }).run;
    const c = await turn('三', { rateLimiter: limiter }).run;
    expect([a, b, c].map((x) => x.summary.stopReason)).toEqual(['end_turn', 'end_turn', 'rate_limit']);
    expect(c.summary.answer).toMatch(/一分钟内已提问 2 次/);
    expect(fake.requests).toHaveLength(2);
  });

  it('turns access denied into one clear message and keeps the transcript', async () => {
    fake.script({
      httpError: {
        status: 403,
        type: 'AccessDeniedException',
        message: "You don't have access to the model with the specified model ID.",
      },
    });
    const { run, events } = turn('hello');
    const { summary, messages } = await run;
    expect(summary.stopReason).toBe('error');
    expect(summary.answer).toMatch(/bedrock:InvokeModelWithResponseStream/);
    expect(events.find((e) => e.type === 'error')).toMatchObject({ code: 'model_error' });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(fake.requests).toHaveLength(1);
  });

  it('cancels via AbortSignal while the model streams', async () => {
    fake.script({ hang: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const start = Date.now();
    const { summary, messages } = await turn('cancel me', { signal: ac.signal }).run;
    expect(summary.stopReason).toBe('cancelled');
    expect(Date.now() - start).toBeLessThan(2000);
    // The UI shows its own localized "Stopped." badge; the notice stays only in the model's history.
    expect(summary.answer).not.toMatch(/Cancelled/);
    expect(JSON.stringify(messages.at(-1))).toMatch(/Cancelled\./);
  });

  it('cancels via AbortSignal while a tool runs', async () => {
    fake.script({ reply: { toolUses: [{ name: 'slow_tool', toolUseId: 's1' }] } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const { summary, messages } = await turn('cancel during tool', { signal: ac.signal }).run;
    expect(summary.stopReason).toBe('cancelled');
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('records numbers the model made up as ungrounded', async () => {
    fake.script(
      { reply: { toolUses: [{ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: 'g1' }] } },
      { reply: { text: ['七月净销售额为246美元，同比增长17%。'] } },
    );
    const { run, events } = turn('七月的销售额是多少？');
    const { summary } = await run;
    expect(summary.language).toBe('zh');
    expect(summary.ungrounded).toEqual(['17%']);
    expect(events.find((e) => e.type === 'grounding')).toEqual({ type: 'grounding', ungrounded: ['17%'] });
  });

  it('passes the history for follow-ups and fences untrusted data text', async () => {
    fake.script(
      { reply: { toolUses: [{ name: 'product_names', toolUseId: 'u1' }] } },
      { reply: { text: ['One product.'] } },
    );
    const history = [
      { role: 'user' as const, content: [{ text: 'earlier question' }] },
      { role: 'assistant' as const, content: [{ text: 'earlier answer' }] },
    ];
    await turn('and the products?', { history }).run;
    const body = fake.requests[1]!.body;
    expect(body.messages[0]).toEqual(history[0]);
    expect(body.messages[2]).toEqual({ role: 'user', content: [{ text: 'and the products?' }] });
    const [r] = toolResults(fake.requests[1]!);
    expect(r!.text).toContain('<data untrusted="true">');
    expect(r!.text.match(/<\/data>/g)).toHaveLength(1);
  });
});
