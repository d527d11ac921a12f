// Late-maturing metrics: a return comes up to 30 days after delivery, so the return rate of recent orders is
// still rising when it is read. A tool that reports such a metric for a period inside the window says so with
// a maturity finding, and the answer calls the figure a lower bound instead of a fall.
import { addDaysTo, daysBetweenDays } from '../calendar/index.ts';
import type { FindingOf } from '../protocol/index.ts';
import { bounds, type Scope } from './filters.ts';
import { orderConditions } from './sql/filter-sql.ts';
import { and, sql } from './sql/fragment.ts';
import type { DataRange } from './types.ts';

/** Days after which a metric's value for a date stops changing (schema-docs/glossary/time.md). */
export const MATURITY_DAYS: Readonly<Record<string, { days: number; what: string }>> = {
  // Counted on the order date: refunds follow the return date and are final once the period is over.
  return_rate: { days: 30, what: 'returns' },
};

export interface MaturityPeriod {
  to: string;
  label: string;
}

/** A maturity finding when `period` ends inside the metric's window before the data's last day; else null. */
export function maturityOf(metric: string, period: MaturityPeriod, data: DataRange): FindingOf<'maturity'> | null {
  const m = MATURITY_DAYS[metric];
  if (!m) return null;
  const after = addDaysTo(data.maxDate, -m.days);
  if (period.to <= after) return null;
  return {
    kind: 'maturity',
    metric,
    period: period.label,
    after,
    note:
      `${m.what} for orders after ${after} are still arriving (up to ${m.days} days after delivery): ` +
      `the ${metric.replace(/_/g, ' ')} for ${period.label} is still maturing and is a lower bound`,
  };
}

/** The summary line for a maturity finding, with what it means for a comparison against a mature period. */
export function maturityLine(f: FindingOf<'maturity'>, comparedTo?: MaturityPeriod): string {
  const mature = comparedTo && comparedTo.to <= f.after;
  const cmp = mature ? `; ${comparedTo.label} has had its full window, so a fall against it is partly timing` : '';
  return `Still maturing: ${f.note}${cmp}.`;
}

export interface SameAgeQuery {
  sql: string;
  params: unknown[];
  /** Returns dated before this day count: the comparison period as old as the period is now. */
  cutoff: string;
}

/**
 * Like with like for a maturing return rate: the comparison period's rate counting only the returns it had
 * when it was as old as the period is now (its end plus the days the data runs past the period's end).
 * Null without a comparison, with a category filter (counted on lines) or when the comparison is younger.
 */
export function sameAgeReturnRate(scope: Scope, data: DataRange): SameAgeQuery | null {
  if (!scope.compare || scope.filters.category) return null;
  const lag = daysBetweenDays(scope.period.to, data.maxDate);
  const cutoff = addDaysTo(scope.compare.to, lag + 1);
  if (lag < 0 || cutoff > data.maxDate) return null;
  const [lo, hi] = bounds(scope.compare);
  const scoped = orderConditions(scope.filters);
  const q = sql`SELECT COUNT(DISTINCT CASE WHEN r.return_date < ${cutoff} THEN o.order_id END) * 1.0
      / NULLIF(COUNT(DISTINCT o.order_id), 0) AS rate
    FROM orders o LEFT JOIN returns r ON r.order_id = o.order_id
    WHERE ${and([sql`o.order_status <> 'cancelled' AND o.order_date >= ${lo} AND o.order_date < ${hi}`, ...scoped.conds])}`;
  return { sql: q.sql, params: q.params, cutoff };
}
