// sales_trend: metrics over days, weeks, months or quarters, optionally split into series by a dimension.
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import { byTitle, formatOf, lineChart } from './charts.ts';
import { periodWords } from '../protocol/periods.ts';
import { termLabels } from '../protocol/terms.ts';
import { METRIC_LABELS } from '../protocol/vocabulary.ts';
import { filterShape, noteLines, resolveScope, scopeLine, type FilterInput } from './filters.ts';
import { changeOf, extremeOf, partialBuckets } from './findings.ts';
import { formatChange, formatValue, METRIC_IDS, METRICS, roundMetric, type MetricId } from './metrics.ts';
import { QueryLog } from './query-log.ts';
import { addDaysTo, bucketRanges, bucketStarts, dayCount, periodDays, type Period } from '../calendar/index.ts';
import type { Finding, FindingOf } from '../protocol/index.ts';
import { maturityLine, maturityOf } from './maturity.ts';
import type { Dialect, Grain } from './sql/dialect.ts';
import { dimColumn, DIMENSIONS, metricColumn, type Dimension } from './sql/metric-query.ts';
import { narrowestMetricQuery } from './sql/channel-rollup-query.ts';
import { rollupFor, type RollupAt } from '../rollup/coverage.ts';
import type { DataRange, Tool, ToolResult } from './types.ts';

const SERIES_DIMS = DIMENSIONS.filter(
  (d) => d !== 'day' && d !== 'week' && d !== 'month' && d !== 'product',
) as Exclude<Dimension, 'day' | 'week' | 'month' | 'quarter' | 'product'>[];

export const SalesTrendInput = z.strictObject({
  ...filterShape,
  metrics: z.array(z.enum(METRIC_IDS)).min(1).max(4).optional().describe('Metrics to plot; default ["net_sales"].'),
  grain: z
    .enum(['day', 'week', 'month', 'quarter'])
    .optional()
    .describe(
      'Bucket size; default by period length (≤62 days: day, ≤200: week, else month). Weeks start on Monday; quarters are calendar quarters.',
    ),
  breakdown: z
    .enum(SERIES_DIMS as [string, ...string[]])
    .optional()
    .describe('Split the first metric into one series per value of this dimension.'),
  max_series: z
    .number()
    .int()
    .min(1)
    .max(12)
    .optional()
    .describe(
      'With breakdown: keep the largest N series (default 6); the rest are summed as "Other" when the metric adds up.',
    ),
});
export type SalesTrendInput = z.infer<typeof SalesTrendInput>;

export function autoGrain(p: { from: string; to: string }): Grain {
  const n = periodDays(p);
  return n <= 62 ? 'day' : n <= 200 ? 'week' : 'month';
}

export { bucketStarts };

export function planSalesTrend(
  input: SalesTrendInput,
  dialect: Dialect,
  data: DataRange,
  rollup: RollupAt | null = null,
) {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_90_days', compare: 'none' });
  const metrics = [...new Set(input.metrics ?? ['net_sales'])] as MetricId[];
  const grain = input.grain ?? autoGrain(scope.period);
  const breakdown = input.breakdown as Dimension | undefined;
  const dims: Dimension[] = breakdown ? [grain, breakdown] : [grain];
  const qMetrics = breakdown ? [metrics[0]!] : metrics;
  const build = (p: Period) =>
    narrowestMetricQuery({ metrics: qMetrics, dims, periods: [p], filters: scope.filters }, dialect, rollup);
  const series = build(scope.period);
  const compare = scope.compare && !breakdown ? build(scope.compare) : null;
  const totals = narrowestMetricQuery(
    {
      metrics: qMetrics,
      dims: [],
      periods: scope.compare ? [scope.period, scope.compare] : [scope.period],
      filters: scope.filters,
    },
    dialect,
    rollup,
  );
  return {
    scope,
    metrics: qMetrics,
    grain,
    breakdown,
    series: { sql: series.fragment.sql, params: series.fragment.params },
    compare: compare ? { sql: compare.fragment.sql, params: compare.fragment.params } : null,
    totals: { sql: totals.fragment.sql, params: totals.fragment.params },
    caveats: series.caveats,
    ignoredCompare: Boolean(scope.compare && breakdown),
    /** Set when a query read the daily rollup: the last day it holds. */
    rollupThrough: rollup && (series.rollup || totals.rollup) ? rollup.through : null,
  };
}

