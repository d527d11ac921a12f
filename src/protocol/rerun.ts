// Answers steered without typing: an answer's inputs shown as chips, and the re-run a changed chip asks for.
// POST /api/conversations/:id/turns/:turnId/rerun runs the same tool with the new input, no model round,
// and stores the result as a new turn marked `edited`.
import { z } from 'zod';
import { Language } from './vocabulary.ts';

/** The inputs a chip shows, in the order they read: when, against what, what, where, split how. */
export const CHIP_KEYS = ['period', 'compare_to', 'metric', 'channel', 'country', 'category', 'device', 'by'] as const;
export type ChipKey = (typeof CHIP_KEYS)[number];

/** One changed input: what it was and what it became (undefined: not set). */
export const InputChangeSchema = z.object({
  key: z.string(),
  from: z.unknown().optional(),
  to: z.unknown().optional(),
});
export type InputChange = z.infer<typeof InputChangeSchema>;

/** A turn made by changing a chip of an earlier one: which turn, which tool, and what changed. */
export const EditedSchema = z.object({
  fromTurnId: z.string(),
  tool: z.string(),
  changes: z.array(InputChangeSchema),
});
export type Edited = z.infer<typeof EditedSchema>;

/** The tool and its whole new input; the server checks it against the tool's own schema and the role. */
export const RerunRequestSchema = z
  .object({
    tool: z.string().regex(/^[a-z_]{1,40}$/, 'tool is a tool name such as explain_change'),
    input: z.record(z.string(), z.unknown()),
    language: Language.optional(),
  })
  .strict();
export type RerunRequest = z.input<typeof RerunRequestSchema>;

/** The answer is the stored re-run turn, as GET /api/conversations/:id lists it: `{turn: TurnView}`. */

/** GET /api/rerun/options: what each chip may be set to. */
export const RerunOptionsSchema = z.object({
  /** Every month the data touches, newest first ("2025-07"). */
  months: z.array(z.string()),
  /** Per steerable tool: the input keys it takes, and the allowed values of its enumerated ones. */
  tools: z.record(
    z.string(),
    z.object({ keys: z.array(z.string()), values: z.record(z.string(), z.array(z.string())) }),
  ),
  countries: z.array(z.string()),
  categories: z.array(z.string()),
  channels: z.array(z.string()),
});
export type RerunOptions = z.infer<typeof RerunOptionsSchema>;

/** The keys whose values differ between two inputs, in chip order then the rest; both sides as sent. */
export function inputChanges(from: Record<string, unknown>, to: Record<string, unknown>): InputChange[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  const order = (k: string) => {
    const i = (CHIP_KEYS as readonly string[]).indexOf(k);
    return i < 0 ? CHIP_KEYS.length : i;
  };
  return keys
    .filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]))
    .sort((a, b) => order(a) - order(b))
    .map((key) => ({ key, from: from[key], to: to[key] }));
}
