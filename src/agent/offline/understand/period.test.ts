import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const span = (q: string) => {
  const p = understand(q, data).period;
  return [p.start, p.end];
};

describe('ranges between two days, partial months included', () => {
  it.each([
    ['Which week had the most orders between 5 January and 20 February 2025?', '2025-01-05', '2025-02-20'],
    ['from Aug 12th to Oct 3rd, 2024, what was the weakest month for units?', '2024-08-12', '2024-10-03'],
    ['net sales from 15 Nov 2024 to 10 Jan 2025 by month', '2024-11-15', '2025-01-10'],
    ['2024年8月12日到10月3日，哪个月订单最少？', '2024-08-12', '2024-10-03'],
    ['2024年11月15日至2025年1月10日的每月销售额', '2024-11-15', '2025-01-10'],
    ['6月3号到6月9号的订单', '2025-06-03', '2025-06-09'],
  ])('%s', (q, start, end) => expect(span(q)).toEqual([start, end]));

  it('reads a single day, and a "which month" over a range as a monthly trend of exactly that range', () => {
    expect(span('orders on 4 July 2025')).toEqual(['2025-07-04', '2025-07-04']);
    expect(understand('Between 2 April and 30 June 2025, which month sold the least?', data)).toMatchObject({
      kind: 'trend',
      granularity: 'month',
      period: { start: '2025-04-02', end: '2025-06-30' },
    });
  });

  it('keeps months that are not days as they were', () => {
    expect(span('sales in May 2025')).toEqual(['2025-05-01', '2025-05-31']);
    expect(understand('sales in June and July', data).compare_to).toMatchObject({ start: '2025-06-01' });
  });
});
