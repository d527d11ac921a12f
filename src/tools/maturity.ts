// Late-maturing metrics: a return comes up to 30 days after delivery, so the return rate of recent orders is
// still rising when it is read. A tool that reports such a metric for a period inside the window says so with
// a maturity finding, and the answer calls the figure a lower bound instead of a fall.
import { addDaysTo } from '../calendar/index.ts';
import type { FindingOf } from '../protocol/index.ts';
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
export function maturityLine(f: FindingOf<'maturity'>, comparedTo?: string): string {
  const cmp = comparedTo ? `; ${comparedTo} has had its full window, so a fall against it is partly timing` : '';
  return `Still maturing: ${f.note}${cmp}.`;
}
