import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { daysOut, planStockStatus, StockStatusInput, stockStatus } from './stock-status.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('stock_status pieces', () => {
  it('counts whole days from the stock-out day up to (not including) the restock day, inside the period', () => {
    const p = { from: '2025-02-01', to: '2025-02-28' };
    expect(daysOut([{ change_date: '2025-02-10 14:00:00', next_date: '2025-02-13 09:00:00' }], p)).toBe(3);
    expect(daysOut([{ change_date: '2025-01-20 00:00:00', next_date: '2025-02-03 00:00:00' }], p)).toBe(2);
    expect(daysOut([{ change_date: '2025-02-25 00:00:00', next_date: null }], p)).toBe(4);
    expect(daysOut([{ change_date: '2025-02-01 00:00:00', next_date: '2025-02-05 00:00:00' }, { change_date: '2025-02-03 00:00:00', next_date: '2025-02-06 00:00:00' }], p)).toBe(5);
  });

  it('ranks on the period plus the 90 days before it', () => {
    const p = planStockStatus(StockStatusInput.parse({ period: '2025-03' }), 'sqlite', data);
    expect(p.pre).toEqual({ from: '2024-12-01', to: '2025-02-28' });
  });
});

describe('stock_status on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('finds the planted stock-outs and estimates what they cost', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: '2025-02' }), ctx);
    const out = r.rows.filter((x) => (x.days_out_of_stock as number) > 0).map((x) => x.sku).sort();
    expect(out).toEqual(expect.arrayContaining(['SKU-3', 'SKU-6', 'SKU-9']));
    for (const x of r.rows) if ((x.days_out_of_stock as number) === 0) expect(x.est_lost_sales).toBe(0);
    expect(r.untrustedText).toBe(true);
  });
});
