// A price move's effect on a ratio: the period's own values repriced (a money ratio), or their volume
// held to its run rate (conversion), against the ground truth's "the period without the move".
import { describe, expect, it } from 'vitest';
import { ratioView, type LeafTable, type MetricView } from './cube.ts';
import { detectPriceChanges } from './detect/prices.ts';
import type { DetectedEvent } from './detect/types.ts';
import { counterfactualDelta, priceEffectsOnRatio, setPriceRatios } from './price-effect.ts';

type Row = { channel: string; category: string; product: string; a: Record<string, number>; b: Record<string, number> };

function table(rows: Row[], measures: string[]): LeafTable {
  const m = (k: string, side: 'a' | 'b') => Float64Array.from(rows.map((r) => r[side][k] ?? 0));
  return {
    dimNames: ['channel', 'category', 'product'],
    values: rows.map((r) => [r.channel, r.category, r.product]),
    n: rows.length,
    measures: Object.fromEntries(measures.map((k) => [k, { a: m(k, 'a'), b: m(k, 'b') }])),
  };
}

const june = { a: { from: '2025-05-01', to: '2025-05-31' }, b: { from: '2025-06-01', to: '2025-06-30' } };

function priceEvent(pct: number, start: string, segment: DetectedEvent['segment']): DetectedEvent {
  return {
    kind: pct > 0 ? 'price_increase' : 'price_decrease',
    segment,
    title: 'test',
    start,
    end: null,
    evidenceQuery: 'prices',
    facts: { average_change_pct: pct },
  };
}

describe('counterfactualDelta', () => {
  const sums = { lines: { a: 10, b: 10 }, b: { net: 100, margin: 40, orders: 8, customers: 6 } };
  const allDays = { before: 0, after: 30 };

  it('takes a repricing out of the money measures only', () => {
    const d = counterfactualDelta(sums, ['net', 'orders'], allDays, 1.25, 1, 0);
    expect(d.net).toBeCloseTo(100 / 1.25 - 100, 9);
    expect(d.orders).toBe(0);
  });

  it('reprices margin through its net sales, its cost following the volume', () => {
    const d = counterfactualDelta(sums, ['margin', 'net'], allDays, 1.25, 1, 0);
    expect(d.margin).toBeCloseTo(-20, 9); // net 100 → 80, cost 60 unchanged
    expect(d.net).toBeCloseTo(-20, 9);
  });

  it('adds the lines a volume lost, as orders only where they were an order of their own', () => {
    // Half the lines since the change, on every day of the period: twice the lines without it.
    const d = counterfactualDelta(sums, ['orders', 'customers'], allDays, 1.25, 0.5, 0.5);
    expect(d.orders).toBeCloseTo(5, 9);
    expect(d.customers).toBeCloseTo((5 * 6) / 8, 9);
  });

  it('moves only the days since the change', () => {
    const d = counterfactualDelta(sums, ['net'], { before: 15, after: 15 }, 2, 1, 0);
    // Per day r before and 2r since: 100 = 15r + 30r, without the rise 30r.
    expect(d.net).toBeCloseTo((100 * 30) / 45 - 100, 9);
  });
});

