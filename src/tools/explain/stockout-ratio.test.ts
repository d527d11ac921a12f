// A stock-out's lost lines put back into a ratio: money per line, an order only per solo line, a
// return per line.
import { describe, expect, it } from 'vitest';
import type { LeafTable } from './cube.ts';
import { stockoutEffectOnRatio } from './stockout-ratio.ts';

/** Leaves by product: [comparison, period] per measure. */
function cube(rows: Array<[string, Record<string, [number, number]>]>): LeafTable {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r[1])))];
  return {
    dimNames: ['product'],
    values: rows.map(([p]) => [p]),
    n: rows.length,
    measures: Object.fromEntries(
      names.map((m) => [
        m,
        {
          a: Float64Array.from(rows.map((r) => r[1][m]?.[0] ?? 0)),
          b: Float64Array.from(rows.map((r) => r[1][m]?.[1] ?? 0)),
        },
      ]),
    ),
  };
}

// The SKU was out all period (no lines then); before, its 20 lines sold $800 in 15 orders' worth of lines.
const lines = cube([
  ['SKU-OUT', { net: [800, 0], orders: [15, 0], line_count: [20, 0], returned_orders: [4, 0] }],
  ['OTHER', { net: [900, 1000], orders: [38, 40], line_count: [45, 50], returned_orders: [2, 2] }],
]);
const inSkus = (i: number) => i === 0;

describe('stockoutEffectOnRatio', () => {
  it('puts back each lost line at its worth, and an order only for a line that was its order', () => {
    const r = stockoutEffectOnRatio({ lines, inSkus, num: 'net', den: 'orders', lostNet: 400, solo: 0.5 });
    // $400 lost is 10 lines at $40; 10 × 0.5 orders back (not 10 × 15/20, the lines' fractions of orders).
    expect(r?.effect).toBeCloseTo(1000 / 40 - 1400 / 45, 9);
  });

  it('puts back each lost line with its own chance of a return', () => {
    const r = stockoutEffectOnRatio({ lines, inSkus, num: 'returned_orders', den: 'orders', lostNet: 400, solo: 0.5 });
    // 4 returns in 20 lines: 2 returned orders and 5 orders back.
    expect(r?.effect).toBeCloseTo(2 / 40 - 4 / 45, 9);
  });

  it('says nothing without lost lines or with too few lines to price one', () => {
    expect(stockoutEffectOnRatio({ lines, inSkus, num: 'net', den: 'orders', lostNet: 0, solo: 0.5 })).toBeNull();
    const thin = cube([['SKU-OUT', { net: [40, 0], orders: [1, 0], line_count: [1, 0] }]]);
    expect(stockoutEffectOnRatio({ lines: thin, inSkus, num: 'net', den: 'orders', lostNet: 120, solo: 1 })).toBeNull();
  });
});
