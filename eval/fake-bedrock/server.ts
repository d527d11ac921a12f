// A fake Amazon Bedrock Runtime on 127.0.0.1 for loop tests: the real SDK client talks to it through an
// endpoint override. It speaks Converse (JSON) and ConverseStream (AWS event-stream binary frames),
// answers from a per-test script, and records every request it got. HTTP/2 cleartext, because the
// Bedrock Runtime client sends through its HTTP/2 handler, as it does to the real service.
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import {
  createServer,
  type Http2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
  type IncomingHttpHeaders,
} from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolUse {
  name: string;
  input?: unknown;
  toolUseId?: string;
  /** Raw input deltas sent as-is (malformed JSON tests); default: the JSON of `input`, split in two. */
  rawInput?: string[];
}

export interface Reply {
  /** Text deltas, streamed one per contentBlockDelta. */
  text?: string[];
  toolUses?: ScriptedToolUse[];
  stopReason?: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'guardrail_intervened' | 'content_filtered';
  usage?: { inputTokens: number; outputTokens: number };
}

export type Scripted =
  | { reply: Reply; delayMs?: number }
  /** An HTTP error as the service sends it: status, x-amzn-ErrorType header, JSON body with message. */
  | { httpError: { status: number; type: string; message: string } }
  /** A stream that sends `before` (possibly nothing), then an exception frame. */
  | {
      streamException: {
        type:
          | 'throttlingException'
          | 'internalServerException'
          | 'serviceUnavailableException'
          | 'validationException'
          | 'modelStreamErrorException';
        message: string;
      };
      before?: Reply;
    }
  /** Sends response headers then nothing: for cancellation tests. */
  | { hang: true };

export interface RecordedRequest {
  operation: 'Converse' | 'ConverseStream';
  modelId: string;
  headers: IncomingHttpHeaders;
  body: Record<string, any>;
}

type Script = Scripted | ((req: RecordedRequest, index: number) => Scripted);

const utf8 = new TextEncoder();
const fromUtf8 = (s: string) => utf8.encode(s);
const toUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);
const codec = new EventStreamCodec(toUtf8, fromUtf8);

const str = (value: string) => ({ type: 'string' as const, value });

export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  const headers: MessageHeaders = {
    ':event-type': str(eventType),
    ':content-type': str('application/json'),
    ':message-type': str('event'),
  };
  return codec.encode({ headers, body: fromUtf8(JSON.stringify(payload)) });
}

export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  const headers: MessageHeaders = {
    ':exception-type': str(exceptionType),
    ':content-type': str('application/json'),
    ':message-type': str('exception'),
  };
  return codec.encode({ headers, body: fromUtf8(JSON.stringify({ message })) });
}

let idSeq = 0;
const toolUseId = (t: ScriptedToolUse) => t.toolUseId ?? `tooluse_${(++idSeq).toString(36).padStart(6, '0')}`;

function stopReasonOf(r: Reply): string {
  return r.stopReason ?? (r.toolUses?.length ? 'tool_use' : 'end_turn');
}
function usageOf(r: Reply) {
  const u = r.usage ?? { inputTokens: 100, outputTokens: 20 };
  return { ...u, totalTokens: u.inputTokens + u.outputTokens };
}

/** The ConverseStream frames for a reply, in the order the service sends them. */
export function replyFrames(r: Reply, withStop = true): Uint8Array[] {
  const frames = [eventFrame('messageStart', { role: 'assistant' })];
  let index = 0;
  if (r.text?.length) {
    for (const t of r.text)
      frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { text: t } }));
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index }));
    index++;
  }
  for (const t of r.toolUses ?? []) {
    frames.push(
      eventFrame('contentBlockStart', {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: toolUseId(t), name: t.name } },
      }),
    );
    const json = JSON.stringify(t.input ?? {});
    const parts = t.rawInput ?? [json.slice(0, Math.ceil(json.length / 2)), json.slice(Math.ceil(json.length / 2))];
    for (const p of parts)
      frames.push(eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: p } } }));
    frames.push(eventFrame('contentBlockStop', { contentBlockIndex: index }));
    index++;
  }
  if (withStop) {
    frames.push(eventFrame('messageStop', { stopReason: stopReasonOf(r) }));
    frames.push(eventFrame('metadata', { usage: usageOf(r), metrics: { latencyMs: 5 } }));
  }
  return frames;
}

