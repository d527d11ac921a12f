// Any server speaking the chat-completions tool-calling protocol (Ollama, vLLM, LM Studio, OpenAI),
// streamed over server-sent events. Converse-shaped messages are translated on the way out.
import { toolUseEvent } from './bedrock.ts';
import { modelError } from './errors.ts';
import { DEFAULT_RETRY, retryStream, type RetryPolicy } from './retry.ts';
import type { Message, ModelEvent, ModelProvider, ModelRequest, ModelStopReason } from './types.ts';

export interface OpenAiOptions {
  /** e.g. http://127.0.0.1:11434/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  retry?: RetryPolicy;
}

type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export function toChatMessages(system: string, messages: Message[]): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    if (m.role === 'assistant') {
      const text = m.content.flatMap((b) => ('text' in b ? [b.text] : [])).join('');
      const calls = m.content.flatMap((b) =>
        'toolUse' in b
          ? [
              {
                id: b.toolUse.toolUseId,
                type: 'function' as const,
                function: { name: b.toolUse.name, arguments: JSON.stringify(b.toolUse.input ?? {}) },
              },
            ]
          : [],
      );
      out.push(
        calls.length
          ? { role: 'assistant', content: text || null, tool_calls: calls }
          : { role: 'assistant', content: text },
      );
      continue;
    }
    // Tool results become `tool` messages, which must directly follow the assistant's calls.
    for (const b of m.content) {
      if ('toolResult' in b)
        out.push({
          role: 'tool',
          tool_call_id: b.toolResult.toolUseId,
          content: b.toolResult.content.map((c) => c.text).join('\n'),
        });
    }
    const text = m.content.flatMap((b) => ('text' in b ? [b.text] : [])).join('\n');
    if (text) out.push({ role: 'user', content: text });
  }
  return out;
}

const FINISH: Record<string, ModelStopReason> = {
  stop: 'end_turn',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
  content_filter: 'content_filtered',
};

export class OpenAiProvider implements ModelProvider {
  readonly name = 'openai' as const;
  readonly modelId: string;
  private readonly url: string;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: OpenAiOptions) {
    this.modelId = opts.model;
    this.url = opts.baseUrl.replace(/\/+$/, '') + '/chat/completions';
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  body(req: ModelRequest): Record<string, unknown> {
    return {
      model: this.opts.model,
      messages: toChatMessages(req.system, req.messages),
      tools: req.tools.length
        ? req.tools.map((t) => ({
            type: 'function',
            function: { name: t.name, description: t.description, parameters: t.inputSchema },
          }))
        : undefined,
      max_tokens: req.maxTokens,
      stream: true,
      stream_options: { include_usage: true },
    };
  }

  converse(req: ModelRequest): AsyncIterable<ModelEvent> {
    const body = JSON.stringify(this.body(req));
    const where = { provider: 'openai' as const, modelId: this.modelId, baseUrl: this.opts.baseUrl };
    return retryStream(() => this.stream(body, req.signal), {
      policy: this.retry,
      signal: req.signal,
      normalize: withCauseCode,
      fail: (e, attempts) => modelError(e, where, attempts),
    });
  }

  private async *stream(body: string, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    const auth: Record<string, string> = this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {};
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth },
      body,
      signal,
    });
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => '');
      const msg = /"message"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? (text.slice(0, 200) || res.statusText);
      throw Object.assign(new Error(msg), { name: `HTTP${res.status}`, $metadata: { httpStatusCode: res.status } });
    }
    yield* decodeSse(res.body, signal);
  }
}

/** fetch hides ECONNREFUSED & co. in `cause`. */
function withCauseCode(e: unknown): unknown {
  const cause = (e as { cause?: { code?: string } })?.cause;
  return cause?.code ? Object.assign(e as object, { code: cause.code }) : e;
}

interface Chunk {
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

async function* decodeSse(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncIterable<ModelEvent> {
  const calls = new Map<number, { id: string; name: string; args: string }>();
  let finish: ModelStopReason | undefined;
  const usage = { inputTokens: 0, outputTokens: 0 };
  let buf = '';
  const decoder = new TextDecoder();
  const flushCalls = function* (): Generator<ModelEvent> {
    for (const c of [...calls.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]))
      yield toolUseEvent(c.id, c.name, c.args);
    calls.clear();
  };
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(bytes, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') continue;
      const chunk = JSON.parse(data) as Chunk;
      if (chunk.usage) {
        usage.inputTokens = chunk.usage.prompt_tokens ?? 0;
        usage.outputTokens = chunk.usage.completion_tokens ?? 0;
      }
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      if (choice.delta?.content) yield { type: 'text', delta: choice.delta.content };
      for (const tc of choice.delta?.tool_calls ?? []) {
        const c = calls.get(tc.index) ?? { id: '', name: '', args: '' };
        if (tc.id) c.id = tc.id;
        if (tc.function?.name) c.name += tc.function.name;
        if (tc.function?.arguments) c.args += tc.function.arguments;
        calls.set(tc.index, c);
      }
      if (choice.finish_reason) finish = FINISH[choice.finish_reason] ?? 'other';
    }
  }
  signal?.throwIfAborted();
  if (!finish) throw Object.assign(new Error('the stream ended before a finish_reason'), { code: 'ECONNRESET' });
  yield* flushCalls();
  yield { type: 'stop', reason: finish, usage };
}
