// explain_change: why a metric moved between two periods. The change and how unusual it is for the
// season, a driver decomposition that adds up to it, where it happened (segment search on a cube
// taken with two grouped queries), what happened then (events found in the data, each with its
// evidence query) and the ranked causes. The model tells the story; every number comes from here.
import { z } from 'zod';
import { additiveCube, ratioCube } from '../analysis/cube.ts';
import { searchSegments, type SegmentSearchResult } from '../analysis/segment-search.ts';
import { TidelensError } from '../errors.ts';
import { waterfallChart } from './charts.ts';
import { rankCauses, type Cause } from './explain/causes.ts';
import {
  additiveView, conversionView, growthOutside, lineTable, ratioView, runRateTable, segmentMask, sessionTable, totals, type Growth, type LeafTable,
  type MetricView, type ProductInfo, type Segment, type SourceInfo,
} from './explain/cube.ts';
import { lineCubeQuery, PRODUCTS_SQL, runRateCubeQuery, sessionCubeQuery, SOURCES_SQL } from './explain/cube-sql.ts';
import { decomposeDrivers } from './explain/drivers.ts';
import { modelData, rounder, share, shortMethod } from './explain/model-data.ts';
import { CAMPAIGN_LABEL, campaignQuery, detectCampaigns } from './explain/detect/campaigns.ts';
import { CHANNEL_LABEL, dailyChannelQuery, detectQuietChannels, outageEffect } from './explain/detect/channels.ts';
import { detectPriceChanges, PRICE_LABEL, priceQuery, type Catalogue } from './explain/detect/prices.ts';
import { detectStockouts, STOCKOUT_LABEL, stockoutQuery } from './explain/detect/stockouts.ts';
import { estimateStockouts } from './explain/stockout-estimate.ts';
import { detectRatingDrops, detectReturnSpikes, RATINGS_LABEL, ratingsQuery, RETURNS_LABEL, returnsQuery } from './explain/detect/quality.ts';
import type { DetectedEvent, Window } from './explain/detect/types.ts';
import { runRate, type RunRate } from './explain/run-rate.ts';
import { alignDay, trendWithEvents } from './explain/trend-chart.ts';
import { filterShape, noteLines, resolveScope, scopeLine, type FilterInput, type Scope } from './filters.ts';
import { formatValue, METRICS, type MetricId } from './metrics.ts';
import { formatOf } from './charts.ts';
import { QueryLog } from './query-log.ts';
import { addDaysTo, addMonthsTo, dayCount } from './sql/dates.ts';
import { orderConditions } from './sql/filter-sql.ts';
import { buildMetricQuery, metricColumn } from './sql/metric-query.ts';
import type { DataRange, Tool, ToolResult } from './types.ts';

export const EXPLAIN_METRICS = ['net_sales', 'orders', 'units', 'aov', 'conversion_rate', 'sessions', 'return_rate'] as const;
export type ExplainMetric = (typeof EXPLAIN_METRICS)[number];

export const ExplainChangeInput = z.strictObject({
  metric: z.enum(EXPLAIN_METRICS).optional().describe('What changed; default net_sales.'),
  ...filterShape,
  premise: z
    .enum(['drop', 'rise'])
    .optional()
    .describe('The direction the question assumes ("why did sales drop" = drop); the answer says when the data disagrees.'),
});
export type ExplainChangeInput = z.infer<typeof ExplainChangeInput>;

const CUBE_LABEL = 'cube: order lines by channel, product, country, device, traffic source, new/returning';
const RUN_RATE_CUBE_LABEL = 'run rate: order lines by channel, product, country and traffic source over the four months before the period';
/** Days before the period whose sales set an event segment's share of the rest: long enough to average a month's noise out. */
const RUN_RATE_DAYS = 122;
/** Metrics whose events can be held to the run-rate cube (additive over order lines). */
const RUN_RATE_METRICS: Record<string, 'net' | 'units' | 'orders'> = { net_sales: 'net', units: 'units', orders: 'orders' };
const SESSION_LABEL = 'cube: sessions by traffic source, country, device';

function lastYearSpan(p: { from: string; to: string }) {
  return { from: addMonthsTo(p.from, -12), to: addMonthsTo(p.to, -12) };
}

function inData(p: { from: string; to: string }, d: DataRange): boolean {
  return p.from >= d.minDate && p.to <= d.maxDate;
}

