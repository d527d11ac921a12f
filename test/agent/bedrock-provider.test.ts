// The real SDK client against the fake service: wire format, errors, retries, cancellation.
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BedrockProvider } from '../../src/agent/providers/bedrock.ts';
import type { ModelEvent, ModelRequest } from '../../src/agent/providers/types.ts';
import { FakeBedrock } from '../../eval/fake-bedrock/server.ts';

const creds = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
let fake: FakeBedrock;
beforeAll(async () => {
  fake = await FakeBedrock.start();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const provider = (modelId = 'us.anthropic.claude-3-5-haiku-20241022-v1:0') =>
  new BedrockProvider({
    modelId,
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: creds,
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
  });

const req = (over: Partial<ModelRequest> = {}): ModelRequest => ({
  system: 'You are a test.',
  messages: [{ role: 'user', content: [{ text: 'hi' }] }],
  tools: [{ name: 'sales', description: 'd', inputSchema: { type: 'object', properties: {} } }],
  maxTokens: 500,
  ...over,
});

async function collect(it: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const out: ModelEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('BedrockProvider over ConverseStream', () => {
  it('sends the system prompt with a cache point, tools and max tokens; decodes text and tool use', async () => {
    fake.script({
      reply: {
        text: ['Let me ', 'check.'],
        toolUses: [{ name: 'sales', input: { month: '2025-07' }, toolUseId: 'tu1' }],
        usage: { inputTokens: 321, outputTokens: 45 },
      },
    });
    const events = await collect(provider().converse(req()));
    expect(events).toEqual([
      { type: 'text', delta: 'Let me ' },
      { type: 'text', delta: 'check.' },
      { type: 'tool_use', toolUseId: 'tu1', name: 'sales', input: { month: '2025-07' } },
      { type: 'stop', reason: 'tool_use', usage: { inputTokens: 321, outputTokens: 45 } },
    ]);
    const r = fake.requests[0]!;
    expect(r.operation).toBe('ConverseStream');
    expect(r.modelId).toBe('us.anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(r.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/bedrock\//);
    expect(r.body.system).toEqual([{ text: 'You are a test.' }, { cachePoint: { type: 'default' } }]);
    expect(r.body.toolConfig.tools[0].toolSpec).toEqual({
      name: 'sales',
      description: 'd',
      inputSchema: { json: { type: 'object', properties: {} } },
    });
    expect(r.body.inferenceConfig).toEqual({ maxTokens: 500 });
  });

  it('omits the cache point for models without prompt caching', async () => {
    fake.script({ reply: { text: ['ok'] } });
    await collect(provider('meta.llama3-1-70b-instruct-v1:0').converse(req()));
    expect(fake.requests[0]!.body.system).toEqual([{ text: 'You are a test.' }]);
  });

  it('reports tool input that is not JSON instead of throwing', async () => {
    fake.script({ reply: { toolUses: [{ name: 'sales', rawInput: ['{"month": "2025', '-07"'], toolUseId: 'bad' }] } });
    const events = await collect(provider().converse(req()));
    expect(events[0]).toMatchObject({ type: 'tool_use', toolUseId: 'bad', input: '{"month": "2025-07"' });
    expect((events[0] as { inputError?: string }).inputError).toBeTruthy();
  });

  it('retries HTTP throttling and an in-stream 5xx exception, then succeeds', async () => {
    fake.script(
      {
        httpError: {
          status: 429,
          type: 'ThrottlingException',
          message: 'Too many requests, please wait before trying again.',
        },
      },
      { streamException: { type: 'internalServerException', message: 'boom' } },
      { reply: { text: ['fine'] } },
    );
    const events = await collect(provider().converse(req()));
    expect(events[0]).toEqual({ type: 'text', delta: 'fine' });
    expect(fake.requests).toHaveLength(3);
  });

  it('gives up after the retry budget with a message naming the quota', async () => {
    fake.always({ httpError: { status: 429, type: 'ThrottlingException', message: 'Too many requests' } });
    await expect(collect(provider().converse(req()))).rejects.toThrow(/kept failing .* after 3 attempt\(s\).*quota/);
    expect(fake.requests).toHaveLength(3);
  });

  it.each([
    [
      403,
      'AccessDeniedException',
      "You don't have access to the model with the specified model ID.",
      /IAM permission bedrock:InvokeModelWithResponseStream.*us-east-1/,
    ],
    [
      400,
      'ValidationException',
      'The provided model identifier is invalid.',
      /Check BEDROCK_MODEL_ID .* and AWS_REGION/,
    ],
    [404, 'ResourceNotFoundException', 'Model not found', /does not offer model/],
    [400, 'ValidationException', 'messages.0.content: must not be empty', /rejected the request .* supports tool use/],
  ])('turns HTTP %s %s into one clear message, without retrying', async (status, type, message, expected) => {
    fake.script({ httpError: { status, type, message } });
    const err = await collect(provider().converse(req())).catch((e) => e);
    expect(err.code).toBe('model_error');
    expect(err.message).toMatch(expected);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a stream that failed after text reached the caller', async () => {
    fake.script({
      streamException: { type: 'throttlingException', message: 'slow down' },
      before: { text: ['partial'] },
    });
    const seen: ModelEvent[] = [];
    const err = await (async () => {
      for await (const e of provider().converse(req())) seen.push(e);
    })().catch((e) => e);
    expect(seen).toEqual([{ type: 'text', delta: 'partial' }]);
    expect(err.message).toMatch(/after 1 attempt/);
  });

  it('honours an AbortSignal while the stream hangs', async () => {
    fake.script({ hang: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('cancelled by user')), 100);
    const start = Date.now();
    await expect(collect(provider().converse(req({ signal: ac.signal })))).rejects.toThrow('cancelled by user');
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('also speaks Converse (JSON) to the real client', async () => {
    fake.script({ reply: { text: ['hello'], usage: { inputTokens: 3, outputTokens: 1 } } });
    const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: fake.endpoint, credentials: creds });
    const out = await client.send(
      new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
    );
    expect(out.output?.message?.content).toEqual([{ text: 'hello' }]);
    expect(out.usage).toMatchObject({ inputTokens: 3, outputTokens: 1 });
    expect(fake.requests[0]!.operation).toBe('Converse');
  });
});
