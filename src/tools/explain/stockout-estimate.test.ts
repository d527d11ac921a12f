// The stock-out effect from the run-rate and period cubes: category siblings per channel, and on
// orders only the lines that were their order's one line.
import { describe, expect, it } from 'vitest';
import type { LeafTable, ProductInfo } from './cube.ts';
import type { DetectedEvent } from './detect/types.ts';
import { PROFILES } from './profiles.ts';
import { estimateStockouts, stockoutEffect, stockoutInStockDays } from './stockout-estimate.ts';

const products = new Map<number, ProductInfo>([
  [1, { sku: 'BIK-1', subcategory: 'Bikinis', category: 'Swimwear' }],
  [2, { sku: 'WSW-1', subcategory: "Women's Swimsuits", category: 'Swimwear' }],
  [3, { sku: 'BIK-2', subcategory: 'Bikinis', category: 'Swimwear' }],
  [4, { sku: 'HAT-1', subcategory: 'Sun Hats', category: 'Hats' }],
]);

function cube(rows: Array<[string, string, Record<string, [number, number]>]>): LeafTable {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r[2])))];
  return {
    dimNames: ['channel', 'product'],
    values: rows.map(([c, p]) => [c, p]),
    n: rows.length,
    measures: Object.fromEntries(
      names.map((m) => [
        m,
        {
          a: Float64Array.from(rows.map((r) => r[2][m]?.[0] ?? 0)),
          b: Float64Array.from(rows.map((r) => r[2][m]?.[1] ?? 0)),
        },
      ]),
    ),
  };
}

const stockout = (): DetectedEvent => ({
  kind: 'stockout',
  segment: { product: ['BIK-1'] },
  title: 'BIK-1 out',
  start: '2025-07-01',
  end: '2025-07-31',
  evidenceQuery: 'evidence',
  facts: {},
});

// Window: BIK-1 sold as much as its in-stock Swimwear siblings together (WSW-1 + BIK-2); hats are another category.
const pre = cube([
  ['amazon', 'BIK-1', { net: [2000, 0], line_count: [40, 0], solo_lines: [30, 0] }],
  ['amazon', 'WSW-1', { net: [1500, 0], line_count: [30, 0], solo_lines: [20, 0] }],
  ['amazon', 'BIK-2', { net: [500, 0], line_count: [10, 0], solo_lines: [5, 0] }],
  ['amazon', 'HAT-1', { net: [9000, 0], line_count: [200, 0], solo_lines: [100, 0] }],
]);
const period = cube([
  ['amazon', 'BIK-1', { net: [600, 0], line_count: [12, 0] }],
  ['amazon', 'WSW-1', { net: [400, 1200], line_count: [8, 24] }],
  ['amazon', 'BIK-2', { net: [100, 600], line_count: [2, 12] }],
  ['amazon', 'HAT-1', { net: [2000, 9000], line_count: [40, 200] }],
]);
const established = new Set(['BIK-1', 'WSW-1', 'BIK-2', 'HAT-1']);

describe('estimateStockouts', () => {
  it('holds the SKUs to their share of the in-stock category siblings, per channel', () => {
    const e = stockout();
    estimateStockouts({
      spec: PROFILES.net_sales.effect.stockout!,
      events: [e],
      products,
      lines: period,
      pre,
      established,
      growth: 1.1,
    });
    // BIK-1 = 1 × siblings (2,000 of 2,000) before; the siblings sold 1,800 in the period.
    expect(e.effect).toBeCloseTo(0 - 1800, 6);
    expect(e.facts.estimated_lost_sales).toBe(1800);
  });

  it("counts lost orders as the lost lines that were their order's only line", () => {
    const e = stockout();
    estimateStockouts({
      spec: PROFILES.orders.effect.stockout!,
      events: [e],
      products,
      lines: period,
      pre,
      established,
      growth: 1.1,
    });
    // Lines: 40 of 40 sibling lines before → 36 expected; 30 of BIK-1's 40 lines were alone in their order.
    expect(e.effect).toBeCloseTo(-36 * 0.75, 6);
  });
});

