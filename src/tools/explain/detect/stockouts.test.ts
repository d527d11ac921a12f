// The stock-out effect estimate: the SKUs' share of their sub-category before × what the siblings sold.
import { describe, expect, it } from 'vitest';
import { stockoutEffect } from './stockouts.ts';

describe('stockoutEffect', () => {
  // SKU 1 out of stock; SKUs 2 and 3 are its in-stock siblings.
  const rows = [
    { product_id: 1, channel: 'amazon', net: 4000, units: 100, line_count: 100 },
    { product_id: 2, channel: 'amazon', net: 1000, units: 25, line_count: 25 },
    { product_id: 3, channel: 'amazon', net: 1000, units: 25, line_count: 25 },
  ];
  const sales = (b: Record<number, number>) => (id: number, ch: string) => (ch === 'amazon' ? { a: 1000, b: b[id] ?? 0 } : { a: 0, b: 0 });

  it('holds the SKUs to their pre-period ratio to the siblings, applied to what the siblings sold in the period', () => {
    // Pre-period: SKU 1 sold twice what its siblings did; in the period the siblings sold 600 → 1,200 expected, 100 sold.
    const e = stockoutEffect({ rows, skus: new Set([1]), siblings: new Set([2, 3]), sales: sales({ 1: 100, 2: 300, 3: 300 }), channels: ['amazon'], measure: 'net', growth: 1.1 });
    expect(e).toBeCloseTo(100 - 2 * 600, 6);
  });

  it('falls back to the comparison × growth where the siblings sold too little to compare with', () => {
    const thin = rows.map((r) => (r.product_id === 1 ? r : { ...r, line_count: 2 }));
    const e = stockoutEffect({ rows: thin, skus: new Set([1]), siblings: new Set([2, 3]), sales: sales({ 1: 0 }), channels: ['amazon'], measure: 'net', growth: 1.1 });
    expect(e).toBeCloseTo(-1100, 6);
  });
});
