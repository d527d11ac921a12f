// One product named by its catalogue name is answered with its own figures through a query of our own, never its
// category's; a capitalised phrase that does not end in a product type is no product.
import { describe, expect, it } from 'vitest';
import { renderFree } from '../answer/free-sql.ts';
import { buildFreeSql } from '../plan/free-sql.ts';
import { productNamed } from './product-name.ts';
import { understand, understandAll } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('one product named by its catalogue name', () => {
  it.each([
    [
      'What were the net sales of the Reef Navy Ribbed Bikini Set in March 2025?',
      'Reef Navy Ribbed Bikini Set',
      'net_sales',
      {},
    ],
    ['How many Tidal Ocean Blue Swim Cap units went out in Q3 2024?', 'Tidal Ocean Blue Swim Cap', 'units', {}],
    [
      'orders for Monsoon Sage Rash Guard Set on Amazon in 2025',
      'Monsoon Sage Rash Guard Set',
      'orders',
      { channel: 'amazon' },
    ],
    ['Show Marina Cherry Tank Top revenue for May 2024', 'Marina Cherry Tank Top', 'net_sales', {}],
    ['2025年Lagoon Floral Sarong Wrap卖了多少件？', 'Lagoon Floral Sarong Wrap', 'units', {}],
    [
      'Cove Ivory Baseball Cap 2024年在美国的销售额是多少',
      'Cove Ivory Baseball Cap',
      'net_sales',
      { country: 'United States' },
    ],
  ])('%s', (q, name, metric, filters) => {
    const i = understand(q, data);
    expect(i.kind).toBe('free_sql');
    expect(i.free).toEqual({ subject: 'product', by: null, name });
    expect(i.metric).toBe(metric);
    // The type word in the name sets no category filter.
    expect(i.filters).toEqual(filters);
    const { sql, unapplied } = buildFreeSql(i.free!, i);
    expect(sql).toContain(`LOWER(p.product_name) = LOWER('${name}')`);
    expect(sql).toContain('SUM(oi.quantity) AS units');
    expect(sql).not.toMatch(/category/);
    expect(unapplied).toEqual([]);
  });

  it.each([
    'Black Friday 2025 sales',
    'Summer Splash 2025 ROAS',
    'United Kingdom orders in 2025',
    'Bikini Set sales in 2025',
    'How did Beach Bag revenue do in 2024?',
    'Show Me The Best Selling Bikini Set In 2025',
    'What Were Total Sales Of The Linen Shirt',
  ])('%s names no product', (q) => {
    expect(understand(q, data).free?.subject).not.toBe('product');
  });

  it('reads only letters, digits, spaces, hyphens and ampersands into a name', () => {
    expect(productNamed("units of Sand Beach Towel'; DROP TABLE x in 2024")).toBeUndefined();
    expect(productNamed('sales of Coral Black One-Piece Swimsuit in 2024')).toBe('Coral Black One-Piece Swimsuit');
    const i = understand('units of Coral Black One-Piece Swimsuit in 2024', data);
    expect(buildFreeSql({ ...i.free!, name: "x') OR 1=1 --" }, i).sql).toContain('1 = 0');
  });

  it('a name that sold nothing says so, never another figure', () => {
    const i = understand('How much did the Foo Bar Baz Swimsuit sell in June 2025?', data);
    const [line] = renderFree(i.free!, i, [{ net_sales: null, units: null, orders: 0 }], []);
    expect(line).toBe('No product named “Foo Bar Baz Swimsuit” sold in June 2025.');
    const z = understand('Foo Bar Baz Swimsuit 2025年6月卖了多少钱', data);
    expect(renderFree(z.free!, z, [{ net_sales: null, units: null, orders: 0 }], [])[0]).toContain(
      '没有名为“Foo Bar Baz Swimsuit”的产品售出',
    );
  });

  it('a follow-up keeps the product', () => {
    const [, b] = understandAll(
      ['How much did the Reef Navy Ribbed Bikini Set sell in June 2025?', 'and in July?'],
      data,
    );
    expect(b!.free).toEqual({ subject: 'product', by: null, name: 'Reef Navy Ribbed Bikini Set' });
    expect(b!.period.start).toBe('2025-07-01');
  });
});