/** The Converse (non-streaming) JSON body for a reply. */
export function replyJson(r: Reply): Record<string, unknown> {
  const content: unknown[] = [];
  if (r.text?.length) content.push({ text: r.text.join('') });
  for (const t of r.toolUses ?? [])
    content.push({ toolUse: { toolUseId: toolUseId(t), name: t.name, input: t.input ?? {} } });
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: stopReasonOf(r),
    usage: usageOf(r),
    metrics: { latencyMs: 5 },
  };
}

export class FakeBedrock {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Script[] = [];
  private fallback: Script | undefined;
  private readonly sessions = new Set<Http2Session>();

  private constructor(
    private readonly server: Http2Server,
    readonly endpoint: string,
  ) {}

  static async start(): Promise<FakeBedrock> {
    let fake!: FakeBedrock;
    const server = createServer((req, res) => void fake.handle(req, res));
    server.on('session', (s) => {
      fake.sessions.add(s);
      s.on('close', () => fake.sessions.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeBedrock(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** Responses used in order, one per request; `always` answers once the queue is empty. */
  script(...responses: Script[]): this {
    this.queue.push(...responses);
    return this;
  }
  always(response: Script): this {
    this.fallback = response;
    return this;
  }
  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
    this.fallback = undefined;
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: Http2ServerRequest, res: Http2ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/model\/([^/]+)\/(converse|converse-stream)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) {
      return this.httpError(res, {
        status: 404,
        type: 'UnknownOperationException',
        message: `no route ${req.method} ${req.url}`,
      });
    }
    const recorded: RecordedRequest = {
      operation: m[2] === 'converse' ? 'Converse' : 'ConverseStream',
      modelId: decodeURIComponent(m[1]!),
      headers: req.headers,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
    };
    const index = this.requests.push(recorded) - 1;
    const next = this.queue.shift() ?? this.fallback;
    if (!next) {
      return this.httpError(res, {
        status: 500,
        type: 'InternalServerException',
        message: `fake bedrock: nothing scripted for request ${index + 1}`,
      });
    }
    const s = typeof next === 'function' ? next(recorded, index) : next;
    if ('httpError' in s) return this.httpError(res, s.httpError);
    if (recorded.operation === 'Converse') {
      if (!('reply' in s))
        return this.httpError(res, {
          status: 500,
          type: 'InternalServerException',
          message: 'scripted a stream-only response for Converse',
        });
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': `req-${index}` });
      return void res.end(JSON.stringify(replyJson(s.reply)));
    }
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': `req-${index}` });
    // writeHead has already sent the HEADERS frame; a hung stream just never sends data.
    if ('hang' in s) return;
    const frames =
      'reply' in s
        ? replyFrames(s.reply)
        : [
            ...(s.before ? replyFrames(s.before, false) : []),
            exceptionFrame(s.streamException.type, s.streamException.message),
          ];
    const delay = 'reply' in s ? (s.delayMs ?? 0) : 0;
    for (const f of frames) {
      if (res.destroyed) return;
      res.write(f);
      if (delay) await new Promise((r) => setTimeout(r, delay));
    }
    res.end();
  }

  private httpError(res: Http2ServerResponse, e: { status: number; type: string; message: string }): void {
    res.writeHead(e.status, {
      'content-type': 'application/json',
      'x-amzn-errortype': `${e.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': 'req-error',
    });
    res.end(JSON.stringify({ message: e.message }));
  }
}
