// breakdown: one metric split by a dimension, with each part's share and its change against the comparison.
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import { barChart, byTitle, changeTitle, formatOf, waterfallChart } from './charts.ts';
import { periodWords } from '../protocol/periods.ts';
import { METRIC_LABELS } from '../protocol/vocabulary.ts';
import { filterShape, noteLines, resolveScope, scopeLine, type FilterInput } from './filters.ts';
import { changeOf, extremeOf, rankingOf, shareOf } from './findings.ts';
import { maturityLine, maturityOf } from './maturity.ts';
import {
  formatChange,
  formatValue,
  METRIC_IDS,
  METRICS,
  pctChange,
  roundMetric,
  roundUnit,
  type MetricId,
} from './metrics.ts';
import { QueryLog } from './query-log.ts';
import type { Dialect } from './sql/dialect.ts';
import { dimColumn, DIMENSIONS, metricColumn, type Dimension } from './sql/metric-query.ts';
import { metricQueryFor } from './sql/rollup-query.ts';
import { rollupFor, type RollupAt } from '../rollup/coverage.ts';
import { labelMap, productLabels } from './sql/products.ts';
import type { DataRange, Tool, ToolResult } from './types.ts';

const BY = DIMENSIONS.filter((d) => d !== 'day' && d !== 'week' && d !== 'month');

