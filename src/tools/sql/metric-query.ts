// Builds one statement that computes any set of metrics (metrics.ts) by any allowed dimensions, for one
// or two periods side by side. Each fact source is aggregated in its own subquery; the subqueries are
// stacked with UNION ALL — one branch per source and period, each listing every component (0 where it has
// none) — and summed per group,
// which works on both engines without FULL OUTER JOIN.
import { TidelensError } from '../../errors.ts';
import type { Filters } from '../filters.ts';
import { bounds, periodDays } from '../filters.ts';
import {
  COMPONENTS,
  METRICS,
  NOT_CANCELLED,
  type Aggregate,
  type ComponentId,
  type MetricId,
  type Source,
} from '../metrics.ts';
import { bucketRanges } from '../../calendar/index.ts';
import { bucket, type Dialect } from './dialect.ts';
import { orderConditions, sessionConditions } from './filter-sql.ts';
import { and, join, raw, sql, type Fragment } from './fragment.ts';

export const DIMENSIONS = [
  'day',
  'week',
  'month',
  'channel',
  'storefront',
  'country',
  'device',
  'source',
  'source_type',
  'customer_type',
  'category',
  'subcategory',
  'product',
  'user_level',
] as const;
/** The dimensions a split may name, and the calendar quarter, a grain only series use. */
export type Dimension = (typeof DIMENSIONS)[number] | 'quarter';

type Join = 'ts' | 'p' | 'cat' | 'u';

interface DimOnSource {
  expr: (d: Dialect) => Fragment;
  joins?: Join[];
}

const time = (grain: 'day' | 'week' | 'month' | 'quarter'): Partial<Record<Source, DimOnSource>> => ({
  orders: { expr: (d) => bucket(d, grain, raw('o.order_date')) },
  returned: { expr: (d) => bucket(d, grain, raw('o.order_date')) },
  items: { expr: (d) => bucket(d, grain, raw('o.order_date')) },
  sessions: { expr: (d) => bucket(d, grain, raw('v.visit_time')) },
  returns: { expr: (d) => bucket(d, grain, raw('r.return_date')) },
});

const onOrders = (e: string, joins?: Join[]): Partial<Record<Source, DimOnSource>> => ({
  orders: { expr: () => raw(e), joins },
  returned: { expr: () => raw(e), joins },
  items: { expr: () => raw(e), joins },
  returns: { expr: () => raw(e), joins },
});

const onLines = (e: string, joins: Join[]): Partial<Record<Source, DimOnSource>> => ({
  items: { expr: () => raw(e), joins },
  returned: { expr: () => raw(e), joins },
  returns: { expr: () => raw(e), joins },
});

const OWN = raw(`'own_website'`);

/** Allowlist: how each dimension reads on each source. Absent = cannot be split that way. */
const DIMS: Record<Dimension, { productScoped?: boolean; on: Partial<Record<Source, DimOnSource>> }> = {
  day: { on: time('day') },
  week: { on: time('week') },
  month: { on: time('month') },
  quarter: { on: time('quarter') },
  channel: { on: { ...onOrders('o.channel'), sessions: { expr: () => OWN } } },
  storefront: { on: { ...onOrders('o.order_source'), sessions: { expr: () => OWN } } },
  country: { on: { ...onOrders('o.country'), sessions: { expr: () => raw('v.country') } } },
  device: { on: { ...onOrders('o.device_type'), sessions: { expr: () => raw('v.device_type') } } },
  source: {
    on: {
      ...onOrders(`COALESCE(ts.source_name, '(marketplace)')`, ['ts']),
      sessions: { expr: () => raw('ts.source_name'), joins: ['ts'] },
    },
  },
  source_type: {
    on: {
      ...onOrders(`COALESCE(ts.source_type, '(marketplace)')`, ['ts']),
      sessions: { expr: () => raw('ts.source_type'), joins: ['ts'] },
    },
  },
  customer_type: { on: onOrders(`CASE WHEN o.is_first_order = 1 THEN 'new' ELSE 'returning' END`) },
  category: { productScoped: true, on: onLines('COALESCE(c1.category_name, c2.category_name)', ['p', 'cat']) },
  subcategory: { productScoped: true, on: onLines('c2.category_name', ['p', 'cat']) },
  product: { productScoped: true, on: onLines('oi.product_id', []) },
  user_level: { on: onOrders('u.user_level', ['u']) },
};

