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

describe('detectReturnSpikes by channel and category', () => {
  // Products 1-12: Apparel (1-3 Cover-Ups, 4-6 Beach Dresses), Swimwear (7-9 Bikinis, 10-12 Trunks);
  // each sells on the own site (300 lines a period) and on amazon (100).
  const wide: Catalogue = {
    skuOf: (id) => `SKU-${id}`,
    categoryOf: (id) => (id <= 6 ? 'Apparel' : 'Swimwear'),
    subcategoryOf: (id) => (id <= 3 ? 'Cover-Ups' : id <= 6 ? 'Beach Dresses' : id <= 9 ? 'Bikinis' : 'Trunks'),
    skusIn: () => [],
  };
  const products = Array.from({ length: 12 }, (_, i) => i + 1);
  const channels = { own_website: 300, amazon: 100 };
  function rows(rate: (id: number, channel: string, pb: number) => number) {
    return products.flatMap((id) =>
      Object.entries(channels).flatMap(([channel, n]) =>
        [0, 1].map((pb) => ({ pb, product_id: id, channel, n, hits: Math.round(n * rate(id, channel, pb)) })),
      ),
    );
  }

  it('names a channel whose returns rose across every category', () => {
    const events = detectReturnSpikes(
      rows((_, ch, pb) => (ch === 'amazon' && pb === 1 ? 0.22 : 0.08)),
      w,
      wide,
    );
    expect(events.map((e) => e.segment)).toEqual([{ channel: ['amazon'] }]);
  });

  it('names a category whose sub-categories all rose, not each sub-category', () => {
    const events = detectReturnSpikes(
      rows((id, _, pb) => (id <= 6 && pb === 1 ? 0.2 : 0.08)),
      w,
      wide,
    );
    expect(events.map((e) => e.segment)).toEqual([{ category: ['Apparel'] }]);
  });

  it('names a category on one channel when only that channel rose', () => {
    const events = detectReturnSpikes(
      rows((id, ch, pb) => (id > 6 && ch === 'amazon' && pb === 1 ? 0.3 : 0.08)),
      w,
      wide,
    );
    expect(events.map((e) => e.segment)).toEqual([{ category: ['Swimwear'], channel: ['amazon'] }]);
  });

  it('names two sub-categories that rose, not their category, when its others held', () => {
    const events = detectReturnSpikes(
      rows((id, _, pb) => (id >= 7 && id <= 9 && pb === 1 ? 0.3 : id <= 3 && pb === 1 ? 0.25 : 0.08)),
      w,
      wide,
    );
    expect(events.map((e) => e.segment)).toEqual([{ subcategory: ['Cover-Ups'] }, { subcategory: ['Bikinis'] }]);
  });

  it('still names one sub-category when only it rose', () => {
    const events = detectReturnSpikes(
      rows((id, _, pb) => (id >= 4 && id <= 6 && pb === 1 ? 0.25 : 0.08)),
      w,
      wide,
    );
    expect(events.map((e) => e.segment)).toEqual([{ subcategory: ['Beach Dresses'] }]);
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