export const BreakdownInput = z.strictObject({
  ...filterShape,
  metric: z.enum(METRIC_IDS).optional().describe('The metric to split; default net_sales.'),
  by: z
    .enum(BY as [Dimension, ...Dimension[]])
    .describe(
      'Dimension: channel, storefront, country, device, source, source_type, customer_type, category (top level), subcategory, product, user_level.',
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .describe('Rows to list, largest first (default 15); the rest are grouped as "Other" for additive metrics.'),
});
export type BreakdownInput = z.infer<typeof BreakdownInput>;

export function planBreakdown(
  input: BreakdownInput,
  dialect: Dialect,
  data: DataRange,
  rollup: RollupAt | null = null,
) {
  const scope = resolveScope(input as Partial<FilterInput>, data, {
    period: 'last_30_days',
    compare: 'previous_period',
  });
  const metric = (input.metric ?? 'net_sales') as MetricId;
  const periods = scope.compare ? [scope.period, scope.compare] : [scope.period];
  const parts = metricQueryFor(
    { metrics: [metric], dims: [input.by], periods, filters: scope.filters },
    dialect,
    rollup,
  );
  const total = metricQueryFor({ metrics: [metric], dims: [], periods, filters: scope.filters }, dialect, rollup);
  return {
    scope,
    metric,
    by: input.by,
    limit: input.limit ?? 15,
    parts: { sql: parts.fragment.sql, params: parts.fragment.params },
    total: { sql: total.fragment.sql, params: total.fragment.params },
    caveats: parts.caveats,
    /** Set when a query read the daily rollup: the last day it holds. */
    rollupThrough: rollup && (parts.rollup || total.rollup) ? rollup.through : null,
  };
}

type Plan = ReturnType<typeof planBreakdown>;

export function shapeBreakdown(
  plan: Plan,
  partRows: Row[],
  totalRow: Row | undefined,
  labels?: Map<number, { sku: string; product_name: string }>,
) {
  const m = plan.metric;
  const def = METRICS[m];
  const k = dimColumn(plan.by);
  const hasCmp = Boolean(plan.scope.compare);
  const total = roundMetric(m, totalRow?.[metricColumn(m, 0)]);
  const totalPrev = hasCmp ? roundMetric(m, totalRow?.[metricColumn(m, 1)]) : null;
  const totalChange = total !== null && totalPrev !== null ? total - totalPrev : null;
  const label = (key: unknown) => {
    if (key === null || key === undefined) return '(none)';
    if (plan.by === 'product' && labels) {
      const l = labels.get(Number(key));
      return l ? `${l.sku} ${l.product_name}` : String(key);
    }
    return String(key);
  };
  const all = partRows.map((r) => {
    const value = roundMetric(m, r[metricColumn(m, 0)]);
    const previous = hasCmp ? roundMetric(m, r[metricColumn(m, 1)]) : null;
    return { key: r[k], value, previous };
  });
  const sortKey = (x: { value: number | null; previous: number | null }) => x.value ?? -Infinity;
  all.sort((a, b) => sortKey(b) - sortKey(a) || String(a.key).localeCompare(String(b.key)));
  const top = all.slice(0, plan.limit);
  const rest = all.slice(plan.limit);
  const rowsIn = [...top];
  if (rest.length && def.additive) {
    const sum = (xs: (number | null)[]) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
    rowsIn.push({
      key: `Other (${rest.length})`,
      value: roundMetric(m, sum(rest.map((x) => x.value))),
      previous: hasCmp ? roundMetric(m, sum(rest.map((x) => x.previous))) : null,
    });
  }
  const rows: Row[] = rowsIn.map((x) => {
    const change = x.value !== null && x.previous !== null ? x.value - x.previous : null;
    return {
      [plan.by]: label(x.key),
      value: x.value,
      share: def.additive && total ? roundUnit('ratio', (x.value ?? 0) / total) : null,
      previous: x.previous,
      change: change === null ? null : roundMetric(m, change),
      change_pct: pctChange(x.previous, x.value),
      contribution: def.additive && totalChange ? roundUnit('ratio', (change ?? 0) / totalChange) : null,
    };
  });
  return { rows, total, totalPrev, omitted: def.additive ? 0 : rest.length };
}

type Shaped = ReturnType<typeof shapeBreakdown>;

/** Shares, the ranking, the largest and smallest part and each part's change; the "Other" row left out. */
export function breakdownFindings(plan: Plan, shaped: Shaped): NonNullable<ToolResult['findings']> {
  const m = plan.metric;
  const period = plan.scope.period.label;
  const base = plan.scope.compare?.label;
  const rows = shaped.rows.filter((r) => !/^Other \(\d+\)$/.test(String(r[plan.by])));
  const out = [
    ...(METRICS[m].additive ? shareOf(rows, plan.by, 'value', shaped.total, { metric: m, period }) : []),
    ...extremeOf(rows, plan.by, 'value', { metric: m, over: plan.by, period }),
    rankingOf(rows, plan.by, 'value', {
      metric: m,
      by: plan.by,
      period,
      comparePeriod: base,
      previousKey: base ? 'previous' : undefined,
    }),
  ];
  if (!base) return out;
  const total = changeOf('total', shaped.totalPrev, shaped.total, { metric: m, period, base });
  const parts = rows.map((r) =>
    changeOf(String(r[plan.by]), r.previous as number | null, r.value as number | null, { metric: m, period, base }),
  );
  return [...out, ...[total, ...parts].filter((f) => f !== null)];
}

export const breakdown: Tool<typeof BreakdownInput> = {
  name: 'breakdown',
  description:
    'One metric split by a dimension (channel, storefront, country, device, source, source_type, customer_type, category, subcategory, product, user_level), ' +
    "largest first, with each part's share of the total and its change against the comparison period (default previous_period), plus each part's " +
    'contribution to the total change. Use it for "sales by country", "which channel grew", "where did orders drop". Charts: bars and a contribution waterfall. ' +
    'Default period: last_30_days.',
  inputSchema: BreakdownInput,
  async run(input, ctx) {
    const plan = planBreakdown(input, ctx.db.engine, ctx.data, await rollupFor(ctx.db));
    const log = new QueryLog(ctx);
    const partRows = await log.run(plan.parts.sql, plan.parts.params, `${plan.metric} by ${plan.by}`);
    const [totalRow] = await log.run(plan.total.sql, plan.total.params, 'total');
    let labels;
    if (plan.by === 'product') {
      const ids = partRows.map((r) => Number(r[dimColumn('product')])).filter((n) => Number.isFinite(n));
      if (ids.length) {
        const q = productLabels(ids);
        labels = labelMap(await log.run(q.sql, q.params, 'product names'));
      }
    }
    const shaped = shapeBreakdown(plan, partRows, totalRow, labels);
    // A return rate split by channel is as immature as the total: each part is a lower bound inside the window.
    const late = maturityOf(plan.metric, plan.scope.period, ctx.data);
    const def = METRICS[plan.metric];
    const hasCmp = Boolean(plan.scope.compare);
    const fmt = (v: unknown) => formatValue(def.unit, v as number | null);
    const lines = [
      `${def.label} by ${plan.by}, ${scopeLine(plan.scope)}.`,
      `Total: ${fmt(shaped.total)}${hasCmp ? ` vs ${fmt(shaped.totalPrev)} (${formatChange(shaped.totalPrev, shaped.total, def.unit)})` : ''}.`,
      ...shaped.rows.slice(0, 8).map((r) => {
        const share = r.share !== null ? `, ${((r.share as number) * 100).toFixed(1)}% of total` : '';
        const chg = hasCmp
          ? `, ${formatChange(r.previous as number | null, r.value as number | null, def.unit)} vs ${fmt(r.previous)}`
          : '';
        return `- ${r[plan.by]}: ${fmt(r.value)}${share}${chg}`;
      }),
    ];
    if (shaped.rows.length > 8) lines.push(`(${shaped.rows.length - 8} more rows in the table)`);
    if (late) lines.push(maturityLine(late, plan.scope.compare ?? undefined));
    const extra: string[] = [];
    if (shaped.omitted)
      extra.push(`${shaped.omitted} smaller groups are not listed (a rate cannot be summed into "Other")`);
    if (plan.by === 'category' || plan.by === 'subcategory' || plan.by === 'product') {
      if (plan.metric === 'orders' || plan.metric === 'aov' || plan.metric === 'return_rate')
        extra.push('an order with items in several groups counts in each, so parts can add up to more than the total');
    }
    const charts = [
      barChart({
        title: byTitle(METRIC_LABELS[plan.metric], plan.by),
        rows: shaped.rows,
        category: { field: plan.by },
        names: plan.by === 'product',
        value: { field: 'value', title: METRIC_LABELS[plan.metric], format: formatOf(def.unit) },
      }),
    ];
    if (hasCmp && def.additive && shaped.total !== null && shaped.totalPrev !== null) {
      const steps = shaped.rows
        .filter((r) => r.change !== null && r.change !== 0)
        .map((r) => ({ label: String(r[plan.by]), delta: r.change as number }));
      charts.push(
        waterfallChart({
          title: changeTitle(METRIC_LABELS[plan.metric], plan.by),
          startLabel: periodWords(plan.scope.compare!.label),
          start: shaped.totalPrev,
          steps,
          endLabel: periodWords(plan.scope.period.label),
          format: formatOf(def.unit),
          valueTitle: METRIC_LABELS[plan.metric],
        }),
      );
    }
    return {
      columns: [plan.by, 'value', 'share', 'previous', 'change', 'change_pct', 'contribution'],
      rows: shaped.rows,
      queries: log.queries,
      summary: [
        ...lines,
        ...noteLines(plan.scope, [...plan.caveats, ...extra]),
        ...(plan.rollupThrough ? [`Read from the daily rollup; data through ${plan.rollupThrough}.`] : []),
      ].join('\n'),
      charts,
      untrustedText: plan.by === 'product' ? true : undefined,
      findings: [...breakdownFindings(plan, shaped), ...(late ? [late] : [])],
    };
  },
};
