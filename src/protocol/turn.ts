// What a chat turn emits as it runs: the SSE route forwards these, the CLI prints them, the store keeps them.
import { z } from 'zod';
import { ErrorCodeSchema } from './errors.ts';
import { ClaimsCheckSchema, FindingSchema } from './findings.ts';
import { Language } from './vocabulary.ts';

// Re-exported: the agent and the CLI import the answer language with the turn types.
export { Language };

/** A Vega-Lite spec with inline data (never a url); the chart guard checks it before it leaves the server. */
export const ChartSpecSchema = z.record(z.string(), z.unknown());
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

/** Findings one step sends at most; each list inside a finding is cut to WIRE_LIST_MAX names. */
export const WIRE_FINDINGS_MAX = 24;
export const WIRE_LIST_MAX = 12;

export const ExecutedQuerySchema = z.object({
  /** What this query was for, e.g. "daily trend" or "evidence: stock-outs". */
  label: z.string().optional(),
  sql: z.string(),
  params: z.array(z.unknown()),
  elapsedMs: z.number(),
  rowCount: z.number(),
});
export type ExecutedQuery = z.infer<typeof ExecutedQuerySchema>;

export const StepRecordSchema = z.object({
  toolUseId: z.string(),
  tool: z.string(),
  input: z.unknown(),
  queries: z.array(ExecutedQuerySchema),
  rowCount: z.number(),
  elapsedMs: z.number(),
  /** Tool failures carry the dispatcher's codes (unknown_tool, bad_input, ...), not only ErrorCode. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /**
   * What the tool's rows say in claim form, computed in code and cut short for the wire (src/agent/wire-findings.ts):
   * the briefing's takeaways are written from these. Absent on steps stored before they were sent.
   */
  findings: z.array(FindingSchema).max(WIRE_FINDINGS_MAX).optional(),
});
export type StepRecord = z.infer<typeof StepRecordSchema>;

export const TableRecordSchema = z.object({
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.unknown())),
  /** The call that made the table, so the UI can title it in words; absent on turns stored before it. */
  source: z.object({ tool: z.string(), input: z.unknown() }).optional(),
});
export type TableRecord = z.infer<typeof TableRecordSchema>;

export const StopReasonSchema = z.enum([
  'end_turn',
  'round_limit',
  'tool_limit',
  'time_limit',
  'token_limit',
  'rate_limit',
  'cancelled',
  'error',
]);
export type StopReason = z.infer<typeof StopReasonSchema>;

export const TurnSummarySchema = z.object({
  turnId: z.string(),
  conversationId: z.string(),
  language: Language,
  answer: z.string(),
  steps: z.array(StepRecordSchema),
  charts: z.array(ChartSpecSchema),
  tables: z.array(TableRecordSchema),
  ungrounded: z.array(z.string()),
  /** Claim sentences of the answer checked against the tools' findings; absent on turns stored before the check. */
  claims: ClaimsCheckSchema.optional(),
  suggestions: z.array(z.string()),
  timings: z.object({ totalMs: z.number(), modelMs: z.number(), toolMs: z.number(), sqlMs: z.number() }),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number(), estimatedCostUsd: z.number() }),
  stopReason: StopReasonSchema,
});
export type TurnSummary = z.infer<typeof TurnSummarySchema>;

/** A summary with nothing in it yet: no answer, steps or charts, zero timings and usage. */
export function emptySummary(
  t: Pick<TurnSummary, 'turnId' | 'conversationId' | 'language'>,
  stopReason: TurnSummary['stopReason'],
): TurnSummary {
  return {
    turnId: t.turnId,
    conversationId: t.conversationId,
    language: t.language,
    answer: '',
    steps: [],
    charts: [],
    tables: [],
    ungrounded: [],
    suggestions: [],
    timings: { totalMs: 0, modelMs: 0, toolMs: 0, sqlMs: 0 },
    usage: { inputTokens: 0, outputTokens: 0, estimatedCostUsd: 0 },
    stopReason,
  };
}

export const TurnEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('turn_started'), conversationId: z.string(), turnId: z.string() }),
  z.object({ type: z.literal('text'), delta: z.string() }),
  z.object({ type: z.literal('tool_started'), toolUseId: z.string(), tool: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('tool_finished'), step: StepRecordSchema }),
  z.object({ type: z.literal('table'), table: TableRecordSchema }),
  z.object({ type: z.literal('chart'), spec: ChartSpecSchema }),
  z.object({ type: z.literal('grounding'), ungrounded: z.array(z.string()) }),
  z.object({ type: z.literal('claims'), claims: ClaimsCheckSchema }),
  z.object({ type: z.literal('suggestions'), questions: z.array(z.string()) }),
  z.object({ type: z.literal('done'), turn: TurnSummarySchema }),
  z.object({ type: z.literal('error'), code: ErrorCodeSchema, message: z.string() }),
]);
export type TurnEvent = z.infer<typeof TurnEventSchema>;