describe('estimateStockouts over the days out', () => {
  // Amazon's orders by day in July: 10 a day, 20 a day on the 11th-15th (a marketplace promotion).
  const daily = Array.from({ length: 31 }, (_, k) => {
    const d = k + 1;
    return {
      day: `2025-07-${String(d).padStart(2, '0')}`,
      channel: 'amazon',
      country: 'US',
      orders: d >= 11 && d <= 15 ? 20 : 10,
    };
  });

  // The weeks before with the channel's orders: 340, of which BIK-1 was the one line of 30.
  const preOrders = cube([
    ['amazon', 'BIK-1', { net: [2000, 0], line_count: [40, 0], solo_lines: [30, 0], orders: [35, 0] }],
    ['amazon', 'WSW-1', { net: [1500, 0], line_count: [30, 0], solo_lines: [20, 0], orders: [25, 0] }],
    ['amazon', 'BIK-2', { net: [500, 0], line_count: [10, 0], solo_lines: [5, 0], orders: [80, 0] }],
    ['amazon', 'HAT-1', { net: [9000, 0], line_count: [200, 0], solo_lines: [100, 0], orders: [200, 0] }],
  ]);

  it('counts only what the SKUs would have sold on their days out, weighed by the orders of those days', () => {
    const e = { ...stockout(), start: '2025-07-11', end: '2025-07-15' };
    estimateStockouts({
      spec: PROFILES.net_sales.effect.stockout!,
      events: [e],
      products,
      lines: period,
      pre: preOrders,
      established,
      growth: 1.1,
      daily: { rows: daily, period: { from: '2025-07-01', to: '2025-07-31' } },
    });
    // 1,800 expected over the month; the 5 days out took 100 of 360 orders, 30 of them the SKU's (its solo
    // lines: 30 of the channel's 340 orders before) put back: (100 / (1 − 30/340)) / (that + 260).
    const back = 100 / (1 - 30 / 340);
    expect(e.effect).toBeCloseTo(-1800 * (back / (back + 260)), 6);
    // What it sold on its days in stock (nothing here) is not part of the loss: the estimate is the days out.
    expect(e.effectOverDays).toBe(true);
  });

  it('reads the days out, not the calendar: a busy week out loses more than its share of days', () => {
    const busy = { ...stockout(), start: '2025-07-11', end: '2025-07-15' };
    const quiet = { ...stockout(), start: '2025-07-21', end: '2025-07-25' };
    for (const e of [busy, quiet])
      estimateStockouts({
        spec: PROFILES.net_sales.effect.stockout!,
        events: [e],
        products,
        lines: period,
        pre,
        established,
        growth: 1,
        daily: { rows: daily, period: { from: '2025-07-01', to: '2025-07-31' } },
      });
    expect(busy.effect!).toBeLessThan(1.8 * quiet.effect!);
  });
});

describe('estimateStockouts on a ratio metric', () => {
  it("gives the SKUs' expected period sales over their comparison sales, for the ratio's parts", () => {
    const e = stockout();
    estimateStockouts({
      spec: PROFILES.gross_margin.effect.stockout!,
      events: [e],
      products,
      lines: period,
      pre,
      established,
      growth: 1.1,
    });
    // Expected 1,800 (the siblings' period sales × 1) against 600 in the comparison: ×3, whatever the rest did.
    expect(e.segmentGrowth).toBeCloseTo(3, 10);
  });

  it("counts only the profile's channel: conversion loses own-site orders", () => {
    const both = cube([
      ['amazon', 'BIK-1', { net: [2000, 0], line_count: [40, 0], solo_lines: [40, 0] }],
      ['amazon', 'WSW-1', { net: [2000, 0], line_count: [40, 0], solo_lines: [40, 0] }],
      ['own_website', 'BIK-1', { net: [1000, 0], line_count: [20, 0], solo_lines: [10, 0] }],
      ['own_website', 'WSW-1', { net: [1000, 0], line_count: [20, 0], solo_lines: [10, 0] }],
    ]);
    const now = cube([
      ['amazon', 'BIK-1', { net: [800, 0], line_count: [16, 0] }],
      ['amazon', 'WSW-1', { net: [800, 800], line_count: [16, 16] }],
      ['own_website', 'BIK-1', { net: [400, 0], line_count: [8, 0] }],
      ['own_website', 'WSW-1', { net: [400, 600], line_count: [8, 12] }],
    ]);
    const e = stockout();
    estimateStockouts({
      spec: PROFILES.conversion_rate.effect.stockout!,
      events: [e],
      products,
      lines: now,
      pre: both,
      established: new Set(['BIK-1', 'WSW-1']),
      growth: 1,
    });
    // Own site: 12 lines expected (1 × the sibling's 12), half of BIK-1's own-site lines alone in their order.
    expect(e.effect).toBeCloseTo(-12 * 0.5, 10);
  });
});

