// cohort_retention: customers grouped by the month of their first order, and the share who ordered again
// within 7, 30 and 90 days. Horizons not yet fully observed in the data count only eligible customers.
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import { lineChart } from './charts.ts';
import { bounds, filterShape, noteLines, resolveScope, scopeLine, type FilterInput } from './filters.ts';
import { formatValue, NOT_CANCELLED, roundUnit } from './metrics.ts';
import { QueryLog } from './query-log.ts';
import { addDaysTo } from '../calendar/index.ts';
import { daysBetween, monthOf, type Dialect } from './sql/dialect.ts';
import { orderConditions } from './sql/filter-sql.ts';
import { and, join, raw, sql } from './sql/fragment.ts';
import type { DataRange, Tool } from './types.ts';
import { rollupFor, type RollupAt } from '../rollup/coverage.ts';
import { rollupTableRef } from '../warehouse/rollup-schema.ts';
import { list, type Fragment } from './sql/fragment.ts';

export const HORIZONS = [7, 30, 90] as const;

export const CohortRetentionInput = z.strictObject({
  ...filterShape,
});
export type CohortRetentionInput = z.infer<typeof CohortRetentionInput>;

export function planCohortRetention(
  input: CohortRetentionInput,
  dialect: Dialect,
  data: DataRange,
  rollup: RollupAt | null = null,
) {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_12_months', compare: 'none' });
  const [lo, hi] = bounds(scope.period);
  const maxH = Math.max(...HORIZONS);
  // Filters describe the cohort (the first order); the repeat order may come from any channel or device.
  const scoped = orderConditions({ ...scope.filters, customerType: undefined });
  const gap = daysBetween(dialect, raw('f.order_date'), raw('f.next_date'));
  const cols = HORIZONS.map((h) => {
    // Observed for h days only when the first order day + h is still inside the data.
    const cutoff = addDaysTo(data.maxDate, 1 - h);
    return sql`SUM(CASE WHEN f.order_date < ${cutoff} THEN 1 ELSE 0 END) AS eligible_${raw(String(h))},
      SUM(CASE WHEN f.order_date < ${cutoff} AND f.next_date IS NOT NULL AND ${gap} <= ${h} THEN 1 ELSE 0 END) AS repeat_${raw(String(h))}`;
  });
  const cohort = monthOf(dialect, raw('f.order_date'));
  // One pass over the orders that can matter (first orders of the period and anything up to the longest
  // horizon after it): each order's next order by the same customer comes from LEAD, not a probe per customer.
  const q = sql`SELECT ${cohort} AS cohort, COUNT(*) AS customers, ${join(cols, ', ')}
    FROM (SELECT o.order_date, o.is_first_order,
        CASE WHEN ${and(scoped.conds)} THEN 1 ELSE 0 END AS in_cohort,
        LEAD(o.order_date) OVER (PARTITION BY o.user_id ORDER BY o.order_date, o.order_id) AS next_date
      FROM orders o
      WHERE o.order_date >= ${lo} AND o.order_date < ${addDaysTo(hi, maxH + 1)} AND ${NOT_CANCELLED}) f
    WHERE f.is_first_order = 1 AND f.in_cohort = 1 AND f.order_date < ${hi}
    GROUP BY ${cohort}`;
  const caveats = [
    ...scoped.caveats,
    'filters select the cohort by its first order; the repeat order may be on any channel',
  ];
  if (scope.filters.customerType) caveats.push('customer_type does not apply: cohorts are new customers by definition');
  const fromRollup = rollup ? cohortRollupSql(scope, dialect, data, rollup) : null;
  return {
    scope,
    query: fromRollup ?? { sql: q.sql, params: q.params },
    /** Set when the cohorts come from the daily rollup: the last day it holds. */
    rollupThrough: fromRollup ? rollup!.through : null,
    caveats,
  };
}

/**
 * The same cohorts from daily_first_orders, which keeps each new customer's first-order day, channel and
 * country and the smallest horizon their next order fell in. It must hold every repeat order the base
 * tables would see (the data's last day, or the period's end plus the longest horizon); other filters read
 * the base tables.
 */