export function planScope(input: ExplainChangeInput, data: DataRange): Scope {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_month', compare: 'previous_period' });
  if (!scope.compare) {
    throw new TidelensError('bad_input', 'explain_change needs a comparison period: use compare_to previous_period (default), previous_year or an explicit period inside the data.');
  }
  return scope;
}

function viewFor(metric: ExplainMetric, lines: LeafTable, sessions: LeafTable): MetricView {
  const grain = 'order lines (orders counted as 1/lines of the order)';
  switch (metric) {
    case 'net_sales':
      return additiveView(lines, 'net', grain);
    case 'units':
      return additiveView(lines, 'units', grain);
    case 'orders':
      return additiveView(lines, 'orders', grain);
    case 'aov':
      return ratioView(lines, 'net', 'orders', grain);
    case 'return_rate':
      return ratioView(lines, 'returned_orders', 'orders', grain);
    case 'sessions':
      return additiveView(sessions, 'sessions', 'own-site sessions');
    case 'conversion_rate':
      return conversionView(lines, sessions);
  }
}

/** The analysis module's cube with the comparison scaled by the expected growth, so the search looks for what moved beyond it. */
function searchView(view: MetricView, g: Growth, perUnit: number): SegmentSearchResult | null {
  if (view.n === 0) return null;
  const dims = view.dimNames;
  const leaf = (i: number) => Object.fromEntries(dims.map((d, k) => [d, view.values[i]![k]!]));
  // Leaves of a few sessions or orders swing wildly by chance; the pseudo-count (ten units of the
  // measure) keeps them from looking like root causes.
  const unit = view.kind === 'additive' ? 10 * perUnit : 0;
  const opts = { maxLayer: view.n > 20_000 ? 2 : 3, maxElements: 6, adtributor: { k: 3 } as const, pseudoCount: unit, reliabilityCount: unit };
  if (view.kind === 'additive') {
    const leaves = Array.from({ length: view.n }, (_, i) => ({ dims: leaf(i), a: view.num.a[i]! * g.num, b: view.num.b[i]! }));
    return searchSegments(additiveCube(leaves, dims), opts);
  }
  const rate = g.num / g.den;
  const leaves = Array.from({ length: view.n }, (_, i) => ({
    dims: leaf(i), num_a: view.num.a[i]! * rate, den_a: view.den!.a[i]!, num_b: view.num.b[i]!, den_b: view.den!.b[i]!,
  }));
  return searchSegments(ratioCube(leaves, dims), opts);
}

function catalogue(products: Map<number, ProductInfo>): Catalogue {
  const skus = { category: new Map<string, string[]>(), subcategory: new Map<string, string[]>() };
  for (const p of products.values()) {
    skus.category.set(p.category, [...(skus.category.get(p.category) ?? []), p.sku]);
    skus.subcategory.set(p.subcategory, [...(skus.subcategory.get(p.subcategory) ?? []), p.sku]);
  }
  return {
    skuOf: (id) => products.get(id)?.sku ?? `product ${id}`,
    categoryOf: (id) => products.get(id)?.category ?? '(unknown)',
    subcategoryOf: (id) => products.get(id)?.subcategory ?? '(unknown)',
    skusIn: (level, name) => skus[level].get(name) ?? [],
  };
}

function segmentText(seg: Segment): string {
  const parts = Object.entries(seg).map(([d, v]) => `${d} = ${v.length > 4 ? `${v.slice(0, 4).join(', ')} (+${v.length - 4})` : v.join(', ')}`);
  return parts.length ? parts.join(' × ') : 'everything';
}

const round = (x: number, dp = 2) => Math.round(x * 10 ** dp) / 10 ** dp;