type Plan = ReturnType<typeof planSalesTrend>;

/** Rows per bucket (and series), zero-filled for additive metrics. */
export function shapeSalesTrend(
  plan: Plan,
  seriesRows: Row[],
  compareRows: Row[] | null,
  maxSeries = 6,
): { columns: string[]; rows: Row[]; notes: string[] } {
  const t = dimColumn(plan.grain);
  const buckets = bucketStarts(plan.scope.period, plan.grain);
  const notes: string[] = [];
  if (plan.breakdown) {
    const m = plan.metrics[0]!;
    const b = dimColumn(plan.breakdown as Dimension);
    const totals = new Map<string, number>();
    for (const r of seriesRows)
      totals.set(String(r[b]), (totals.get(String(r[b])) ?? 0) + Number(r[metricColumn(m, 0)] ?? 0));
    const ranked = [...totals.entries()].sort((a, c) => c[1] - a[1] || (a[0] < c[0] ? -1 : 1)).map(([k]) => k);
    const keep = new Set(ranked.slice(0, maxSeries));
    const additive = METRICS[m].additive;
    if (ranked.length > keep.size) {
      notes.push(
        additive
          ? `${ranked.length - keep.size} smaller series are summed as "Other"`
          : `${ranked.length - keep.size} smaller series are left out (a rate cannot be summed)`,
      );
    }
    const cells = new Map<string, number>();
    for (const r of seriesRows) {
      const key = keep.has(String(r[b])) ? String(r[b]) : additive ? 'Other' : null;
      if (key === null) continue;
      const k = `${r[t]}\u0000${key}`;
      cells.set(k, (cells.get(k) ?? 0) + Number(r[metricColumn(m, 0)] ?? 0));
    }
    const names = [...ranked.filter((k) => keep.has(k)), ...(additive && ranked.length > keep.size ? ['Other'] : [])];
    const rows: Row[] = [];
    for (const bucket of buckets) {
      for (const name of names) {
        const v = cells.get(`${bucket}\u0000${name}`);
        rows.push({
          period_start: bucket,
          [plan.breakdown]: name,
          [m]: v === undefined ? (additive ? 0 : null) : roundMetric(m, v),
        });
      }
    }
    return { columns: ['period_start', plan.breakdown, m], rows, notes };
  }
  const byBucket = new Map(seriesRows.map((r) => [String(r[t]), r]));
  const cmpBuckets = plan.scope.compare ? bucketStarts(plan.scope.compare, plan.grain) : [];
  const cmpBy = new Map((compareRows ?? []).map((r) => [String(r[t]), r]));
  const value = (r: Row | undefined, m: MetricId) =>
    r ? roundMetric(m, r[metricColumn(m, 0)]) : METRICS[m].additive ? 0 : null;
  // A bucket the period cuts (a 4-day first week) is marked: a reader of the table must not compare it as whole.
  const cut = new Set(partialBuckets(plan.scope.period, plan.grain));
  const rows = buckets.map((bucket, i) => {
    const row: Row = { period_start: bucket };
    for (const m of plan.metrics) row[m] = value(byBucket.get(bucket), m);
    if (cut.size) row.partial = cut.has(bucket);
    if (compareRows) {
      const cb = cmpBuckets[i];
      row.compare_start = cb ?? null;
      for (const m of plan.metrics) row[`${m}_compare`] = cb ? value(cmpBy.get(cb), m) : null;
    }
    return row;
  });
  const columns = [
    'period_start',
    ...plan.metrics,
    ...(compareRows ? ['compare_start', ...plan.metrics.map((m) => `${m}_compare`)] : []),
    ...(cut.size ? ['partial'] : []),
  ];
  return { columns, rows, notes };
}

