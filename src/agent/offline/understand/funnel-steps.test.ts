// A funnel step named by its count (product views, add-to-carts, 浏览商品, 加购) is the funnel's question, not net
// sales; page views of a session are still not tracked and stay refused. Examples are my own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const read = (q: string) => understand(q, data);

describe('funnel steps named by their counts go to the funnel', () => {
  it.each([
    'What were our item views in April 2025?',
    'product views by traffic source, Q3 2024',
    'How many visits viewed any products last November?',
    'count of add-to-carts in 2024',
    '2024年第三季度有多少会话浏览了商品',
    '2025年4月的商品浏览量',
    '按设备看2024年加购次数',
  ])('%s → funnel', (q) => {
    expect(read(q).kind).toBe('funnel');
  });

  it.each(['page views on mobile in April 2025', '2025年4月官网页面浏览量'])('%s stays refused', (q) => {
    expect(read(q)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data' });
  });
});

describe('a funnel step the funnel does not compute is said first', () => {
  it.each([
    'How many shoppers began checkout in March 2025?',
    'checkouts initiated by device, 2024',
    '2024年12月有多少会话开始结算',
    '上个月发起结算的次数',
  ])('%s → checkout_step', (q) => {
    expect(read(q)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data', lacking: 'checkout_step' });
  });
});