// The per-channel core: the SKUs' share of their siblings before × what the siblings sold.
describe('stockoutEffect', () => {
  // SKU 1 out of stock; SKUs 2 and 3 are its in-stock siblings.
  const rows = [
    { product_id: 1, channel: 'amazon', net: 4000, units: 100, line_count: 100 },
    { product_id: 2, channel: 'amazon', net: 1000, units: 25, line_count: 25 },
    { product_id: 3, channel: 'amazon', net: 1000, units: 25, line_count: 25 },
  ];
  const sales = (b: Record<number, number>) => (id: number, ch: string) =>
    ch === 'amazon' ? { a: 1000, b: b[id] ?? 0 } : { a: 0, b: 0 };

  it('holds the SKUs to their pre-period ratio to the siblings, applied to what the siblings sold in the period', () => {
    // Pre-period: SKU 1 sold twice what its siblings did; in the period the siblings sold 600 → 1,200 expected, 100
    // sold.
    const e = stockoutEffect({
      rows,
      skus: new Set([1]),
      siblings: new Set([2, 3]),
      sales: sales({ 1: 100, 2: 300, 3: 300 }),
      channels: ['amazon'],
      measure: 'net',
      growth: 1.1,
    });
    expect(e).toBeCloseTo(100 - 2 * 600, 6);
  });

  it('falls back to the comparison × growth where the siblings sold too little to compare with', () => {
    const thin = rows.map((r) => (r.product_id === 1 ? r : { ...r, line_count: 2 }));
    const e = stockoutEffect({
      rows: thin,
      skus: new Set([1]),
      siblings: new Set([2, 3]),
      sales: sales({ 1: 0 }),
      channels: ['amazon'],
      measure: 'net',
      growth: 1.1,
    });
    expect(e).toBeCloseTo(-1100, 6);
  });
});

describe('stockoutInStockDays', () => {
  const event = (effect: number): DetectedEvent => ({
    kind: 'stockout',
    segment: { product: ['HAT-1'] },
    title: 'test',
    start: '2025-09-21',
    end: '2025-09-25',
    evidenceQuery: 'stock',
    facts: { period_days: 30 },
    effect,
    metricEffect: { effect: 0.001, se: 0.002 },
  });
  // A sun hat out for 5 days of September sold 50 own-site orders on its other 25; 10,000 sessions.
  const lines = cube([
    ['own_website', 'HAT-1', { orders: [40, 50] }],
    ['amazon', 'HAT-1', { orders: [30, 30] }],
  ]);
  const view = {
    dimNames: ['source'],
    values: [['Google']],
    n: 1,
    num: { a: Float64Array.from([100]), b: Float64Array.from([90]) },
    den: { a: Float64Array.from([10000]), b: Float64Array.from([10000]) },
  } as never;

  it("sets the days out at the in-stock days' rate when the own estimate has the stock-out gaining", () => {
    const e = event(3);
    stockoutInStockDays(view, lines, [e]);
    // 50 orders over 25 days in stock: 10 lost over the 5 days out.
    expect(e.metricEffect!.effect).toBeCloseTo(-10 / 10000, 12);
  });

  it('leaves a stock-out whose own estimate lost orders as it was', () => {
    const e = event(-3);
    stockoutInStockDays(view, lines, [e]);
    expect(e.metricEffect!.effect).toBe(0.001);
  });
});
