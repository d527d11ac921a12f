// A follow-up that names only what to measure against ("为什么比6月低？", "and a year earlier?") keeps the period
// being discussed: the month after 比 is the base, and "a year earlier" is the same span a year back, not that year.
import { describe, expect, it } from 'vitest';
import { understandAll } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a follow-up names the base, not a new period', () => {
  it.each([
    ['2025年7月亚马逊的销售额', '为什么比6月低？', '2025-07-01', '2025-06-01'],
    ['2025年9月的订单量', '为啥比8月少这么多', '2025-09-01', '2025-08-01'],
    ['2024年11月官网的销售额', '怎么比10月差？', '2024-11-01', '2024-10-01'],
  ])('%s → %s', (first, then, start, base) => {
    const [, b] = understandAll([first, then], data);
    expect(b!.period.start).toBe(start);
    expect(b!.compare_to).toMatchObject({ start: base });
  });

  it.each([
    ['website sessions in October 2025', 'what about the same month a year earlier', '2024-10-01', '2024-10-31'],
    ['Orders in Q2 2025', 'and a year before?', '2024-04-01', '2024-06-30'],
    ['Orders on 12 July 2025', 'same day a year back?', '2024-07-12', '2024-07-12'],
  ])('%s → %s', (first, then, start, end) => {
    const [, b] = understandAll([first, then], data);
    expect(b!.period).toMatchObject({ start, end });
  });
});