export async function runExplainChange(input: ExplainChangeInput, ctx: Parameters<Tool['run']>[1]): Promise<ToolResult> {
  const metric: ExplainMetric = input.metric ?? 'net_sales';
  const def = METRICS[metric as MetricId];
  const scope = planScope(input, ctx.data);
  const A = scope.compare!;
  const B = scope.period;
  const w: Window = { a: { from: A.from, to: A.to }, b: { from: B.from, to: B.to } };
  const log = new QueryLog(ctx);
  const dialect = ctx.db.engine;

  const lineQ = lineCubeQuery(w.a, w.b, scope.filters, { returns: metric === 'return_rate' });
  const sessQ = sessionCubeQuery(w.a, w.b, scope.filters);
  const lyA = lastYearSpan(w.a);
  const lyB = lastYearSpan(w.b);
  const withLastYear = inData(lyA, ctx.data) && inData(lyB, ctx.data);
  const lyQ = withLastYear ? buildMetricQuery({ metrics: [metric as MetricId], dims: [], periods: [lyB, lyA], filters: scope.filters }, dialect) : null;
  const trendQ = buildMetricQuery({ metrics: [metric as MetricId], dims: ['day'], periods: [w.b, w.a], filters: scope.filters }, dialect);
  const orderScope = orderConditions(scope.filters);

  const returnsQ = metric === 'return_rate' ? returnsQuery(w, orderConditions(scope.filters, { lines: true }).conds) : null;
  const preSpan = runRateSpan(w.b.from, ctx.data);
  const preQ = preSpan && (metric in RUN_RATE_METRICS || metric === 'return_rate') ? runRateCubeQuery(preSpan, scope.filters, { returns: metric === 'return_rate' }) : null;
  const [productRows, sourceRows, lineRows, sessionRows, lyRows, trendRows, stockRows, campaignRows, priceRows, dailyRows, ratingRows, returnRows, preRows] = await Promise.all([
    log.run(PRODUCTS_SQL, [], 'catalogue: products and categories'),
    log.run(SOURCES_SQL, [], 'catalogue: traffic sources'),
    log.run(lineQ.fragment.sql, lineQ.fragment.params, CUBE_LABEL),
    log.run(sessQ.fragment.sql, sessQ.fragment.params, SESSION_LABEL),
    lyQ ? log.run(lyQ.fragment.sql, lyQ.fragment.params, 'season: same months last year') : Promise.resolve([]),
    log.run(trendQ.fragment.sql, trendQ.fragment.params, 'daily trend'),
    log.run(stockoutQuery(w).sql, stockoutQuery(w).params, STOCKOUT_LABEL),
    log.run(campaignQuery(w).sql, campaignQuery(w).params, CAMPAIGN_LABEL),
    log.run(priceQuery(w).sql, priceQuery(w).params, PRICE_LABEL),
    log.run(dailyChannelQuery(w, dialect, orderScope.conds).sql, dailyChannelQuery(w, dialect, orderScope.conds).params, CHANNEL_LABEL),
    log.run(ratingsQuery(w).sql, ratingsQuery(w).params, RATINGS_LABEL),
    // Returns only move the return rate (net sales are before refunds), so only that question pays for them.
    returnsQ ? log.run(returnsQ.sql, returnsQ.params, RETURNS_LABEL) : Promise.resolve([]),
    preQ ? log.run(preQ.fragment.sql, preQ.fragment.params, RUN_RATE_CUBE_LABEL) : Promise.resolve(null),
  ]);

  const products = new Map<number, ProductInfo>(
    productRows.map((r) => [Number(r.product_id), {
      sku: String(r.sku), subcategory: String(r.subcategory ?? '(none)'), category: String(r.category ?? '(none)'),
      created: r.create_time === null || r.create_time === undefined ? undefined : String(r.create_time).slice(0, 10),
    }]),
  );
  const sources = new Map<number, SourceInfo>(
    sourceRows.map((r) => [Number(r.source_id), { name: String(r.source_name), type: String(r.source_type), campaignId: r.campaign_id === null ? null : Number(r.campaign_id) }]),
  );
  const alias = aliasYearlyCampaigns(sources, campaignRows);
  const lines = lineTable(lineRows, products, sources, metric === 'return_rate');
  const sessions = sessionTable(sessionRows, sources);
  const view = viewFor(metric, lines, sessions);
  const t = totals(view);

  let lastYear: Growth | null = null;
  if (lyRows[0]) {
    const b = Number(lyRows[0][metricColumn(metric as MetricId, 0)] ?? 0);
    const a = Number(lyRows[0][metricColumn(metric as MetricId, 1)] ?? 0);
    if (a > 0 && b > 0) lastYear = { num: b / a, den: 1 };
  }

  // ---- events found in the data ----
  const cat = catalogue(products);
  const salesA = new Map<number, number>();
  {
    const pd = lines.dimNames.indexOf('product');
    const skuToId = new Map([...products].map(([id, p]) => [p.sku, id]));
    for (let i = 0; i < lines.n; i++) {
      const id = skuToId.get(lines.values[i]![pd]!);
      if (id !== undefined) salesA.set(id, (salesA.get(id) ?? 0) + lines.measures.net!.a[i]!);
    }
  }
  const lenA = dayCount(w.a.from, w.a.to);
  const totalGrowth = growthOutside(additiveView(lines, 'net', ''), null).num;
  const sessBySource = new Map<string, { a: number; b: number }>();
  {
    const sd = sessions.dimNames.indexOf('source');
    for (let i = 0; i < sessions.n; i++) {
      const s = sessions.values[i]![sd]!;
      const cur = sessBySource.get(s) ?? { a: 0, b: 0 };
      cur.a += sessions.measures.sessions!.a[i]!;
      cur.b += sessions.measures.sessions!.b[i]!;
      sessBySource.set(s, cur);
    }
  }
  const events: DetectedEvent[] = [
    ...detectStockouts({
      rows: stockRows, window: w, skuOf: cat.skuOf, subcategoryOf: cat.subcategoryOf,
      dailySalesA: (id) => (salesA.get(id) ?? 0) / lenA, growth: totalGrowth,
    }),
    ...detectCampaigns(campaignRows, w, (s) => sessBySource.get(s) ?? { a: 0, b: 0 }, (s) => alias.get(s) ?? s),
    ...detectPriceChanges(priceRows, cat),
    ...detectQuietChannels(dailyRows, w, totalGrowth),
    ...detectReturnSpikes(returnRows, w, cat),
    ...detectRatingDrops(ratingRows, w, cat),
  ];

  const pre = preRows && preSpan ? runRateTable(preRows, products, sources, metric === 'return_rate') : null;
  const established = new Set(preSpan ? [...products.values()].filter((p) => p.created !== undefined && p.created <= preSpan.from).map((p) => p.sku) : []);
  if (pre) estimateStockouts({ metric, events, products, lines, pre, established, growth: totalGrowth });
  // The daily channel query counts whole orders: a category filter would count other lines too.
  const dailyMeasure = metric === 'orders' ? 'orders' : metric === 'net_sales' ? 'net' : null;
  if (dailyMeasure && !scope.filters.category) {
    const outages = events.filter((e) => e.kind === 'channel_outage');
    for (const e of outages) {
      const effect = outageEffect(dailyRows, w, e, outages, dailyMeasure);
      if (effect === null) continue;
      e.effect = effect;
      e.effectOverDays = true;
    }
  }

  // ---- where: segment search beyond the expected growth ----
  const eventMasks = events.map((e) => segmentMask(view, e.segment)).filter((m): m is Uint8Array => m !== null);
  const excluded = new Uint8Array(view.n);
  for (const m of eventMasks) for (let i = 0; i < view.n; i++) if (m[i]) excluded[i] = 1;
  const launched = launchedLeaves(view);
  if (launched) for (let i = 0; i < view.n; i++) if (launched[i]) excluded[i] = 1;
  // Elements that moved far from the rest (a traffic source halving) must not set the expectation.
  const setAside = outlierElements(view, excluded, perUnitNoise(metric, lines));
  for (let i = 0; i < view.n; i++) if (setAside.mask[i]) excluded[i] = 1;
  const perUnit = perUnitNoise(metric, lines);
  const g0 = growthOutside(view, excluded);
  const search = searchView(view, g0, perUnit);
  // '(marketplace)' as a traffic source only restates a marketplace channel.
  const segments: Segment[] = (search?.root_causes ?? []).map((s) =>
    Object.fromEntries(Object.entries(s.dims).filter(([d, v]) => !(d === 'source' && v === '(marketplace)' && s.dims.channel)).map(([d, v]) => [d, [v]])),
  );

  // Single-dimension outliers the search's leaf-level view can miss among noisy small leaves.
  for (const seg of setAside.segments) {
    const key = JSON.stringify(seg);
    if (!segments.some((x) => JSON.stringify(x) === key)) segments.push(seg);
  }

  // ---- causes ----
  let baseline: RunRate | null = null;
  const preView = !pre ? null : metric === 'return_rate' ? ratioView(pre, 'returned_orders', 'orders', '') : metric in RUN_RATE_METRICS ? additiveView(pre, RUN_RATE_METRICS[metric]!, '') : null;
  if (preView) {
    const campaignSources = new Set([...sources.values()].filter((s) => s.campaignId !== null).map((s) => s.name));
    baseline = runRate({
      view, pre: preView, from: w.b.from,
      established: (sku) => established.has(sku), campaignSource: (name) => campaignSources.has(name), eventSegments: events.map((e) => e.segment), perUnit,
    });
  }
  const ranking = rankCauses({
    runRate: baseline, native: metric === 'return_rate' ? ['returns_spike'] : [],
    view, events, segments, lastYear, perUnit, launched: excluded, volume: metric === 'orders' || metric === 'units', searchEvidence: metric === 'sessions' || metric === 'conversion_rate' ? SESSION_LABEL : CUBE_LABEL,
    segmentFacts: (seg): Record<string, number> => {
      const m = segmentMask(view, seg);
      if (!m) return {};
      const s = totals(view, m);
      return { a: round(s.a, 4), b: round(s.b, 4) };
    },
  });

  // ---- drivers ----
  const drivers = decomposeDrivers(metric, lines, sessions, search?.ratio_split ? { ...search.ratio_split, a: t.a, b: t.b } : undefined);

  // ---- output ----
  const unit = def.unit;
  const fmt = (v: number) => formatValue(unit, unit === 'count' ? Math.round(v) : v);
  const delta = t.b - t.a;
  const rel = t.a === 0 ? null : delta / Math.abs(t.a);
  const direction = delta > 0 ? ('up' as const) : delta < 0 ? ('down' as const) : ('flat' as const);
  const seasonalB = lastYear ? t.a * (view.kind === 'additive' ? lastYear.num : lastYear.num / lastYear.den) : null;
  const causes = ranking.causes;

  const r = rounder(unit);
  const change = {
    metric, label: def.label, a: r(t.a), b: r(t.b), delta: r(delta), relative: rel === null ? null : share(rel), direction,
    period: { from: B.from, to: B.to, label: B.label }, compare: { from: A.from, to: A.to, label: A.label },
    season: lastYear
      ? {
          last_year: { a: lyA, b: lyB, change: share((view.kind === 'additive' ? lastYear.num : lastYear.num / lastYear.den) - 1) },
          expected_b: r(seasonalB!),
          versus_season: r(t.b - seasonalB!),
        }
      : null,
  };

  const rows = causes.map((c, i) => ({
    rank: i + 1, kind: c.kind, segment: segmentText(c.segment), title: c.title,
    effect: c.effect === null ? null : r(c.effect), share: c.share === null ? null : share(c.share), confidence: c.confidence,
    evidence: c.evidence.query,
  }));

  const summary = summaryLines({ scope, metric, change, ranking, causes, drivers, unit, fmt, premise: input.premise, search });
  const charts = [
    waterfallChart({
      title: `${def.label}: ${A.label} → ${B.label} by driver`,
      startLabel: A.label,
      start: drivers.a,
      steps: drivers.steps.map((s) => ({ label: s.label, delta: s.contribution })),
      endLabel: B.label,
      format: formatOf(unit),
    }),
    trend(trendRows, metric, w, A.label, B.label, causes, formatOf(unit)),
  ];

  return {
    columns: ['rank', 'kind', 'segment', 'title', 'effect', 'share', 'confidence', 'evidence'],
    rows,
    queries: log.queries,
    summary,
    charts,
    data: modelData({
      view, unit, change, drivers, search, searchGrowth: g0.num / g0.den, events, causes,
      expectedB: ranking.expectedB, residual: ranking.residual, noClearCause: ranking.noClearCause, reason: ranking.reason,
    }),
  };
}

