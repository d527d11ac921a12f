// GET /api/history: the user's past conversations and kept answers, searched by text, date range and metric,
// a page at a time. The matching is pure and lives here so the server and its tests read the same rules.
import { z } from 'zod';
import { ConversationMetaSchema } from './conversations.ts';
import { SavedAnswerSchema } from './stars.ts';
import { MetricId } from './vocabulary.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const HistoryQuerySchema = z
  .object({
    q: z.string().trim().max(200, 'search text has at most 200 characters').optional(),
    /** Conversations active on or after this day (UTC). */
    from: day.optional(),
    /** Conversations started on or before this day (UTC). */
    to: day.optional(),
    metric: MetricId.optional(),
    saved: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z
      .string()
      .regex(/^\d{1,6}$/, 'cursor is the `next` of the previous page')
      .optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must be on or before to');
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export const HistoryItemSchema = z.object({
  conversation: ConversationMetaSchema,
  turns: z.number(),
  /** The metrics its answers looked at, from the tools' inputs. */
  metrics: z.array(z.string()),
  /** The first question that matched the search text (or the first question), for the list. */
  question: z.string().nullable(),
  turnId: z.string().nullable(),
});
export type HistoryItem = z.infer<typeof HistoryItemSchema>;

export const HistoryResponseSchema = z.object({
  items: z.array(HistoryItemSchema),
  /** The saved (starred) answers that match the same search, newest star first; on the first page only. */
  answers: z.array(SavedAnswerSchema).optional(),
  /** Pass as `cursor` for the next page; null on the last page. */
  next: z.string().nullable(),
});
export type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

/** What the matcher reads of a turn: structurally a stored turn. */
export interface SearchableTurn {
  turnId: string;
  question: string;
  summary: { answer: string; steps: { input: unknown }[] };
}

/** Case- and width-insensitive: "NET Sales" finds "net sales"; full-width letters find their ASCII forms. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Every metric a turn's tool calls asked about (`metric`, or each of `metrics`). */
export function turnMetrics(t: SearchableTurn): string[] {
  const out = new Set<string>();
  for (const s of t.summary.steps) {
    const i = s.input && typeof s.input === 'object' ? (s.input as Record<string, unknown>) : {};
    if (typeof i.metric === 'string') out.add(i.metric);
    if (Array.isArray(i.metrics)) for (const m of i.metrics) if (typeof m === 'string') out.add(m);
  }
  return [...out];
}

/** Whether a conversation's dates fall in [from, to]: it was active on or after `from` and began by `to`. */
export function inRange(meta: { createdAt: string; updatedAt: string }, from?: string, to?: string): boolean {
  if (from && meta.updatedAt.slice(0, 10) < from) return false;
  if (to && meta.createdAt.slice(0, 10) > to) return false;
  return true;
}

/**
 * Whether a conversation matches the text and metric: every word of `q` appears in its title or in one turn's
 * question or answer, and one turn looked at `metric`. Returns the turn to show, or null for no match.
 */
export function matchConversation(
  title: string,
  turns: readonly SearchableTurn[],
  q: string | undefined,
  metric: string | undefined,
): { turn: SearchableTurn | null; metrics: string[] } | null {
  const metrics = [...new Set(turns.flatMap(turnMetrics))];
  if (metric && !metrics.includes(metric)) return null;
  const words = fold(q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return { turn: turns[0] ?? null, metrics };
  const has = (text: string) => words.every((w) => fold(text).includes(w));
  const hit = turns.find((t) => has(`${t.question}\n${t.summary.answer}`));
  if (hit) return { turn: hit, metrics };
  return has(title) ? { turn: turns[0] ?? null, metrics } : null;
}