export interface PeriodRange {
  from: string;
  to: string;
}

export interface MetricQuery {
  metrics: MetricId[];
  dims: Dimension[];
  /** One period, or two (current first) computed side by side as `<metric>__0` and `<metric>__1`. */
  periods: PeriodRange[];
  filters: Filters;
}

export interface BuiltMetricQuery {
  fragment: Fragment;
  /** Output column for each dimension, in order. */
  dimColumns: string[];
  /** Output column for a metric in a period index. */
  column(metric: MetricId, period: number): string;
  caveats: string[];
  sources: Source[];
}

export const dimColumn = (d: Dimension) => `k_${d}`;
const compColumn = (c: ComponentId, i: number) => `${c}__${i}`;
export const metricColumn = (m: MetricId, i: number) => `${m}__${i}`;

const SOURCE_PREFERENCE: Source[] = ['orders', 'items', 'sessions', 'returns', 'returned'];

function chooseSource(c: ComponentId, productScoped: boolean): Source {
  const on = COMPONENTS[c];
  if (productScoped && on.items) return 'items';
  return SOURCE_PREFERENCE.find((s) => on[s])!;
}

const DATE_COL: Record<Source, string> = {
  orders: 'o.order_date',
  items: 'o.order_date',
  sessions: 'v.visit_time',
  returns: 'r.return_date',
  returned: 'o.order_date',
};

function joinSql(j: Join, source: Source): string {
  switch (j) {
    case 'ts':
      return source === 'sessions'
        ? 'LEFT JOIN traffic_sources ts ON ts.source_id = v.source_id'
        : 'LEFT JOIN traffic_sources ts ON ts.source_id = o.traffic_source_id';
    case 'p':
      return 'LEFT JOIN products p ON p.product_id = oi.product_id';
    case 'cat':
      return 'LEFT JOIN product_categories c2 ON c2.category_id = p.category_id LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id';
    case 'u':
      return 'LEFT JOIN users u ON u.user_id = o.user_id';
  }
}

function aggregate(a: Aggregate): Fragment {
  return a.agg === 'sum' ? sql`SUM(${a.expr})` : sql`COUNT(DISTINCT ${a.expr})`;
}

export function buildMetricQuery(q: MetricQuery, dialect: Dialect): BuiltMetricQuery {
  if (!q.metrics.length) throw new TidelensError('bad_input', 'name at least one metric');
  if (!q.periods.length || q.periods.length > 2) throw new Error('one or two periods');
  const productScoped = Boolean(q.filters.category) || q.dims.some((d) => DIMS[d].productScoped);

  const components = [...new Set(q.metrics.flatMap((m) => METRICS[m].components))];
  const bySource = new Map<Source, ComponentId[]>();
  for (const c of components) {
    const s = chooseSource(c, productScoped);
    bySource.set(s, [...(bySource.get(s) ?? []), c]);
  }
  assertSplittable(q, [...bySource.keys()], productScoped);

  const caveats = new Set<string>();
  const selects: Fragment[] = [];
  for (const [source, own] of bySource) {
    const plan = planSource(q, dialect, source, own, productScoped);
    plan.caveats.forEach((c) => caveats.add(c));
    selects.push(...(sessionBucketSelects(q, components, plan) ?? periodSelects(q, dialect, components, plan)));
  }

  return {
    fragment: outerSelect(q, selects),
    dimColumns: q.dims.map(dimColumn),
    column: metricColumn,
    caveats: [...caveats],
    sources: [...bySource.keys()],
  };
}