/** Each metric's highest and lowest full bucket, and its change against the comparison period. */
export function salesTrendFindings(
  plan: Plan,
  rows: Row[],
  tot: Row | undefined,
  data?: DataRange,
): NonNullable<ToolResult['findings']> {
  const period = plan.scope.period.label;
  const late = (m: MetricId) => (data ? maturityOf(m, plan.scope.period, data) : null);
  if (plan.breakdown) return plan.metrics.flatMap((m) => late(m) ?? []);
  const partial = partialBuckets(plan.scope.period, plan.grain);
  return plan.metrics.flatMap((m) => {
    // A bucket still inside a metric's maturity window is no more a lowest than a partial one.
    const unripe = maturingBuckets(plan, late(m)?.after ?? null);
    const out: NonNullable<ToolResult['findings']> = [
      ...extremeOf(rows, 'period_start', m, { metric: m, over: plan.grain, partial: [...partial, ...unripe], period }),
      ...(late(m) ? [late(m)!] : []),
    ];
    if (!plan.scope.compare) return out;
    const cur = roundMetric(m, tot?.[metricColumn(m, 0)]);
    const prev = roundMetric(m, tot?.[metricColumn(m, 1)]);
    const change = changeOf(period, prev, cur, { metric: m, period, base: plan.scope.compare.label });
    return change ? [...out, change] : out;
  });
}

/** Buckets that end after `after` (the maturity cut-off), by bucket start. */
function maturingBuckets(plan: Plan, after: string | null): string[] {
  if (!after) return [];
  return bucketRanges(plan.scope.period, plan.grain)
    .filter((b) => addDaysTo(b.hi, -1) > after)
    .map((b) => b.key);
}

/** Days covered by each bucket the period cuts (a 4-day first week), by bucket start. */
function partialBucketDays(plan: Plan): Map<string, number> {
  const partial = new Set(partialBuckets(plan.scope.period, plan.grain));
  return new Map(
    bucketRanges(plan.scope.period, plan.grain)
      .filter((b) => partial.has(b.key))
      .map((b) => [b.key, dayCount(b.lo, addDaysTo(b.hi, -1))]),
  );
}

/** "; highest full week …, lowest full week …; partial weeks left out: …": never a partial bucket as an extreme. */
function extremesText(findings: Finding[], m: MetricId, grain: Grain, partialDays: Map<string, number>): string {
  const unit = METRICS[m].unit;
  const ex = findings.filter((f): f is FindingOf<'extreme'> => f.kind === 'extreme' && f.metric === m);
  const hi = ex.find((f) => f.which === 'highest');
  const lo = ex.find((f) => f.which === 'lowest');
  const full = partialDays.size ? `full ${grain}` : grain;
  let text =
    hi && lo
      ? `; highest ${full} ${hi.subject.name} (${formatValue(unit, hi.subject.value)}), ` +
        `lowest ${full} ${lo.subject.name} (${formatValue(unit, lo.subject.value)})`
      : '';
  if (partialDays.size) {
    const cut = [...partialDays].map(([k, n]) => `${k} (${n} day${n === 1 ? '' : 's'})`).join(', ');
    text += `; partial ${grain}s, not compared as highest or lowest: ${cut}`;
  }
  const unripe = (lo?.excluded ?? []).filter((x) => !partialDays.has(x.name)).map((x) => x.name);
  if (unripe.length) text += `; still maturing, not compared as highest or lowest: ${unripe.join(', ')}`;
  return text;
}

/** Where the figures were read: the rollup's watermark, so a stale rollup shows. */
function rollupLine(through: string | null): string[] {
  return through ? [`Read from the daily rollup; data through ${through}.`] : [];
}

