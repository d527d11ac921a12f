// The same metric query as metric-query.ts, read from the daily rollups (src/rollup) instead of the base tables,
// with the same output columns, so a template shapes either result the same way. It answers only what the
// rollups hold exactly; for anything else it returns null and the caller uses the base query:
// - distinct counts that do not add up over the rollup's rows: customers (but over a whole period without a
//   split, unfiltered or over one category: daily_customers), and orders (and returned orders) once a product or
//   category is involved (an order's lines spread over products), but per category (daily_category_orders) and
//   per product (daily_product_sales);
// - filters and splits the rollups do not keep: campaign (orders reach campaigns through a map) and
//   user_level (a user's level today, not a property of the day).
import type { Filters } from '../filters.ts';
import { bounds } from '../filters.ts';
import type { ComponentId, MetricId } from '../metrics.ts';
import { METRICS } from '../metrics.ts';
import { rollupTableRef } from '../../warehouse/rollup-schema.ts';
import type { SpanPiece } from '../../rollup/coarse.ts';
import type { RollupAt } from '../../rollup/coverage.ts';
import { bucket, type Dialect, type Grain } from './dialect.ts';
import { nestedPieces } from './bucket-pieces.ts';
import { categoryProductIds } from './filter-sql.ts';
import { and, join, list, raw, sql, type Fragment } from './fragment.ts';
import {
  buildMetricQuery,
  dimColumn,
  metricColumn,
  type BuiltMetricQuery,
  type Dimension,
  type MetricQuery,
} from './metric-query.ts';

export type RollupSource =
  | 'daily_orders'
  | 'daily_lines'
  | 'daily_returns'
  | 'daily_sessions'
  | 'daily_category_orders'
  | 'daily_customers'
  | 'daily_product_sales';
type Join = 'ts' | 'p' | 'cat' | 'cx';

const OWN = raw(`'own_website'`);

/** Which rollup holds a component, without and with a product scope; absent = not held exactly. */
const HOLDER: Record<'plain' | 'product' | 'perProduct', Partial<Record<ComponentId, RollupSource>>> = {
  plain: {
    net_sales: 'daily_orders',
    gross_sales: 'daily_orders',
    discount: 'daily_orders',
    orders: 'daily_orders',
    own_site_orders: 'daily_orders',
    returned_orders: 'daily_orders',
    units: 'daily_orders',
    line_net_sales: 'daily_orders',
    cogs: 'daily_lines',
    sessions: 'daily_sessions',
    refunds: 'daily_returns',
    // Over a whole period without a split or filter only (see customersFit).
    customers: 'daily_customers',
    new_customers: 'daily_customers',
  },
  product: {
    net_sales: 'daily_lines',
    gross_sales: 'daily_lines',
    discount: 'daily_lines',
    units: 'daily_lines',
    line_net_sales: 'daily_lines',
    cogs: 'daily_lines',
    sessions: 'daily_sessions',
    refunds: 'daily_returns',
    // Per category only (see categoryOrdersFit): an order counts once in each category it holds a line in.
    orders: 'daily_category_orders',
    returned_orders: 'daily_category_orders',
    own_site_orders: 'daily_category_orders',
    // Over one filtered category without a split only (see customersFit).
    customers: 'daily_customers',
    new_customers: 'daily_customers',
  },
  // Split by product or category, filtered by channel and category at most (see productSalesFit): sales and
  // units from the narrow per-product table; orders per product add up there, per category they come from
  // daily_category_orders.
  perProduct: {
    net_sales: 'daily_product_sales',
    gross_sales: 'daily_product_sales',
    discount: 'daily_product_sales',
    units: 'daily_product_sales',
    line_net_sales: 'daily_product_sales',
    cogs: 'daily_product_sales',
    sessions: 'daily_sessions',
    refunds: 'daily_returns',
    orders: 'daily_product_sales',
    returned_orders: 'daily_product_sales',
    customers: 'daily_customers',
    new_customers: 'daily_customers',
  },
};

