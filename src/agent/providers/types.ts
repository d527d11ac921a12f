// The one interface every model provider implements (bedrock, openai-compatible, offline).
// Messages are Converse-shaped so the Bedrock provider passes them through and the others translate.
import type { Engine } from '../../db/types.ts';
import type { DataRange, ToolSpec } from '../../tools/types.ts';

export type { ToolSpec };

export interface TextBlock {
  text: string;
}

export interface ToolUseBlock {
  toolUse: { toolUseId: string; name: string; input: unknown };
}

export interface ToolResultBlock {
  toolResult: {
    toolUseId: string;
    /** The capped, model-facing part of a tool result (see src/tools/dispatch.ts). */
    content: { text: string }[];
    status: 'success' | 'error';
  };
}

export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock;

export interface Message {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

export interface ModelRequest {
  system: string;
  messages: Message[];
  tools: ToolSpec[];
  /** Cap on the tokens of this one answer. */
  maxTokens: number;
  signal?: AbortSignal;
  /** Facts an in-code model needs without parsing the system prompt; remote providers ignore them. */
  context?: { dataRange?: DataRange; dialect?: Engine; language?: 'en' | 'zh' };
}

export type ModelStopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'content_filtered' | 'other';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

export type ModelEvent =
  | { type: 'text'; delta: string }
  /** Emitted once per tool call, with the whole input. `inputError` when the model sent input that is not JSON. */
  | { type: 'tool_use'; toolUseId: string; name: string; input: unknown; inputError?: string }
  | { type: 'stop'; reason: ModelStopReason; usage: TokenUsage };

export interface ModelProvider {
  readonly name: 'bedrock' | 'openai' | 'offline';
  /** Used for the price table and in messages. */
  readonly modelId: string;
  /** One model call. Throws ModelError (a TidelensError with code model_error) on failures it could not retry. */
  converse(req: ModelRequest): AsyncIterable<ModelEvent>;
}

export function isToolUse(b: ContentBlock): b is ToolUseBlock {
  return 'toolUse' in b;
}
export function isText(b: ContentBlock): b is TextBlock {
  return 'text' in b;
}
export function isToolResult(b: ContentBlock): b is ToolResultBlock {
  return 'toolResult' in b;
}
