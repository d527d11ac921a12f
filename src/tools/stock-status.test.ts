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
    expect(
      daysOut(
        [
          { change_date: '2025-02-01 00:00:00', next_date: '2025-02-05 00:00:00' },
          { change_date: '2025-02-03 00:00:00', next_date: '2025-02-06 00:00:00' },
        ],
        p,
      ),
    ).toBe(5);
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
    const out = r.rows
      .filter((x) => (x.days_out_of_stock as number) > 0)
      .map((x) => x.sku)
      .sort();
    expect(out).toEqual(expect.arrayContaining(['SKU-3', 'SKU-6', 'SKU-9']));
    for (const x of r.rows) if ((x.days_out_of_stock as number) === 0) expect(x.est_lost_sales).toBe(0);
    expect(r.untrustedText).toBe(true);
  });

  it('says "nothing was out of stock" as text and a threshold finding when no SKU had a day at zero', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: { from: '2025-01-05', to: '2025-01-20' } }), ctx);
    expect(r.rows.every((x) => x.days_out_of_stock === 0)).toBe(true);
    expect(r.summary).toMatch(/^Nothing was out of stock in 2025-01-05 to 2025-01-20/);
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'threshold', condition: 'out_of_stock', holds: false, items: [] }),
    );
    expect(r.charts).toEqual([]);
  });

  it('stock status: current stock, days of cover and the stock-outs, text, chart and finding from the same rows', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: '2025-02' }), ctx);
    expect(r.columns).toEqual(expect.arrayContaining(['stock_now', 'days_of_cover', 'days_out_of_stock']));
    for (const x of r.rows) if (x.days_of_cover !== null) expect(x.days_of_cover).toBeGreaterThan(0);
    const out = r.rows.filter((x) => (x.days_out_of_stock as number) > 0);
    const t = r.findings!.find((f) => f.kind === 'threshold');
    expect(t).toMatchObject({ holds: true, items: out.map((x) => x.product_name) });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'count', condition: 'out_of_stock', count: out.length }),
    );
    expect(r.summary).toContain(`${out.length} were out of stock on at least one day`);
    for (const x of out) expect(r.summary).toContain(`${x.sku} ${x.product_name}: ${x.days_out_of_stock} of 28 days`);
    const chart = JSON.stringify(r.charts[0]);
    for (const x of out) expect(chart).toContain(String(x.sku));
    expect(r.summary).toMatch(/Now: none at zero stock; fewest days of cover: SKU-\d+ [\d.]+ days/);
  });

  it('lists every SKU with a day at zero stock, not only the top n sellers', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: '2025-02', n: 1 }), ctx);
    const out = r.rows.filter((x) => (x.days_out_of_stock as number) > 0).map((x) => x.sku);
    expect(out).toEqual(expect.arrayContaining(['SKU-3', 'SKU-6', 'SKU-9']));
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'count', condition: 'out_of_stock', count: out.length }),
    );
  });
});