/** The run-rate window: the days before the period, inside the data; null when the data starts with the period. */
function runRateSpan(periodFrom: string, data: DataRange): { from: string; to: string } | null {
  const to = addDaysTo(periodFrom, -1);
  const from = addDaysTo(periodFrom, -RUN_RATE_DAYS);
  if (to < data.minDate) return null;
  return { from: from < data.minDate ? data.minDate : from, to };
}

/**
 * Yearly campaigns get a new traffic source each year ("… Summer Splash 2024", "… 2025"). When both
 * editions fall in the compared periods they are one source under one name, so a year-on-year
 * question sees the campaign running in both years rather than one ending and another starting.
 */
function aliasYearlyCampaigns(sources: Map<number, SourceInfo>, campaigns: Record<string, unknown>[]): Map<string, string> {
  const alias = new Map<string, string>();
  const yearless = (s: string) => s.replace(/\s*\b(19|20)\d{2}\b/g, '').trim();
  const byKey = new Map<string, Set<number>>();
  for (const c of campaigns) {
    const key = yearless(String(c.campaign_name));
    byKey.set(key, (byKey.get(key) ?? new Set()).add(Number(c.campaign_id)));
  }
  for (const ids of byKey.values()) {
    if (ids.size < 2) continue;
    for (const s of sources.values()) {
      if (s.campaignId === null || !ids.has(s.campaignId)) continue;
      const name = `${yearless(s.name)} (yearly)`;
      alias.set(s.name, name);
      s.name = name;
    }
  }
  return alias;
}

