// The structured `data` explain_change hands the model, as one schema. It crosses a boundary twice:
// the tool builds it (model-data.ts) and the offline model reads it back from the model part, where the
// dispatcher may have dropped it whole. Readers parse with `ExplainModelData.safeParse` instead of
// re-declaring the shape. Field names are snake_case because the model reads them as written.
import { z } from 'zod';

const Span = z.object({ from: z.string(), to: z.string() });
const LabelledSpan = Span.extend({ label: z.string() });
/** A segment as the cube names it: dimension → values (a stock-out's SKUs, a source, a country…). */
const Segment = z.record(z.string(), z.array(z.string()));
/** One leaf-level segment of the search: dimension → one value. */
const SearchSegment = z.record(z.string(), z.string());
const Facts = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const ExplainChangeFacts = z.object({
  metric: z.string(),
  label: z.string(),
  a: z.number(),
  b: z.number(),
  delta: z.number(),
  /** (B − A) / |A|, to 0.1 pp; null when A is zero. */
  relative: z.number().nullable(),
  direction: z.enum(['up', 'down', 'flat']),
  period: LabelledSpan,
  compare: LabelledSpan,
  season: z
    .object({
      last_year: z.object({ a: Span, b: Span, change: z.number() }),
      expected_b: z.number(),
      versus_season: z.number(),
    })
    .nullable(),
});
export type ExplainChangeFacts = z.infer<typeof ExplainChangeFacts>;

export const ExplainModelDrivers = z.object({
  method: z.string(),
  a: z.number(),
  b: z.number(),
  delta: z.number(),
  steps: z.array(z.object({ label: z.string(), contribution: z.number() })),
});

export const ExplainModelWhere = z.object({
  method: z.string(),
  segments: z.array(
    z.object({ segment: SearchSegment, a: z.number(), b: z.number(), delta: z.number(), contribution: z.number() }),
  ),
  single_dimension: z.array(
    z.object({
      dimension: z.string(),
      share: z.number(),
      elements: z.array(z.object({ segment: SearchSegment, contribution: z.number() })),
    }),
  ),
  no_clear_cause: z.boolean(),
});

/** An event that became a cause: a pointer to the cause's rank (1-based), which carries its title and facts. */
export const ExplainEventAsCause = z.object({
  kind: z.string(),
  segment: Segment,
  start: z.string().nullable(),
  end: z.string().nullable(),
  cause: z.number(),
});

/** An event that is not a cause but touches where the change happened. */
export const ExplainContextEvent = z.object({
  kind: z.string(),
  segment: Segment,
  title: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  evidence: z.string(),
  facts: Facts,
});

export const ExplainModelCause = z.object({
  kind: z.string(),
  segment: Segment,
  title: z.string(),
  effect: z.number().nullable(),
  share: z.number().nullable(),
  confidence: z.enum(['high', 'medium', 'low']),
  evidence: z.object({ query: z.string(), facts: Facts }),
  start: z.string().nullable(),
  end: z.string().nullable(),
});
export type ExplainModelCause = z.infer<typeof ExplainModelCause>;

export const ExplainModelData = z.object({
  change: ExplainChangeFacts,
  drivers: ExplainModelDrivers,
  where: ExplainModelWhere.nullable(),
  events: z.array(z.union([ExplainEventAsCause, ExplainContextEvent])),
  /** Events found in the data, including the ones not listed. */
  events_found: z.number(),
  causes: z.array(ExplainModelCause),
  expected_b: z.number(),
  residual: z.number(),
  no_clear_cause: z.boolean(),
  no_clear_cause_reason: z.string().nullable(),
});
export type ExplainModelData = z.infer<typeof ExplainModelData>;
