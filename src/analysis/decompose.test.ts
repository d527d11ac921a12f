import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decomposeAov,
  decomposeChannels,
  decomposeMarketplace,
  decomposeOwnSite,
  decomposeProduct,
  logMean,
  type Decomposition,
} from './decompose.ts';
import { TidelensError } from '../errors.ts';

const sum = (d: { drivers: Array<{ contribution: number }> }) => d.drivers.reduce((s, x) => s + x.contribution, 0);
const byName = (d: Decomposition) => Object.fromEntries(d.drivers.map((x) => [x.name, x.contribution]));

describe('logMean', () => {
  it('is x at x = y and symmetric, stable near equality', () => {
    expect(logMean(5, 5)).toBe(5);
    expect(logMean(2, 8)).toBeCloseTo(6 / Math.log(4), 12);
    expect(logMean(8, 2)).toBeCloseTo(logMean(2, 8), 12);
    expect(logMean(100 * (1 + 1e-9), 100)).toBeCloseTo(100 * (1 + 5e-10), 9);
  });
});

describe('decomposeProduct', () => {
  it('sums exactly to the delta for both methods (property)', () => {
    const pos = fc.double({ min: 0.01, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(pos, pos), { minLength: 1, maxLength: 5 }), (pairs) => {
        const factors = pairs.map(([a, b], i) => ({ name: `f${i}`, a, b }));
        for (const method of ['lmdi', 'shapley'] as const) {
          const d = decomposeProduct(factors, method);
          // Shapley differences mixed-period products, so its rounding scales with the largest of them.
          const scale =
            method === 'lmdi'
              ? Math.max(1, Math.abs(d.a), Math.abs(d.b))
              : Math.max(
                  1,
                  factors.reduce((p, f) => p * Math.max(f.a, f.b), 1),
                );
          expect(Math.abs(sum(d) - d.delta)).toBeLessThanOrEqual(1e-12 * scale);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives a change in one factor entirely to that factor', () => {
    for (const method of ['lmdi', 'shapley'] as const) {
      const d = decomposeProduct(
        [
          { name: 'volume', a: 100, b: 100 },
          { name: 'price', a: 10, b: 12 },
        ],
        method,
      );
      expect(d.delta).toBe(200);
      expect(byName(d).price).toBeCloseTo(200, 9);
      expect(byName(d).volume).toBeCloseTo(0, 9);
    }
  });

  it('Shapley and LMDI agree closely on a small two-factor change', () => {
    const f = [
      { name: 'x', a: 100, b: 103 },
      { name: 'y', a: 50, b: 49 },
    ];
    const l = byName(decomposeProduct(f, 'lmdi'));
    const s = byName(decomposeProduct(f, 'shapley'));
    // Both are exact; they differ only in how the interaction term is split, which is second order.
    expect(Math.abs(l.x - s.x)).toBeLessThan(0.01 * Math.abs(s.x));
    expect(Math.abs(l.y - s.y)).toBeLessThan(0.01 * Math.abs(s.y));
  });

  it('Shapley on two factors splits the interaction term equally', () => {
    const d = byName(
      decomposeProduct(
        [
          { name: 'x', a: 2, b: 4 },
          { name: 'y', a: 3, b: 6 },
        ],
        'shapley',
      ),
    );
    // 6 → 24: x alone +6, y alone +6, interaction +6 shared: 9 each.
    expect(d.x).toBeCloseTo(9, 12);
    expect(d.y).toBeCloseTo(9, 12);
  });

  it('handles a factor going to zero by its limit', () => {
    const d = decomposeProduct(
      [
        { name: 'orders', a: 40, b: 0 },
        { name: 'aov', a: 50, b: 55 },
      ],
      'lmdi',
    );
    expect(d.delta).toBe(-2000);
    expect(byName(d)).toEqual({ orders: -2000, aov: 0 });
  });

  it('handles a factor coming from zero and all-zero periods', () => {
    const d = decomposeProduct(
      [
        { name: 'orders', a: 0, b: 10 },
        { name: 'aov', a: 30, b: 40 },
      ],
      'lmdi',
    );
    expect(byName(d)).toEqual({ orders: 400, aov: 0 });
    const z = decomposeProduct(
      [
        { name: 'orders', a: 0, b: 0 },
        { name: 'aov', a: 30, b: 40 },
      ],
      'lmdi',
    );
    expect(sum(z)).toBe(0);
  });

  it('falls back to Shapley for negative factors and says so', () => {
    const d = decomposeProduct(
      [
        { name: 'x', a: -2, b: 3 },
        { name: 'y', a: 4, b: 5 },
      ],
      'lmdi',
    );
    expect(d.method).toBe('shapley');
    expect(d.method_note).toMatch(/negative/);
    expect(sum(d)).toBeCloseTo(d.delta, 12);
  });

  it('rejects non-finite inputs with a bad_input error', () => {
    expect(() => decomposeProduct([{ name: 'x', a: NaN, b: 1 }])).toThrow(TidelensError);
  });
});

describe('business chains', () => {
  const a = { sessions: 10_000, orders: 200, units: 300, net_sales: 15_000 };

  it('own site: a pure price change is all avg_unit_price', () => {
    const b = { ...a, net_sales: 16_500 };
    const d = decomposeOwnSite({ a, b });
    expect(d.method).toBe('lmdi');
    expect(d.delta).toBe(1500);
    const c = byName(d);
    expect(c.avg_unit_price).toBeCloseTo(1500, 9);
    expect(c.sessions).toBeCloseTo(0, 9);
    expect(c.conversion_rate).toBeCloseTo(0, 9);
    expect(c.units_per_order).toBeCloseTo(0, 9);
  });

  it('own site: a traffic drop at constant conversion and basket is all sessions', () => {
    const b = { sessions: 8_000, orders: 160, units: 240, net_sales: 12_000 };
    const c = byName(decomposeOwnSite({ a, b }));
    expect(c.sessions).toBeCloseTo(-3000, 9);
    expect(c.conversion_rate).toBeCloseTo(0, 9);
  });

  it('own site sums exactly to the observed net-sales delta on a mixed change', () => {
    const b = { sessions: 11_234, orders: 187, units: 301, net_sales: 14_321.57 };
    for (const method of ['lmdi', 'shapley'] as const) {
      const d = decomposeOwnSite({ a, b }, method);
      expect(d.delta).toBeCloseTo(14_321.57 - 15_000, 10);
      expect(sum(d)).toBeCloseTo(d.delta, 9);
    }
  });

  it('marketplace: a channel outage is all orders', () => {
    const d = decomposeMarketplace({
      a: { orders: 50, units: 70, net_sales: 4000 },
      b: { orders: 0, units: 0, net_sales: 0 },
    });
    expect(byName(d)).toEqual({ orders: -4000, units_per_order: 0, avg_unit_price: 0 });
  });

  it('AOV = units per order × avg unit price', () => {
    const d = decomposeAov({
      a: { orders: 100, units: 150, net_sales: 9000 },
      b: { orders: 100, units: 200, net_sales: 12_000 },
    });
    expect(d.a).toBeCloseTo(90, 12);
    expect(d.b).toBeCloseTo(120, 12);
    expect(byName(d).units_per_order).toBeCloseTo(30, 9);
    expect(byName(d).avg_unit_price).toBeCloseTo(0, 9);
  });

  it('rejects inconsistent totals', () => {
    expect(() =>
      decomposeMarketplace({ a: { orders: 0, units: 0, net_sales: 5 }, b: { orders: 1, units: 1, net_sales: 5 } }),
    ).toThrow(/without orders/);
    expect(() =>
      decomposeOwnSite({ a: { orders: 1, units: 1, net_sales: 5 }, b: { orders: 1, units: 1, net_sales: 5 } }),
    ).toThrow(/sessions/);
  });
});

describe('decomposeChannels', () => {
  it('channel contributions and pooled drivers both sum to the total', () => {
    const d = decomposeChannels([
      {
        channel: 'own_website',
        kind: 'own_site',
        a: { sessions: 9000, orders: 180, units: 260, net_sales: 13_000 },
        b: { sessions: 8500, orders: 190, units: 270, net_sales: 13_900 },
      },
      {
        channel: 'amazon',
        kind: 'marketplace',
        a: { orders: 120, units: 150, net_sales: 8_000 },
        b: { orders: 60, units: 75, net_sales: 4_100 },
      },
      {
        channel: 'other_marketplace',
        kind: 'marketplace',
        a: { orders: 30, units: 40, net_sales: 2_000 },
        b: { orders: 33, units: 41, net_sales: 2_050 },
      },
    ]);
    expect(d.a).toBe(23_000);
    expect(d.b).toBe(20_050);
    expect(d.delta).toBe(-2950);
    expect(d.channels.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(d.delta, 9);
    expect(d.drivers.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(d.delta, 9);
    expect(d.channels.find((c) => c.channel === 'amazon')!.contribution).toBe(-3900);
    for (const c of d.by_channel) expect(sum(c)).toBeCloseTo(c.delta, 9);
    expect(d.drivers.find((x) => x.name === 'sessions')!.contribution).toBeLessThan(0);
  });
});
