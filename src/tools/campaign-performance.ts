// campaign_performance: per campaign, attributed orders and sales, budget, ROAS/ROI, and the lift in daily
// net sales during the campaign against a non-campaign baseline right before it.
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import { barChart } from './charts.ts';
import {
  bounds,
  filterShape,
  noteLines,
  resolveScope,
  scopeLine,
  type FilterInput,
  type Filters,
  type Scope,
} from './filters.ts';
import { extremeOf, rankingOf, rateOf } from './findings.ts';
import { formatValue, NOT_CANCELLED, roundUnit } from './metrics.ts';
import { QueryLog } from './query-log.ts';
import { addDaysTo, dayCount, maxDay, minDay } from '../calendar/index.ts';
import { dayOf, type Dialect } from './sql/dialect.ts';
import { orderConditions } from './sql/filter-sql.ts';
import { and, list, raw, sql } from './sql/fragment.ts';
import type { Finding } from '../protocol/index.ts';
import type { DataRange, Tool, ToolResult } from './types.ts';
import { attributedRollupSql, dailySalesRollupSql } from './sql/campaign-rollup-sql.ts';
import { rollupFor, type RollupAt } from '../rollup/coverage.ts';

export const BASELINE_DAYS = 28;
/**
 * On MariaDB the attribution (a chain of index lookups per mapped order: 31k orders for a year's campaigns at
 * scale 20) runs as this many statements over disjoint orders, side by side on their own connections and threads.
 */
const ATTRIBUTION_SHARES = 2;
const MIN_CLEAN_DAYS = 7;

export const CampaignPerformanceInput = z.strictObject({
  ...filterShape,
  baseline_days: z
    .number()
    .int()
    .min(7)
    .max(90)
    .optional()
    .describe(`Days before each campaign used as its baseline (default ${BASELINE_DAYS}).`),
});
export type CampaignPerformanceInput = z.infer<typeof CampaignPerformanceInput>;

/** All campaigns (a small table): needed whole so baselines can skip days when any campaign ran. */
export function campaignsQuery() {
  return sql`SELECT campaign_id, campaign_name, campaign_type, channel, start_date, end_date, budget FROM marketing_campaigns ORDER BY campaign_id`;
}

/** One of `of` disjoint shares of the mapped orders (by order id), so the shares can run side by side. */
export interface Share {
  index: number;
  of: number;
}

/** Orders attributed through order_campaign_map, with their cost of goods for ROI; one share of them if given. */
export function attributedQuery(ids: number[], f: Filters, share?: Share) {
  const scoped = orderConditions(f, { lines: true });
  const conds = [ids.length ? sql`m.campaign_id IN ${list(ids)}` : raw('1 = 0'), NOT_CANCELLED, ...scoped.conds];
  if (share && share.of > 1) conds.push(sql`m.order_id % ${share.of} = ${share.index}`);
  return {
    fragment: sql`SELECT m.campaign_id, COUNT(DISTINCT o.order_id) AS orders,
      SUM(oi.quantity * oi.unit_price - oi.discount) AS net_sales, SUM(oi.discount) AS discounts, SUM(oi.quantity * p.cost) AS cogs
      FROM order_campaign_map m JOIN orders o ON o.order_id = m.order_id JOIN order_items oi ON oi.order_id = o.order_id
      JOIN products p ON p.product_id = oi.product_id
      WHERE ${and(conds)}
      GROUP BY m.campaign_id`,
    caveats: scoped.caveats,
  };
}

const ATTRIBUTED_SUMS = ['net_sales', 'discounts', 'cogs'] as const;

/**
 * The shares' rows added up per campaign: an order lies in one share, so its counts and sums add. Money is added
 * in whole cents (each share's sum is exact to the cent), so the total is the number one statement would give.
 */
export function addShares(shares: Row[][]): Map<number, Row> {
  const cents = new Map<number, { orders: number; sums: number[] }>();
  for (const r of shares.flat()) {
    const id = Number(r.campaign_id);
    const acc = cents.get(id) ?? { orders: 0, sums: ATTRIBUTED_SUMS.map(() => 0) };
    acc.orders += Number(r.orders ?? 0);
    ATTRIBUTED_SUMS.forEach((k, i) => (acc.sums[i]! += Math.round(Number(r[k] ?? 0) * 100)));
    cents.set(id, acc);
  }
  return new Map(
    [...cents].map(([id, a]) => [
      id,
      {
        campaign_id: id,
        orders: a.orders,
        ...Object.fromEntries(ATTRIBUTED_SUMS.map((k, i) => [k, a.sums[i]! / 100])),
      },
    ]),
  );
}

