import { describe, expect, it } from 'vitest';
import { type Catalogue, detectPriceChanges } from './prices.ts';

// Four bags and two hats; SKU ids 1-4 are bags, 5-6 hats.
const cat: Catalogue = {
  skuOf: (id) => `SKU-${id}`,
  categoryOf: (id) => (id <= 4 ? 'Bags' : 'Hats'),
  subcategoryOf: (id) => (id <= 4 ? 'Totes' : 'Caps'),
  skusIn: (_level, name) =>
    (name === 'Bags' || name === 'Totes' ? [1, 2, 3, 4] : name === 'Hats' || name === 'Caps' ? [5, 6] : []).map(
      (id) => `SKU-${id}`,
    ),
};

const row = (id: number, oldP: number, newP: number, reason: string, day = '2025-05-12') => ({
  product_id: id,
  change_date: `${day} 00:00:00`,
  old_price: oldP,
  new_price: newP,
  reason,
  channel: null,
});

describe('detectPriceChanges', () => {
  it('keeps a routine move on one SKU apart from a category-wide rise the same day', () => {
    const rows = [...[1, 2, 3, 4].map((id) => row(id, 20, 25, 'price increase')), row(5, 10, 10.5, 'cost increase')];
    const events = detectPriceChanges(rows, cat);
    expect(events).toHaveLength(2);
    const bags = events.find((e) => e.segment.category?.[0] === 'Bags')!;
    expect(bags.kind).toBe('price_increase');
    expect(bags.facts.average_change_pct).toBe(25);
    expect(bags.facts.products).toBe(4);
    const hat = events.find((e) => e !== bags)!;
    expect(hat.segment).toEqual({ product: ['SKU-5'] });
    expect(hat.facts.average_change_pct).toBe(5);
  });

  it('still groups one decision over a category into one event', () => {
    const events = detectPriceChanges(
      [1, 2, 3, 4].map((id) => row(id, 20, 18, 'promotion')),
      cat,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.segment).toEqual({ category: ['Bags'] });
    expect(events[0]!.kind).toBe('price_decrease');
  });
});