// Refunds under a product split must come from returned lines; the returns source handles that itself.
function assertSplittable(q: MetricQuery, sources: Source[], productScoped: boolean): void {
  for (const source of sources) {
    for (const d of q.dims) {
      if (!DIMS[d].on[source]) {
        const metric = q.metrics.find((m) =>
          METRICS[m].components.some((c) => chooseSource(c, productScoped) === source),
        )!;
        throw new TidelensError(
          'bad_input',
          `${metric} cannot be split by ${d}: it comes from ${source}, which has no ${d}. ` +
            (source === 'sessions'
              ? 'Sessions are own-website visits with no product or customer type; split by device, country, source or source_type.'
              : `Pick another dimension or metric.`),
        );
      }
    }
  }
}

/** Everything one source's branches share, whichever way they are split into periods or buckets. */
interface SourcePlan {
  source: Source;
  /** The components this source computes; every other component is 0 in its branches. */
  own: ComponentId[];
  dimExprs: DimOnSource[];
  joins: Set<Join>;
  from: string;
  /** Row conditions besides the date range. */
  base: Fragment[];
  caveats: string[];
}

function planSource(
  q: MetricQuery,
  dialect: Dialect,
  source: Source,
  own: ComponentId[],
  productScoped: boolean,
): SourcePlan {
  const dimExprs = q.dims.map((d) => DIMS[d].on[source]!);
  const joins = new Set<Join>(dimExprs.flatMap((x) => x.joins ?? []));
  if (own.includes('cogs')) joins.add('p');
  if (joins.has('cat')) joins.add('p');

  let from: string;
  const base: Fragment[] = [];
  let scoped;
  if (source === 'sessions') {
    from = 'visit_logs v';
    scoped = sessionConditions(q.filters);
  } else if (source === 'returns' || source === 'returned') {
    const lines = productScoped || joins.has('p');
    from =
      'returns r JOIN orders o ON o.order_id = r.order_id' +
      (lines ? ' LEFT JOIN order_items oi ON oi.order_item_id = r.order_item_id' : '');
    if (source === 'returned') base.push(NOT_CANCELLED);
    scoped = orderConditions(q.filters, { lines, returnedLines: true });
  } else {
    from = source === 'items' ? 'orders o JOIN order_items oi ON oi.order_id = o.order_id' : 'orders o';
    base.push(NOT_CANCELLED);
    scoped = orderConditions(q.filters, { lines: source === 'items', sqliteLineHint: dialect === 'sqlite' });
  }
  base.push(...scoped.conds);
  return { source, own, dimExprs, joins, from, base, caveats: scoped.caveats };
}

// Sessions by day/week/month/quarter: one index range count per bucket beats grouping every visit by a computed
// bucket (SQLite 110 → 11 ms CPU for a year by month). SQLite caps a compound SELECT at 500 parts, hence
// null (fall back to periodSelects) beyond MAX_RANGE_BUCKETS, for joins, or for any other split.
function sessionBucketSelects(q: MetricQuery, components: ComponentId[], plan: SourcePlan): Fragment[] | null {
  const grain = q.dims.length === 1 && isTimeDim(q.dims[0]!) ? q.dims[0] : null;
  if (
    plan.source !== 'sessions' ||
    !grain ||
    plan.joins.size ||
    !q.periods.every((p) => bucketRanges(p, grain).length <= MAX_RANGE_BUCKETS)
  ) {
    return null;
  }
  const selects: Fragment[] = [];
  q.periods.forEach((p, pi) => {
    for (const b of bucketRanges(p, grain)) {
      const cols: Fragment[] = [sql`${b.key} AS ${raw(dimColumn(grain))}`];
      for (const c of components) {
        q.periods.forEach((_, i) => {
          const agg =
            c === 'sessions' && i === pi
              ? sql`(SELECT COUNT(*) FROM visit_logs v WHERE ${and([sql`v.visit_time >= ${b.lo} AND v.visit_time < ${b.hi}`, ...plan.base])})`
              : raw('0');
          cols.push(sql`${agg} AS ${raw(compColumn(c, i))}`);
        });
      }
      selects.push(sql`SELECT ${join(cols, ', ')}`);
    }
  });
  return selects;
}