/** Daily net sales by channel over a range, for lift and baselines. */
export function dailySalesQuery(range: { from: string; to: string }, f: Filters, dialect: Dialect) {
  const [lo, hi] = bounds(range);
  const lines = Boolean(f.category);
  const scoped = orderConditions(f, { lines });
  const amount = lines ? raw('oi.quantity * oi.unit_price - oi.discount') : raw('o.total_amount');
  const day = dayOf(dialect, raw('o.order_date'));
  return {
    fragment: sql`SELECT ${day} AS day, o.channel AS channel, SUM(${amount}) AS net_sales
      FROM orders o${raw(lines ? ' JOIN order_items oi ON oi.order_id = o.order_id' : '')}
      WHERE ${and([sql`o.order_date >= ${lo} AND o.order_date < ${hi}`, NOT_CANCELLED, ...scoped.conds])}
      GROUP BY ${day}, o.channel`,
    caveats: scoped.caveats,
  };
}

export interface Campaign {
  campaign_id: number;
  campaign_name: string;
  campaign_type: string;
  channel: string | null;
  start_date: string;
  end_date: string;
  budget: number;
}

export function toCampaigns(rows: Row[]): Campaign[] {
  return rows.map((r) => ({
    campaign_id: Number(r.campaign_id),
    campaign_name: String(r.campaign_name),
    campaign_type: String(r.campaign_type),
    channel: (r.channel as string | null) ?? null,
    start_date: String(r.start_date).slice(0, 10),
    end_date: String(r.end_date).slice(0, 10),
    budget: Number(r.budget),
  }));
}

