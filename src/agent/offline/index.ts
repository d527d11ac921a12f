// The offline model as a provider: a deterministic function of the conversation (decide.ts) that plays the
// model's part in the same tool-use loop as Bedrock, with no network. See README.md for the stages.
import { TidelensError } from '../../errors.ts';
import type { DataRange } from '../../tools/types.ts';
import type { ModelEvent, ModelProvider, ModelRequest } from '../providers/types.ts';
import { decide } from './decide.ts';

export { decide, type Step } from './decide.ts';

export class OfflineProvider implements ModelProvider {
  readonly name = 'offline' as const;
  readonly modelId = 'tidelens-offline';

  async *converse(req: ModelRequest): AsyncIterable<ModelEvent> {
    req.signal?.throwIfAborted();
    const data = req.context?.dataRange ?? rangeFromPrompt(req.system);
    const step = decide(req.messages, req.tools, data);
    const sent = [req.system, JSON.stringify(req.messages), JSON.stringify(req.tools)];
    const inputTokens = sent.reduce((t, s) => t + estimateTokens(s), 0);
    if (step.calls.length) {
      for (const [k, c] of step.calls.entries()) {
        yield {
          type: 'tool_use',
          toolUseId: `offline-q${step.question}-r${step.round}-${k}`,
          name: c.name,
          input: c.input,
        };
      }
      const outputTokens = estimateTokens(JSON.stringify(step.calls));
      yield { type: 'stop', reason: 'tool_use', usage: { inputTokens, outputTokens } };
      return;
    }
    for (const chunk of chunks(step.text)) {
      req.signal?.throwIfAborted();
      yield { type: 'text', delta: chunk };
    }
    yield { type: 'stop', reason: 'end_turn', usage: { inputTokens, outputTokens: estimateTokens(step.text) } };
  }
}

export function createOfflineProvider(): OfflineProvider {
  return new OfflineProvider();
}

/** The loop passes the data range in context; a prompt that states it works too. */
function rangeFromPrompt(system: string): DataRange {
  const dates = [...system.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1]).sort();
  if (dates.length >= 2) return { minDate: dates[0], maxDate: dates.at(-1)! };
  throw new TidelensError(
    'model_error',
    "the offline model needs the data's date range: pass context.dataRange in the model request",
  );
}

/** Roughly four characters per token for Latin text and one per Han character. */
export function estimateTokens(s: string): number {
  const han = (s.match(/\p{Script=Han}/gu) ?? []).length;
  return Math.ceil((s.length - han) / 4) + han;
}

/** Streams the answer a line or clause at a time, as a remote model would. */
function* chunks(text: string): Generator<string> {
  const parts = text.match(/[^\n。；,.，]*[\n。；,.，]?/g) ?? [text];
  let buf = '';
  for (const p of parts) {
    buf += p;
    if (buf.length >= 24 || p.endsWith('\n')) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
