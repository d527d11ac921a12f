// Intent → the tool calls a good analyst would make, fitted to the tools the request offers; and one repair
// of a call the dispatcher rejected.
import { addDaysTo, addMonthsTo, bucketRanges, dayCount, dayParts, shiftYears } from '../../../calendar/index.ts';
import type { ToolSpec } from '../../providers/types.ts';
import { fitInput } from './fit.ts';
import { type CompareTo, type Intent, type MetricId, type Period, STOCK_MONTHS } from '../intent.ts';
import { buildFreeSql } from './free-sql.ts';

export interface PlannedCall {
  name: string;
  input: Record<string, unknown>;
  /** Keys the tool's schema had no place for. */
  dropped: string[];
}

/** The PeriodSpec of src/tools/filters.ts: "2025-07", "2025-Q2", "2025", a day, or {from, to}. */
export function periodSpec(p: Period): string | { from: string; to: string } {
  const s = dayParts(p.start);
  if (p.grain === 'month' && s.d === 1) return p.start.slice(0, 7);
  if (p.grain === 'quarter' && s.d === 1 && (s.m - 1) % 3 === 0) return `${s.y}-Q${(s.m + 2) / 3}`;
  if (p.grain === 'year' && p.start.endsWith('-01-01')) return String(s.y);
  if (p.grain === 'day' && p.start === p.end) return p.start;
  return { from: p.start, to: p.end };
}

export function compareSpec(c: CompareTo | null): string | { from: string; to: string } | undefined {
  if (c === null) return undefined;
  return typeof c === 'string' ? c : periodSpec(c);
}

/** The concrete period compare_to names for the intent's period: a named period, a year back, or the one before. */
export function comparedSpan(i: Intent): { from: string; to: string } | null {
  const c = i.compare_to;
  if (!c) return null;
  const span = { from: i.period.start, to: i.period.end };
  if (typeof c !== 'string') return { from: c.start, to: c.end };
  if (c === 'previous_year') return shiftYears(span, -1);
  const months = { month: 1, quarter: 3, year: 12 }[i.period.grain as string];
  if (months && dayParts(span.from).d === 1)
    return { from: addMonthsTo(span.from, -months), to: addDaysTo(span.from, -1) };
  const len = dayCount(span.from, span.to);
  return { from: addDaysTo(span.from, -len), to: addDaysTo(span.from, -1) };
}

/** What an analyst shows beside the metric asked about. */
const COMPANIONS: Partial<Record<MetricId, MetricId[]>> = {
  net_sales: ['orders', 'aov'],
  orders: ['net_sales', 'aov'],
  aov: ['net_sales', 'orders'],
  units: ['net_sales', 'orders'],
  conversion_rate: ['sessions', 'orders'],
  sessions: ['conversion_rate'],
  return_rate: ['refunds'],
  refunds: ['return_rate'],
  gross_margin: ['net_sales'],
  discount_rate: ['net_sales'],
  discounts: ['discount_rate', 'net_sales'],
  new_customer_share: ['orders'],
};

function filterInput(i: Intent): Record<string, unknown> {
  const f = i.filters;
  return {
    channel: f.channel,
    country: f.country,
    category: f.category,
    device: f.device,
    source: f.source,
    source_type: f.source_type,
    customer_type: f.customer_type,
  };
}

/** Analyses over customers and campaigns need more than a month when none was named. */
function broadPeriod(i: Intent): string | { from: string; to: string } {
  return i.periodDefaulted ? 'last_12_months' : periodSpec(i.period);
}

function scope(i: Intent, withCompare: boolean): Record<string, unknown> {
  return {
    period: periodSpec(i.period),
    ...(withCompare ? { compare_to: compareSpec(i.compare_to) } : {}),
    ...filterInput(i),
  };
}

type Raw = { name: string; input: Record<string, unknown> };

/**
 * "stock-outs by month in 2025", "每个月缺货的SKU数": stock_status counts a period's stock-outs as one, so each
 * calendar month of the period is its own call (the first and last clipped to the period).
 */
function stockByMonth(i: Intent): Raw[] | null {
  if (i.granularity !== 'month') return null;
  const months = bucketRanges({ from: i.period.start, to: i.period.end }, 'month');
  if (months.length < 2 || months.length > STOCK_MONTHS) return null;
  return months.map((b) => {
    const last = addDaysTo(b.hi, -1);
    const whole = b.lo === b.key && last === addDaysTo(addMonthsTo(b.key, 1), -1);
    const period = periodSpec({ start: b.lo, end: last, grain: whole ? 'month' : 'range' });
    return { name: 'stock_status', input: { ...filterInput(i), period } };
  });
}

