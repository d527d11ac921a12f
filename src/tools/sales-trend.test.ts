import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { autoGrain, bucketStarts, planSalesTrend, SalesTrendInput, salesTrend } from './sales-trend.ts';
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
