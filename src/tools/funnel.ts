// funnel: own-website sessions → product views → add-to-cart → purchase, optionally by device or source.
import { z } from 'zod';
import type { Row } from '../db/types.ts';
import { barChart } from './charts.ts';
import { METRIC_LABELS } from '../protocol/vocabulary.ts';
import { filterShape, noteLines, resolveScope, scopeLine, type FilterInput } from './filters.ts';
import { extremeOf, rateOf } from './findings.ts';
import { formatValue, roundUnit } from './metrics.ts';
import type { Finding } from '../protocol/index.ts';
import { QueryLog } from './query-log.ts';
import { addDaysTo, bounds, type Period } from '../calendar/index.ts';
import type { Dialect } from './sql/dialect.ts';
import { sessionConditions, categoryProductIds } from './sql/filter-sql.ts';
import { and, raw, sql, type Fragment } from './sql/fragment.ts';
import { funnelRollupSql } from './sql/funnel-rollup-sql.ts';
import { rollupFor, type RollupAt } from '../rollup/coverage.ts';
import type { DataRange, Tool } from './types.ts';

const BY = {
  device: 'v.device_type',
  source: 'ts.source_name',
  source_type: 'ts.source_type',
  country: 'v.country',
} as const;

export const FunnelInput = z.strictObject({
  ...filterShape,
  by: z
    .enum(['device', 'source', 'source_type', 'country'])
    .optional()
    .describe('Split the funnel by this session attribute.'),
});
export type FunnelInput = z.infer<typeof FunnelInput>;

/**
 * Two branches summed per group. Sessions, and whether each reached a product view / add-to-cart, come from
 * visit_logs with an EXISTS probe per step (served by the behaviours' session index); sessions with a
 * non-cancelled order come from the orders of the period joined to their session. A session belongs to the
 * period by its start (visit_time).
 */
function funnelSql(
  p: Period,
  input: FunnelInput,
  scope: ReturnType<typeof resolveScope>,
  dialect: Dialect,
): { fragment: Fragment; caveats: string[] } {
  const [lo, hi] = bounds(p);
  // An order placed late in a session that started on the last day can fall after midnight.
  const actHi = addDaysTo(hi, 1);
  const s = sessionConditions(scope.filters);
  const inPeriod = and([sql`v.visit_time >= ${lo} AND v.visit_time < ${hi}`, ...s.conds]);
  const cat = scope.filters.category;
  const needsTs = input.by === 'source' || input.by === 'source_type';
  const dim = input.by ? raw(BY[input.by]) : raw(`'all'`);
  const ts = raw(needsTs ? ' LEFT JOIN traffic_sources ts ON ts.source_id = v.source_id' : '');
  const group = input.by ? sql` GROUP BY ${dim}` : raw('');
  const behaviourCat = cat ? sql` AND ub.product_id IN (${categoryProductIds(cat)})` : raw('');
  // A session is probed by its integer key (visit_logs.log_id = user_behaviors.visit_log_id): the visits' time
  // index already carries log_id, so no session row is read, and the probe compares integers, not 40-character
  // ids. Same numbers, engine-specific shape: SQLite is fastest with one EXISTS probe per step, MariaDB with
  // one join per session aggregated by session (grouping by log_id alone; the split is one value per session).
  const reached = (type: string) =>
    sql`SUM(CASE WHEN EXISTS (SELECT 1 FROM user_behaviors ub WHERE ub.visit_log_id = v.log_id AND ub.behavior_type = ${raw(`'${type}'`)}${behaviourCat}) THEN 1 ELSE 0 END)`;
  const visits =
    dialect === 'sqlite'
      ? sql`SELECT ${dim} AS k, COUNT(*) AS sessions, ${reached('view')} AS viewed, ${reached('add_to_cart')} AS carted, 0 AS purchased
        FROM visit_logs v${ts} WHERE ${inPeriod}${group}`
      : sql`SELECT s.k AS k, COUNT(*) AS sessions, SUM(s.viewed) AS viewed, SUM(s.carted) AS carted, 0 AS purchased
        FROM (SELECT MIN(${dim}) AS k,
            MAX(CASE WHEN ub.behavior_type = 'view' THEN 1 ELSE 0 END) AS viewed,
            MAX(CASE WHEN ub.behavior_type = 'add_to_cart' THEN 1 ELSE 0 END) AS carted
          FROM visit_logs v${ts} LEFT JOIN user_behaviors ub ON ub.visit_log_id = v.log_id AND ub.behavior_type IN ('view', 'add_to_cart')${behaviourCat}
          WHERE ${inPeriod} GROUP BY v.log_id) s
        GROUP BY s.k`;
  const purchaseCat = cat
    ? sql` AND EXISTS (SELECT 1 FROM order_items oif WHERE oif.order_id = o.order_id AND oif.product_id IN (${categoryProductIds(cat)}))`
    : raw('');
  const purchases = sql`SELECT ${dim} AS k, 0 AS sessions, 0 AS viewed, 0 AS carted, COUNT(DISTINCT o.session_id) AS purchased
    FROM orders o JOIN visit_logs v ON v.session_id = o.session_id${ts}
    WHERE o.order_date >= ${lo} AND o.order_date < ${actHi} AND o.channel = 'own_website' AND o.order_status <> 'cancelled'${purchaseCat} AND ${inPeriod}${group}`;
  const fragment = sql`SELECT t.k AS k, SUM(t.sessions) AS sessions, SUM(t.viewed) AS viewed, SUM(t.carted) AS carted, SUM(t.purchased) AS purchased
    FROM (${visits} UNION ALL ${purchases}) t GROUP BY t.k`;
  const caveats = [...s.caveats];
  if (cat) caveats.push(`views and carts count ${cat} products only; purchases count orders containing a ${cat} item`);
  return { fragment, caveats };
}