export const salesTrend: Tool<typeof SalesTrendInput> = {
  name: 'sales_trend',
  description:
    'Time series of one or more metrics (net_sales, orders, units, aov, sessions, conversion_rate, return_rate, refunds, gross_margin, ' +
    'discount_rate, discounts, new_customer_share) by day, week, month or quarter, for trend questions ("how did sales develop", "weekly orders this quarter", "conversion rate per quarter"). ' +
    'Optional breakdown splits the first metric into series (channel, country, device, category, source, customer_type …); ' +
    'optional compare_to adds the comparison period aligned bucket by bucket. Returns one row per bucket with totals in the summary and a line chart. ' +
    'Default period: last_90_days.',
  inputSchema: SalesTrendInput,
  async run(input, ctx) {
    const plan = planSalesTrend(input, ctx.db.engine, ctx.data, await rollupFor(ctx.db));
    const log = new QueryLog(ctx);
    const results = await log.runAll([
      { ...plan.series, label: `${plan.grain} series` },
      ...(plan.compare ? [{ ...plan.compare, label: 'comparison series' }] : []),
      { ...plan.totals, label: 'period totals' },
    ]);
    const seriesRows = results[0]!;
    const compareRows = plan.compare ? results[1]! : null;
    const [tot] = results.at(-1)!;
    const shaped = shapeSalesTrend(plan, seriesRows, compareRows, input.max_series ?? 6);
    // The summary's extremes are the findings', read off the same rows as the table and the chart.
    const findings = salesTrendFindings(plan, shaped.rows, tot, ctx.data);
    const partialDays = partialBucketDays(plan);
    const lines = [`${scopeLine(plan.scope)}; by ${plan.grain}${plan.breakdown ? ` and ${plan.breakdown}` : ''}.`];
    for (const m of plan.metrics) {
      const unit = METRICS[m].unit;
      const cur = roundMetric(m, tot?.[metricColumn(m, 0)]);
      const prev = plan.scope.compare ? roundMetric(m, tot?.[metricColumn(m, 1)]) : null;
      let line = `${METRICS[m].label} for the period: ${formatValue(unit, cur)}`;
      if (plan.scope.compare) line += ` vs ${formatValue(unit, prev)} (${formatChange(prev, cur, unit)})`;
      if (!plan.breakdown) line += extremesText(findings, m, plan.grain, partialDays);
      lines.push(line + '.');
      const late = findings.find((f) => f.kind === 'maturity' && f.metric === m);
      if (late?.kind === 'maturity') lines.push(maturityLine(late, plan.scope.compare ?? undefined));
    }
    if (plan.breakdown) {
      const m = plan.metrics[0]!;
      const unit = METRICS[m].unit;
      if (METRICS[m].additive) {
        const totals = new Map<string, number>();
        for (const r of shaped.rows)
          totals.set(
            String(r[plan.breakdown]),
            (totals.get(String(r[plan.breakdown])) ?? 0) + ((r[m] as number | null) ?? 0),
          );
        lines.push(
          `By ${plan.breakdown}: ${[...totals.entries()].map(([k, v]) => `${k} ${formatValue(unit, roundMetric(m, v))}`).join(', ')}.`,
        );
      }
    }
    if (plan.ignoredCompare)
      shaped.notes.push('compare_to is ignored with a breakdown; use breakdown or compare_periods for a comparison');
    const charts = plan.breakdown
      ? [
          lineChart({
            title: byTitle(METRIC_LABELS[plan.metrics[0]!], plan.breakdown),
            rows: shaped.rows,
            x: { field: 'period_start', title: termLabels(plan.grain) },
            y: {
              field: plan.metrics[0]!,
              title: METRIC_LABELS[plan.metrics[0]!],
              format: formatOf(METRICS[plan.metrics[0]!].unit),
            },
            color: { field: plan.breakdown },
          }),
        ]
      : plan.metrics.map((m) => {
          const now = periodWords(plan.scope.period.label);
          const before = plan.scope.compare ? periodWords(plan.scope.compare.label) : now;
          const aligned = { en: `${before.en} (aligned)`, zh: `${before.zh}(对齐)` };
          return lineChart({
            title: byTitle(METRIC_LABELS[m], plan.grain),
            rows: compareRows
              ? shaped.rows.flatMap((r) => [
                  { period_start: r.period_start, value: r[m], series: now.en },
                  { period_start: r.period_start, value: r[`${m}_compare`], series: aligned.en },
                ])
              : shaped.rows.map((r) => ({ period_start: r.period_start, value: r[m] })),
            x: { field: 'period_start', title: termLabels(plan.grain) },
            y: { field: 'value', title: METRIC_LABELS[m], format: formatOf(METRICS[m].unit) },
            color: compareRows ? { field: 'series', title: termLabels('period') } : undefined,
            words: [now, aligned],
          });
        });
    return {
      columns: shaped.columns,
      rows: shaped.rows,
      queries: log.queries,
      summary: [
        ...lines,
        ...noteLines(plan.scope, [...plan.caveats, ...shaped.notes]),
        ...rollupLine(plan.rollupThrough),
      ].join('\n'),
      charts,
      findings,
    };
  },
};
