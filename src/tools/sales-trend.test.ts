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
    expect(bucketStarts({ from: '2025-01-01', to: '2025-01-15' }, 'week')).toEqual(['2024-12-30', '2025-01-06', '2025-01-13']);
    expect(bucketStarts({ from: '2025-01-15', to: '2025-03-02' }, 'month')).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
  });

  it('uses the engine\'s date functions for buckets', () => {
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
    const r = await salesTrend.run(SalesTrendInput.parse({ period: '2025-02', grain: 'week', compare_to: 'previous_period' }), ctx);
    expect(r.columns).toContain('net_sales_compare');
    expect(r.rows[0]).toMatchObject({ period_start: '2025-01-27', compare_start: '2024-12-30' });
  });

  it('splits into series with a breakdown', async () => {
    const r = await salesTrend.run(SalesTrendInput.parse({ period: '2025-02', grain: 'month', breakdown: 'channel' }), ctx);
    expect(r.rows.map((x) => x.channel).sort()).toEqual(['amazon', 'other_marketplace', 'own_website']);
  });
});
