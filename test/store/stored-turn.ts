// A stored turn with an empty summary, for tests of what reads turns back (stores, exports): the fields a test
// does not name are the plainest valid ones.
import type { StoredTurn, TurnSummary } from '../../src/protocol/index.ts';

export interface TurnParts {
  turnId: string;
  conversationId: string;
  createdAt: string;
  question: string;
  /** Summary fields to set; the rest are empty lists and zero timings. */
  summary?: Partial<TurnSummary>;
}

export function turnOf(p: TurnParts): StoredTurn {
  return {
    turnId: p.turnId,
    conversationId: p.conversationId,
    createdAt: p.createdAt,
    question: p.question,
    summary: {
      turnId: p.turnId,
      conversationId: p.conversationId,
      language: 'en',
      answer: '',
      steps: [],
      charts: [],
      tables: [],
      ungrounded: [],
      suggestions: [],
      timings: { totalMs: 1, modelMs: 1, toolMs: 0, sqlMs: 0 },
      usage: { inputTokens: 1, outputTokens: 1, estimatedCostUsd: 0 },
      stopReason: 'end_turn',
      ...p.summary,
    },
    messages: [],
  };
}
