// Saved answers: the owner stars one answer of a conversation and it is listed under "saved answers" on the
// history page. The star is stored with the turn; starring keeps the conversation (it no longer expires),
// since an answer cannot outlive the conversation it belongs to.
import { z } from 'zod';
import { InputChangeSchema } from './rerun.ts';

/** POST /api/conversations/:id/turns/:turnId/star */
export const StarBodySchema = z.object({ starred: z.boolean() }).strict();
export type StarBody = z.infer<typeof StarBodySchema>;

export const StarResponseSchema = z.object({
  /** When it was starred; null once unstarred. */
  starredAt: z.string().nullable(),
  /** Whether the conversation is now kept (starring keeps it). */
  saved: z.boolean(),
});
export type StarResponse = z.infer<typeof StarResponseSchema>;

/** One saved answer as the history page lists it. */
export const SavedAnswerSchema = z.object({
  conversationId: z.string(),
  conversationTitle: z.string(),
  turnId: z.string(),
  question: z.string(),
  /** The answer's opening, for the list. */
  answerStart: z.string(),
  createdAt: z.string(),
  starredAt: z.string(),
  /** What a chip changed, for an edited answer: its question alone would not tell it apart. */
  edited: z.object({ changes: z.array(InputChangeSchema) }).optional(),
});
export type SavedAnswer = z.infer<typeof SavedAnswerSchema>;
