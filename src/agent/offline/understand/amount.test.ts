import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('an amount of money is not a rate', () => {
  it.each([
    'How many dollars of discounts did we hand out in March 2025?',
    'total discounts given in 2024',
    'What did discounts cost us in Q2 2025?',
    '2025年3月的优惠金额一共多少？',
    '去年打折让利了多少钱',
  ])('%s → discounts (an amount)', (q) => {
    expect(understand(q, data).metric).toBe('discounts');
  });

  it.each(['discount rate in July 2025', 'how deep were our discounts in 2024?', '7月的折扣率'])(
    '%s → discount_rate',
    (q) => expect(understand(q, data).metric).toBe('discount_rate'),
  );

  it('refunds paid are the refunds amount', () => {
    expect(understand('how much did we refund in August 2025?', data).metric).toBe('refunds');
    expect(understand('2025年8月退款金额是多少', data).metric).toBe('refunds');
  });
});

describe('money handed back to customers is the refunds amount, however it is said', () => {
  it.each([
    '2024年下半年我们一共退给客户多少钱？',
    '去年退还给顾客多少钱',
    '2025年3月退了客户多少美元',
    '上个季度返还给买家多少钱？',
    'How much money was returned to customers in Q1 2025?',
    'what did we pay out in returns in 2024',
  ])('%s → refunds', (q) => {
    expect(understand(q, data).metric).toBe('refunds');
  });

  it.each(['2025年3月的退货率', 'return rate in May 2025', 'how many returns in 2024'])('%s is not the amount', (q) => {
    expect(understand(q, data).metric).not.toBe('refunds');
  });
});
