import { describe, expect, it } from 'vitest';
import type { Row } from '../../../db/types.ts';
import { detectStockouts } from './stockouts.ts';

const w = { a: { from: '2025-01-01', to: '2025-01-31' }, b: { from: '2025-02-01', to: '2025-02-28' } };
const SUB: Record<number, string> = { 1: 'Cover-Ups', 2: 'Cover-Ups', 3: "Kids' Swimwear", 4: "Kids' Swimwear" };

/** A SKU's stock records: in stock, at zero from `out` (end of day) to `back` (restocked the next day). */
function outage(id: number, out: string, back: string): Row[] {
  return [
    { product_id: id, change_date: '2025-01-20 09:00:00', stock_after: 40 },
    { product_id: id, change_date: `${out} 08:00:00`, stock_after: 0 },
    { product_id: id, change_date: `${back} 08:00:00`, stock_after: 30 },
  ];
}

const detect = (rows: Row[]) =>
  detectStockouts({
    rows,
    window: w,
    skuOf: (id) => `SKU-${id}`,
    subcategoryOf: (id) => SUB[id]!,
    dailySalesA: () => 10,
    growth: 1,
  });

describe('detectStockouts', () => {
  it('keeps two sub-categories out from the same day but back on different days as two stock-outs', () => {
    const rows = [
      ...outage(1, '2025-02-01', '2025-02-10'),
      ...outage(2, '2025-02-01', '2025-02-10'),
      ...outage(3, '2025-02-01', '2025-02-21'),
      ...outage(4, '2025-02-01', '2025-02-21'),
    ];
    const found = detect(rows).map((e) => [e.segment.product, e.start, e.end]);
    expect(found).toEqual([
      [['SKU-1', 'SKU-2'], '2025-02-01', '2025-02-09'],
      [['SKU-3', 'SKU-4'], '2025-02-01', '2025-02-20'],
    ]);
  });

  it('names SKUs that went out and came back together as one stock-out', () => {
    const rows = [1, 2, 3].flatMap((id) => outage(id, '2025-02-05', '2025-02-15'));
    expect(detect(rows).map((e) => e.segment.product)).toEqual([['SKU-1', 'SKU-2', 'SKU-3']]);
  });

  it('keeps a SKU with no comparison sales in its stock-out when it sold before going out', () => {
    const sold = (id: number): Row[] => [
      { product_id: id, change_date: '2025-02-01 09:00:00', stock_after: 25 },
      { product_id: id, change_date: '2025-02-02 23:59:59', stock_after: 21 },
      { product_id: id, change_date: '2025-02-06 08:00:00', stock_after: 0 },
      { product_id: id, change_date: '2025-02-16 08:00:00', stock_after: 30 },
    ];
    const neverSold: Row[] = [
      { product_id: 4, change_date: '2025-02-01 09:00:00', stock_after: 25 },
      { product_id: 4, change_date: '2025-02-06 08:00:00', stock_after: 0 },
      { product_id: 4, change_date: '2025-02-16 08:00:00', stock_after: 30 },
    ];
    const rows = [
      ...outage(1, '2025-02-06', '2025-02-16'),
      ...outage(2, '2025-02-06', '2025-02-16'),
      ...sold(3),
      ...neverSold,
    ];
    const events = detectStockouts({
      rows,
      window: w,
      skuOf: (id) => `SKU-${id}`,
      subcategoryOf: (id) => SUB[id]!,
      dailySalesA: (id) => (id <= 2 ? 10 : 0),
      growth: 1,
    });
    expect(events.map((e) => e.segment.product)).toEqual([['SKU-1', 'SKU-2', 'SKU-3']]);
    // Two SKUs × 10 days × 10 a day; the new SKU adds no comparison-based estimate.
    expect(events[0]!.facts.estimated_lost_sales).toBe(200);
  });
});
