// Conversations as stored and as the API lists them, and the bodies of the conversation routes.
import { z } from 'zod';
import { FeedbackSchema } from './feedback.ts';
import { EditedSchema } from './rerun.ts';
import { Language, TurnSummarySchema } from './turn.ts';

export const ConversationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a conversation id is 1-64 letters, digits, _ or -');

export const ConversationMetaSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  title: z.string(),
  createdAt: z.string(), // ISO
  updatedAt: z.string(), // ISO
  /** A saved conversation is kept past the TTL. */
  saved: z.boolean(),
  /** Epoch seconds when it expires; null when saved. */
  expiresAt: z.number().nullable(),
  /** The read-only share link's token while the owner shares it. */
  shareToken: z.string().nullable().optional(),
});
export type ConversationMeta = z.infer<typeof ConversationMetaSchema>;

export const StoredTurnSchema = z.object({
  turnId: z.string(),
  conversationId: z.string(),
  createdAt: z.string(), // ISO
  question: z.string(),
  summary: TurnSummarySchema,
  /** The model-facing messages of this turn (Converse shape), capped, for follow-up context. */
  messages: z.array(z.unknown()),
  /**
   * Absent or `done` once the turn ended. A turn is stored as `running` when it starts, so a server that dies
   * mid-turn leaves its question and partial answer behind; readers see such a turn as `interrupted`.
   * `cancelled`: the user pressed Stop; the question and the partial answer are kept.
   */
  status: z.enum(['running', 'done', 'interrupted', 'cancelled']).optional(),
  /** The owner's thumbs up or down on the answer. */
  feedback: FeedbackSchema.optional(),
  /** Made by changing a chip of an earlier answer: the same tool re-run with the changed input, no model round. */
  edited: EditedSchema.optional(),
  /** When the owner saved (starred) this answer; it is then listed under the history page's saved answers. */
  starredAt: z.string().optional(),
});
export type StoredTurn = z.infer<typeof StoredTurnSchema>;

/** PATCH /api/conversations/:id: rename, star (saved), or both. */
export const ConversationPatchSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'a title cannot be empty')
      .max(120, 'a title has at most 120 characters')
      .optional(),
    saved: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.title !== undefined || p.saved !== undefined, 'send a title, saved, or both');
export type ConversationPatch = z.input<typeof ConversationPatchSchema>;

/** GET /api/conversations?scope=mine|all (all: admins only)&limit=n&cursor=next-from-the-previous-page. */
export const ConversationListQuerySchema = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).optional(),
});
export type ConversationListQuery = z.input<typeof ConversationListQuerySchema>;

/**
 * GET /api/conversations/:id/export?format=md|html|csv[&turn=...&table=n&lang=en|zh]: the whole conversation, or
 * one answer with `turn`; html is the print view; lang picks the labels written around the data.
 */
export const ExportQuerySchema = z.object({
  format: z.enum(['md', 'html', 'csv'], { message: 'format must be md, html or csv' }),
  turn: z.string().uuid('turn must be a turn id').optional(),
  table: z.coerce.number().int().min(0).max(50).default(0),
  lang: Language.optional(),
});
export type ExportQuery = z.input<typeof ExportQuerySchema>;

/** GET /api/print-info: what the chat page's own print header needs from the server (the data's last day). */
export const PrintInfoSchema = z.object({ dataThrough: z.string().nullable() });
export type PrintInfo = z.infer<typeof PrintInfoSchema>;

/** A stored turn as a reader sees it: without the model-facing messages, redacted for the reader's role. */
export const TurnViewSchema = StoredTurnSchema.omit({ conversationId: true, messages: true });
export type TurnView = z.infer<typeof TurnViewSchema>;

export const ConversationListResponseSchema = z.object({
  conversations: z.array(ConversationMetaSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  next: z.string().nullable().optional(),
});
export type ConversationListResponse = z.infer<typeof ConversationListResponseSchema>;

export const ConversationResponseSchema = z.object({ conversation: ConversationMetaSchema });
export type ConversationResponse = z.infer<typeof ConversationResponseSchema>;

export const ConversationDetailSchema = z.object({
  conversation: ConversationMetaSchema,
  turns: z.array(TurnViewSchema),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export const OkResponseSchema = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponseSchema>;