export function planFunnel(input: FunnelInput, dialect: Dialect, data: DataRange, rollup: RollupAt | null = null) {
  const scope = resolveScope(input as Partial<FilterInput>, data, { period: 'last_30_days', compare: 'none' });
  const cur = funnelSql(scope.period, input, scope, dialect);
  const cmp = scope.compare ? funnelSql(scope.compare, input, scope, dialect) : null;
  const fromRollup = rollup ? rollupPlan(scope, input.by, rollup) : null;
  const caveats = [...cur.caveats];
  if (scope.filters.customerType) caveats.push('customer_type does not apply to sessions and is ignored');
  caveats.push(
    'the funnel counts sessions reaching each step; marketplace orders have no sessions and never appear here',
  );
  return {
    scope,
    by: input.by,
    current: { sql: cur.fragment.sql, params: cur.fragment.params },
    compare: cmp ? { sql: cmp.fragment.sql, params: cmp.fragment.params } : null,
    /** The same counts from the daily rollup, when it holds every period asked. */
    rollup: fromRollup,
    caveats,
  };
}

function rollupPlan(scope: ReturnType<typeof resolveScope>, by: FunnelInput['by'], at: RollupAt) {
  const cur = funnelRollupSql(scope.period, by, scope.filters, at);
  const cmp = scope.compare ? funnelRollupSql(scope.compare, by, scope.filters, at) : null;
  if (!cur || (scope.compare && !cmp)) return null;
  return {
    through: at.through,
    current: { sql: cur.sql, params: cur.params },
    compare: cmp ? { sql: cmp.sql, params: cmp.params } : null,
  };
}

type Plan = ReturnType<typeof planFunnel>;

/**
 * The funnel's rows (and the comparison's), from the rollup when it answers exactly: a session whose orders
 * all fall outside its visit day and the next (odd) sends the question to the base tables.
 */
async function loadFunnel(
  plan: Plan,
  log: QueryLog,
): Promise<{ rows: Row[]; cmpRows: Row[] | null; through: string | null }> {
  const run = (q: { current: Plan['current']; compare: Plan['compare'] }, note: string) =>
    log.runAll([
      { ...q.current, label: `funnel${note}` },
      ...(q.compare ? [{ ...q.compare, label: `funnel, comparison${note}` }] : []),
    ]);
  if (plan.rollup) {
    const [rows, cmpRows = null] = await run(plan.rollup, ', daily rollup');
    const odd = [...rows, ...(cmpRows ?? [])].some((r) => Number(r.odd ?? 0) > 0);
    if (!odd) return { rows, cmpRows, through: plan.rollup.through };
  }
  const [rows, cmpRows = null] = await run(plan, '');
  return { rows, cmpRows, through: null };
}

