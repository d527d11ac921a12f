// Stage 1, load: one round of queries (catalogue, the period cube by order line and by session, the
// same months last year, the daily trend, each detector's evidence, the run-rate cube before the
// period), then the metric's view of the cube as its profile reads it.
import type { Row } from '../../../db/types.ts';
import type { Scope } from '../../filters.ts';
import type { QueryLog } from '../../query-log.ts';
import { addDaysTo, sameDatesLastYear } from '../../../calendar/index.ts';
import type { Dialect } from '../../sql/dialect.ts';
import type { Fragment } from '../../sql/fragment.ts';
import { metricColumn } from '../../sql/metric-query.ts';
import { metricQueryFor } from '../../sql/rollup-query.ts';
import type { RollupAt } from '../../../rollup/coverage.ts';
import { rollupLineCube, rollupRunRateCube, rollupSessionCube, rollupSessionDays } from '../cube-rollup-sql.ts';
import { SESSION_DAYS_LABEL, cutSpan, sessionDaysQuery, type SessionDay } from '../detect/campaign-cuts.ts';
import { sessionConditions } from '../../sql/filter-sql.ts';
import { rollupEvidence } from '../evidence-rollup-sql.ts';
import type { DataRange } from '../../types.ts';
import { aliasYearlyCampaigns, productsFrom, sourcesFrom } from '../catalogue.ts';
import {
  additiveView,
  conversionView,
  lineTable,
  ratioView,
  runRateTable,
  sessionTable,
  sourceLabel,
  type Growth,
  type LeafTable,
  type MetricView,
  type ProductInfo,
  type SourceInfo,
} from '../cube.ts';
import {
  lineCubeQuery,
  PRODUCTS_SQL,
  refundCubeQuery,
  runRateCubeQuery,
  sessionCubeQuery,
  SOURCES_SQL,
  type LineCubeOptions,
  type Span,
} from '../cube-sql.ts';
import { DETECTOR_IDS, DETECTORS } from '../detectors.ts';
import type { Window } from '../detect/types.ts';
import type { DetectorId, ExtraLineMeasure, MetricProfile, ViewSpec } from '../profiles.ts';

export const CUBE_LABEL = 'cube: order lines by channel, product, country, device, traffic source, new/returning';
export const SESSION_LABEL = 'cube: sessions by traffic source, country, device';
const RUN_RATE_CUBE_LABEL =
  'run rate: order lines by channel, product, country and traffic source over the four months before the period';
/**
 * Days before the period whose sales set an event segment's share of the rest: long enough to average
 * a month's noise out.
 */
const RUN_RATE_DAYS = 122;
const REFUND_CUBE_LABEL =
  "cube: refunds by return date, by the returned lines' channel, product, country, device, source";
const LINE_GRAIN = 'order lines (orders counted as 1/lines of the order)';

export interface LoadInput {
  profile: MetricProfile;
  scope: Scope;
  window: Window;
  data: DataRange;
  dialect: Dialect;
  log: QueryLog;
  /** The daily rollup, read instead of the base tables for the queries it covers. */
  rollup?: RollupAt | null;
}

/** The order-line cube over the weeks before the period, for events that start in the period. */
export interface RunRateCube {
  span: Span;
  table: LeafTable;
  /** SKUs on sale over the whole run-rate window. */
  established: Set<string>;
}

export interface Loaded {
  products: Map<number, ProductInfo>;
  sources: Map<number, SourceInfo>;
  /** A yearly campaign's source name → the one name both editions go by. */
  alias: Map<string, string>;
  lines: LeafTable;
  sessions: LeafTable;
  /** The metric's view of the period cube (comparison in `a`, period in `b`). */
  view: MetricView;
  lastYearSpans: { a: Span; b: Span };
  /** The same months' growth one year earlier; null when the data lacks them or a side is zero. */
  lastYear: Growth | null;
  trendRows: Row[];
  /** Each profiled detector's evidence rows. */
  evidence: Partial<Record<DetectorId, Row[]>>;
  /** Own-site sessions by day over the weeks before and in the period, when the profile reads campaigns. */
  sessionDays: SessionDay[];
  runRate: RunRateCube | null;
}

interface Planned extends Fragment {
  label: string;
}

interface LoadPlan {
  lines: Planned;
  sessions: Planned;
  lastYear: Planned | null;
  trend: Planned;
  evidence: Array<{ id: DetectorId; query: Planned }>;
  runRateSpan: Span | null;
  runRate: Planned | null;
  /** Refunds by return date, merged into the line cube's leaves (the refunds metric only). */
  refunds: Planned | null;
  /** Sessions by day for campaign cuts (detect/campaign-cuts.ts), with the campaigns detector. */
  sessionDays: Planned | null;
}

