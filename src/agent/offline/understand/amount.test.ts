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