/** Lower case, punctuation and spacing folded, so "Summer-Splash 2025" and "summer splash 2025" are one name. */
const fold = (s: string) =>
  ` ${s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/**
 * The campaigns a name asked for names: the exact name; else every campaign whose name holds the asked words
 * (or is held by them), so "Summer Splash" finds each year's. Of several, those running in the period win.
 */
export function matchCampaigns(all: Campaign[], name: string, period: { from: string; to: string }): Campaign[] {
  const q = fold(name);
  if (!q.trim()) return [];
  const exact = all.filter((c) => fold(c.campaign_name) === q);
  if (exact.length) return exact;
  const words = q.trim().split(' ');
  const hits = all.filter((c) => {
    const n = fold(c.campaign_name);
    return n.includes(q) || q.includes(n) || words.every((w) => n.includes(` ${w} `));
  });
  const running = hits.filter((c) => c.start_date <= period.to && c.end_date >= period.from);
  return running.length ? running : hits;
}

export function selectCampaigns(
  all: Campaign[],
  period: { from: string; to: string },
  campaign: number | string | undefined,
): Campaign[] {
  if (typeof campaign === 'string') return matchCampaigns(all, campaign, period);
  return all.filter((c) =>
    campaign !== undefined ? c.campaign_id === campaign : c.start_date <= period.to && c.end_date >= period.from,
  );
}

/** Lift and baseline for one campaign from a daily series; pure so it is tested without a database. */
export function liftOf(
  c: Campaign,
  all: Campaign[],
  daily: Map<string, number>,
  data: DataRange,
  baselineDays: number,
) {
  const from = maxDay(c.start_date, data.minDate);
  const to = minDay(c.end_date, data.maxDate);
  const sales = (d: string) => daily.get(d) ?? 0;
  if (from > to)
    return {
      campaign_daily: null,
      baseline_daily: null,
      lift: null,
      incremental_sales: null,
      baseline_days: 0,
      baseline_note: 'campaign outside the data',
    };
  let during = 0;
  const days = dayCount(from, to);
  for (let d = from; d <= to; d = addDaysTo(d, 1)) during += sales(d);
  const window: string[] = [];
  for (let i = baselineDays; i >= 1; i--) {
    const d = addDaysTo(c.start_date, -i);
    if (d >= data.minDate && d <= data.maxDate) window.push(d);
  }
  const others = all.filter((o) => o.campaign_id !== c.campaign_id);
  const clean = window.filter((d) => !others.some((o) => o.start_date <= d && o.end_date >= d));
  let base = clean;
  let note = `${clean.length} campaign-free days before the start`;
  if (clean.length < MIN_CLEAN_DAYS) {
    base = window;
    note = window.length
      ? `only ${clean.length} campaign-free days before the start, so all ${window.length} days before it are used`
      : 'no data before the start: no baseline';
  }
  const campaignDaily = during / days;
  const baselineDaily = base.length ? base.reduce((a, d) => a + sales(d), 0) / base.length : null;
  const lift = baselineDaily ? campaignDaily / baselineDaily - 1 : null;
  return {
    campaign_daily: roundUnit('money', campaignDaily),
    baseline_daily: baselineDaily === null ? null : roundUnit('money', baselineDaily),
    lift: lift === null ? null : roundUnit('ratio', lift),
    incremental_sales: baselineDaily === null ? null : roundUnit('money', (campaignDaily - baselineDaily) * days),
    baseline_days: base.length,
    baseline_note: note,
  };
}

const COLUMNS = [
  'campaign_id',
  'campaign_name',
  'campaign_type',
  'channel',
  'start_date',
  'end_date',
  'budget',
  'orders',
  'net_sales',
  'discounts',
  'roas',
  'roi',
  'campaign_daily',
  'baseline_daily',
  'lift',
  'incremental_sales',
  'baseline_days',
  'baseline_note',
  'lift_measured_on',
];

export const campaignPerformance: Tool<typeof CampaignPerformanceInput> = {
  name: 'campaign_performance',
  description:
    'Marketing campaigns that ran in the period (or one campaign by id/name): dates, budget, attributed orders and net sales ' +
    '(order_campaign_map), ROAS (attributed net sales ÷ budget), ROI ((attributed net sales − cost of goods − budget) ÷ budget), and lift: ' +
    "average daily net sales during the campaign vs a baseline of campaign-free days just before it (on the campaign's channel when it has one). " +
    'Use for "did the campaign work", "which campaign had the best ROI". Default period: last_90_days.',
  inputSchema: CampaignPerformanceInput,
  async run(input, ctx) {
    const scope = resolveScope(input as Partial<FilterInput>, ctx.data, { period: 'last_90_days', compare: 'none' });
    const log = new QueryLog(ctx);
    const cq = campaignsQuery();
    const all = toCampaigns(await log.run(cq.sql, cq.params, 'campaigns'));
    const chosen = selectCampaigns(all, scope.period, scope.filters.campaign);
    const baselineDays = input.baseline_days ?? BASELINE_DAYS;
    if (!chosen.length) return noCampaignResult(scope, log);
    // Attribution follows the campaign, not the period; the campaign filter has already chosen which ones.
    const f: Filters = { ...scope.filters, campaign: undefined };
    const ids = chosen.map((c) => c.campaign_id);
    const rollup = await rollupFor(ctx.db);
    const fromRollup = rollup ? attributedRollupSql(ids, f, rollup, ctx.data) : null;
    const shares = ctx.db.engine === 'mysql' && !fromRollup ? ATTRIBUTION_SHARES : 1;
    const aqs = Array.from({ length: shares }, (_, index) => attributedQuery(ids, f, { index, of: shares }));
    const range = salesRange(chosen, baselineDays, ctx.data);
    const daily = dailySalesStatement(range, f, ctx.db.engine, rollup);
    // Attribution and the daily series are independent: side by side they cost the slower of them.
    const results = await log.runAll([
      ...(fromRollup
        ? [{ ...fromRollup, label: 'attributed orders, daily rollup' }]
        : aqs.map((q, i) => ({
            ...q.fragment,
            label: shares > 1 ? `attributed orders, ${i + 1} of ${shares}` : 'attributed orders',
          }))),
      ...(daily.query ? [daily.query] : []),
    ]);
    const attributed = addShares(results.slice(0, shares));
    const dailyRows = daily.query ? results[shares] : [];
    const aq = aqs[0]!;
    const sales = foldDailySales(dailyRows!, daily);
    const notes = [...sales.caveats];
    const lift: LiftInputs = {
      all,
      sales,
      data: ctx.data,
      baselineDays,
      channelFiltered: Boolean(scope.filters.channel),
    };
    const rows: Row[] = chosen.map((c) => campaignRow(c, attributed.get(c.campaign_id), lift));
    rows.sort(
      (x, y) =>
        String(x.start_date).localeCompare(String(y.start_date)) || Number(x.campaign_id) - Number(y.campaign_id),
    );
    notes.push(
      'attributed = orders linked in order_campaign_map; lift compares all daily net sales, so it includes unattributed effects',
      'ROAS = attributed net sales ÷ budget; ROI = (attributed net sales − cost of goods − budget) ÷ budget',
    );
    const cogs = new Map(chosen.map((c) => [c.campaign_name, Number(attributed.get(c.campaign_id)?.cogs ?? 0)]));
    return {
      columns: COLUMNS,
      rows,
      queries: log.queries,
      summary: [
        ...summaryLines(rows, scope),
        ...noteLines(scope, [...aq.caveats, ...notes]),
        ...(sales.rollupThrough ? [`Read from the daily rollup; data through ${sales.rollupThrough}.`] : []),
      ].join('\n'),
      findings: campaignFindings(rows, cogs, scope.period.label),
      charts: [
        barChart({
          title: { en: 'Lift in daily net sales vs baseline', zh: '日均销售额相对基线的提升' },
          rows,
          category: { field: 'campaign_name' },
          names: true,
          value: { field: 'lift', format: '+.1%' },
        }),
      ],
      untrustedText: true,
    };
  },
};

function noCampaignResult(scope: Scope, log: QueryLog): ToolResult {
  const which =
    scope.filters.campaign !== undefined
      ? `matches "${scope.filters.campaign}"`
      : `ran in ${scope.period.label} (${scope.period.from} to ${scope.period.to})`;
  return {
    columns: [],
    rows: [],
    queries: log.queries,
    charts: [],
    summary: [`No campaign ${which}.`, ...noteLines(scope)].join('\n'),
    untrustedText: true,
  };
}

/** From the earliest baseline day to the latest campaign day, clipped to the data, so one query serves all. */
function salesRange(chosen: Campaign[], baselineDays: number, data: DataRange): { from: string; to: string } {
  const firstStart = chosen.reduce((a, c) => minDay(a, c.start_date), chosen[0]!.start_date);
  const lastEnd = chosen.reduce((a, c) => maxDay(a, c.end_date), chosen[0]!.end_date);
  return {
    from: maxDay(addDaysTo(firstStart, -baselineDays), data.minDate),
    to: minDay(lastEnd, data.maxDate),
  };
}

interface DailySales {
  byChannel: Map<string, Map<string, number>>;
  /** Summed over every channel in the filter. */
  total: Map<string, number>;
  caveats: string[];
  /** Set when the series came from the daily rollup: the last day it holds. */
  rollupThrough: string | null;
}

/** The daily series' statement, or none when every chosen campaign lies outside the data. */
function dailySalesStatement(
  range: { from: string; to: string },
  f: Filters,
  engine: Dialect,
  rollup: RollupAt | null,
) {
  if (range.from > range.to) return { query: null, caveats: [], rollupThrough: null };
  const dq = dailySalesQuery(range, f, engine);
  const fromRollup = rollup ? dailySalesRollupSql(range, f, rollup) : null;
  const q = fromRollup ?? dq.fragment;
  return {
    query: { sql: q.sql, params: q.params, label: fromRollup ? 'daily net sales, daily rollup' : 'daily net sales' },
    caveats: dq.caveats,
    rollupThrough: fromRollup ? rollup!.through : null,
  };
}

/** Rows day, channel, net_sales as a series per channel and one summed over them. */
function foldDailySales(rows: Row[], from: { caveats: string[]; rollupThrough: string | null }): DailySales {
  const byChannel = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  for (const r of rows) {
    const d = String(r.day);
    const v = Number(r.net_sales ?? 0);
    total.set(d, (total.get(d) ?? 0) + v);
    const ch = String(r.channel);
    if (!byChannel.has(ch)) byChannel.set(ch, new Map());
    byChannel.get(ch)!.set(d, (byChannel.get(ch)!.get(d) ?? 0) + v);
  }
  return { byChannel, total, caveats: from.caveats, rollupThrough: from.rollupThrough };
}

interface LiftInputs {
  all: Campaign[];
  sales: DailySales;
  data: DataRange;
  baselineDays: number;
  /** A channel filter already narrows the series, so the campaign's own channel is not applied on top. */
  channelFiltered: boolean;
}

function campaignRow(c: Campaign, a: Row | undefined, lift: LiftInputs): Row {
  const net = roundUnit('money', a?.net_sales ?? 0)!;
  const cogs = Number(a?.cogs ?? 0);
  const useChannel = c.channel && !lift.channelFiltered;
  const series = useChannel ? (lift.sales.byChannel.get(c.channel!) ?? new Map()) : lift.sales.total;
  const l = liftOf(c, lift.all, series, lift.data, lift.baselineDays);
  return {
    campaign_id: c.campaign_id,
    campaign_name: c.campaign_name,
    campaign_type: c.campaign_type,
    channel: c.channel ?? 'all',
    start_date: c.start_date,
    end_date: c.end_date,
    budget: roundUnit('money', c.budget),
    orders: Number(a?.orders ?? 0),
    net_sales: net,
    discounts: roundUnit('money', a?.discounts ?? 0),
    roas: c.budget ? roundUnit('ratio', net / c.budget) : null,
    roi: c.budget ? roundUnit('ratio', (net - cogs - c.budget) / c.budget) : null,
    lift_measured_on: useChannel ? c.channel : 'all channels in the filter',
    ...l,
  };
}

export const EARNED_BACK = 'earned back its budget (ROAS ≥ 1)';

/**
 * Each campaign's ROAS and ROI as rates of its budget, whether it earned its budget back, and (of two or more)
 * the campaigns ranked by ROAS with the highest and the lowest: "which campaign had the best ROAS" is read here.
 */
export function campaignFindings(rows: Row[], cogs: Map<string, number>, period?: string): Finding[] {
  const out: Finding[] = [];
  const budgeted = rows.filter((r) => Number(r.budget) > 0);
  for (const r of budgeted) {
    const name = String(r.campaign_name);
    const net = Number(r.net_sales ?? 0);
    const budget = Number(r.budget);
    const common = { period, denominator: 'budget' };
    const roas = rateOf(name, net, budget, { ...common, metric: 'roas', numerator: 'attributed net sales' });
    const profit = roundUnit('money', net - (cogs.get(name) ?? 0) - budget);
    const roi = rateOf(name, profit, budget, {
      ...common,
      metric: 'roi',
      numerator: 'attributed net sales − cost of goods − budget',
    });
    for (const f of [roas, roi]) if (f) out.push(f);
  }
  const earned = budgeted.filter((r) => Number(r.net_sales ?? 0) >= Number(r.budget));
  if (budgeted.length)
    out.push({
      kind: 'threshold',
      metric: 'roas',
      period,
      condition: EARNED_BACK,
      holds: earned.length > 0,
      items: earned.map((r) => String(r.campaign_name)),
    });
  if (budgeted.length > 1) {
    const opts = { metric: 'roas', period };
    out.push(
      rankingOf(budgeted, 'campaign_name', 'roas', { ...opts, by: 'campaign' }),
      ...extremeOf(budgeted, 'campaign_name', 'roas', { ...opts, over: 'campaign' }),
    );
  }
  return out;
}

function summaryLines(rows: Row[], scope: Scope): string[] {
  const pct = (v: unknown) => formatValue('ratio', v as number | null);
  const money = (v: unknown) => formatValue('money', v as number | null);
  return [
    `${rows.length} campaign(s), ${scopeLine(scope)}.`,
    ...rows
      .slice(0, 10)
      .map(
        (r) =>
          `- ${r.campaign_name} (${r.start_date} to ${r.end_date}, ${r.channel}): budget ${money(r.budget)}, ${r.orders} attributed orders, net sales ${money(r.net_sales)}, ROAS ${r.roas === null ? 'n/a' : `${(r.roas as number).toFixed(2)}×`}, ROI ${pct(r.roi)}, lift ${pct(r.lift)} vs baseline ${money(r.baseline_daily)}/day (${r.baseline_note})`,
      ),
  ];
}
