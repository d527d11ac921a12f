// explain_change: why a metric moved between two periods. The change and how unusual it is for the
// season, a driver decomposition that adds up to it, where it happened (segment search on a cube
// taken with two grouped queries), what happened then (events found in the data, each with its
// evidence query) and the ranked causes. The model tells the story; every number comes from here.
// The work is six stages (src/tools/explain/stages/), each driven by the metric's profile
// (src/tools/explain/profiles.ts); see src/tools/explain/README.md.
import { z } from 'zod';
import { TidelensError } from '../errors.ts';
import { EXPLAIN_METRICS, PROFILES } from './explain/profiles.ts';
import { decompose } from './explain/stages/decompose.ts';
import { findEvents } from './explain/stages/events.ts';
import { load } from './explain/stages/load.ts';
import { present } from './explain/stages/present.ts';
import { rank } from './explain/stages/rank.ts';
import { searchWhere } from './explain/stages/search.ts';
import { filterShape, resolveScope, type FilterInput, type Scope } from './filters.ts';
import { QueryLog } from './query-log.ts';
import { rollupFor, type RollupAt } from '../rollup/coverage.ts';
import { explainPool } from './explain/worker-pool.ts';
import type { DataRange, Tool, ToolResult } from './types.ts';

export { EXPLAIN_METRICS, type ExplainMetric } from './explain/profiles.ts';

export const ExplainChangeInput = z.strictObject({
  metric: z.enum(EXPLAIN_METRICS).optional().describe('What changed; default net_sales.'),
  ...filterShape,
  premise: z
    .enum(['drop', 'rise'])
    .optional()
    .describe(
      'The direction the question assumes ("why did sales drop" = drop); the answer says when the data disagrees.',
    ),
});
export type ExplainChangeInput = z.infer<typeof ExplainChangeInput>;

export function planScope(input: ExplainChangeInput, data: DataRange): Scope {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_month', compare: 'previous_period' });
  if (!scope.compare) {
    throw new TidelensError(
      'bad_input',
      'explain_change needs a comparison period: use compare_to previous_period (default), previous_year ' +
        'or an explicit period inside the data.',
    );
  }
  return scope;
}

export async function runExplainChange(
  input: ExplainChangeInput,
  ctx: Parameters<Tool['run']>[1],
): Promise<ToolResult> {
  planScope(input, ctx.data); // a bad period fails here, before any thread or query
  const rollup = await rollupFor(ctx.db);
  // In the server the stages run on an analysis thread (explain/worker-pool.ts), off the event loop.
  const pool = explainPool();
  return pool ? pool.run(input, rollup, ctx) : explainWith(input, ctx, rollup);
}

/** The stages, given the rollup: on whichever thread runs them (in-process, or explain/worker.ts). */
export async function explainWith(
  input: ExplainChangeInput,
  ctx: Parameters<Tool['run']>[1],
  rollup: RollupAt | null,
): Promise<ToolResult> {
  const profile = PROFILES[input.metric ?? 'net_sales'];
  const scope = planScope(input, ctx.data);
  const A = scope.compare!;
  const B = scope.period;
  const window = { a: { from: A.from, to: A.to }, b: { from: B.from, to: B.to } };
  const log = new QueryLog(ctx);

  const loaded = await load({ profile, scope, window, data: ctx.data, dialect: ctx.db.engine, log, rollup });
  const events = findEvents({ profile, loaded, window, filters: scope.filters });
  const where = searchWhere({ profile, view: loaded.view, lines: loaded.lines, events });
  const drivers = decompose(profile, loaded, loaded.view);
  const ranking = rank({ profile, loaded, events, where, periodFrom: window.b.from });
  return present({
    profile,
    scope,
    premise: input.premise,
    window,
    loaded,
    events,
    where,
    drivers,
    ranking,
    queries: log.queries,
  });
}

export const explainChange: Tool<typeof ExplainChangeInput> = {
  name: 'explain_change',
  description:
    'Explains WHY a metric changed between two periods ("why did July sales drop?", "为什么7月销售下降了？"). ' +
    'Metrics: net_sales (default), orders, units, aov, conversion_rate, sessions, return_rate, refunds, ' +
    'discount_rate, new_customer_share, gross_margin. ' +
    'Default period last_month vs the previous period; compare_to previous_year for 同比. ' +
    "Returns the change (with last year's seasonal move), a driver decomposition that adds up to it " +
    '(sessions × conversion × AOV on the own site, orders × AOV on marketplaces), the segments where it happened, ' +
    'events found in the data (campaign starts/ends, price changes, stock-outs, channel outages, traffic drops, ' +
    'returns spikes, rating drops) and ranked causes {kind, segment, share, confidence, evidence}. ' +
    'Set premise to "drop" or "rise" when the question assumes one.',
  inputSchema: ExplainChangeInput,
  run: runExplainChange,
};
