// Amazon Bedrock through ConverseStream. Retries are ours (retry.ts), not the SDK's: an exception frame
// inside a 200 stream is retried the same way as an HTTP 429/5xx, and only before anything reached the caller.
import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
  type ConverseStreamCommandInput,
  type ConverseStreamOutput,
  type Message as SdkMessage,
  type Tool as SdkTool,
} from '@aws-sdk/client-bedrock-runtime';
import type { AwsCredentialIdentity } from '@smithy/types';
import { TidelensError } from '../../errors.ts';
import { modelError } from './errors.ts';
import { supportsPromptCache } from './pricing.ts';
import { DEFAULT_RETRY, retryStream, type RetryPolicy } from './retry.ts';
import type { ModelEvent, ModelProvider, ModelRequest, ModelStopReason, TokenUsage } from './types.ts';

export interface BedrockOptions {
  modelId: string;
  /** Default: the standard AWS chain (AWS_REGION, profile). */
  region?: string;
  /** Tests and VPC endpoints only. */
  endpoint?: string;
  /** Default: the standard AWS credential chain. */
  credentials?: AwsCredentialIdentity;
  retry?: RetryPolicy;
}

export class BedrockProvider implements ModelProvider {
  readonly name = 'bedrock' as const;
  readonly modelId: string;
  private readonly client: BedrockRuntimeClient;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: BedrockOptions) {
    this.modelId = opts.modelId;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.client = new BedrockRuntimeClient({
      region: opts.region,
      endpoint: opts.endpoint,
      credentials: opts.credentials,
      maxAttempts: 1,
    });
  }

  request(req: ModelRequest): ConverseStreamCommandInput {
    const system: ConverseStreamCommandInput['system'] = [{ text: req.system }];
    if (supportsPromptCache(this.modelId)) system.push({ cachePoint: { type: 'default' } });
    return {
      modelId: this.modelId,
      system,
      messages: req.messages as SdkMessage[],
      toolConfig: req.tools.length
        ? {
            tools: req.tools.map(
              (t): SdkTool => ({
                toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema as never } },
              }),
            ),
          }
        : undefined,
      inferenceConfig: { maxTokens: req.maxTokens },
    };
  }

  converse(req: ModelRequest): AsyncIterable<ModelEvent> {
    const input = this.request(req);
    return retryStream(() => this.stream(input, req.signal), {
      policy: this.retry,
      signal: req.signal,
      fail: async (e, attempts) => {
        const where = { provider: 'bedrock' as const, modelId: this.modelId, region: await this.region() };
        return modelError(e, where, attempts);
      },
    });
  }

  private async *stream(input: ConverseStreamCommandInput, signal?: AbortSignal): AsyncIterable<ModelEvent> {
    const out = await this.client.send(new ConverseStreamCommand(input), { abortSignal: signal });
    if (!out.stream) throw new TidelensError('model_error', 'Bedrock returned no stream');
    yield* decode(out.stream, signal);
  }

  private async region(): Promise<string | undefined> {
    try {
      return await this.client.config.region();
    } catch {
      return this.opts.region;
    }
  }
}

const STOP: Record<string, ModelStopReason> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  content_filtered: 'content_filtered',
  guardrail_intervened: 'content_filtered',
};

/** ConverseStream events → provider events; tool input deltas are joined and parsed at contentBlockStop. */
async function* decode(stream: AsyncIterable<ConverseStreamOutput>, signal?: AbortSignal): AsyncIterable<ModelEvent> {
  const tools = new Map<number, { toolUseId: string; name: string; json: string }>();
  let stop: ModelStopReason | undefined;
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  for await (const ev of stream) {
    if (ev.contentBlockStart?.start?.toolUse) {
      const t = ev.contentBlockStart.start.toolUse;
      tools.set(ev.contentBlockStart.contentBlockIndex ?? 0, {
        toolUseId: t.toolUseId ?? '',
        name: t.name ?? '',
        json: '',
      });
    } else if (ev.contentBlockDelta) {
      const d = ev.contentBlockDelta.delta;
      if (d?.text) yield { type: 'text', delta: d.text };
      else if (d?.toolUse) {
        const t = tools.get(ev.contentBlockDelta.contentBlockIndex ?? 0);
        if (t) t.json += d.toolUse.input ?? '';
      }
    } else if (ev.contentBlockStop) {
      const i = ev.contentBlockStop.contentBlockIndex ?? 0;
      const t = tools.get(i);
      if (t) {
        tools.delete(i);
        yield toolUseEvent(t.toolUseId, t.name, t.json);
      }
    } else if (ev.messageStop) {
      stop = STOP[ev.messageStop.stopReason ?? ''] ?? 'other';
    } else if (ev.metadata?.usage) {
      const u = ev.metadata.usage;
      usage.inputTokens = u.inputTokens ?? 0;
      usage.outputTokens = u.outputTokens ?? 0;
      if (u.cacheReadInputTokens) usage.cacheReadTokens = u.cacheReadInputTokens;
      if (u.cacheWriteInputTokens) usage.cacheWriteTokens = u.cacheWriteInputTokens;
    }
  }
  // An aborted request ends the stream quietly; a stream cut short is not an answer either.
  signal?.throwIfAborted();
  if (!stop)
    throw Object.assign(new Error('the ConverseStream response ended before messageStop'), {
      name: 'ModelStreamErrorException',
    });
  yield { type: 'stop', reason: stop, usage };
}

export function toolUseEvent(toolUseId: string, name: string, json: string): ModelEvent {
  if (!json.trim()) return { type: 'tool_use', toolUseId, name, input: {} };
  try {
    return { type: 'tool_use', toolUseId, name, input: JSON.parse(json) };
  } catch (e) {
    return { type: 'tool_use', toolUseId, name, input: json, inputError: (e as Error).message };
  }
}
