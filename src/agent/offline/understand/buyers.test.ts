// "How many customers ordered, per country": the customer counts customer_mix splits, never the sales split under
// the customers' heading. "下单客户" names the customers by having ordered; orders are not what is measured.
import { describe, expect, it } from 'vitest';
import { understand } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('customers counted per segment', () => {
  it.each([
    ['2025年每个国家各有多少下单客户？', 'country'],
    ['2025年6月各渠道有多少下过单的顾客', 'channel'],
    ['How many customers who ordered did each country have in 2024?', 'country'],
    ['number of buyers per channel in Q3 2025', 'channel'],
    ['How many unique shoppers by device in May 2025?', 'device'],
  ])('%s → customer_mix by %s', (q, dimension) => {
    const i = understand(q, data);
    expect(i.kind).toBe('customers');
    expect(i.dimension).toBe(dimension);
  });

  it('orders per country are still orders', () => {
    const i = understand('How many orders did each country place in 2025?', data);
    expect(i).toMatchObject({ kind: 'breakdown', metric: 'orders', dimension: 'country' });
  });
});