export async function load(x: LoadInput): Promise<Loaded> {
  const plan = planLoad(x);
  const run = (q: Planned) => x.log.run(q.sql, q.params, q.label);
  // Started in this order, so the result's `queries` list them in it.
  const productRows = x.log.run(PRODUCTS_SQL, [], 'catalogue: products and categories');
  const sourceRows = x.log.run(SOURCES_SQL, [], 'catalogue: traffic sources');
  const lineRows = run(plan.lines);
  const sessionRows = run(plan.sessions);
  const lyRows = plan.lastYear ? run(plan.lastYear) : Promise.resolve([]);
  const trendRows = run(plan.trend);
  const evidenceRows = plan.evidence.map((e) => run(e.query));
  const preRows = plan.runRate ? run(plan.runRate) : Promise.resolve(null);
  const refundRows = plan.refunds ? run(plan.refunds) : Promise.resolve([]);
  const dayRows = plan.sessionDays ? run(plan.sessionDays) : Promise.resolve([]);
  // Each cube is folded into leaves as soon as its rows and the catalogue are in, while the slower queries still
  // run on the server (folding the period cube and the run-rate cube is most of this stage's own time).
  const campaignRows = plan.evidence.findIndex((e) => e.id === 'campaigns');
  const catalogue = Promise.all([productRows, sourceRows, campaignRows < 0 ? [] : evidenceRows[campaignRows]!]).then(
    ([p, s, campaigns]) => {
      const products = productsFrom(p);
      const sources = sourcesFrom(s);
      // Before the cube is labelled: the yearly campaigns' sources are renamed in place.
      const alias = aliasYearlyCampaigns(sources, campaigns);
      return { products, sources, alias };
    },
  );
  // Refund rows carry only the refunds measure: they add it to the leaves of the orders returned.
  const linesP = Promise.all([catalogue, lineRows, refundRows]).then(([c, l, r]) =>
    lineTable(l.concat(r), c.products, c.sources, x.profile.lineExtras),
  );
  const sessionsP = Promise.all([catalogue, sessionRows]).then(([c, r]) => sessionTable(r, c.sources));
  const span = plan.runRateSpan;
  const runRateP = Promise.all([catalogue, preRows]).then(([{ products, sources }, rows]) =>
    rows && span
      ? {
          span,
          table: runRateTable(rows, products, sources, x.profile.readsReturns),
          established: new Set(
            [...products.values()].filter((p) => p.created !== undefined && p.created <= span.from).map((p) => p.sku),
          ),
        }
      : null,
  );
  const [{ products, sources, alias }, lines, sessions, runRate, ly, trend, evidenceList, days] = await Promise.all([
    catalogue,
    linesP,
    sessionsP,
    runRateP,
    lyRows,
    trendRows,
    Promise.all(evidenceRows),
    dayRows,
  ]);
  const evidence = Object.fromEntries(plan.evidence.map((e, i) => [e.id, evidenceList[i]!]));
  return {
    products,
    sources,
    alias,
    lines,
    sessions,
    view: metricView(x.profile.view, lines, sessions),
    lastYearSpans: lastYearSpans(x.window),
    lastYear: lastYearGrowth(ly, x.profile),
    trendRows: trend,
    evidence,
    sessionDays: days.map((r) => ({
      day: String(r.day).slice(0, 10),
      source: sourceLabel(r.source_id, sources),
      country: String(r.country),
      device: String(r.device_type),
      sessions: Number(r.sessions),
    })),
    runRate,
  };
}

