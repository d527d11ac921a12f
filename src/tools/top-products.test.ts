import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { planTopProducts, TopProductsInput, topProducts } from './top-products.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('top_products builder', () => {
  it('orders by the rounded metric with a stable tie-break and binds the limit', () => {
    const p = planTopProducts(TopProductsInput.parse({ n: 5, direction: 'bottom', metric: 'units' }), 'mysql', data);
    expect(p.query.sql).toMatch(/ORDER BY ROUND\(q\.units__0, 4\) ASC, q\.k_product ASC LIMIT \?$/);
    expect(p.query.params.at(-1)).toBe(5);
  });
});

describe('top_products on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('ranks products by net sales, highest first, with names marked untrusted', async () => {
    const r = await topProducts.run(TopProductsInput.parse({ period: '2025-02', n: 3 }), ctx);
    expect(r.rows).toHaveLength(3);
    const v = r.rows.map((x) => x.value as number);
    expect(v).toEqual([...v].sort((a, b) => b - a));
    expect(r.untrustedText).toBe(true);
    expect(r.rows[0]).toHaveProperty('sku');
  });

  it('bottom ranks lowest first and respects min_units', async () => {
    const r = await topProducts.run(
      TopProductsInput.parse({ period: '2025-02', direction: 'bottom', metric: 'return_rate', min_units: 40 }),
      ctx,
    );
    expect(r.rows.every((x) => (x.units as number) >= 40)).toBe(true);
    const v = r.rows.map((x) => x.value as number);
    expect(v).toEqual([...v].sort((a, b) => a - b));
  });
});

describe('top_products ranked by change', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('lists a product that fell to zero among the biggest drops, flagged in the rows, text and finding', async () => {
    const day = { from: '2025-02-10', to: '2025-02-10' };
    const input = { period: day, compare_to: 'previous_period', direction: 'bottom', n: 9 };
    const byValue = await topProducts.run(TopProductsInput.parse(input), ctx);
    const r = await topProducts.run(TopProductsInput.parse({ ...input, rank_by: 'change' }), ctx);
    const gone = r.rows.filter((x) => x.value === 0 && (x.previous as number) > 0).map((x) => x.product_name);
    expect(gone.length).toBeGreaterThan(0);
    // Ranked by value, a product with no sales today cannot appear at all.
    expect(byValue.rows.map((x) => x.product_name)).not.toContain(gone[0]);
    const changes = r.rows.map((x) => x.change as number);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
    expect(r.summary).toMatch(/biggest drops/);
    expect(r.summary).toContain('[fell to zero]');
    const f = r.findings!.find((x) => x.kind === 'ranking');
    expect(f).toMatchObject({ kind: 'ranking', direction: 'bottom', comparePeriod: expect.any(String) });
    expect(f!.kind === 'ranking' && f!.fellToZero).toEqual(gone);
    // Each listed product's change is a finding too, so "X fell to zero" in an answer is checked against it.
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'change', subject: gone[0], to: 0, direction: 'down' }),
    );
  });

  it('rank_by change_pct puts every product that fell to zero first, biggest sellers before first', async () => {
    const input = {
      period: { from: '2025-02-10', to: '2025-02-10' },
      compare_to: 'previous_period',
      direction: 'bottom',
      n: 9,
    };
    const r = await topProducts.run(TopProductsInput.parse({ ...input, rank_by: 'change_pct' }), ctx);
    const zero = r.rows.filter((x) => x.value === 0 && (x.previous as number) > 0);
    expect(zero.length).toBeGreaterThan(0);
    expect(r.rows.slice(0, zero.length)).toEqual(zero);
    const before = zero.map((x) => x.previous as number);
    expect(before).toEqual([...before].sort((a, b) => b - a));
  });
});