/**
 * Leaves of single-dimension elements (a source, a country, a channel) whose growth departs from the
 * rest by more than 15% and by more than 4 standard errors, and that carry at least 3% of the base.
 */
function outlierElements(view: MetricView, excluded: Uint8Array, perUnit: number): { mask: Uint8Array; segments: Segment[] } {
  const out = new Uint8Array(view.n);
  const segments: Segment[] = [];
  const part = view.den ?? view.num;
  for (let d = 0; d < view.dimNames.length; d++) {
    const a = new Map<string, number>();
    const b = new Map<string, number>();
    let ta = 0;
    let tb = 0;
    for (let i = 0; i < view.n; i++) {
      if (excluded[i]) continue;
      const v = view.values[i]![d]!;
      a.set(v, (a.get(v) ?? 0) + part.a[i]!);
      b.set(v, (b.get(v) ?? 0) + part.b[i]!);
      ta += part.a[i]!;
      tb += part.b[i]!;
    }
    if (a.size < 3 || ta <= 0) continue;
    for (const [v, ea] of a) {
      const eb = b.get(v) ?? 0;
      if (ea < 0.03 * ta) continue;
      // The rest's growth, without the element itself.
      const g = (tb - eb) / Math.max(ta - ea, 1e-9);
      const diff = eb - g * ea;
      const se = Math.sqrt((eb + g * g * ea) * (view.den ? 1 : perUnit));
      if (Math.abs(diff) > 0.15 * g * ea && Math.abs(diff) > 4 * se) {
        for (let i = 0; i < view.n; i++) if (view.values[i]![d] === v) out[i] = 1;
        segments.push({ [view.dimNames[d]!]: [v] });
      }
    }
  }
  return { mask: out, segments };
}