function raw(i: Intent, has: (n: string) => boolean): Raw[] {
  return metricCalls(i, has) ?? analysisCalls(i, has);
}

/** Questions about a metric: its value, split, series, ranking or change. Null for other kinds. */
function metricCalls(i: Intent, has: (n: string) => boolean): Raw[] | null {
  const metrics = [...new Set([...i.metrics, ...(COMPANIONS[i.metric] ?? [])])].slice(0, 4);
  const compare: Raw = {
    name: 'compare_periods',
    input: { metrics: [i.metric, ...metrics.filter((m) => m !== i.metric)], ...scope(i, true) },
  };
  // A share asked of one segment: every row listed, so the segment is never folded into "Other".
  const by = (dimension: string): Raw => ({
    name: 'breakdown',
    input: { metric: i.metric, dimension, ...scope(i, true), ...(i.share ? { limit: 50 } : {}) },
  });
  switch (i.kind) {
    case 'compare':
      return [compare];
    case 'breakdown': {
      // A share asked against another period: the split over that period too, whose own share finding states it.
      const then = i.share && i.shareCompared ? comparedSpan(i) : null;
      const split = by(i.dimension ?? 'channel');
      if (!then) return [split];
      const { compare_to: _, ...rest } = split.input;
      return [split, { name: 'breakdown', input: { ...rest, period: then } }];
    }
    case 'trend':
      return [
        { name: 'sales_trend', input: { metrics: [i.metric], grain: i.granularity ?? 'day', ...scope(i, false) } },
      ];
    case 'top':
      if (i.dimension === 'category' || i.dimension === 'subcategory') return [by(i.dimension)];
      // Ranking by change: the tool ranks by change, so a product that fell to zero is among the drops.
      if (i.rankBy === 'change')
        return [
          {
            name: 'top_products',
            // "Which products stopped selling": a wide slice, the answer keeps the ones at zero.
            input: {
              metric: i.metric,
              n: i.toZero ? 50 : (i.topN ?? 10),
              order: i.order,
              // By relative change every product at zero (−100 %) comes first, however little it sold.
              rank_by: i.toZero ? 'change_pct' : 'change',
              ...scope(i, true),
            },
          },
        ];
      return [
        { name: 'top_products', input: { metric: i.metric, n: i.topN ?? 10, order: i.order, ...scope(i, true) } },
      ];
    case 'why':
      if (has('explain_change')) {
        const premise = i.claim === 'down' ? 'drop' : i.claim === 'up' ? 'rise' : undefined;
        return [{ name: 'explain_change', input: { metric: i.metric, ...scope(i, true), premise } }];
      }
      return whyFallback(i);
    default:
      return null;
  }
}

/** The analyses with a tool of their own, and the queries run_sql runs. */
function analysisCalls(i: Intent, has: (n: string) => boolean): Raw[] {
  switch (i.kind) {
    case 'funnel':
      return [
        {
          name: 'funnel',
          input: {
            by:
              i.dimension === 'source' || i.dimension === 'source_type' || i.dimension === 'device'
                ? i.dimension
                : undefined,
            ...scope(i, false),
          },
        },
      ];
    case 'campaigns':
      return [
        {
          name: 'campaign_performance',
          input: { ...filterInput(i), period: broadPeriod(i), ...(i.campaign ? { campaign: i.campaign } : {}) },
        },
      ];
    case 'price':
      return [{ name: 'price_change_impact', input: { ...filterInput(i), period: broadPeriod(i) } }];
    case 'stock':
      return stockByMonth(i) ?? [{ name: 'stock_status', input: { ...scope(i, false), n: i.topN ?? undefined } }];
    case 'customers':
      return [
        {
          name: 'customer_mix',
          input: { by: i.dimension && i.dimension !== 'customer_type' ? i.dimension : undefined, ...scope(i, true) },
        },
      ];
    case 'cohort':
      return [{ name: 'cohort_retention', input: { ...filterInput(i), period: broadPeriod(i) } }];
    case 'rfm':
      return [{ name: 'rfm_segments', input: { ...filterInput(i), period: broadPeriod(i) } }];
    case 'returns':
      return [
        {
          name: 'returns_analysis',
          input: {
            by: i.dimension === 'product' ? 'product' : 'category',
            ...scope(i, true),
            ...(i.reasons?.length ? { reasons: i.reasons } : {}),
          },
        },
      ];
    case 'schema':
      return [{ name: 'describe_schema', input: {} }];
    case 'free_sql':
      if (i.free && has('run_sql')) return [{ name: 'run_sql', input: { sql: buildFreeSql(i.free, i).sql } }];
      // Sales or orders per quarter have a template too: a role without run_sql gets the quarterly trend.
      if (i.free?.subject === 'orders' && i.free.by === 'quarter' && has('sales_trend'))
        return [{ name: 'sales_trend', input: { metrics: [i.metric], grain: 'quarter', ...scope(i, false) } }];
      return [];
    case 'pasted_sql':
      // Run as written: run_sql's guard is the judge. Without run_sql (a viewer) the answer says who can run it.
      return i.sql && has('run_sql') ? [{ name: 'run_sql', input: { sql: i.sql } }] : [];
    default:
      return [];
  }
}

