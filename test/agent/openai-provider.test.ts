// The openai-compatible provider against a tiny in-test server speaking streamed chat completions.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../src/db/sqlite.ts';
import { runTurn } from '../../src/agent/loop.ts';
import { OpenAiProvider, toChatMessages } from '../../src/agent/providers/openai.ts';
import { testTools, tinyWarehouse } from './fixtures.ts';

type Handler = (body: any) => { status?: number; chunks?: unknown[]; error?: string };
let server: Server;
let base: string;
let handlers: Handler[] = [];
const bodies: any[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    const body = JSON.parse(raw);
    bodies.push({ ...body, auth: req.headers.authorization });
    const h = handlers.shift();
    const r = h ? h(body) : { status: 500, error: 'nothing scripted' };
    if (r.status && r.status !== 200) {
      res.writeHead(r.status, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: { message: r.error } }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const c of r.chunks ?? []) res.write(`data: ${JSON.stringify(c)}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  handlers = [];
  bodies.length = 0;
});

const delta = (d: unknown, finish: string | null = null) => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});
const provider = () =>
  new OpenAiProvider({ baseUrl: base, model: 'qwen2.5:7b', apiKey: 'k', retry: { attempts: 3, baseMs: 1, maxMs: 5 } });

describe('OpenAiProvider', () => {
  let db: SqliteDb;
  beforeAll(async () => {
    db = await tinyWarehouse();
  });
  afterAll(() => db.close());

  it('drives the loop: streamed tool call arguments, tool message back, streamed answer', async () => {
    handlers.push(
      () => ({
        chunks: [
          delta({
            role: 'assistant',
            tool_calls: [
              { index: 0, id: 'call_1', type: 'function', function: { name: 'sales_by_country', arguments: '' } },
            ],
          }),
          delta({ tool_calls: [{ index: 0, function: { arguments: '{"month":' } }] }),
          delta({ tool_calls: [{ index: 0, function: { arguments: '"2025-07"}' } }] }),
          delta({}, 'tool_calls'),
          { choices: [], usage: { prompt_tokens: 200, completion_tokens: 12 } },
        ],
      }),
      () => ({
        chunks: [
          delta({ content: 'United States: ' }),
          delta({ content: '$200.25.' }),
          delta({}, 'stop'),
          { choices: [], usage: { prompt_tokens: 300, completion_tokens: 8 } },
        ],
      }),
    );
    const turn = runTurn({
      question: 'Top country in July 2025?',
      history: [],
      user: { id: 'u', role: 'viewer' },
      provider: provider(),
      tools: testTools,
      ctx: { db, data: { minDate: '2025-06-01', maxDate: '2025-07-31' } },
    });
    // The turn is a stream: events as they happen, the summary and transcript as its return value.
    const events: string[] = [];
    let r = await turn.next();
    for (; !r.done; r = await turn.next()) events.push(r.value.type);
    const s = r.value.summary;
    expect(events[0]).toBe('turn_started');
    expect(events.slice(1, 3)).toEqual(['tool_started', 'tool_finished']);
    expect(events.filter((t) => t === 'text')).toHaveLength(2);
    expect(events.at(-1)).toBe('done');
    expect(r.value.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(s.stopReason).toBe('end_turn');
    expect(s.answer).toBe('United States: $200.25.');
    expect(s.steps[0]).toMatchObject({ tool: 'sales_by_country', rowCount: 2 });
    expect(s.usage).toMatchObject({ inputTokens: 500, outputTokens: 20, estimatedCostUsd: 0 });
    expect(bodies[0].auth).toBe('Bearer k');
    expect(bodies[0].stream).toBe(true);
    expect(bodies[0].tools[0]).toMatchObject({
      type: 'function',
      function: { name: 'sales_by_country', parameters: { type: 'object' } },
    });
    const msgs = bodies[1].messages;
    expect(msgs.map((m: any) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(msgs[2].tool_calls[0]).toEqual({
      id: 'call_1',
      type: 'function',
      function: { name: 'sales_by_country', arguments: '{"month":"2025-07"}' },
    });
    expect(msgs[3].tool_call_id).toBe('call_1');
    expect(msgs[3].content).toContain('"net_sales":200.25');
  });

  it('retries a 503, then names the model when the server does not know it', async () => {
    handlers.push(
      () => ({ status: 503, error: 'loading' }),
      () => ({ status: 404, error: 'model "qwen2.5:7b" not found, try pulling it first' }),
    );
    const err = await (async () => {
      for await (const _ of provider().converse({
        system: 's',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
        tools: [],
        maxTokens: 10,
      }))
        void _;
    })().catch((e) => e);
    expect(err.code).toBe('model_error');
    expect(err.message).toMatch(/does not know model "qwen2.5:7b".*OPENAI_MODEL/);
    expect(bodies).toHaveLength(2);
  });

  it('says when the server is not running', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const p = new OpenAiProvider({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      model: 'm',
      retry: { attempts: 1, baseMs: 1, maxMs: 1 },
    });
    const err = await (async () => {
      for await (const _ of p.converse({ system: 's', messages: [], tools: [], maxTokens: 10 })) void _;
    })().catch((e) => e);
    expect(err.message).toMatch(/cannot reach the model server at http:\/\/127.0.0.1:\d+\/v1 \(ECONNREFUSED\)/);
  });

  it('translates tool results that precede a follow-up question', () => {
    const out = toChatMessages('sys', [
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'x', input: { a: 1 } } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'r' }], status: 'error' } }] },
    ]);
    expect(out.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 't', type: 'function', function: { name: 'x', arguments: '{"a":1}' } }],
      },
      { role: 'tool', tool_call_id: 't', content: 'r' },
    ]);
  });
});
