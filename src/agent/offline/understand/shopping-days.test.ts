// A named shopping day with "week" or "that day" is that calendar week (Monday to Sunday) or day; the name alone
// stays a sales event. Examples are my own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { shoppingDaySpans } from './shopping-days.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const span = (q: string) => {
  const p = understand(q, data).period;
  return `${p.start}..${p.end}`;
};

describe('a shopping day with week or day is a calendar span', () => {
  it.each([
    ["orders in the week of Singles' Day 2024", '2024-11-11..2024-11-17'],
    ['2025年双11那一周卖了多少钱', '2025-11-10..2025-11-16'],
    ['revenue over Black Friday week 2024', '2024-11-25..2024-12-01'],
    ['2025 Cyber Monday week orders', '2025-12-01..2025-12-07'],
    ['2024年圣诞节当天的订单量', '2024-12-25..2024-12-25'],
    ['units sold on the day of Black Friday 2025', '2025-11-28..2025-11-28'],
  ])('%s → %s', (q, want) => {
    expect(span(q)).toBe(want);
  });

  it('without a year, the latest one the data reaches', () => {
    expect(shoppingDaySpans('黑五那周的订单', { minDate: '2024-01-01', maxDate: '2025-11-20' })).toBe(
      '2024-11-25 to 2024-12-01的订单',
    );
  });

  it('Black Friday is the day after Thanksgiving, not the fourth Friday', () => {
    expect(shoppingDaySpans('the day of Black Friday 2024', data)).toBe('2024-11-29');
  });

  it('the name alone is left to the sales-event reading', () => {
    expect(shoppingDaySpans('orders placed during Cyber Monday 2025', data)).toBe(
      'orders placed during Cyber Monday 2025',
    );
  });
});

describe('Prime Day has no fixed date', () => {
  it.each(['sales in the week of Prime Day 2025', '2024年亚马逊会员日那周的订单'])(
    '%s is said to lack its dates',
    (q) => {
      const i = understand(q, data);
      expect(i.kind).toBe('unsupported');
      expect(i.lacking).toBe('event_dates');
    },
  );
});