describe('priceEffectsOnRatio', () => {
  it("reprices a category's period lines on average order value", () => {
    const lines = table(
      [
        {
          channel: 'own_website',
          category: 'Hats',
          product: 'H1',
          a: { net: 300, orders: 10, line_count: 10 },
          b: { net: 390, orders: 10, line_count: 10 },
        },
        {
          channel: 'own_website',
          category: 'Swimwear',
          product: 'S1',
          a: { net: 4000, orders: 90, line_count: 90 },
          b: { net: 4400, orders: 100, line_count: 100 },
        },
      ],
      ['net', 'orders', 'line_count'],
    );
    const e = priceEvent(30, '2025-06-01', { category: ['Hats'] });
    priceEffectsOnRatio({
      lines,
      view: ratioView(lines, 'net', 'orders', ''),
      num: 'net',
      den: 'orders',
      window: june,
      events: [e],
    });
    // Without the rise the hats sold 390 / 1.3 = 300 on the same 10 orders.
    expect(e.metricEffect!.effect).toBeCloseTo(4790 / 110 - 4700 / 110, 9);
  });

  it("weighs a repricing by each SKU's sales when the price band held the dear ones back", () => {
    // Hats up 50% on a $10 cap and 25% on a $40 one (the band's top): the plain average, 37.5%,
    // overstates what the hats' money would have been without the rise.
    const cat = {
      skuOf: (id: number) => `H${id}`,
      categoryOf: () => 'Hats',
      subcategoryOf: () => 'Caps',
      skusIn: () => ['H1', 'H2'],
    };
    const change = (id: number, from: number, to: number) => ({
      product_id: id,
      change_date: '2025-06-01 00:00:00',
      old_price: from,
      new_price: to,
      reason: 'price increase',
      channel: null,
    });
    const [e] = detectPriceChanges([change(1, 10, 15), change(2, 40, 50)], cat);
    expect(e!.facts.average_change_pct).toBe(37.5);
    const lines = table(
      [
        { channel: 'own_website', category: 'Hats', product: 'H1', a: {}, b: { net: 150, orders: 10, line_count: 10 } },
        {
          channel: 'own_website',
          category: 'Hats',
          product: 'H2',
          a: {},
          b: { net: 1000, orders: 20, line_count: 20 },
        },
        {
          channel: 'own_website',
          category: 'Swimwear',
          product: 'S1',
          a: { net: 4000, orders: 90, line_count: 90 },
          b: { net: 4400, orders: 100, line_count: 100 },
        },
      ],
      ['net', 'orders', 'line_count'],
    );
    priceEffectsOnRatio({
      lines,
      view: ratioView(lines, 'net', 'orders', ''),
      num: 'net',
      den: 'orders',
      window: june,
      events: [e!],
    });
    // Without the rise the hats sold 150 / 1.5 + 1000 / 1.25 = 900 on the same 30 orders.
    expect(e!.metricEffect!.effect).toBeCloseTo(5550 / 130 - 5300 / 130, 9);
  });

  it('measures a price move on the return rate through its volume, each line put back with its returns', () => {
    // Swimwear (one line in five returned) up 30% from the period's first day sold 60 lines where
    // its comparison month and the flat rest of the business say 100; hats return one in twenty.
    const lines = table(
      [
        {
          channel: 'own_website',
          category: 'Swimwear',
          product: 'S1',
          a: { line_count: 100, orders: 100, returned_orders: 20 },
          b: { line_count: 60, orders: 60, returned_orders: 12 },
        },
        {
          channel: 'own_website',
          category: 'Hats',
          product: 'H1',
          a: { line_count: 100, orders: 100, returned_orders: 5 },
          b: { line_count: 100, orders: 100, returned_orders: 5 },
        },
      ],
      ['line_count', 'orders', 'returned_orders'],
    );
    const e = priceEvent(30, '2025-06-01', { category: ['Swimwear'] });
    priceEffectsOnRatio({
      lines,
      view: ratioView(lines, 'returned_orders', 'orders', ''),
      num: 'returned_orders',
      den: 'orders',
      window: june,
      events: [e],
    });
    // Without the rise: 40 more one-line orders, 8 more of them returned: 25 / 200 against 17 / 160.
    expect(e.metricEffect!.effect).toBeCloseTo(17 / 160 - 25 / 200, 9);
  });

  it('holds conversion to the own-site volume the run rate expected, other events set aside', () => {
    // The rise halved the own-site bags' lines against their run rate (40 of 760 lines before, the
    // rest 190 now: 10 expected, 5 sold), while Amazon, where an outage struck too, is set aside.
    const rows: Row[] = [
      {
        channel: 'own_website',
        category: 'Bags',
        product: 'B1',
        a: { line_count: 10 },
        b: { line_count: 5, orders: 5 },
      },
      { channel: 'amazon', category: 'Bags', product: 'B1', a: { line_count: 10 }, b: { line_count: 1, orders: 1 } },
      {
        channel: 'own_website',
        category: 'Swimwear',
        product: 'S1',
        a: { line_count: 190 },
        b: { line_count: 190, orders: 150 },
      },
      {
        channel: 'amazon',
        category: 'Swimwear',
        product: 'S1',
        a: { line_count: 40 },
        b: { line_count: 4, orders: 4 },
      },
    ];
    const lines = table(rows, ['line_count', 'orders']);
    const pre = table(
      [
        { channel: 'own_website', category: 'Bags', product: 'B1', a: { line_count: 40, solo_lines: 40 }, b: {} },
        { channel: 'amazon', category: 'Bags', product: 'B1', a: { line_count: 40, solo_lines: 40 }, b: {} },
        { channel: 'own_website', category: 'Swimwear', product: 'S1', a: { line_count: 760, solo_lines: 760 }, b: {} },
        { channel: 'amazon', category: 'Swimwear', product: 'S1', a: { line_count: 160, solo_lines: 160 }, b: {} },
      ],
      ['line_count', 'solo_lines'],
    );
    // Own-site orders over sessions, by traffic source.
    const view: MetricView = {
      kind: 'ratio',
      dimNames: ['source'],
      values: [['Google']],
      n: 1,
      num: { a: Float64Array.of(160), b: Float64Array.of(155) },
      den: { a: Float64Array.of(4000), b: Float64Array.of(4000) },
      grain: 'test',
    };
    const rise = priceEvent(40, '2025-06-01', { category: ['Bags'] });
    const outage: DetectedEvent = { ...priceEvent(1, '2025-06-10', { channel: ['amazon'] }), kind: 'channel_outage' };
    const input = { lines, view, num: 'orders', den: null, window: june, events: [rise, outage] };
    priceEffectsOnRatio({ ...input, pre: { table: pre, established: new Set(['B1', 'S1']) } });
    // Twice the own-site bag lines without the rise: 5 more, each an order of its own.
    expect(rise.metricEffect!.effect).toBeCloseTo(155 / 4000 - 160 / 4000, 9);
    expect(outage.metricEffect).toBeUndefined();
  });

  it('leaves a count ratio (new customers over customers) to the ranking', () => {
    const lines = table(
      [
        {
          channel: 'own_website',
          category: 'Bags',
          product: 'B1',
          a: { line_count: 10, customers: 10, new_customers: 5 },
          b: { line_count: 5, customers: 5, new_customers: 4 },
        },
      ],
      ['line_count', 'customers', 'new_customers'],
    );
    const rise = priceEvent(40, '2025-06-01', { category: ['Bags'] });
    const view = ratioView(lines, 'new_customers', 'customers', '');
    priceEffectsOnRatio({ lines, view, num: 'new_customers', den: 'customers', window: june, events: [rise] });
    expect(rise.metricEffect).toBeUndefined();
  });

  it('leaves a move on a list of SKUs, or one before the period, to the ranking', () => {
    const lines = table(
      [
        {
          channel: 'own_website',
          category: 'Hats',
          product: 'H1',
          a: { net: 300, orders: 10, line_count: 10 },
          b: { net: 390, orders: 10, line_count: 10 },
        },
      ],
      ['net', 'orders', 'line_count'],
    );
    const skus = priceEvent(30, '2025-06-01', { product: ['H1'] });
    const early = priceEvent(30, '2025-05-20', { category: ['Hats'] });
    priceEffectsOnRatio({
      lines,
      view: ratioView(lines, 'net', 'orders', ''),
      num: 'net',
      den: 'orders',
      window: june,
      events: [skus, early],
    });
    expect(skus.metricEffect).toBeUndefined();
    expect(early.metricEffect).toBeUndefined();
  });
});