/** Leaves of products that sold nothing in the comparison period but sell in the current one. */
function launchedLeaves(view: MetricView): Uint8Array | null {
  const d = view.dimNames.indexOf('product');
  if (d < 0) return null;
  const soldA = new Set<string>();
  for (let i = 0; i < view.n; i++) if ((view.den ? view.den.a[i]! : view.num.a[i]!) > 0) soldA.add(view.values[i]![d]!);
  return Uint8Array.from({ length: view.n }, (_, i) => (soldA.has(view.values[i]![d]!) ? 0 : 1));
}

function perUnitNoise(metric: ExplainMetric, lines: LeafTable): number {
  if (metric === 'sessions' || metric === 'conversion_rate') return 1;
  const m = lines.measures;
  let value = 0;
  let count = 0;
  const key = metric === 'units' ? 'units' : metric === 'orders' || metric === 'return_rate' ? 'orders' : 'net';
  if (metric === 'return_rate') return 1;
  for (let i = 0; i < lines.n; i++) {
    value += m[key]!.a[i]! + m[key]!.b[i]!;
    count += m.line_count!.a[i]! + m.line_count!.b[i]!;
  }
  // Sum of a compound Poisson count: variance ≈ total × mean value × (1 + CV²); CV² ≈ 0.5 for line values.
  return count === 0 ? 1 : (value / count) * 1.5;
}

function trend(rows: Record<string, unknown>[], metric: ExplainMetric, w: Window, aLabel: string, bLabel: string, causes: Cause[], format: string) {
  const adjacent = addDaysTo(w.a.to, 1) === w.b.from;
  const points = rows
    .map((r) => {
      const day = String(r.k_day).slice(0, 10);
      const inB = day >= w.b.from && day <= w.b.to;
      const v = Number(r[metricColumn(metric as MetricId, inB ? 0 : 1)]);
      return { day: inB ? day : alignDay(day, w.a, w.b, adjacent), value: Number.isFinite(v) ? v : null, period: inB ? bLabel : aLabel };
    })
    .sort((x, y) => (x.day < y.day ? -1 : 1));
  const events = causes.filter((c) => c.start).map((c) => ({ day: c.start!, label: `${c.kind}: ${c.title}` }));
  return trendWithEvents({ title: `Daily ${METRICS[metric as MetricId].label.toLowerCase()} with events`, points, events, format });
}

