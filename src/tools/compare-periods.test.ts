import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { ComparePeriodsInput, comparePeriods, planComparePeriods, sameAgeFor } from './compare-periods.ts';
import { METRIC_IDS } from './metrics.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('compare_periods builder', () => {
  it('defaults to last month against the month before, all KPIs', () => {
    const p = planComparePeriods(ComparePeriodsInput.parse({}), 'sqlite', data);
    expect([p.scope.period.from, p.scope.period.to, p.scope.compare?.from, p.scope.compare?.to]).toEqual([
      '2025-02-01',
      '2025-02-28',
      '2025-01-01',
      '2025-01-31',
    ]);
    expect(p.metrics).toEqual([...METRIC_IDS]);
    expect(p.queries[0]!.params).toContain('2025-02-01');
    expect(p.queries[0]!.params).toContain('2025-03-01');
    expect(p.queries[1]!.params).toContain('2025-01-01');
  });

  it('asks for the comparison at the same age beside the KPIs only when a maturing return rate will want it', () => {
    const scope = (input: object) => planComparePeriods(ComparePeriodsInput.parse(input), 'sqlite', data).scope;
    // February ended 20 days before the data did: its returns are still arriving.
    expect(sameAgeFor(scope({}), ['return_rate', 'net_sales'], data)?.cutoff).toBe('2025-02-21');
    expect(sameAgeFor(scope({}), ['net_sales', 'refunds'], data)).toBeNull();
    expect(sameAgeFor(scope({ period: '2025-01', compare_to: 'none' }), ['return_rate'], data)).toBeNull();
    // From the rollup when it holds the comparison: its orders by the day of their first return.
    const at = { engine: 'sqlite' as const, database: null, through: '2025-03-20' };
    const rolled = sameAgeFor(scope({ device: 'mobile' }), ['return_rate'], data, at);
    expect(rolled?.sql).toContain('"rollup_daily_returned_orders"');
    expect(rolled?.params).toEqual(expect.arrayContaining(['2025-02-21', 'mobile']));
    expect(sameAgeFor(scope({ campaign: 3 }), ['return_rate'], data, at)?.sql).not.toMatch(/rollup_/);
  });

  it('differs by dialect only where the engines differ', () => {
    const s = planComparePeriods(ComparePeriodsInput.parse({ metrics: ['net_sales'] }), 'sqlite', data).queries;
    const m = planComparePeriods(ComparePeriodsInput.parse({ metrics: ['net_sales'] }), 'mysql', data).queries;
    expect(s).toEqual(m); // no date functions needed: identical SQL
  });
});

describe('compare_periods on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('returns one row per KPI with deltas that add up', async () => {
    const r = await comparePeriods.run(ComparePeriodsInput.parse({ period: '2025-02' }), ctx);
    expect(r.columns).toEqual(['metric', 'label', 'current', 'previous', 'change', 'change_pct']);
    expect(r.rows).toHaveLength(METRIC_IDS.length);
    for (const row of r.rows) {
      if (row.current !== null && row.previous !== null)
        expect(row.change as number).toBeCloseTo((row.current as number) - (row.previous as number), 1);
    }
    const ns = r.rows.find((x) => x.metric === 'net_sales')!;
    const [direct] = (
      await db.query(
        "SELECT ROUND(SUM(total_amount), 2) AS s FROM orders WHERE order_status <> 'cancelled' AND substr(order_date, 1, 7) = '2025-02'",
      )
    ).rows;
    expect(ns.current).toBeCloseTo(Number(direct!.s), 2);
    expect(r.summary).toMatch(/Net sales: [\d,.]+ vs [\d,.]+ \([+-][\d.]+%\)/);
    expect(r.queries[0]!.sql).toContain('UNION ALL');
  });

  it('a partial month is compared like for like and the summary says so', async () => {
    const r = await comparePeriods.run(ComparePeriodsInput.parse({ period: 'this_month', metrics: ['orders'] }), ctx);
    expect(r.summary).toMatch(/partial: the data ends on 2025-03-20/);
    expect(r.summary).toMatch(/2025-02-01 to 2025-02-20/);
  });

  it('marketplace-only filters leave conversion undefined instead of zero', async () => {
    const r = await comparePeriods.run(
      ComparePeriodsInput.parse({ period: '2025-02', channel: 'amazon', metrics: ['sessions', 'conversion_rate'] }),
      ctx,
    );
    expect(r.rows.map((x) => x.current)).toEqual([0, null]);
    expect(r.summary).toMatch(/sessions exist only on the own website/);
  });

  it('states each KPI change as a finding: absolute, relative, base and direction', async () => {
    const r = await comparePeriods.run(
      ComparePeriodsInput.parse({ period: '2025-02', metrics: ['net_sales', 'orders'] }),
      ctx,
    );
    const ns = r.rows.find((x) => x.metric === 'net_sales')!;
    const f = r.findings!.find((x) => x.kind === 'change' && x.metric === 'net_sales');
    const d = (ns.current as number) - (ns.previous as number);
    expect(f).toMatchObject({
      kind: 'change',
      base: '2025-01',
      from: ns.previous,
      to: ns.current,
      direction: d > 0 ? 'up' : 'down',
    });
    expect(f!.kind === 'change' && f!.absolute).toBeCloseTo(d, 2);
    expect(f!.kind === 'change' && f!.relative).toBeCloseTo(d / (ns.previous as number), 4);
    expect(r.findings!.some((x) => x.kind === 'maturity')).toBe(false);
  });

  it('a return rate still inside the 30-day window is a lower bound, said in the summary and a finding', async () => {
    const r = await comparePeriods.run(
      ComparePeriodsInput.parse({ period: '2025-03', metrics: ['return_rate', 'orders'] }),
      ctx,
    );
    const f = r.findings!.filter((x) => x.kind === 'maturity');
    expect(f).toEqual([expect.objectContaining({ metric: 'return_rate', after: '2025-02-18' })]);
    expect(r.summary).toMatch(/Still maturing: returns for orders after 2025-02-18 are still arriving/);
    expect(r.summary).toMatch(/lower bound/);
    const jan = await comparePeriods.run(
      ComparePeriodsInput.parse({ period: '2025-01', metrics: ['return_rate'] }),
      ctx,
    );
    expect(jan.findings!.some((x) => x.kind === 'maturity')).toBe(false);
  });

  it('compares a maturing return rate like with like: the comparison counted at the same age', async () => {
    const r = await comparePeriods.run(ComparePeriodsInput.parse({ period: '2025-02', metrics: ['return_rate'] }), ctx);
    const f = r.findings!.find((x) => x.kind === 'change' && x.base === '2025-01 at the same age');
    expect(f).toBeDefined();
    // February is read 20 days after its end: January counted with the returns it had 20 days after its end.
    const [d] = (
      await db.query(`SELECT COUNT(DISTINCT CASE WHEN r.return_date < '2025-02-21' THEN o.order_id END) * 1.0
      / COUNT(DISTINCT o.order_id) AS rate FROM orders o LEFT JOIN returns r ON r.order_id = o.order_id
      WHERE o.order_status <> 'cancelled' AND o.order_date >= '2025-01-01' AND o.order_date < '2025-02-01'`)
    ).rows;
    expect(f!.kind === 'change' && f!.from).toBeCloseTo(Number(d!.rate), 4);
    const full = r.rows[0]!.previous as number;
    expect(f!.kind === 'change' && f!.from).toBeLessThanOrEqual(full);
    expect(r.summary).toMatch(
      /Like with like: 2025-01 counting only returns dated up to 2025-02-20 \(as old as 2025-02 is now\)/,
    );
  });
});