function cohortRollupSql(
  scope: ReturnType<typeof resolveScope>,
  dialect: Dialect,
  data: DataRange,
  at: RollupAt,
): Fragment | null {
  const f = scope.filters;
  if (f.device || f.source || f.sourceType || f.category || f.campaign !== undefined) return null;
  const maxH = Math.max(...HORIZONS);
  if (at.through < data.maxDate && addDaysTo(scope.period.to, maxH + 1) > at.through) return null;
  const [lo, hi] = bounds(scope.period);
  const conds = [sql`x.day >= ${lo} AND x.day < ${hi}`];
  if (f.channel) conds.push(sql`x.channel IN ${list(f.channel)}`);
  if (f.country) conds.push(sql`x.country IN ${list(f.country)}`);
  const cols = HORIZONS.map((h) => {
    const cutoff = addDaysTo(data.maxDate, 1 - h);
    return sql`SUM(CASE WHEN x.day < ${cutoff} THEN x.customers ELSE 0 END) AS eligible_${raw(String(h))},
      SUM(CASE WHEN x.day < ${cutoff} AND x.repeat_within > 0 AND x.repeat_within <= ${h} THEN x.customers ELSE 0 END) AS repeat_${raw(String(h))}`;
  });
  const cohort = monthOf(dialect, raw('x.day'));
  return sql`SELECT ${cohort} AS cohort, SUM(x.customers) AS customers, ${join(cols, ', ')}
    FROM ${raw(rollupTableRef(at.engine, at.database, 'daily_first_orders'))} x WHERE ${and(conds)}
    GROUP BY ${cohort}`;
}

export function shapeCohorts(rows: Row[]): Row[] {
  return rows
    .map((r) => {
      const out: Row = { cohort: String(r.cohort).slice(0, 7), customers: Number(r.customers) };
      for (const h of HORIZONS) {
        const e = Number(r[`eligible_${h}`] ?? 0);
        const k = Number(r[`repeat_${h}`] ?? 0);
        out[`repeat_${h}d`] = roundUnit('ratio', e ? k / e : null);
        out[`eligible_${h}d`] = e;
      }
      return out;
    })
    .sort((a, b) => String(a.cohort).localeCompare(String(b.cohort)));
}

export const cohortRetention: Tool<typeof CohortRetentionInput> = {
  name: 'cohort_retention',
  description:
    'Repeat-purchase cohorts: new customers grouped by the month of their first order (in the period, default last_12_months), with the share ' +
    'who placed another non-cancelled order within 7, 30 and 90 days (repeat_7d, repeat_30d, repeat_90d). A horizon counts only customers whose ' +
    'first order is at least that many days before the end of the data (eligible_*), so recent cohorts are not understated. ' +
    'Use for "are new customers coming back", "复购 by cohort".',
  inputSchema: CohortRetentionInput,
  async run(input, ctx) {
    const plan = planCohortRetention(input, ctx.db.engine, ctx.data, await rollupFor(ctx.db));
    const log = new QueryLog(ctx);
    const rows = shapeCohorts(await log.run(plan.query.sql, plan.query.params, 'cohorts'));
    const pct = (v: unknown) => formatValue('ratio', v as number | null);
    // The windows by their length, so an answer naming a window ("no customer has had 90 days yet") quotes the tool.
    const lines = [
      `First-order cohorts by month, ${scopeLine(plan.scope)}.`,
      `Repeat windows: ${HORIZONS.slice(0, -1).join(', ')} and ${HORIZONS.at(-1)} days after the first order.`,
    ];
    for (const r of rows.slice(-12)) {
      lines.push(
        `- ${r.cohort}: ${formatValue('count', r.customers as number)} new customers; repeat within 7d ${pct(r.repeat_7d)}, 30d ${pct(r.repeat_30d)}, 90d ${pct(r.repeat_90d)}${(r.eligible_90d as number) < (r.customers as number) ? ' (90d not fully observed)' : ''}`,
      );
    }
    if (!rows.length) lines.push('No first orders in the period with these filters.');
    const long = rows.flatMap((r) =>
      HORIZONS.map((h) => ({ cohort: `${r.cohort}-01`, horizon: `${h} days`, rate: r[`repeat_${h}d`] })),
    );
    return {
      columns: ['cohort', 'customers', ...HORIZONS.flatMap((h) => [`repeat_${h}d`, `eligible_${h}d`])],
      rows,
      queries: log.queries,
      summary: [
        ...lines,
        ...noteLines(plan.scope, plan.caveats),
        ...(plan.rollupThrough ? [`Read from the daily rollup; data through ${plan.rollupThrough}.`] : []),
      ].join('\n'),
      charts: rows.length
        ? [
            lineChart({
              title: { en: 'Repeat purchase by first-order month', zh: '按首单月份的复购率' },
              rows: long,
              x: { field: 'cohort' },
              y: { field: 'rate', title: { en: 'Repeat rate', zh: '复购率' }, format: '.1~%' },
              color: { field: 'horizon' },
              words: HORIZONS.map((h) => ({ en: `${h} days`, zh: `${h}天内` })),
            }),
          ]
        : [],
    };
  },
};
