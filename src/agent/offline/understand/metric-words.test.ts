// The metric a manager names in their own words ("takings", "top-line", "笔单价", "首次下单的客户占比") is the
// metric the data computes, not a measure no table holds and not a ranking.
import { describe, expect, it } from 'vitest';
import { understand } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('metric words in other wordings', () => {
  it.each([
    ['What were our takings in May 2025?', 'net_sales'],
    ['top-line sales for Q3 2024', 'net_sales'],
    ['Top line revenue in 2025?', 'net_sales'],
    ['2025年8月的笔单价', 'aov'],
    ['2024年每单均价是多少', 'aov'],
    ['一笔均价多少？2025年5月', 'aov'],
    ['2025年3月第一次购买的顾客占比', 'new_customer_share'],
    ['2024年11月首次下单的用户比例是多少？', 'new_customer_share'],
    ['What share of customers in March 2025 were buying from us for the first time?', 'new_customer_share'],
  ])('%s → %s', (q, metric) => {
    const i = understand(q, data);
    expect(i.kind).not.toBe('unsupported');
    expect(i.kind).not.toBe('top');
    expect(i.metric).toBe(metric);
    expect(i.filters).toEqual({});
  });

  it('a top list is still a ranking', () => {
    expect(understand('top 5 products in July 2025', data).kind).toBe('top');
  });
});
