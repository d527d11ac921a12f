// Thumbs up or down on one answer, with an optional comment, stored with the turn; admins read them all.
import { z } from 'zod';

/** POST /api/conversations/:id/turns/:turnId/feedback */
export const FeedbackBodySchema = z
  .object({
    rating: z.enum(['up', 'down'], { message: 'rating must be up or down' }),
    comment: z.string().trim().max(1000, 'a comment has at most 1000 characters').optional(),
  })
  .strict();
export type FeedbackBody = z.input<typeof FeedbackBodySchema>;

/** As stored with the turn: who rated it and when. */
export const FeedbackSchema = z.object({
  rating: z.enum(['up', 'down']),
  comment: z.string().optional(),
  userId: z.string(),
  at: z.string(), // ISO
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export const FeedbackResponseSchema = z.object({ feedback: FeedbackSchema });
export type FeedbackResponse = z.infer<typeof FeedbackResponseSchema>;

/** One row of the admins' feedback list: enough of the turn to judge the rating without opening it. */
export const FeedbackItemSchema = z.object({
  conversationId: z.string(),
  turnId: z.string(),
  question: z.string(),
  /** The answer's first 200 characters. */
  answerStart: z.string(),
  rating: z.enum(['up', 'down']),
  comment: z.string().optional(),
  /** The user's name, or their id when the account is gone. */
  user: z.string(),
  at: z.string(),
});
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;

/** GET /api/admin/feedback?limit=n: newest first. */
export const FeedbackListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const FeedbackListResponseSchema = z.object({ feedback: z.array(FeedbackItemSchema) });
export type FeedbackListResponse = z.infer<typeof FeedbackListResponseSchema>;