function rates(r: Row) {
  const n = (k: string) => Number(r[k] ?? 0);
  const div = (a: number, b: number) => (b ? roundUnit('ratio', a / b) : null);
  return {
    sessions: n('sessions'),
    viewed: n('viewed'),
    carted: n('carted'),
    purchased: n('purchased'),
    view_rate: div(n('viewed'), n('sessions')),
    cart_rate: div(n('carted'), n('viewed')),
    session_cart_rate: div(n('carted'), n('sessions')),
    checkout_rate: div(n('purchased'), n('carted')),
    session_conversion: div(n('purchased'), n('sessions')),
  };
}

export function shapeFunnel(plan: Plan, rows: Row[], cmpRows: Row[] | null): Row[] {
  const cmpBy = new Map((cmpRows ?? []).map((r) => [String(r.k ?? ''), rates(r)]));
  const out: Row[] = rows.map((r) => {
    const base: Row = plan.by ? { [plan.by]: r.k ?? '(none)' } : {};
    const x = rates(r);
    return {
      ...base,
      ...x,
      ...(cmpRows ? { session_conversion_previous: cmpBy.get(String(r.k ?? ''))?.session_conversion ?? null } : {}),
    };
  });
  out.sort(
    (a, b) =>
      (b.sessions as number) - (a.sessions as number) ||
      String(a[plan.by ?? 'sessions']).localeCompare(String(b[plan.by ?? 'sessions'])),
  );
  return out;
}

function totalOf(rows: Row[]): Row {
  const sum = (k: string) => rows.reduce((a, r) => a + Number(r[k] ?? 0), 0);
  return rates({
    sessions: sum('sessions'),
    viewed: sum('viewed'),
    carted: sum('carted'),
    purchased: sum('purchased'),
  });
}

/** Each step's rate: what reached the later step over what reached the earlier one. */
export const FUNNEL_STEPS = [
  { metric: 'view_rate', numerator: 'viewed', denominator: 'sessions' },
  { metric: 'session_cart_rate', numerator: 'carted', denominator: 'sessions' },
  { metric: 'cart_rate', numerator: 'carted', denominator: 'viewed' },
  { metric: 'checkout_rate', numerator: 'purchased', denominator: 'carted' },
  { metric: 'session_conversion', numerator: 'purchased', denominator: 'sessions' },
] as const;

/** The losses between steps, for "where do they drop off", "流失率": what left after one step without the next. */
export const DROP_OFFS = [
  { metric: 'cart_drop_off', reached: 'sessions', next: 'carted', numerator: 'sessions_without_cart' },
  { metric: 'checkout_drop_off', reached: 'carted', next: 'purchased', numerator: 'carts_without_order' },
] as const;

const SEGMENTS_STATED = 8;
const SEGMENT_RATES: string[] = ['session_cart_rate', 'checkout_rate', 'session_conversion'];

/**
 * The step rates of the whole funnel (subject "all") and of the largest split rows, and with a split the highest and
 * lowest converting segment: "mobile converts worst" is read from here, not from the rows.
 */
export function funnelFindings(total: Row, rows: Row[], by: string | undefined, period?: string): Finding[] {
  const stepRates = (subject: string, r: Row, steps: readonly (typeof FUNNEL_STEPS)[number][] = FUNNEL_STEPS) =>
    steps.flatMap((s) => {
      const f = rateOf(subject, Number(r[s.numerator] ?? 0), Number(r[s.denominator] ?? 0), { ...s, period });
      return f ? [f] : [];
    });
  const dropOffs = (subject: string, r: Row) =>
    DROP_OFFS.flatMap((d) => {
      const reached = Number(r[d.reached] ?? 0);
      const f = rateOf(subject, reached - Number(r[d.next] ?? 0), reached, {
        metric: d.metric,
        numerator: d.numerator,
        denominator: d.reached,
        period,
      });
      return f ? [f] : [];
    });
  const out = [...stepRates('all', total), ...dropOffs('all', total)];
  if (!by) return out;
  // The largest segments, with the rates an answer states per segment: findings crowd the rows out of the model
  // part when they outgrow it.
  const perSegment = FUNNEL_STEPS.filter((s) => SEGMENT_RATES.includes(s.metric));
  for (const r of rows.slice(0, SEGMENTS_STATED))
    out.push(...stepRates(String(r[by]), r, perSegment), ...dropOffs(String(r[by]), r));
  // The claim check reads an extreme by its segment, not its metric: one extreme, the overall conversion.
  out.push(...extremeOf(rows, by, 'session_conversion', { metric: 'session_conversion', over: by, period }));
  return out;
}