describe('setPriceRatios', () => {
  it("weights each SKU's own ratio by its sales: below the plain average when the dear SKU moved less", () => {
    // A bag range raised on June 10: the $40 tote only 10% (the band's top), the $10 purse 50%.
    const cat = {
      skuOf: (id: number) => (id === 1 ? 'TOTE' : 'PURSE'),
      categoryOf: () => 'Bags',
      subcategoryOf: () => 'Handbags',
      skusIn: () => ['TOTE', 'PURSE'],
    };
    const change = (id: number, from: number, to: number) => ({
      product_id: id,
      change_date: '2025-06-10 00:00:00',
      old_price: from,
      new_price: to,
      reason: 'price increase',
      channel: null,
    });
    const [e] = detectPriceChanges([change(1, 40, 44), change(2, 10, 15)], cat);
    expect(e!.facts.average_change_pct).toBe(30);
    const lines = table(
      [
        { channel: 'own_website', category: 'Bags', product: 'TOTE', a: {}, b: { net: 1100 } },
        { channel: 'own_website', category: 'Bags', product: 'PURSE', a: {}, b: { net: 150 } },
        { channel: 'own_website', category: 'Hats', product: 'CAP', a: {}, b: { net: 900 } },
      ],
      ['net'],
    );
    setPriceRatios(lines, [e!]);
    // $1,250 now against $1,000 + $100 at the old prices: 13.6%, not 30%.
    expect(e!.priceRatio).toBeCloseTo(1250 / 1100, 9);
  });
});
