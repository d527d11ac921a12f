// Typed findings: what a tool's rows say in claim form ("the lowest full week was 2025-07-14", "Amazon is
// 31.2 % of net sales"), so an answer's claims can be checked against them and not only its numbers.
import { z } from 'zod';

/** A named period, segment or item with its value. */
export const FindingPointSchema = z.object({ name: z.string(), value: z.number() });
export type FindingPoint = z.infer<typeof FindingPointSchema>;

const base = {
  /** Metric id (net_sales, orders, ...) or a column name when the tool has no metric. */
  metric: z.string(),
  /** The period the finding is about, as the tool labelled it. */
  period: z.string().optional(),
};

export const RankingFindingSchema = z.object({
  kind: z.literal('ranking'),
  ...base,
  direction: z.enum(['top', 'bottom']),
  /** What is ranked: product, channel, country, ... */
  by: z.string(),
  /** In rank order, first = the top (or bottom) one. */
  items: z.array(FindingPointSchema.extend({ previous: z.number().nullable().optional() })),
  comparePeriod: z.string().optional(),
  /** Items whose value fell to zero from a positive comparison value (a stock-out, a delisting). */
  fellToZero: z.array(z.string()),
  /** Items that had nothing in the comparison period. */
  roseFromZero: z.array(z.string()),
});

export const ExtremeFindingSchema = z.object({
  kind: z.literal('extreme'),
  ...base,
  which: z.enum(['highest', 'lowest']),
  /** The grain or dimension compared: day, week, month, channel, ... */
  over: z.string(),
  subject: FindingPointSchema,
  /** Every name compared, so a claim naming one of them can be contradicted. */
  among: z.array(z.string()),
  /** Partial periods left out of the comparison, with their values. */
  excluded: z.array(FindingPointSchema),
});

export const ShareFindingSchema = z.object({
  kind: z.literal('share'),
  ...base,
  subject: z.string(),
  value: z.number(),
  total: z.number(),
  /** value / total, a ratio (0.312 = 31.2 %). */
  share: z.number(),
});

export const ChangeFindingSchema = z.object({
  kind: z.literal('change'),
  ...base,
  /** What changed: a segment, an item, or "total". */
  subject: z.string(),
  from: z.number(),
  to: z.number(),
  absolute: z.number(),
  /** Ratio against the base (−0.12 = −12 %); null when the base is zero. */
  relative: z.number().nullable(),
  direction: z.enum(['up', 'down', 'flat']),
  /** The comparison period the change is measured against. */
  base: z.string().optional(),
});

export const CountFindingSchema = z.object({
  kind: z.literal('count'),
  ...base,
  /** The condition counted, e.g. "out_of_stock" or "sales fell". */
  condition: z.string(),
  count: z.number(),
  items: z.array(z.string()),
});

export const ThresholdFindingSchema = z.object({
  kind: z.literal('threshold'),
  ...base,
  /** The condition tested, e.g. "out_of_stock". */
  condition: z.string(),
  /** Whether any item meets it; false = "nothing is out of stock". */
  holds: z.boolean(),
  items: z.array(z.string()),
});

export const DefinitionFindingSchema = z.object({
  kind: z.literal('definition'),
  ...base,
  term: z.string(),
  text: z.string(),
});

export const MaturityFindingSchema = z.object({
  kind: z.literal('maturity'),
  ...base,
  /** Values for dates after this day are still arriving: a lower bound. */
  after: z.string(),
  note: z.string(),
});

export const RateFindingSchema = z.object({
  kind: z.literal('rate'),
  ...base,
  /** The segment the rate is about (a device, a campaign), or "all". */
  subject: z.string(),
  /** What is counted: sessions that added to cart, attributed net sales. */
  numerator: FindingPointSchema,
  /** What it is divided by: sessions, a campaign's budget. */
  denominator: FindingPointSchema,
  /** numerator / denominator (0.143 = 14.3 %; a ROAS of 1.74 is 1.74). */
  rate: z.number(),
});

export const FindingSchema = z.discriminatedUnion('kind', [
  RankingFindingSchema,
  ExtremeFindingSchema,
  ShareFindingSchema,
  ChangeFindingSchema,
  CountFindingSchema,
  ThresholdFindingSchema,
  DefinitionFindingSchema,
  MaturityFindingSchema,
  RateFindingSchema,
]);
export type Finding = z.infer<typeof FindingSchema>;
export type FindingKind = Finding['kind'];
export type FindingOf<K extends FindingKind> = Extract<Finding, { kind: K }>;

/** One claim sentence of an answer and what the findings say about it. */
export const ClaimNoteSchema = z.object({
  sentence: z.string(),
  /** The claim kinds found in the sentence (extreme, share, change, ...). */
  kinds: z.array(z.string()),
  reason: z.string(),
});
export type ClaimNote = z.infer<typeof ClaimNoteSchema>;

export const ClaimsCheckSchema = z.object({
  verified: z.array(ClaimNoteSchema),
  unverified: z.array(ClaimNoteSchema),
  contradicted: z.array(ClaimNoteSchema),
});
export type ClaimsCheck = z.infer<typeof ClaimsCheckSchema>;
