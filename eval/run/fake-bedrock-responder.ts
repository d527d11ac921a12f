// A fake-Bedrock responder that answers ConverseStream requests with the offline model's decisions, so
// recorded cassettes are real Converse wire traffic through the real SDK client (request serialisation,
// event-stream framing, tool-input deltas) with a deterministic model behind them.
import { FakeBedrock, type RecordedRequest, type Scripted } from '../fake-bedrock/server.ts';
import { BedrockProvider } from '../../src/agent/providers/bedrock.ts';
import { decide, estimateTokens } from '../../src/agent/offline/index.ts';
import type { Message, ToolSpec } from '../../src/agent/providers/types.ts';
import type { DataRange } from '../../src/tools/types.ts';

export const FAKE_MODEL_ID = 'fake-bedrock.offline-responder';

/** Splits text the way a streaming model sends it: a few words per delta. */
function deltas(text: string): string[] {
  return text.match(/[\s\S]{1,40}(?:\s|$)|[\s\S]{1,40}/g) ?? [text];
}

export function offlineResponder(data: DataRange): (req: RecordedRequest) => Scripted {
  return (req) => {
    const body = req.body as {
      system?: { text?: string }[];
      messages: Message[];
      toolConfig?: {
        tools: { toolSpec: { name: string; description: string; inputSchema: { json: Record<string, unknown> } } }[];
      };
    };
    const tools: ToolSpec[] = (body.toolConfig?.tools ?? []).map((t) => ({
      name: t.toolSpec.name,
      description: t.toolSpec.description,
      inputSchema: t.toolSpec.inputSchema.json,
    }));
    const step = decide(body.messages, tools, data);
    const inputTokens = estimateTokens(JSON.stringify(body));
    if (step.calls.length) {
      const toolUses = step.calls.map((c, k) => ({
        name: c.name,
        input: c.input,
        toolUseId: `tooluse_q${step.question}r${step.round}n${k}`,
      }));
      return { reply: { toolUses, usage: { inputTokens, outputTokens: estimateTokens(JSON.stringify(step.calls)) } } };
    }
    return { reply: { text: deltas(step.text), usage: { inputTokens, outputTokens: estimateTokens(step.text) } } };
  };
}

/** A running fake Bedrock answering with the offline model, and a Bedrock provider pointed at it. */
export async function startOfflineFakeBedrock(
  data: DataRange,
): Promise<{ fake: FakeBedrock; provider: BedrockProvider }> {
  const fake = await FakeBedrock.start();
  fake.always(offlineResponder(data));
  const provider = new BedrockProvider({
    modelId: FAKE_MODEL_ID,
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: { accessKeyId: 'AKIDFAKEBEDROCK', secretAccessKey: 'fake-bedrock-secret' },
  });
  return { fake, provider };
}