interface SummaryInput {
  scope: Scope;
  metric: ExplainMetric;
  change: { a: number; b: number; delta: number; relative: number | null; direction: string; season: { last_year: { change: number }; expected_b: number } | null };
  ranking: ReturnType<typeof rankCauses>;
  causes: Cause[];
  drivers: ReturnType<typeof decomposeDrivers>;
  unit: 'money' | 'count' | 'ratio';
  fmt: (v: number) => string;
  premise?: 'drop' | 'rise';
  search: SegmentSearchResult | null;
}

function summaryLines(s: SummaryInput): string {
  const { change, fmt } = s;
  const label = METRICS[s.metric as MetricId].label;
  const relText = s.unit === 'ratio' ? `${change.delta >= 0 ? '+' : ''}${(change.delta * 100).toFixed(2)} pp` : change.relative === null ? 'n/a' : `${change.relative >= 0 ? '+' : ''}${(change.relative * 100).toFixed(1)}%`;
  const out = [
    scopeLine(s.scope),
    `Direction: ${change.direction.toUpperCase()}. ${label} ${fmt(change.a)} → ${fmt(change.b)} (${change.delta >= 0 ? '+' : ''}${fmt(change.delta)}, ${relText}).`,
  ];
  if (s.premise && ((s.premise === 'drop' && change.delta > 0) || (s.premise === 'rise' && change.delta < 0))) {
    out.push(`Premise check: the question assumes a ${s.premise}, but ${label.toLowerCase()} ${change.delta > 0 ? 'rose' : 'fell'}. Say so first.`);
  }
  if (change.season) {
    out.push(
      `Season: the same months last year moved ${(change.season.last_year.change * 100).toFixed(1)}%, which would put ${s.scope.period.label} at ${fmt(change.season.expected_b)}; actual is ${fmt(change.b)} (${change.b >= change.season.expected_b ? 'above' : 'below'} the seasonal expectation).`,
    );
  } else out.push('Season: the data has no same months last year to compare with.');
  out.push(`Drivers (${shortMethod(s.drivers.method)}): ${s.drivers.steps.slice(0, 8).map((d) => `${d.label} ${d.contribution >= 0 ? '+' : ''}${fmt(d.contribution)}`).join('; ')}.`);
  if (s.causes.length) {
    out.push('Ranked causes (share of the change; effect vs the expected value):');
    s.causes.slice(0, 6).forEach((c, i) => {
      const share = c.share === null ? 'n/a' : `${(c.share * 100).toFixed(0)}%`;
      out.push(`${i + 1}. [${c.kind}, ${c.confidence}] ${c.title}${Object.keys(c.segment).length ? ` — segment ${segmentText(c.segment)}` : ''}: ${c.effect === null ? 'not measurable on this metric' : `${c.effect >= 0 ? '+' : ''}${fmt(c.effect)}`} (${share}); evidence: ${c.evidence.query}.`);
    });
  }
  if (s.ranking.noClearCause) out.push(`No clear single cause: ${s.ranking.reason}.`);
  out.push(`Not explained by the causes above: ${s.ranking.residual >= 0 ? '+' : ''}${fmt(s.ranking.residual)}.`);
  out.push(...noteLines(s.scope));
  return out.join('\n');
}

export const explainChange: Tool<typeof ExplainChangeInput> = {
  name: 'explain_change',
  description:
    'Explains WHY a metric changed between two periods ("why did July sales drop?", "为什么7月销售下降了？"). Metrics: net_sales (default), ' +
    'orders, units, aov, conversion_rate, sessions, return_rate. Default period last_month vs the previous period; compare_to previous_year for 同比. ' +
    'Returns the change (with last year\'s seasonal move), a driver decomposition that adds up to it (sessions × conversion × AOV on the own site, ' +
    'orders × AOV on marketplaces), the segments where it happened, events found in the data (campaign starts/ends, price changes, stock-outs, ' +
    'channel outages, traffic drops, returns spikes, rating drops) and ranked causes {kind, segment, share, confidence, evidence}. Set premise to "drop" or "rise" when the question assumes one.',
  inputSchema: ExplainChangeInput,
  run: runExplainChange,
};
