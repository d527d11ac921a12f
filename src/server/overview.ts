// The KPI cards on the empty chat, computed from the same query tools the assistant uses:
// compare_periods for the latest full month against the previous month and the same month last year,
// sales_trend for twelve months of sparkline. Cached briefly: the warehouse changes by batch, not by click.
import { addMonthsTo, latestFullMonth } from '../calendar/index.ts';
import type { Db } from '../db/types.ts';
import { DEFAULT_LIMITS, type DataRange, type Tool, type ToolUser } from '../tools/types.ts';
import type { KpiCard, Overview } from '../protocol/index.ts';
import type { OverviewSource } from './http/routes/overview.ts';

const METRICS = ['net_sales', 'orders', 'aov', 'conversion_rate', 'return_rate'] as const;
const CACHE_MS = 5 * 60_000;

/** "YYYY-MM" of the month `by` months from the one starting on `first`. */
const monthBy = (first: string, by: number) => addMonthsTo(first, by).slice(0, 7);

export function overviewFromTools(deps: { tools: Tool[]; db: Db; data: DataRange }): OverviewSource | undefined {
  const compare = deps.tools.find((t) => t.name === 'compare_periods');
  const trend = deps.tools.find((t) => t.name === 'sales_trend');
  if (!compare || !trend) return undefined;
  let cached: { at: number; value: Promise<Overview> } | null = null;

  const run = async (tool: Tool, input: unknown, user: ToolUser, signal?: AbortSignal) =>
    tool.run(tool.inputSchema.parse(input), { db: deps.db, user, data: deps.data, limits: DEFAULT_LIMITS, signal });

  const compute = async (user: ToolUser, signal?: AbortSignal): Promise<Overview> => {
    // The same latest full month the offline model answers about when a question names no period.
    const latest = latestFullMonth(deps.data);
    const month = latest.label;
    const twelve = { from: addMonthsTo(latest.from, -11), to: latest.to };
    const [prev, year, t1, t2] = await Promise.all([
      run(compare, { period: month, compare_to: 'previous_period', metrics: [...METRICS] }, user, signal),
      run(compare, { period: month, compare_to: 'previous_year', metrics: [...METRICS] }, user, signal),
      run(trend, { period: twelve, grain: 'month', metrics: METRICS.slice(0, 4) }, user, signal),
      run(trend, { period: twelve, grain: 'month', metrics: METRICS.slice(4) }, user, signal),
    ]);
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const cards: KpiCard[] = METRICS.map((metric) => {
      const p = prev.rows.find((r) => r.metric === metric);
      const y = year.rows.find((r) => r.metric === metric);
      const series = (metric === 'return_rate' ? t2 : t1).rows.map((r) => ({
        period: String(r.period_start).slice(0, 7),
        value: num(r[metric]),
      }));
      return { metric, value: num(p?.current), previous: num(p?.previous), lastYear: num(y?.previous), series };
    });
    return {
      month,
      previousMonth: monthBy(latest.from, -1),
      lastYearMonth: monthBy(latest.from, -12),
      currency: 'USD',
      cards,
    };
  };

  // Templates ignore the role, so one cached answer serves everyone.
  return (user) => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const value = compute(user); // shared by concurrent callers, so no one caller's abort signal
      cached = { at: Date.now(), value };
      value.catch(() => (cached = null));
    }
    return cached.value;
  };
}
