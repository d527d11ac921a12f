// A stored turn with an empty summary, for tests of what reads turns back (stores, exports): the fields a test
// does not name are the plainest valid ones.
import { emptySummary, type StoredTurn, type TurnSummary } from '../../src/protocol/index.ts';

export interface TurnParts {
  turnId: string;
  conversationId: string;
  createdAt: string;
  question: string;
  /** Summary fields to set; the rest are those of an empty summary. */
  summary?: Partial<TurnSummary>;
}

export function turnOf(p: TurnParts): StoredTurn {
  return {
    turnId: p.turnId,
    conversationId: p.conversationId,
    createdAt: p.createdAt,
    question: p.question,
    summary: { ...emptySummary({ ...p, language: 'en' }, 'end_turn'), ...p.summary },
    messages: [],
  };
}

/** The stored facts of conversation `id`, as exports and stores read them back. */
export const conversationMeta = (id = 'c1') => ({
  id,
  ownerId: '1',
  title: 'July',
  createdAt: '2025-10-01T09:00:00.000Z',
  updatedAt: '2025-10-01T10:00:00.000Z',
  saved: false,
  expiresAt: null,
});
