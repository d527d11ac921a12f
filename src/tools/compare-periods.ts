// compare_periods: a KPI table, period A against period B, with deltas.
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import { periodWords } from '../protocol/periods.ts';
import { barChart, changeVs } from './charts.ts';
import { filterShape, noteLines, resolveScope, scopeLine, type FilterInput, type Scope } from './filters.ts';
import { formatChange, formatValue, METRIC_IDS, METRICS, pctChange, roundMetric, type MetricId } from './metrics.ts';
import type { Dialect } from './sql/dialect.ts';
import { metricColumn, type MetricQuery } from './sql/metric-query.ts';
import { returnedByQuery } from './sql/rollup-query.ts';
import { buildPerPeriod, mergePeriodRows } from './sql/period-split.ts';
import { QueryLog } from './query-log.ts';
import { rollupFor, type RollupAt } from '../rollup/coverage.ts';
import { changeOf } from './findings.ts';
import { maturityLine, maturityOf, sameAgeReturnRate } from './maturity.ts';
import { addDaysTo } from '../calendar/index.ts';
import type { Finding } from '../protocol/index.ts';
import type { DataRange, Tool } from './types.ts';

export const ComparePeriodsInput = z.strictObject({
  ...filterShape,
  metrics: z
    .array(z.enum(METRIC_IDS))
    .min(1)
    .max(METRIC_IDS.length)
    .optional()
    .describe('KPIs to compare; default all of them.'),
});
export type ComparePeriodsInput = z.infer<typeof ComparePeriodsInput>;

export function planComparePeriods(
  input: ComparePeriodsInput,
  dialect: Dialect,
  data: DataRange,
  rollup: RollupAt | null = null,
) {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_month', compare: 'previous_period' });
  const metrics = input.metrics ? [...new Set(input.metrics)] : [...METRIC_IDS];
  // One statement per period, sent together: on MariaDB a year against a year costs one year's scan of
  // sessions and lines, not two (ytd 290 → ~170 ms).
  const kpis: MetricQuery = {
    metrics,
    dims: [],
    periods: scope.compare ? [scope.period, scope.compare] : [scope.period],
    filters: scope.filters,
  };
  const built = buildPerPeriod(kpis, dialect, rollup);
  return {
    scope,
    metrics,
    kpis,
    queries: built.map((b) => ({ sql: b.fragment.sql, params: b.fragment.params })),
    caveats: built[0]!.caveats,
    /** Set when a KPI was read from the daily rollup: the last day it holds. */
    rollupThrough: rollup && built.some((b) => b.rollup) ? rollup.through : null,
  };
}

export function shapeComparePeriods(metrics: MetricId[], scope: Scope, row: Row | undefined): Row[] {
  return metrics.map((m) => {
    const current = roundMetric(m, row?.[metricColumn(m, 0)] ?? null);
    const previous = scope.compare ? roundMetric(m, row?.[metricColumn(m, 1)] ?? null) : null;
    const change = current !== null && previous !== null ? roundMetric(m, current - previous) : null;
    return { metric: m, label: METRICS[m].label, current, previous, change, change_pct: pctChange(previous, current) };
  });
}

/** Each KPI's change against the comparison period, and a maturity note for metrics still arriving. */
export function comparePeriodsFindings(scope: Scope, rows: Row[], data: DataRange): Finding[] {
  const period = scope.period.label;
  return rows.flatMap((r) => {
    const m = String(r.metric);
    const change = scope.compare
      ? changeOf(period, r.previous as number | null, r.current as number | null, {
          metric: m,
          period,
          base: scope.compare.label,
        })
      : null;
    return [change, maturityOf(m, scope.period, data)].filter((f): f is Finding => f !== null);
  });
}

/**
 * The statement of the comparison's return rate at the same age, when the answer will want it: the return rate is
 * asked and some metric of the period is still maturing (comparePeriodsFindings). It depends on neither KPI, so
 * it runs beside them; from the rollup when that holds the comparison and its filters.
 */
export function sameAgeFor(scope: Scope, metrics: MetricId[], data: DataRange, at: RollupAt | null = null) {
  if (!metrics.includes('return_rate') || !metrics.some((m) => maturityOf(m, scope.period, data))) return null;
  const base = sameAgeReturnRate(scope, data);
  const fromRollup =
    base && at && scope.compare ? returnedByQuery(scope.filters, scope.compare, base.cutoff, at) : null;
  return fromRollup ? { sql: fromRollup.sql, params: fromRollup.params, cutoff: base!.cutoff, rollup: true } : base;
}

