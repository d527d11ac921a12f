// What a chat turn emits as it runs: the SSE route forwards these, the CLI prints them, the store keeps them.
import type { ChartSpec, ExecutedQuery } from '../tools/types.ts';

export type Language = 'en' | 'zh';

export interface StepRecord {
  toolUseId: string;
  tool: string;
  input: unknown;
  queries: ExecutedQuery[];
  rowCount: number;
  elapsedMs: number;
  error?: { code: string; message: string };
}

export interface TableRecord {
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

export type TurnEvent =
  | { type: 'turn_started'; conversationId: string; turnId: string }
  | { type: 'text'; delta: string }
  | { type: 'tool_started'; toolUseId: string; tool: string; input: unknown }
  | { type: 'tool_finished'; step: StepRecord }
  | { type: 'table'; table: TableRecord }
  | { type: 'chart'; spec: ChartSpec }
  | { type: 'grounding'; ungrounded: string[] }
  | { type: 'suggestions'; questions: string[] }
  | { type: 'done'; turn: TurnSummary }
  | { type: 'error'; code: string; message: string };

export interface TurnSummary {
  turnId: string;
  conversationId: string;
  language: Language;
  answer: string;
  steps: StepRecord[];
  charts: ChartSpec[];
  tables: TableRecord[];
  ungrounded: string[];
  suggestions: string[];
  timings: { totalMs: number; modelMs: number; toolMs: number; sqlMs: number };
  usage: { inputTokens: number; outputTokens: number; estimatedCostUsd: number };
  stopReason: 'end_turn' | 'round_limit' | 'tool_limit' | 'time_limit' | 'token_limit' | 'rate_limit' | 'cancelled' | 'error';
}
