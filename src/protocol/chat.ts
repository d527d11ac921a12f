// POST /api/chat: the question; the answer comes back as a stream of TurnEvents (turn.ts).
import { z } from 'zod';
import { ConversationIdSchema } from './conversations.ts';
import { Language } from './vocabulary.ts';

/** The question's length cap is the server's configuration, so the schema is made per server. */
export function chatRequestSchema(maxMessageChars: number) {
  return z.object({
    message: z
      .string()
      .trim()
      .min(1, 'type a question')
      .max(maxMessageChars, `a question has at most ${maxMessageChars} characters`),
    conversationId: ConversationIdSchema.optional(),
    language: Language.default('en'),
  });
}
/** What a client sends (language may be left out). */
export type ChatRequest = z.input<ReturnType<typeof chatRequestSchema>>;
