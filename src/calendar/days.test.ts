import { describe, expect, it } from 'vitest';
import { bucketRanges, bucketStarts } from './buckets.ts';
import { addMonthsTo, dayCount, isMonthEnd, isValidDay, lastDayOfMonth, monthStart, quarterOf } from './days.ts';

describe('day arithmetic', () => {
  it('knows leap years', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2023-02-29')).toBe(false);
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2100, 2)).toBe('2100-02-28');
    expect(dayCount('2024-02-01', '2024-03-01')).toBe(30);
    expect(isMonthEnd('2024-02-28')).toBe(false);
    expect(isMonthEnd('2023-02-28')).toBe(true);
  });

  it('clamps months to their end and rolls months into the next year', () => {
    expect(addMonthsTo('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonthsTo('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonthsTo('2025-02-28', -12)).toBe('2024-02-28');
    expect(monthStart(2025, 0)).toBe('2024-12-01');
    expect(lastDayOfMonth(2025, 13)).toBe('2026-01-31');
    expect(quarterOf('2025-12-31')).toEqual({ y: 2025, q: 4 });
  });
});

describe('buckets', () => {
  it('cut a period into Monday weeks and months clipped to the period', () => {
    expect(bucketStarts({ from: '2024-12-30', to: '2025-01-08' }, 'week')).toEqual(['2024-12-30', '2025-01-06']);
    expect(bucketRanges({ from: '2024-01-15', to: '2024-03-10' }, 'month')).toEqual([
      { key: '2024-01-01', lo: '2024-01-15', hi: '2024-02-01' },
      { key: '2024-02-01', lo: '2024-02-01', hi: '2024-03-01' },
      { key: '2024-03-01', lo: '2024-03-01', hi: '2024-03-11' },
    ]);
  });
});