const MEASURE: Partial<Record<ComponentId, string>> = {
  net_sales: 'SUM(x.net_sales)',
  gross_sales: 'SUM(x.gross_sales)',
  discount: 'SUM(x.discount)',
  orders: 'SUM(x.orders)',
  own_site_orders: `SUM(CASE WHEN x.channel = 'own_website' THEN x.orders ELSE 0 END)`,
  returned_orders: 'SUM(x.returned_orders)',
  units: 'SUM(x.units)',
  line_net_sales: 'SUM(x.net_sales)',
  // Σ quantity × cost per line = cost × Σ quantity per product: the current cost, as on the base path.
  cogs: 'SUM(x.units * p.cost)',
  sessions: 'SUM(x.sessions)',
  refunds: 'SUM(x.refunds)',
};

/**
 * The component's sum over one source's rows for a period starting on `lo`: a customer of the period counts on
 * their first day in it, the row whose previous day falls before it (daily_customers).
 */
const measure = (c: ComponentId, s: RollupSource, lo: string): Fragment => {
  if (c === 'customers')
    return sql`SUM(CASE WHEN x.prev_day IS NULL OR x.prev_day < ${lo} THEN x.customers ELSE 0 END)`;
  if (c === 'new_customers') return raw('SUM(x.new_customers)');
  return raw(c === 'line_net_sales' && s === 'daily_orders' ? 'SUM(x.line_net_sales)' : MEASURE[c]!);
};

interface DimOn {
  expr: (d: Dialect) => Fragment;
  joins?: Join[];
  /** A condition the split needs on the rollup's rows (which level of daily_category_orders). */
  where?: string;
}

const ORDERISH: RollupSource[] = ['daily_orders', 'daily_lines', 'daily_returns'];
const LINEISH: RollupSource[] = ['daily_lines', 'daily_returns', 'daily_product_sales'];
const every = (srcs: RollupSource[], on: DimOn): Partial<Record<RollupSource, DimOn>> =>
  Object.fromEntries(srcs.map((s) => [s, on]));
const time = (g: 'day' | 'week' | 'month' | 'quarter') =>
  every([...ORDERISH, 'daily_sessions', 'daily_category_orders', 'daily_product_sales'], {
    expr: (d) => bucket(d, g, raw('x.day')),
  });
const CX_NAME = { expr: () => raw('cx.category_name'), joins: ['cx'] as Join[] };

const DIMS: Partial<Record<Dimension, Partial<Record<RollupSource, DimOn>>>> = {
  day: time('day'),
  week: time('week'),
  month: time('month'),
  quarter: time('quarter'),
  channel: {
    ...every([...ORDERISH, 'daily_category_orders', 'daily_product_sales'], { expr: () => raw('x.channel') }),
    daily_sessions: { expr: () => OWN },
  },
  storefront: { ...every(ORDERISH, { expr: () => raw('x.order_source') }), daily_sessions: { expr: () => OWN } },
  country: every([...ORDERISH, 'daily_sessions'], { expr: () => raw('x.country') }),
  device: every([...ORDERISH, 'daily_sessions'], { expr: () => raw('x.device_type') }),
  source: {
    ...every(ORDERISH, { expr: () => raw(`COALESCE(ts.source_name, '(marketplace)')`), joins: ['ts'] }),
    daily_sessions: { expr: () => raw('ts.source_name'), joins: ['ts'] },
  },
  source_type: {
    ...every(ORDERISH, { expr: () => raw(`COALESCE(ts.source_type, '(marketplace)')`), joins: ['ts'] }),
    daily_sessions: { expr: () => raw('ts.source_type'), joins: ['ts'] },
  },
  customer_type: every(ORDERISH, { expr: () => raw(`CASE WHEN x.is_first_order = 1 THEN 'new' ELSE 'returning' END`) }),
  category: {
    ...every(LINEISH, { expr: () => raw('COALESCE(c1.category_name, c2.category_name)'), joins: ['p', 'cat'] }),
    daily_category_orders: { ...CX_NAME, where: 'x.level = 2' },
  },
  subcategory: {
    ...every(LINEISH, { expr: () => raw('c2.category_name'), joins: ['p', 'cat'] }),
    daily_category_orders: { ...CX_NAME, where: 'x.level = 1' },
  },
  product: every(LINEISH, { expr: () => raw('x.product_id') }),
};

function joinSql(j: Join, source: RollupSource): string {
  if (j === 'ts') {
    const col = source === 'daily_sessions' ? 'source_id' : 'traffic_source_id';
    return `LEFT JOIN traffic_sources ts ON ts.source_id = x.${col}`;
  }
  if (j === 'p') return 'LEFT JOIN products p ON p.product_id = x.product_id';
  if (j === 'cx') return 'LEFT JOIN product_categories cx ON cx.category_id = x.group_id';
  return (
    'LEFT JOIN product_categories c2 ON c2.category_id = p.category_id ' +
    'LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id'
  );
}

