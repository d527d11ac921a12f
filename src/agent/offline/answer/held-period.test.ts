// The follow-ups offered after "the data cannot answer that" name a period the data holds, with the month before it
// too, never the period outside the data that was asked about. My own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from '../understand/understand.ts';
import { suggestions } from './suggest.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const offered = (q: string, d: DataRange = data) => suggestions(understand(q, d), d).join('\n');

describe('follow-ups after a period outside the data', () => {
  it.each([
    ['orders back in 2019', /February 2024/, /2019/],
    ['net sales from 2023 to 2024', /February 2024/, /2023/],
    ['2018年的销售额', /2024年2月/, /2018/],
  ])('before the data: %s', (q, near, asked) => {
    const text = offered(q);
    expect(text).toMatch(near);
    expect(text).not.toMatch(asked);
  });

  it.each([
    ['orders in March 2026', /December 2025/, /2026/],
    ['2027年的订单量', /2025年12月/, /2027/],
  ])('after the data: %s', (q, near, asked) => {
    const text = offered(q);
    expect(text).toMatch(near);
    expect(text).not.toMatch(asked);
  });

  it('a data range starting mid-month offers its second full month', () => {
    expect(offered('sales in 2020', { minDate: '2023-03-15', maxDate: '2024-06-30' })).toMatch(/May 2023/);
  });
});
