// Read-only share links: the owner makes a random token; any signed-in user of the same Tidelens opens
// /share/<token> and sees the conversation as the owner saw it, redacted for the reader's own role too.
import { z } from 'zod';
import { TurnViewSchema } from './conversations.ts';

/** 32 random bytes in base64url: 43 characters nobody guesses. */
export const ShareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a share token');

/** POST /api/conversations/:id/share: the link (the same one while it is not revoked). */
export const ShareResponseSchema = z.object({ token: z.string(), path: z.string() });
export type ShareResponse = z.infer<typeof ShareResponseSchema>;

/** GET /api/share/:token: no ids, no owner id, no token; the owner by name. */
export const SharedConversationSchema = z.object({
  conversation: z.object({
    title: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sharedBy: z.string(),
  }),
  turns: z.array(TurnViewSchema.omit({ feedback: true })),
});
export type SharedConversation = z.infer<typeof SharedConversationSchema>;