export const funnel: Tool<typeof FunnelInput> = {
  name: 'funnel',
  description:
    'Own-website conversion funnel: sessions → sessions with a product view → with add-to-cart → with a (non-cancelled) order, with the step rates ' +
    '(view_rate = viewed ÷ sessions, session_cart_rate = carted ÷ sessions, cart_rate = carted ÷ viewed, ' +
    'checkout_rate = ordered ÷ carted, session_conversion = ordered ÷ sessions), optionally split by device, source, source_type or country. ' +
    'Use for "where do visitors drop off", "mobile vs desktop conversion". Marketplaces (Amazon etc.) have no sessions and are not part of it. ' +
    'Default period: last_30_days.',
  inputSchema: FunnelInput,
  async run(input, ctx) {
    const plan = planFunnel(input, ctx.db.engine, ctx.data, await rollupFor(ctx.db));
    const log = new QueryLog(ctx);
    const { rows, cmpRows, through } = await loadFunnel(plan, log);
    const shaped = shapeFunnel(plan, rows, cmpRows);
    const total = totalOf(rows);
    const pct = (v: unknown) => formatValue('ratio', v as number | null);
    const n = (v: unknown) => formatValue('count', v as number);
    const lines = [
      `Own-website funnel, ${scopeLine(plan.scope)}.`,
      `Sessions ${n(total.sessions)} → viewed ${n(total.viewed)} (${pct(total.view_rate)}) → added to cart ${n(total.carted)} (${pct(total.cart_rate)} of viewers) → ordered ${n(total.purchased)} (${pct(total.checkout_rate)} of carts); session conversion ${pct(total.session_conversion)}.`,
    ];
    lines.push(`Sessions that added to cart: ${pct(total.session_cart_rate)} of all sessions.`);
    if (cmpRows) lines.push(`Comparison period session conversion: ${pct(totalOf(cmpRows).session_conversion)}.`);
    if (plan.by)
      lines.push(
        ...shaped
          .slice(0, 8)
          .map(
            (r) =>
              `- ${r[plan.by!]}: ${n(r.sessions)} sessions, ${pct(r.session_cart_rate)} added to cart, ${pct(r.checkout_rate)} of carts ordered, conversion ${pct(r.session_conversion)}`,
          ),
      );
    const stages = [
      { stage: 'sessions', count: total.sessions },
      { stage: 'viewed', count: total.viewed },
      { stage: 'carted', count: total.carted },
      { stage: 'ordered', count: total.purchased },
    ];
    const columns = [
      ...(plan.by ? [plan.by] : []),
      'sessions',
      'viewed',
      'carted',
      'purchased',
      'view_rate',
      'cart_rate',
      'session_cart_rate',
      'checkout_rate',
      'session_conversion',
      ...(cmpRows ? ['session_conversion_previous'] : []),
    ];
    return {
      columns,
      rows: shaped,
      queries: log.queries,
      summary: [
        ...lines,
        ...noteLines(plan.scope, plan.caveats),
        ...(through ? [`Read from the daily rollup; data through ${through}.`] : []),
      ].join('\n'),
      findings: funnelFindings(total, shaped, plan.by, plan.scope.period.label),
      charts: [
        barChart({
          title: { en: 'Own-website funnel', zh: '独立站转化漏斗' },
          rows: stages,
          category: { field: 'stage', type: 'ordinal' },
          value: { field: 'count', title: METRIC_LABELS.sessions, format: ',.0f' },
        }),
      ],
    };
  },
};