/** The return rate against the comparison period at the same age: the like-with-like change while it matures. */
function sameAge(scope: Scope, rows: Row[], q: { cutoff: string } | null, found: Row | undefined) {
  const cur = rows.find((r) => r.metric === 'return_rate')?.current as number | null | undefined;
  if (!q || !scope.compare || cur === null || cur === undefined) return null;
  const then = roundMetric('return_rate', found?.rate ?? null);
  const base = `${scope.compare.label} at the same age`;
  const finding = changeOf(scope.period.label, then, cur, { metric: 'return_rate', period: scope.period.label, base });
  if (!finding || then === null) return null;
  const upTo = addDaysTo(q.cutoff, -1);
  const line =
    `Like with like: ${scope.compare.label} counting only returns dated up to ${upTo} (as old as ` +
    `${scope.period.label} is now) had a return rate of ${formatValue('ratio', then)}; ` +
    `${scope.period.label}: ${formatValue('ratio', cur)} (${formatChange(then, cur, 'ratio')}).`;
  return { line, finding };
}

export const comparePeriods: Tool<typeof ComparePeriodsInput> = {
  name: 'compare_periods',
  description:
    'KPI table for one period against another (环比 previous_period by default, or 同比 previous_year, or an explicit period): ' +
    'net_sales, orders, units, aov, sessions, conversion_rate, return_rate, refunds, gross_margin, discount_rate, discounts, new_customer_share, ' +
    'each with current, previous, change and change_pct. Use it for "how did last month compare", "KPIs this quarter vs last year". ' +
    'Accepts the common filters (channel, country, category, device, source, campaign, customer_type). Default period: last_month.',
  inputSchema: ComparePeriodsInput,
  async run(input, ctx) {
    const at = await rollupFor(ctx.db);
    const plan = planComparePeriods(input, ctx.db.engine, ctx.data, at);
    const log = new QueryLog(ctx);
    const ageQuery = sameAgeFor(plan.scope, plan.metrics, ctx.data, at);
    const age = ageQuery ? [{ ...ageQuery, label: 'return rate of the comparison at the same age' }] : [];
    const all = await log.runAll([
      ...plan.queries.map((q, i) => ({ ...q, label: i ? 'KPIs, comparison' : 'KPIs' })),
      ...age,
    ]);
    const results = all.slice(0, plan.queries.length);
    const rows = shapeComparePeriods(plan.metrics, plan.scope, mergePeriodRows(plan.kpis, results)[0]);
    const lines = rows.map((r) => {
      const unit = METRICS[r.metric as MetricId].unit;
      const cur = formatValue(unit, r.current as number | null);
      return plan.scope.compare
        ? `${r.label}: ${cur} vs ${formatValue(unit, r.previous as number | null)} (${formatChange(r.previous as number | null, r.current as number | null, unit)})`
        : `${r.label}: ${cur}`;
    });
    const findings = comparePeriodsFindings(plan.scope, rows, ctx.data);
    for (const f of findings) if (f.kind === 'maturity') lines.push(maturityLine(f, plan.scope.compare ?? undefined));
    const same = sameAge(plan.scope, rows, ageQuery, all[plan.queries.length]?.[0]);
    if (same) {
      lines.push(same.line);
      findings.push(same.finding);
    }
    const charts = plan.scope.compare
      ? [
          barChart({
            title: changeVs(periodWords(plan.scope.compare.label)),
            rows: rows.filter((r) => r.change_pct !== null),
            category: { field: 'metric' },
            value: { field: 'change_pct', format: '+.1%' },
          }),
        ]
      : [];
    return {
      columns: ['metric', 'label', 'current', 'previous', 'change', 'change_pct'],
      rows,
      queries: log.queries,
      summary: [
        scopeLine(plan.scope),
        ...lines,
        ...noteLines(plan.scope, plan.caveats),
        ...(plan.rollupThrough || (at && ageQuery && 'rollup' in ageQuery)
          ? [`Read from the daily rollup; data through ${at!.through}.`]
          : []),
      ].join('\n'),
      charts,
      findings,
    };
  },
};
