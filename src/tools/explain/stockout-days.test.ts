// What part of the period a stock-out's days out weigh: read from the channel's orders by day, with the
// orders the SKUs themselves would have taken on those days put back.
import { describe, expect, it } from 'vitest';
import { dayShare, outDayShares } from './stockout-days.ts';

const period = { from: '2025-11-01', to: '2025-11-30' };

/** Orders by day on one channel: `base` a day, `busy` on the days listed. */
function days(channel: string, base: number, busy: Record<string, number> = {}) {
  const rows = [];
  for (let d = 1; d <= 30; d++) {
    const day = `2025-11-${String(d).padStart(2, '0')}`;
    rows.push({ day, channel, country: 'United States', orders: busy[day] ?? base });
  }
  return rows;
}

describe('outDayShares', () => {
  it("weighs the days out by the channel's orders, not by the calendar", () => {
    // Out the last three days, a sale weekend at three times the usual orders: 90 of 171 orders.
    const rows = days('own_website', 3, { '2025-11-28': 30, '2025-11-29': 30, '2025-11-30': 30 });
    const s = outDayShares(rows, { period, start: '2025-11-28', end: '2025-11-30' }, () => 0);
    expect(s.get('own_website')).toBeCloseTo(90 / (90 + 27 * 3), 10);
    expect(dayShare({ period, start: '2025-11-28', end: '2025-11-30' }, '2025-11-28', '2025-11-30')).toBeCloseTo(
      0.1,
      10,
    );
  });

  it('puts back the orders the SKUs would have taken on their days out', () => {
    // 10 orders a day; the SKUs took a fifth of the channel's orders, so the 5 days out show 8 a day.
    const rows = days('amazon', 10, Object.fromEntries([10, 11, 12, 13, 14].map((d) => [`2025-11-${d}`, 8])));
    const s = outDayShares(rows, { period, start: '2025-11-10', end: '2025-11-14' }, () => 0.2);
    expect(s.get('amazon')).toBeCloseTo(50 / 300, 10);
  });

  it('keeps each channel apart and clips the days out to the period', () => {
    const rows = [...days('amazon', 4), ...days('other_marketplace', 1, { '2025-11-01': 29 })];
    const s = outDayShares(rows, { period, start: '2025-10-25', end: '2025-11-01' }, () => 0);
    expect(s.get('amazon')).toBeCloseTo(1 / 30, 10);
    expect(s.get('other_marketplace')).toBeCloseTo(29 / 58, 10);
  });

  it('ignores rows outside the period (the comparison, the weeks before)', () => {
    const rows = [...days('amazon', 4), { day: '2025-10-15', channel: 'amazon', country: 'Canada', orders: 500 }];
    const s = outDayShares(rows, { period, start: '2025-11-01', end: '2025-11-15' }, () => 0);
    expect(s.get('amazon')).toBeCloseTo(0.5, 10);
  });
});
