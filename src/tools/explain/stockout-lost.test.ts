// A stock-out on a ratio: the SKUs' kept lines stay, the lost volume comes back at their comparison rate.
import { describe, expect, it } from 'vitest';
import { counterfactualEffect, type MetricView } from './cube.ts';
import { stockoutLostPartsEffect } from './stockout-lost.ts';

/** Leaves by product, [comparison, period] of the ratio's numerator and denominator. */
function view(rows: Array<[string, [number, number], [number, number]]>): MetricView {
  return {
    kind: 'ratio',
    dimNames: ['product'],
    values: rows.map(([p]) => [p]),
    n: rows.length,
    num: { a: Float64Array.from(rows, (r) => r[1][0]), b: Float64Array.from(rows, (r) => r[1][1]) },
    den: { a: Float64Array.from(rows, (r) => r[2][0]), b: Float64Array.from(rows, (r) => r[2][1]) },
    grain: 'product',
  };
}

// Discount over gross sales. The SKU sold $1,000 at a 2% discount rate in the comparison; in the period
// it was in stock for a campaign's few days only and sold $200 at 20%. Its category's siblings say it
// would have sold $1,100 (growth 1.1), so $900 were lost, at the rate it sold at without the campaign.
const v = view([
  ['SKU-OUT', [20, 40], [1000, 200]],
  ['REST', [100, 150], [5000, 5500]],
]);
const sku = Uint8Array.from([1, 0]);

describe('stockoutLostPartsEffect', () => {
  it('keeps the kept lines and puts the lost volume back at the comparison rate', () => {
    const b = 190 / 5700;
    const withoutStockout = (190 + 900 * 0.02) / (5700 + 900);
    expect(stockoutLostPartsEffect(v, sku, 1.1)).toBeCloseTo(b - withoutStockout, 12);
  });

  it('does not count the kept lines’ campaign rate as the stock-out’s, as holding them to the comparison did', () => {
    const truth = 190 / 5700 - (190 + 900 * 0.02) / (5700 + 900);
    const held = counterfactualEffect(v, sku, { num: 1.1, den: 1.1 });
    // Holding the SKU to comparison × growth drops its $40 of campaign discounts: more than twice the effect.
    expect(Math.abs(held - truth)).toBeGreaterThan(Math.abs(truth));
    expect(stockoutLostPartsEffect(v, sku, 1.1)).toBeCloseTo(truth, 12);
  });

  it('says nothing without a comparison rate or on a sum', () => {
    expect(stockoutLostPartsEffect(view([['NEW', [0, 5], [0, 100]]]), Uint8Array.from([1]), 1.2)).toBeNull();
    expect(stockoutLostPartsEffect({ ...v, kind: 'additive', den: undefined }, sku, 1.1)).toBeNull();
  });
});
