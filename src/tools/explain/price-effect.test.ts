// A price move's effect on a ratio: the period's own values repriced (a money ratio), or their volume
// held to its run rate (a count ratio), against the ground truth's "the period without the move".
import { describe, expect, it } from 'vitest';
import { ratioView, type LeafTable } from './cube.ts';
import type { DetectedEvent } from './detect/types.ts';
import { counterfactualDelta, priceEffectsOnRatio } from './price-effect.ts';

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

  it('holds a count ratio to the volume the run rate expected, other events set aside', () => {
    // New-customer share: the rise halved the bags' lines against their run rate (10 of 200 lines
    // before, the rest 190 → 190 now), on amazon where an outage also struck (its leaves set aside).
    const rows: Row[] = [
      {
        channel: 'own_website',
        category: 'Bags',
        product: 'B1',
        a: { line_count: 10 },
        b: { line_count: 5, orders: 5, customers: 5, new_customers: 4 },
      },
      {
        channel: 'amazon',
        category: 'Bags',
        product: 'B1',
        a: { line_count: 10 },
        b: { line_count: 1, orders: 1, customers: 1, new_customers: 1 },
      },
      {
        channel: 'own_website',
        category: 'Swimwear',
        product: 'S1',
        a: { line_count: 190 },
        b: { line_count: 190, orders: 190, customers: 150, new_customers: 90 },
      },
      {
        channel: 'amazon',
        category: 'Swimwear',
        product: 'S1',
        a: { line_count: 40 },
        b: { line_count: 4, orders: 4, customers: 4, new_customers: 2 },
      },
    ];
    const lines = table(rows, ['line_count', 'orders', 'customers', 'new_customers']);
    const pre = table(
      [
        { channel: 'own_website', category: 'Bags', product: 'B1', a: { line_count: 40, solo_lines: 40 }, b: {} },
        { channel: 'amazon', category: 'Bags', product: 'B1', a: { line_count: 40, solo_lines: 40 }, b: {} },
        { channel: 'own_website', category: 'Swimwear', product: 'S1', a: { line_count: 760, solo_lines: 760 }, b: {} },
        { channel: 'amazon', category: 'Swimwear', product: 'S1', a: { line_count: 160, solo_lines: 160 }, b: {} },
      ],
      ['line_count', 'solo_lines'],
    );
    const rise = priceEvent(40, '2025-06-01', { category: ['Bags'] });
    const outage: DetectedEvent = { ...priceEvent(1, '2025-06-10', { channel: ['amazon'] }), kind: 'channel_outage' };
    const view = ratioView(lines, 'new_customers', 'customers', '');
    priceEffectsOnRatio({
      lines,
      view,
      num: 'new_customers',
      den: 'customers',
      window: june,
      events: [rise, outage],
      pre: { table: pre, established: new Set(['B1', 'S1']) },
    });
    // Own-site bags (amazon's set aside): 40 of 760 before × 190 now = 10 expected, 5 sold, so half the
    // volume; all 6 bag lines become 12, 6 orders more, each with the bags' 6 customers and 5 new per 6 orders.
    const cf = (97 + 5) / (160 + 6);
    expect(rise.metricEffect!.effect).toBeCloseTo(97 / 160 - cf, 9);
    expect(outage.metricEffect).toBeUndefined();
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
