// Returns spikes and rating drops from per-product rows (pure: no database).
import { describe, expect, it } from 'vitest';
import type { Catalogue } from './prices.ts';
import { detectRatingDrops, detectReturnSpikes } from './quality.ts';

const w = { a: { from: '2025-06-01', to: '2025-06-30' }, b: { from: '2025-07-01', to: '2025-07-31' } };
// Products 1-4 are Bikinis, 5-8 Hats.
const cat: Catalogue = {
  skuOf: (id) => `SKU-${id}`,
  categoryOf: (id) => (id <= 4 ? 'Swimwear' : 'Hats'),
  subcategoryOf: (id) => (id <= 4 ? 'Bikinis' : 'Sun Hats'),
  skusIn: () => [],
};
const ids = [1, 2, 3, 4, 5, 6, 7, 8];

function returnRows(rate: (id: number, pb: number) => number, n = 200) {
  return ids.flatMap((id) => [0, 1].map((pb) => ({ pb, product_id: id, n, hits: Math.round(n * rate(id, pb)) })));
}

function ratingRows(mean: (id: number, pb: number) => number, n = 60) {
  // Ratings spread ±1 star around the mean: sum of squares = n·(mean² + 1).
  return ids.flatMap((id) =>
    [0, 1].map((pb) => ({ pb, product_id: id, n, s: n * mean(id, pb), ss: n * (mean(id, pb) ** 2 + 1) })),
  );
}

describe('detectReturnSpikes', () => {
  it('names a sub-category whose SKUs all return far more often', () => {
    const events = detectReturnSpikes(
      returnRows((id, pb) => (id <= 4 && pb === 1 ? 0.24 : 0.08)),
      w,
      cat,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'returns_spike',
      segment: { subcategory: ['Bikinis'] },
      facts: { return_rate_a: 0.08, return_rate_b: 0.24 },
    });
    expect(events[0]!.title).toBe('Returns of Bikinis rose from 8.0% to 24.0% of the lines ordered');
  });

  it('names single SKUs when one product spikes alone', () => {
    const events = detectReturnSpikes(
      returnRows((id, pb) => (id === 6 && pb === 1 ? 0.3 : 0.08)),
      w,
      cat,
    );
    expect(events.map((e) => e.segment)).toEqual([{ product: ['SKU-6'] }]);
  });

  it('names a sub-category of thin SKUs (a few lines each, most with no return in either period)', () => {
    // Bikinis 1-4 sell 12 lines a period each; in B two of them return 9 lines, two none (as before).
    const rows = ids.flatMap((id) =>
      [0, 1].map((pb) => ({
        pb,
        product_id: id,
        n: id <= 4 ? 12 : 200,
        hits: id <= 4 ? (pb === 1 ? (id <= 2 ? 9 : 0) : id === 1 ? 1 : 0) : 16,
      })),
    );
    expect(detectReturnSpikes(rows, w, cat).map((e) => e.segment)).toEqual([{ subcategory: ['Bikinis'] }]);
  });

  it('does not name the sub-category when one SKU carries the rise', () => {
    const rows = ids.flatMap((id) =>
      [0, 1].map((pb) => ({ pb, product_id: id, n: 200, hits: id === 1 && pb === 1 ? 120 : 16 })),
    );
    expect(detectReturnSpikes(rows, w, cat).map((e) => e.segment)).toEqual([{ product: ['SKU-1'] }]);
  });

  it('stays quiet on noise and on small samples', () => {
    expect(
      detectReturnSpikes(
        returnRows((id, pb) => (pb === 1 ? 0.09 : 0.08)),
        w,
        cat,
      ),
    ).toEqual([]);
    expect(
      detectReturnSpikes(
        returnRows((id, pb) => (id === 6 && pb === 1 ? 0.5 : 0.1), 10),
        w,
        cat,
      ),
    ).toEqual([]);
  });
});

describe('detectRatingDrops', () => {
  it('finds a sub-category whose ratings fell by a star', () => {
    const events = detectRatingDrops(
      ratingRows((id, pb) => (id > 4 && pb === 1 ? 3 : 4)),
      w,
      cat,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'rating_drop',
      segment: { subcategory: ['Sun Hats'] },
      facts: { rating_a: 4, rating_b: 3 },
    });
  });

  it('ignores a small dip and a rise', () => {
    expect(
      detectRatingDrops(
        ratingRows((id, pb) => (pb === 1 ? 3.8 : 4)),
        w,
        cat,
      ),
    ).toEqual([]);
    expect(
      detectRatingDrops(
        ratingRows((id, pb) => (pb === 1 ? 4.6 : 3.6)),
        w,
        cat,
      ),
    ).toEqual([]);
  });
});
