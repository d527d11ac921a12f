import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { partialBuckets } from './findings.ts';
import {
  autoGrain,
  bucketStarts,
  planSalesTrend,
  SalesTrendInput,
  salesTrend,
  salesTrendFindings,
} from './sales-trend.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('sales_trend builder', () => {
  it('picks the grain from the period length', () => {
    expect(autoGrain({ from: '2025-01-01', to: '2025-01-31' })).toBe('day');
    expect(autoGrain({ from: '2025-01-01', to: '2025-05-31' })).toBe('week');
    expect(autoGrain({ from: '2024-01-01', to: '2025-12-31' })).toBe('month');
  });

  it('lists every bucket, weeks from Monday', () => {
    expect(bucketStarts({ from: '2025-01-01', to: '2025-01-15' }, 'week')).toEqual([
      '2024-12-30',
      '2025-01-06',
      '2025-01-13',
    ]);
    expect(bucketStarts({ from: '2025-01-15', to: '2025-03-02' }, 'month')).toEqual([
      '2025-01-01',
      '2025-02-01',
      '2025-03-01',
    ]);
  });

  it("uses the engine's date functions for buckets", () => {
    const s = planSalesTrend(SalesTrendInput.parse({ grain: 'week' }), 'sqlite', data).series.sql;
    const m = planSalesTrend(SalesTrendInput.parse({ grain: 'week' }), 'mysql', data).series.sql;
    expect(s).toContain("'weekday 0'");
    expect(m).toContain('WEEKDAY(');
  });

  it('rejects an unknown breakdown', () => {
    expect(SalesTrendInput.safeParse({ breakdown: 'planet' }).success).toBe(false);
  });
});

describe('sales_trend on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('daily rows fill empty days and sum to the period total', async () => {
    const r = await salesTrend.run(SalesTrendInput.parse({ period: '2025-02', metrics: ['net_sales', 'orders'] }), ctx);
    expect(r.rows).toHaveLength(28);
    const total = r.rows.reduce((a, x) => a + (x.net_sales as number), 0);
    const m = r.summary.match(/Net sales for the period: ([\d,.]+)/)!;
    expect(total).toBeCloseTo(Number(m[1]!.replace(/,/g, '')), 1);
    expect(r.charts).toHaveLength(2);
  });

  it('aligns the comparison bucket by bucket', async () => {
    const r = await salesTrend.run(
      SalesTrendInput.parse({ period: '2025-02', grain: 'week', compare_to: 'previous_period' }),
      ctx,
    );
    expect(r.columns).toContain('net_sales_compare');
    expect(r.rows[0]).toMatchObject({ period_start: '2025-01-27', compare_start: '2024-12-30' });
  });

  it('splits into series with a breakdown', async () => {
    const r = await salesTrend.run(
      SalesTrendInput.parse({ period: '2025-02', grain: 'month', breakdown: 'channel' }),
      ctx,
    );
    expect(r.rows.map((x) => x.channel).sort()).toEqual(['amazon', 'other_marketplace', 'own_website']);
  });

  it('never names a partial week as the lowest; marks it in the rows and the summary', async () => {
    const r = await salesTrend.run(SalesTrendInput.parse({ period: '2025-02', grain: 'week' }), ctx);
    // February 2025 starts on a Saturday: its first week has 2 days, its last 5.
    expect(r.rows.filter((x) => x.partial).map((x) => x.period_start)).toEqual(['2025-01-27', '2025-02-24']);
    expect(r.columns).toContain('partial');
    const firstWeek = r.rows[0]!.net_sales as number;
    expect(Math.min(...r.rows.map((x) => x.net_sales as number))).toBe(firstWeek);
    expect(r.summary).not.toMatch(/(?:highest|lowest) (?:full )?week 2025-01-27/);
    expect(r.summary).toMatch(/lowest full week 2025-02-\d\d/);
    expect(r.summary).toMatch(
      /partial weeks, not compared as highest or lowest: 2025-01-27 \(2 days\), 2025-02-24 \(5 days\)/,
    );
    const lowest = r.findings!.find((f) => f.kind === 'extreme' && f.which === 'lowest');
    expect(lowest?.kind === 'extreme' && r.summary).toContain(
      `lowest full week ${lowest!.kind === 'extreme' && lowest!.subject.name}`,
    );
  });

  it('a return rate trend into the last 30 days carries a maturity finding', async () => {
    const r = await salesTrend.run(SalesTrendInput.parse({ period: '2025-03', metrics: ['return_rate'] }), ctx);
    expect(r.findings!.find((f) => f.kind === 'maturity')).toMatchObject({
      metric: 'return_rate',
      after: '2025-02-18',
    });
    expect(r.summary).toMatch(/Still maturing: returns for orders after 2025-02-18/);
  });

  it('never names a week still inside the return window as the lowest return rate', async () => {
    const period = { from: '2025-01-06', to: '2025-03-16' };
    const r = await salesTrend.run(SalesTrendInput.parse({ period, grain: 'week', metrics: ['return_rate'] }), ctx);
    const lowest = r.findings!.find((f) => f.kind === 'extreme' && f.which === 'lowest');
    expect(lowest?.kind === 'extreme' && lowest.subject.name <= '2025-02-10').toBe(true);
    expect(lowest?.kind === 'extreme' && lowest.excluded.map((x) => x.name)).toEqual([
      '2025-02-17',
      '2025-02-24',
      '2025-03-03',
      '2025-03-10',
    ]);
    expect(r.summary).toMatch(
      /still maturing, not compared as highest or lowest: 2025-02-17, 2025-02-24, 2025-03-03, 2025-03-10/,
    );
  });
});

