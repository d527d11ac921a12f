// What both stores share for share links, feedback, saved answers and telling an expired conversation from an
// unknown one.
import { randomBytes } from 'node:crypto';
import type { Feedback, FeedbackItem } from '../../protocol/feedback.ts';
import type { ConversationMeta, StoredTurn } from '../../protocol/conversations.ts';

/** A conversation by id: live, expired (the store still remembers whose it was), or never seen. */
export type Lookup =
  | { state: 'live'; meta: ConversationMeta }
  | { state: 'expired'; ownerId: string }
  | { state: 'missing' };

/** A rated turn and whose conversation it is in, for the admins' list. */
export interface RatedTurn {
  ownerId: string;
  turn: StoredTurn & { feedback: Feedback };
}

/** Expired conversations are remembered this long, so an old link still says "expired", not "not found". */
export const TOMBSTONE_DAYS = 30;

export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

export function withFeedback(turn: StoredTurn, feedback: Feedback): StoredTurn {
  return { ...turn, feedback };
}

export function feedbackItem(r: RatedTurn, names: ReadonlyMap<string, string>): FeedbackItem {
  const { turn } = r;
  const f = turn.feedback;
  return {
    conversationId: turn.conversationId,
    turnId: turn.turnId,
    question: turn.question,
    answerStart: turn.summary.answer.slice(0, 200),
    rating: f.rating,
    ...(f.comment ? { comment: f.comment } : {}),
    user: names.get(f.userId) ?? f.userId,
    at: f.at,
  };
}

/** Newest rating first; ties by turn id so both stores agree. */
export function byFeedbackTime(a: RatedTurn, b: RatedTurn): number {
  const x = a.turn.feedback.at;
  const y = b.turn.feedback.at;
  return x < y ? 1 : x > y ? -1 : a.turn.turnId < b.turn.turnId ? 1 : -1;
}

/** The turn with its star set (a time) or taken off (null). */
export function withStar(turn: StoredTurn, starredAt: string | null): StoredTurn {
  const { starredAt: _old, ...rest } = turn;
  return starredAt ? { ...rest, starredAt } : rest;
}

/** Newest star first; ties by turn id so both stores agree. */
export function byStarTime(a: StoredTurn, b: StoredTurn): number {
  const x = a.starredAt ?? '';
  const y = b.starredAt ?? '';
  return x < y ? 1 : x > y ? -1 : a.turnId < b.turnId ? 1 : -1;
}