function sourceIds(f: Filters): Fragment | null {
  const conds: Fragment[] = [];
  if (f.source) conds.push(sql`LOWER(tsf.source_name) = LOWER(${f.source})`);
  if (f.sourceType) conds.push(sql`tsf.source_type IN ${list(f.sourceType)}`);
  return conds.length ? sql`SELECT tsf.source_id FROM traffic_sources tsf WHERE ${join(conds, ' AND ')}` : null;
}

/**
 * The rows of the category a filter names, in daily_category_orders or daily_customers: its own group
 * at level 1 for a subcategory, at level 2 for a top category. categoryProductIds matches the products of the
 * category or of its subcategories, and an order holds one of those exactly when it falls in that group, as long
 * as category names are unique and categories two levels deep (as the warehouse keeps them).
 */
export function categoryGroup(category: string): Fragment {
  return sql`(x.level, x.group_id) IN (SELECT CASE WHEN cg.parent_category_id IS NULL THEN 2 ELSE 1 END, cg.category_id
      FROM product_categories cg WHERE LOWER(cg.category_name) = LOWER(${category}))`;
}

/** The filters as conditions on one rollup, mirroring filter-sql.ts (whose caveats the base build supplies). */
export function rollupConditions(f: Filters, source: RollupSource): Fragment[] {
  const conds: Fragment[] = [];
  const src = sourceIds(f);
  // The group too for level 0, so the lookup index (level, group_id, day …) narrows to the period's days.
  if (source === 'daily_customers')
    return [f.category ? categoryGroup(f.category) : raw('x.level = 0 AND x.group_id IS NULL')];
  if (source === 'daily_category_orders') {
    if (f.channel) conds.push(sql`x.channel IN ${list(f.channel)}`);
    if (f.category) conds.push(categoryGroup(f.category));
    return conds;
  }
  if (source === 'daily_product_sales') {
    if (f.channel) conds.push(sql`x.channel IN ${list(f.channel)}`);
    if (f.category) conds.push(sql`x.product_id IN (${categoryProductIds(f.category)})`);
    return conds;
  }
  if (f.country) conds.push(sql`x.country IN ${list(f.country)}`);
  if (f.device) conds.push(sql`x.device_type IN ${list(f.device)}`);
  if (source === 'daily_sessions') {
    if (f.channel && !f.channel.includes('own_website')) conds.push(raw('1 = 0'));
    if (src) conds.push(sql`x.source_id IN (${src})`);
    return conds;
  }
  if (f.channel) conds.push(sql`x.channel IN ${list(f.channel)}`);
  if (src) conds.push(sql`x.traffic_source_id IN (${src})`);
  if (f.customerType) conds.push(raw(f.customerType === 'new' ? 'x.is_first_order = 1' : 'x.is_first_order = 0'));
  if (f.category) conds.push(sql`x.product_id IN (${categoryProductIds(f.category)})`);
  return conds;
}

/** Which rollup answers each component, or null when one of them (or a split or filter) is not held exactly. */
function plan(q: MetricQuery): Map<RollupSource, ComponentId[]> | null {
  if (q.filters.campaign !== undefined) return null;
  const productScoped =
    Boolean(q.filters.category) || q.dims.some((d) => d === 'category' || d === 'subcategory' || d === 'product');
  const narrow = productScoped && productSalesFit(q);
  const holders = narrow
    ? {
        ...HOLDER.perProduct,
        ...(q.dims.includes('product')
          ? {}
          : {
              orders: HOLDER.product.orders,
              returned_orders: HOLDER.product.returned_orders,
              own_site_orders: HOLDER.product.own_site_orders,
            }),
      }
    : productScoped
      ? HOLDER.product
      : // Cost of goods needs the product: per product and channel when no other attribute is asked (a month of
        // daily_lines at scale 20 is 44k rows, of monthly_product_sales a few hundred).
        { ...HOLDER.plain, ...(productSalesFit(q) ? { cogs: 'daily_product_sales' as const } : {}) };
  const bySource = new Map<RollupSource, ComponentId[]>();
  for (const c of new Set(q.metrics.flatMap((m: MetricId) => METRICS[m].components))) {
    const s = holders[c];
    if (!s) return null;
    bySource.set(s, [...(bySource.get(s) ?? []), c]);
  }
  if (bySource.has('daily_customers') && !customersFit(q)) return null;
  for (const s of bySource.keys()) if (!q.dims.every((d) => DIMS[d]?.[s])) return null;
  if (bySource.has('daily_category_orders') && !categoryOrdersFit(q)) return null;
  return bySource;
}

