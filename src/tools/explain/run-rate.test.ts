// The run-rate baseline: a segment held to its share of the unaffected rest before the period.
import { describe, expect, it } from 'vitest';
import { additiveView, ratioView, type LeafTable } from './cube.ts';
import { runRate } from './run-rate.ts';

/** channel × product × source leaves with a (comparison/window) and b (period) values. */
function table(rows: Array<[string, string, string, number, number]>): LeafTable {
  return {
    dimNames: ['channel', 'product', 'source'],
    values: rows.map(([c, p, s]) => [c, p, s]),
    n: rows.length,
    measures: { net: { a: Float64Array.from(rows.map((r) => r[3])), b: Float64Array.from(rows.map((r) => r[4])) } },
  };
}

const period = table([
  ['amazon', 'SW-1', '(marketplace)', 0, 900],
  ['amazon', 'SW-2', '(marketplace)', 0, 100], // launched during the window
  ['own_website', 'SW-1', 'Google', 0, 2400],
  ['own_website', 'TOP-1', 'Google', 0, 6000],
  ['own_website', 'TOP-1', 'Email – Sale', 0, 5000], // a campaign's traffic
]);
const window = table([
  ['amazon', 'SW-1', '(marketplace)', 4000, 0],
  ['amazon', 'SW-2', '(marketplace)', 50, 0],
  ['own_website', 'SW-1', 'Google', 8000, 0],
  ['own_website', 'TOP-1', 'Google', 16_000, 0],
  ['own_website', 'TOP-1', 'Email – Sale', 1000, 0],
]);

function make() {
  return runRate({
    view: additiveView(period, 'net', 'test'),
    pre: additiveView(window, 'net', 'test'),
    from: '2025-07-01',
    established: (sku) => sku !== 'SW-2',
    campaignSource: (s) => s.startsWith('Email'),
    eventSegments: [{ channel: ['amazon'] }],
    perUnit: 1,
  })!;
}

describe('runRate', () => {
  it('holds the segment to its share of the established, campaign-free rest, scaled to its full sales', () => {
    // Rest: own-site Google leaves, 24,000 before and 8,400 now (growth 0.35); the campaign and SW-2 stay out.
    // Amazon SW-1 sold 4,000 before → 1,400 expected, 900 sold; SW-2 carries the same relative effect.
    const r = make().effect({ channel: ['amazon'] }, Uint8Array.from([1, 1, 0, 0, 0]), [])!;
    expect(r.effect).toBeCloseTo((900 - 4000 * 0.35) * (1000 / 900), 6);
    expect(r.se).toBeGreaterThan(0);
  });

  it('leaves out what a higher-ranked cause claimed, in the window too', () => {
    const r = make().effect({ channel: ['amazon'] }, Uint8Array.from([0, 1, 0, 0, 0]), [{ product: ['SW-1'] }]);
    // Only SW-2 is left, and it is not established: nothing in the window to compare with.
    expect(r).toBeNull();
  });

  it('declines when an event is named in a dimension the window lacks', () => {
    const r = runRate({
      view: additiveView(period, 'net', 'test'),
      pre: additiveView(window, 'net', 'test'),
      from: '2025-07-01',
      established: () => true,
      campaignSource: () => false,
      eventSegments: [{ device: ['mobile'] }],
      perUnit: 1,
    });
    expect(r).toBeNull();
  });
});

describe('runRate on a rate', () => {
  // Returned orders ÷ orders by sub-category: Bikinis returned 8% over the window and 30% now; the rest 6% then and
  // 7.2% now.
  const t = (rows: Array<[string, number, number, number, number]>): LeafTable => ({
    dimNames: ['subcategory'],
    values: rows.map((r) => [r[0]]),
    n: rows.length,
    measures: {
      returned_orders: { a: Float64Array.from(rows.map((r) => r[1])), b: Float64Array.from(rows.map((r) => r[3])) },
      orders: { a: Float64Array.from(rows.map((r) => r[2])), b: Float64Array.from(rows.map((r) => r[4])) },
    },
  });
  const period = t([
    ['Bikinis', 0, 0, 30, 100],
    ['Hats', 0, 0, 36, 500],
  ]);
  const window = t([
    ['Bikinis', 32, 400, 0, 0],
    ['Hats', 120, 2000, 0, 0],
  ]);

  it("keeps the segment's own rate from the window, moved as the rest's rate moved", () => {
    const rr = runRate({
      view: ratioView(period, 'returned_orders', 'orders', 'test'),
      pre: ratioView(window, 'returned_orders', 'orders', 'test'),
      from: '2025-03-01',
      established: () => true,
      campaignSource: () => false,
      eventSegments: [{ subcategory: ['Bikinis'] }],
      perUnit: 1,
    })!;
    const r = rr.effect({ subcategory: ['Bikinis'] }, Uint8Array.from([1, 0]), [])!;
    // Expected Bikinis rate 8% × (7.2% / 6%) = 9.6% → 9.6 returned orders instead of 30: the rate would have been
    // 45.6/600.
    expect(r.effect).toBeCloseTo(66 / 600 - 45.6 / 600, 10);
    expect(r.se).toBeGreaterThan(0);
  });
});