describe('sales_trend by quarter', () => {
  const span = { from: '2024-11-15', to: '2025-08-03' };
  const wide = { minDate: '2024-01-01', maxDate: '2025-12-31' };

  it('cuts a period into calendar quarters and marks the ones it only partly covers', () => {
    expect(bucketStarts(span, 'quarter')).toEqual(['2024-10-01', '2025-01-01', '2025-04-01', '2025-07-01']);
    expect(partialBuckets(span, 'quarter')).toEqual(['2024-10-01', '2025-07-01']);
    expect(partialBuckets({ from: '2025-01-01', to: '2025-06-30' }, 'quarter')).toEqual([]);
  });

  it('buckets by quarter start on both engines', () => {
    const input = SalesTrendInput.parse({ grain: 'quarter', period: span, metrics: ['conversion_rate'] });
    expect(planSalesTrend(input, 'sqlite', data).series.sql).toContain("ELSE '10' END || '-01')");
    expect(planSalesTrend(input, 'mysql', data).series.sql).toContain("CONCAT(DATE_FORMAT(o.order_date, '%Y-')");
  });

  it('reads quarters from the daily rollup when it covers the period, as it does months', () => {
    const input = SalesTrendInput.parse({ grain: 'quarter', period: span, metrics: ['conversion_rate', 'aov'] });
    for (const engine of ['sqlite', 'mysql'] as const) {
      const at = { engine, database: engine === 'mysql' ? 'tidelens' : null, through: '2025-12-31' };
      const plan = planSalesTrend(input, engine, wide, at);
      expect(plan.rollupThrough).toBe('2025-12-31');
      expect(plan.series.sql).toContain('k_quarter');
    }
  });

  it('never names a partial quarter as the highest or lowest rate, and names it as partial', () => {
    const plan = planSalesTrend(
      SalesTrendInput.parse({ grain: 'quarter', period: span, metrics: ['aov'] }),
      'sqlite',
      wide,
    );
    // The partial quarters hold the extremes of the rows: a reading that compares them as whole would pick them.
    const rows = [
      { period_start: '2024-10-01', aov: 10, partial: true },
      { period_start: '2025-01-01', aov: 40 },
      { period_start: '2025-04-01', aov: 35 },
      { period_start: '2025-07-01', aov: 90, partial: true },
    ];
    const ex = salesTrendFindings(plan, rows, undefined).filter((f) => f.kind === 'extreme');
    expect(ex).toHaveLength(2);
    for (const f of ex) {
      if (f.kind !== 'extreme') continue;
      expect(f.over).toBe('quarter');
      expect(f.subject.name).toBe(f.which === 'highest' ? '2025-01-01' : '2025-04-01');
      expect(f.excluded.map((x) => x.name)).toEqual(['2024-10-01', '2025-07-01']);
    }
  });

  it('a quarterly rate series on the fixture: one partial quarter, its value the period total', async () => {
    const { db, ctx } = await fixtureSqlite();
    try {
      // The fixture holds 2025-01-01 to 2025-03-20: the first quarter, cut short.
      const r = await salesTrend.run(SalesTrendInput.parse({ period: 'all', grain: 'quarter', metrics: ['aov'] }), ctx);
      expect(r.rows.map((x) => [x.period_start, x.partial])).toEqual([['2025-01-01', true]]);
      const all = await salesTrend.run(SalesTrendInput.parse({ period: 'all', metrics: ['aov'], grain: 'month' }), ctx);
      expect(r.summary).toMatch(/partial quarters, not compared as highest or lowest: 2025-01-01 \(79 days\)/);
      const aov = Number(/Average order value for the period: ([\d.]+)/.exec(all.summary)![1]);
      expect(r.rows[0]!.aov).toBeCloseTo(aov, 2);
      expect(r.findings!.some((f) => f.kind === 'extreme')).toBe(false);
    } finally {
      await db.close();
    }
  });
});