/**
 * daily_category_orders answers a split by exactly one of subcategory and category, or a filter by one category
 * without either split, filtered by channel at most: its orders are counted per category, so a product split
 * does not add up from it (nor a category filter beside a category split), and it keeps no other order attribute.
 */
function categoryOrdersFit(q: MetricQuery): boolean {
  const levels = q.dims.filter((d) => d === 'category' || d === 'subcategory').length;
  const f = q.filters;
  const others = f.country || f.device || f.source || f.sourceType || f.customerType;
  return !others && (f.category ? levels === 0 && !q.dims.includes('product') : levels === 1);
}

/**
 * daily_customers answers the customers over a whole period, of every order or of one filtered category: no
 * split (a customer counts once per period, not per bucket) and no other filter (it keeps no order attribute).
 */
function customersFit(q: MetricQuery): boolean {
  const f = q.filters;
  const others = f.channel || f.country || f.device || f.source || f.sourceType || f.customerType || f.campaign;
  return !others && q.dims.length === 0;
}

/**
 * daily_product_sales answers splits by product, category, time and channel, filtered by channel and category
 * at most: it keeps no other order attribute. Its order counts add up only under a product split (an order
 * holds several products); the plan takes them from it only then.
 */
function productSalesFit(q: MetricQuery): boolean {
  const f = q.filters;
  if (f.country || f.device || f.source || f.sourceType || f.customerType) return false;
  return q.dims.every((d) => DIMS[d]?.daily_product_sales);
}

const compColumn = (c: ComponentId, i: number) => `${c}__${i}`;

/** The weekly and monthly sums of a daily rollup (src/warehouse/rollup-coarse.ts), with the same columns. */
const COARSE: Partial<Record<RollupSource, Record<'week' | 'month', string>>> = {
  daily_product_sales: { week: 'weekly_product_sales', month: 'monthly_product_sales' },
  daily_category_orders: { week: 'weekly_category_orders', month: 'monthly_category_orders' },
  daily_sessions: { week: 'weekly_sessions', month: 'monthly_sessions' },
  daily_orders: { week: 'weekly_orders', month: 'monthly_orders' },
};

/** The coarse twins a source's rows may be read from for this question: daily_returns' keep channel and product only. */
function coarseOf(source: RollupSource, q: MetricQuery): Record<'week' | 'month', string> | undefined {
  if (source !== 'daily_returns') return COARSE[source];
  return productSalesFit(q) ? { week: 'weekly_product_returns', month: 'monthly_product_returns' } : undefined;
}