function planLoad(x: LoadInput): LoadPlan {
  const { profile, scope, window: w, dialect } = x;
  const at = x.rollup ?? null;
  const metric = profile.id;
  const lineOpts = lineCubeOptions(profile);
  // The rollup keeps net sales, units, orders and returned orders by line; other measures read the base tables.
  const rollupLines = lineOpts.money || lineOpts.customers ? null : at;
  const lineQ =
    rollupLineCube(w.a, w.b, scope.filters, { returns: profile.readsReturns }, rollupLines) ??
    lineCubeQuery(w.a, w.b, scope.filters, lineOpts);
  const refundQ = profile.lineExtras.includes('refunds') ? refundCubeQuery(w.a, w.b, scope.filters) : null;
  const sessQ = rollupSessionCube(w.a, w.b, scope.filters, at) ?? sessionCubeQuery(w.a, w.b, scope.filters);
  const ly = lastYearSpans(w);
  const withLastYear = inData(ly.a, x.data) && inData(ly.b, x.data);
  const lyQ = withLastYear
    ? metricQueryFor({ metrics: [metric], dims: [], periods: [ly.b, ly.a], filters: scope.filters }, dialect, at)
    : null;
  const trendQ = metricQueryFor(
    { metrics: [metric], dims: ['day'], periods: [w.b, w.a], filters: scope.filters },
    dialect,
    at,
  );
  const detectorScope = { window: w, dialect, filters: scope.filters };
  const runRateSpan = runRateWindow(w.b.from, x.data);
  const preQ =
    runRateSpan && (profile.effect.runRate || profile.effect.stockout)
      ? (rollupRunRateCube(runRateSpan, scope.filters, { returns: profile.readsReturns }, at) ??
        runRateCubeQuery(runRateSpan, scope.filters, { returns: profile.readsReturns }))
      : null;
  return {
    lines: { ...lineQ.fragment, label: CUBE_LABEL },
    sessions: { ...sessQ.fragment, label: SESSION_LABEL },
    lastYear: lyQ ? { ...lyQ.fragment, label: 'season: same months last year' } : null,
    trend: { ...trendQ.fragment, label: 'daily trend' },
    evidence: DETECTOR_IDS.filter((id) => profile.detectors.includes(id)).map((id) => ({
      id,
      query: {
        ...(rollupEvidence(id, detectorScope, at) ?? DETECTORS[id].query(detectorScope)),
        label: DETECTORS[id].label,
      },
    })),
    runRateSpan,
    runRate: preQ ? { ...preQ.fragment, label: RUN_RATE_CUBE_LABEL } : null,
    refunds: refundQ ? { ...refundQ.fragment, label: REFUND_CUBE_LABEL } : null,
    sessionDays: profile.detectors.includes('campaigns') ? sessionDaysPlan(w, dialect, scope, at) : null,
  };
}

/** The daily sessions a campaign cut is read from: the rollup's when it covers them. */
function sessionDaysPlan(w: Window, dialect: Dialect, scope: Scope, at: RollupAt | null): Planned {
  const q =
    rollupSessionDays(cutSpan(w), scope.filters, at) ??
    sessionDaysQuery(w, dialect, sessionConditions(scope.filters).conds);
  return { ...q, label: SESSION_DAYS_LABEL };
}

/** Which extra measures the line cube's SQL computes for the profile. */
function lineCubeOptions(profile: MetricProfile): LineCubeOptions {
  const has = (m: ExtraLineMeasure) => profile.lineExtras.includes(m);
  return {
    returns: profile.readsReturns,
    money: has('discount') || has('gross') || has('margin'),
    customers: has('customers') || has('new_customers'),
  };
}

/** How the metric reads the period cube. */
function metricView(spec: ViewSpec, lines: LeafTable, sessions: LeafTable): MetricView {
  switch (spec.kind) {
    case 'additive':
      return spec.cube === 'sessions'
        ? additiveView(sessions, spec.measure, 'own-site sessions')
        : additiveView(lines, spec.measure, LINE_GRAIN);
    case 'ratio':
      return ratioView(lines, spec.num, spec.den, LINE_GRAIN);
    case 'conversion':
      return conversionView(lines, sessions);
  }
}

/**
 * The same dates one year earlier, by the calendar's one rule (the rule compare_to previous_year
 * uses): a period ending on a month's last day keeps ending on one, so February 2025 is held to all
 * of February 2024, leap day included.
 */
export function lastYearSpans(w: Window): { a: Span; b: Span } {
  return { a: sameDatesLastYear(w.a), b: sameDatesLastYear(w.b) };
}

function lastYearGrowth(rows: Row[], profile: MetricProfile): Growth | null {
  if (!rows[0]) return null;
  const b = Number(rows[0][metricColumn(profile.id, 0)] ?? 0);
  const a = Number(rows[0][metricColumn(profile.id, 1)] ?? 0);
  return a > 0 && b > 0 ? { num: b / a, den: 1 } : null;
}

function inData(p: Span, d: DataRange): boolean {
  return p.from >= d.minDate && p.to <= d.maxDate;
}

/** The run-rate window: the days before the period, inside the data; null when the data starts with the period. */
function runRateWindow(periodFrom: string, data: DataRange): Span | null {
  const to = addDaysTo(periodFrom, -1);
  const from = addDaysTo(periodFrom, -RUN_RATE_DAYS);
  if (to < data.minDate) return null;
  return { from: from < data.minDate ? data.minDate : from, to };
}
