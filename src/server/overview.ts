// The KPI cards on the empty chat, computed from the same query tools the assistant uses:
// compare_periods for the latest full month against the previous month and the same month last year,
// sales_trend for twelve months of sparkline. Cached briefly: the warehouse changes by batch, not by click.
import type { Db } from '../db/types.ts';
import { DEFAULT_LIMITS, type DataRange, type Tool, type ToolUser } from '../tools/types.ts';
import type { KpiCard, Overview } from '../protocol/index.ts';
import type { OverviewSource } from './http/routes/overview.ts';

const METRICS = ['net_sales', 'orders', 'aov', 'conversion_rate', 'return_rate'] as const;
const CACHE_MS = 5 * 60_000;

/** The latest month whose last day is in the data. */
export function latestFullMonth(maxDate: string): string {
  const [y, m, d] = maxDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d === lastDay ? maxDate.slice(0, 7) : shiftMonth(maxDate.slice(0, 7), -1);
}

export function shiftMonth(ym: string, by: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const t = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}`;
}

const monthEnd = (ym: string) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export function overviewFromTools(deps: { tools: Tool[]; db: Db; data: DataRange }): OverviewSource | undefined {
  const compare = deps.tools.find((t) => t.name === 'compare_periods');
  const trend = deps.tools.find((t) => t.name === 'sales_trend');
  if (!compare || !trend) return undefined;
  let cached: { at: number; value: Promise<Overview> } | null = null;

  const run = async (tool: Tool, input: unknown, user: ToolUser, signal?: AbortSignal) =>
    tool.run(tool.inputSchema.parse(input), { db: deps.db, user, data: deps.data, limits: DEFAULT_LIMITS, signal });

  const compute = async (user: ToolUser, signal?: AbortSignal): Promise<Overview> => {
    const month = latestFullMonth(deps.data.maxDate);
    const first = shiftMonth(month, -11);
    const [prev, year, t1, t2] = await Promise.all([
      run(compare, { period: month, compare_to: 'previous_period', metrics: [...METRICS] }, user, signal),
      run(compare, { period: month, compare_to: 'previous_year', metrics: [...METRICS] }, user, signal),
      run(
        trend,
        { period: { from: `${first}-01`, to: monthEnd(month) }, grain: 'month', metrics: METRICS.slice(0, 4) },
        user,
        signal,
      ),
      run(
        trend,
        { period: { from: `${first}-01`, to: monthEnd(month) }, grain: 'month', metrics: METRICS.slice(4) },
        user,
        signal,
      ),
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
      previousMonth: shiftMonth(month, -1),
      lastYearMonth: shiftMonth(month, -12),
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