/** The metric query over the rollups, or null when they cannot answer it exactly (then use buildMetricQuery). */
export function buildRollupMetricQuery(q: MetricQuery, dialect: Dialect, at: RollupAt): BuiltMetricQuery | null {
  // The base build validates the question and words the caveats: the rollup path must fail and warn the same way.
  const base = buildMetricQuery(q, dialect);
  const bySource = plan(q);
  if (!bySource || q.periods.some((p) => p.to > at.through)) return null;
  const components = [...bySource.values()].flat();
  const selects: Fragment[] = [];
  for (const [source, own] of bySource) {
    const dimOn = q.dims.map((d) => DIMS[d]![source]!);
    const joins = new Set<Join>(dimOn.flatMap((x) => x.joins ?? []));
    if (own.includes('cogs') || joins.has('cat')) joins.add('p');
    const joinText = (['ts', 'p', 'cat', 'cx'] as Join[])
      .filter((j) => joins.has(j))
      .map((j) => ` ${joinSql(j, source)}`)
      .join('');
    const groupBy = q.dims.length
      ? sql` GROUP BY ${join(
          dimOn.map((x) => x.expr(dialect)),
          ', ',
        )}`
      : raw('');
    const from = (table: string) => raw(`${rollupTableRef(at.engine, at.database, table)} x${joinText}`);
    const coarse = coarseOf(source, q);
    const grain =
      q.dims.find((d): d is Grain => d === 'day' || d === 'week' || d === 'month' || d === 'quarter') ?? null;
    q.periods.forEach((p, pi) => {
      const [lo, hi] = bounds(p);
      // Whole months and weeks from the coarse twins, each inside one bucket of the split's time grain (a week
      // straddling two quarters would put its days in the wrong one).
      const pieces: SpanPiece[] = coarse ? nestedPieces(lo, hi, grain) : [{ level: 'day', from: lo, to: hi }];
      const cols: Fragment[] = dimOn.map((x, i) => sql`${x.expr(dialect)} AS ${raw(dimColumn(q.dims[i]!))}`);
      for (const c of components) {
        q.periods.forEach((_, i) =>
          cols.push(
            sql`${own.includes(c) && i === pi ? measure(c, source, lo) : raw('0')} AS ${raw(compColumn(c, i))}`,
          ),
        );
      }
      const levels = dimOn.flatMap((x) => (x.where ? [raw(x.where)] : []));
      // Its rows without a product hold returned orders only: the base path's lines never lack one.
      if (source === 'daily_product_sales' && !own.includes('returned_orders'))
        levels.push(raw('x.product_id IS NOT NULL'));
      for (const piece of pieces) {
        const table = piece.level === 'day' ? source : coarse![piece.level];
        const conds = [sql`x.day >= ${piece.from} AND x.day < ${piece.to}`, ...rollupConditions(q.filters, source)];
        selects.push(sql`SELECT ${join(cols, ', ')} FROM ${from(table)} WHERE ${and([...conds, ...levels])}${groupBy}`);
      }
    });
  }
  const outer: Fragment[] = q.dims.map((d) => raw(`t.${dimColumn(d)} AS ${dimColumn(d)}`));
  for (const m of q.metrics) {
    q.periods.forEach((_, i) => {
      const value = METRICS[m].formula((c) => sql`COALESCE(SUM(t.${raw(compColumn(c, i))}), 0)`);
      outer.push(sql`${value} AS ${raw(metricColumn(m, i))}`);
    });
  }
  const outerGroup = q.dims.length ? raw(` GROUP BY ${q.dims.map((d) => `t.${dimColumn(d)}`).join(', ')}`) : raw('');
  return { ...base, fragment: sql`SELECT ${join(outer, ', ')} FROM (${join(selects, ' UNION ALL ')}) t${outerGroup}` };
}

/** Picks the rollup query when it covers the question, the base query otherwise; says which. */
export function metricQueryFor(
  q: MetricQuery,
  dialect: Dialect,
  at: RollupAt | null,
): BuiltMetricQuery & { rollup: boolean } {
  const r = at ? buildRollupMetricQuery(q, dialect, at) : null;
  return r ? { ...r, rollup: true } : { ...buildMetricQuery(q, dialect), rollup: false };
}

/**
 * The share of a period's orders that had a return dated before `cutoff` (sameAgeReturnRate in maturity.ts,
 * written the same way so both engines give the same figure), from daily_returned_orders (each returned order
 * by the day of its first return) over daily_orders. Null under a filter they do not keep (category, campaign)
 * or past the rollup.
 */
export function returnedByQuery(f: Filters, period: { from: string; to: string }, cutoff: string, at: RollupAt) {
  if (f.category || f.campaign !== undefined || period.to > at.through) return null;
  const [lo, hi] = bounds(period);
  const from = (table: string) => raw(`${rollupTableRef(at.engine, at.database, table)} x`);
  const where = (more: Fragment[]) =>
    and([sql`x.day >= ${lo} AND x.day < ${hi}`, ...more, ...rollupConditions(f, 'daily_orders')]);
  return sql`SELECT COALESCE(SUM(t.returned), 0) * 1.0 / NULLIF(COALESCE(SUM(t.orders), 0), 0) AS rate FROM (
      SELECT SUM(x.orders) AS returned, 0 AS orders FROM ${from('daily_returned_orders')}
        WHERE ${where([sql`x.first_return_day < ${cutoff}`])}
      UNION ALL
      SELECT 0, SUM(x.orders) FROM ${from('daily_orders')} WHERE ${where([])}) t`;
}
