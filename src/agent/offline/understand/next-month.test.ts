// "the next month" counted from the month a question names, not from today: the month after it, never a forecast.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { nextMonthNamed } from './next-month.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('the next month after a named month is that month plus one', () => {
  it.each([
    ['orders in Feb 2025 vs the following month', 'orders in Feb 2025 vs March 2025'],
    ["what sold in dec '24 but not the month after", "what sold in dec '24 but not January 2025"],
    ['24年12月和次月的销售额', '24年12月和2025年1月的销售额'],
  ])('%s → %s', (q, out) => {
    expect(nextMonthNamed(q)).toBe(out);
  });

  it('leaves "next month" alone when no month is named', () => {
    expect(nextMonthNamed('what will sales be next month')).toBe('what will sales be next month');
  });

  it('reads a to-zero question over the two months, not as the future', () => {
    const i = understand('products that sold in April 2025 and then nothing the next month', data);
    expect(i.kind).toBe('top');
    expect(i.toZero).toBe(true);
    expect(i.period.start).toBe('2025-05-01');
  });
});