/** Without explain_change: the change itself, then where it happened. */
export function whyFallback(i: Intent): Raw[] {
  const s = {
    period: periodSpec(i.period),
    compare_to: compareSpec(i.compare_to) ?? 'previous_period',
    ...filterInput(i),
  };
  const metrics = [i.metric, ...(COMPANIONS[i.metric] ?? [])];
  const out: Raw[] = [{ name: 'compare_periods', input: { metrics, ...s } }];
  if (!i.filters.channel) out.push({ name: 'breakdown', input: { metric: i.metric, dimension: 'channel', ...s } });
  out.push({
    name: 'breakdown',
    input: { metric: i.metric, dimension: i.filters.category ? 'product' : 'category', ...s },
  });
  return out;
}

/** Kinds whose own tool is missing fall back to the closest one offered. */
function substitute(r: Raw, i: Intent, has: (n: string) => boolean): Raw[] {
  if (has(r.name)) return [r];
  if (r.name === 'compare_periods' && has('sales_trend'))
    return [
      {
        name: 'sales_trend',
        input: { metrics: [i.metric], grain: 'month', period: r.input.period, ...filterInput(i) },
      },
    ];
  if (r.name === 'customer_mix' && has('breakdown')) {
    return [
      {
        name: 'breakdown',
        input: {
          metric: i.metric === 'net_sales' ? 'orders' : i.metric,
          dimension: 'customer_type',
          ...scope(i, true),
        },
      },
    ];
  }
  if (r.name === 'returns_analysis' && has('breakdown')) {
    return [
      { name: 'breakdown', input: { metric: 'return_rate', dimension: r.input.by ?? 'category', ...scope(i, true) } },
    ];
  }
  if (r.name === 'top_products' && has('breakdown'))
    return [{ name: 'breakdown', input: { metric: i.metric, dimension: 'product', ...scope(i, true) } }];
  if (
    r.name !== 'compare_periods' &&
    r.name !== 'breakdown' &&
    (i.kind === 'trend' || i.kind === 'breakdown' || i.kind === 'why') &&
    has('compare_periods')
  ) {
    return [{ name: 'compare_periods', input: { metrics: [i.metric], ...scope(i, true) } }];
  }
  return [];
}

export function plan(i: Intent, tools: ToolSpec[]): PlannedCall[] {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const has = (n: string) => byName.has(n);
  return raw(i, has)
    .flatMap((r) => substitute(r, i, has))
    .map((r) => fit(r, byName.get(r.name)!))
    .flatMap((c) => {
      // top_products would quietly rank by its default metric instead of one it does not take (discounts...):
      // breakdown by product takes every metric.
      if (c.name === 'top_products' && c.dropped.includes('metric') && has('breakdown')) {
        const r: Raw = { name: 'breakdown', input: { metric: i.metric, dimension: 'product', ...scope(i, true) } };
        return [fit(r, byName.get('breakdown')!)];
      }
      // explain_change would quietly explain its default metric instead of one it does not take (margin, refunds...).
      if (c.name !== 'explain_change' || !c.dropped.includes('metric')) return [c];
      return whyFallback(i)
        .filter((r) => has(r.name))
        .map((r) => fit(r, byName.get(r.name)!));
    });
}

export function fit(r: Raw, spec: ToolSpec): PlannedCall {
  const { input, dropped } = fitInput(r.input, spec.inputSchema);
  return { name: r.name, input, dropped };
}