// One branch per period, each a plain date range, so every engine can use its date index.
function periodSelects(q: MetricQuery, dialect: Dialect, components: ComponentId[], plan: SourcePlan): Fragment[] {
  const { source, own, dimExprs, from } = plan;
  const dateCol = raw(DATE_COL[source]);
  const joinText = [...plan.joins]
    .sort(joinOrder)
    .map((j) => joinSql(j, source))
    .join(' ');
  const groupBy = q.dims.length
    ? sql` GROUP BY ${join(
        dimExprs.map((x) => x.expr(dialect)),
        ', ',
      )}`
    : raw('');
  return q.periods.map((p, pi) => {
    const [lo, hi] = bounds(p);
    const cols: Fragment[] = dimExprs.map((x, i) => sql`${x.expr(dialect)} AS ${raw(dimColumn(q.dims[i]!))}`);
    for (const c of components) {
      q.periods.forEach((_, i) => {
        const agg = own.includes(c) && i === pi ? aggregate(COMPONENTS[c][source]!) : raw('0');
        cols.push(sql`${agg} AS ${raw(compColumn(c, i))}`);
      });
    }
    const where = and([sql`${dateCol} >= ${lo} AND ${dateCol} < ${hi}`, ...plan.base]);
    const fromP =
      source === 'items' && q.filters.category && dialect === 'mysql' && periodDays(p) <= MYSQL_DATE_DRIVEN_DAYS
        ? from.replace(' JOIN order_items oi', ' STRAIGHT_JOIN order_items oi')
        : from;
    return sql`SELECT ${join(cols, ', ')} FROM ${raw(fromP)}${raw(joinText ? ' ' + joinText : '')} WHERE ${where}${groupBy}`;
  });
}

/** Sums the stacked branches per group and turns the summed components into each metric per period. */
function outerSelect(q: MetricQuery, selects: Fragment[]): Fragment {
  const outer: Fragment[] = q.dims.map((d) => raw(`t.${dimColumn(d)} AS ${dimColumn(d)}`));
  for (const m of q.metrics) {
    q.periods.forEach((_, i) => {
      const value = METRICS[m].formula((c) => sql`COALESCE(SUM(t.${raw(compColumn(c, i))}), 0)`);
      outer.push(sql`${value} AS ${raw(metricColumn(m, i))}`);
    });
  }
  const groupBy = q.dims.length ? raw(` GROUP BY ${q.dims.map((d) => `t.${dimColumn(d)}`).join(', ')}`) : raw('');
  return sql`SELECT ${join(outer, ', ')} FROM (${join(selects, ' UNION ALL ')}) t${groupBy}`;
}

const MAX_RANGE_BUCKETS = 120;
// MariaDB sometimes drives a category's lines from the products (every line of a broad category such as
// Swimwear, all years) even for a short period: 160 ms for 90 days of Swimwear, 36 ms walking that period's
// orders by date. Over a year the optimizer's own choice is the better one (Bikinis: 37 vs 105 ms).
const MYSQL_DATE_DRIVEN_DAYS = 120;
const isTimeDim = (d: Dimension): d is 'day' | 'week' | 'month' | 'quarter' =>
  d === 'day' || d === 'week' || d === 'month' || d === 'quarter';

const JOIN_ORDER: Join[] = ['ts', 'u', 'p', 'cat'];
function joinOrder(a: Join, b: Join): number {
  return JOIN_ORDER.indexOf(a) - JOIN_ORDER.indexOf(b);
}

/** Whether splitting `metric` by `dim` is possible (for input validation messages). */
export function canSplit(metric: MetricId, dim: Dimension, productScoped = false): boolean {
  return METRICS[metric].components.every((c) =>
    Boolean(DIMS[dim].on[chooseSource(c, productScoped || Boolean(DIMS[dim].productScoped))]),
  );
}

export function isProductScopedDim(d: Dimension): boolean {
  return Boolean(DIMS[d].productScoped);
}
