import { describe, expect, it } from 'vitest';
import { previousPeriod, resolveCompare, sameDatesLastYear, shiftYears } from './compare.ts';
import { resolvePeriod } from './periods.ts';

const data = { minDate: '2022-01-01', maxDate: '2025-12-31' };
const compare = (spec: string | { from: string; to: string }, how: Parameters<typeof resolveCompare>[0], d = data) =>
  resolveCompare(how, resolvePeriod(spec, d), d);

describe('the same dates last year, leap days included', () => {
  it.each([
    ['2025-02-01', '2025-02-28', '2024-02-01', '2024-02-29'],
    ['2024-02-01', '2024-02-29', '2023-02-01', '2023-02-28'],
    ['2024-02-20', '2024-02-29', '2023-02-20', '2023-02-28'],
    ['2024-02-29', '2024-02-29', '2023-02-28', '2023-02-28'],
    ['2025-01-01', '2025-02-28', '2024-01-01', '2024-02-29'],
    ['2025-02-10', '2025-02-20', '2024-02-10', '2024-02-20'],
    ['2024-01-01', '2024-03-31', '2023-01-01', '2023-03-31'],
    ['2025-03-01', '2025-03-15', '2024-03-01', '2024-03-15'],
  ])('%s..%s → %s..%s', (from, to, lyFrom, lyTo) => {
    expect(sameDatesLastYear({ from, to })).toEqual({ from: lyFrom, to: lyTo });
  });

  it('shifts by any number of years with the same rule', () => {
    expect(shiftYears({ from: '2023-02-01', to: '2023-02-28' }, 1)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(shiftYears({ from: '2024-02-29', to: '2024-02-29' }, 4)).toEqual({ from: '2028-02-29', to: '2028-02-29' });
    expect(shiftYears({ from: '2024-02-29', to: '2024-03-10' }, -1)).toEqual({ from: '2023-02-28', to: '2023-03-10' });
    expect(shiftYears({ from: '2025-02-10', to: '2025-03-31' }, -2)).toEqual({ from: '2023-02-10', to: '2023-03-31' });
  });

  it("a month maps to the whole of last year's month", () => {
    expect(compare('2025-02', 'previous_year').period).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
      label: '2024-02',
    });
    expect(compare('2024-02', 'previous_year').period).toMatchObject({
      from: '2023-02-01',
      to: '2023-02-28',
      label: '2023-02',
    });
    expect(compare('2024-Q1', 'previous_year').period).toMatchObject({
      from: '2023-01-01',
      to: '2023-03-31',
      label: '2023-Q1',
    });
  });

  it('compare_to previous_year and "the same months last year" are one answer', () => {
    for (const spec of [
      '2025-02',
      '2024-02',
      '2025-01',
      { from: '2025-01-01', to: '2025-02-28' },
      { from: '2024-02-15', to: '2024-02-29' },
    ]) {
      const p = resolvePeriod(spec, data);
      const c = resolveCompare('previous_year', p, data).period!;
      expect([c.from, c.to]).toEqual(Object.values(sameDatesLastYear(p)));
    }
  });
});

describe('previous period', () => {
  it('is the previous calendar unit, across year boundaries', () => {
    expect(compare('2025-01', 'previous_period').period).toMatchObject({
      from: '2024-12-01',
      to: '2024-12-31',
      label: '2024-12',
    });
    expect(compare('2024-03', 'previous_period').period).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
      label: '2024-02',
    });
    expect(compare('2025-Q1', 'previous_period').period).toMatchObject({
      from: '2024-10-01',
      to: '2024-12-31',
      label: '2024-Q4',
    });
    expect(compare('2025', 'previous_period').period).toMatchObject({
      from: '2024-01-01',
      to: '2024-12-31',
      label: '2024',
    });
  });

  it('is the same number of days right before for ranges, days and weeks', () => {
    expect(compare({ from: '2024-03-01', to: '2024-03-10' }, 'previous_period').period).toMatchObject({
      from: '2024-02-20',
      to: '2024-02-29',
    });
    expect(previousPeriod(resolvePeriod('2025-01-01', data))).toMatchObject({
      from: '2024-12-31',
      to: '2024-12-31',
      kind: 'day',
    });
  });

  it("a partial unit is compared like for like, never past the previous unit's end", () => {
    const mid = { minDate: '2022-01-01', maxDate: '2024-03-30' };
    const c = compare('this_month', 'previous_period', mid);
    expect(c.period).toMatchObject({ from: '2024-02-01', to: '2024-02-29', label: '2024-02-01 to 2024-02-29' });
    expect(c.note).toMatch(/2024-03 is partial.*first 30 days of the previous month/);
  });
});

describe('comparisons the data covers partly or not at all', () => {
  const d = { minDate: '2024-01-10', maxDate: '2025-07-15' };

  it('says when the comparison is only partly covered', () => {
    const c = compare('2024-02', 'previous_period', d);
    expect(c.period).toMatchObject({ from: '2024-01-10', to: '2024-01-31', partial: true });
    expect(c.note).toBe('the comparison period is only partly covered by the data (2024-01-10 to 2024-01-31)');
  });

  it('is null with a reason outside the data, and null for none', () => {
    const c = compare('2024-06', 'previous_year', d);
    expect(c.period).toBeNull();
    expect(c.note).toMatch(/^no comparison: 2023-06 \(2023-06-01 to 2023-06-30\) is outside the data/);
    expect(compare('2024-06', 'none', d)).toEqual({ period: null });
    expect(compare('2025-06', '2024-06', d).period).toMatchObject({ from: '2024-06-01', to: '2024-06-30' });
  });
});
