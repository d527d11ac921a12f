import { describe, expect, it } from 'vitest';
import { TidelensError } from '../errors.ts';
import { latestFullMonth, namePeriod, partialNote, resolvePeriod } from './periods.ts';

const span = (p: { from: string; to: string }) => [p.from, p.to];

describe('named periods', () => {
  const data = { minDate: '2023-01-01', maxDate: '2025-12-31' };
  it.each([
    ['2024-02', '2024-02-01', '2024-02-29', 'month', '2024-02'],
    ['2023-02', '2023-02-01', '2023-02-28', 'month', '2023-02'],
    ['2024-Q1', '2024-01-01', '2024-03-31', 'quarter', '2024-Q1'],
    ['2024q4', '2024-10-01', '2024-12-31', 'quarter', '2024-Q4'],
    ['2024', '2024-01-01', '2024-12-31', 'year', '2024'],
    ['2024-02-29', '2024-02-29', '2024-02-29', 'day', '2024-02-29'],
  ])('%s → %s..%s', (spec, from, to, kind, label) => {
    expect(namePeriod(spec, data)).toEqual({ from, to, kind, label });
  });

  it('takes an inclusive range and refuses a reversed one or a day that does not exist', () => {
    expect(namePeriod({ from: '2024-02-20', to: '2024-03-05' }, data)).toMatchObject({
      kind: 'range',
      label: '2024-02-20 to 2024-03-05',
    });
    expect(() => namePeriod({ from: '2024-03-05', to: '2024-02-20' }, data)).toThrow(/swap them/);
    expect(() => namePeriod({ from: '2023-02-29', to: '2023-03-01' }, data)).toThrow(TidelensError);
    expect(() => namePeriod('2023-02-29', data)).toThrow(/not understood/);
    expect(() => namePeriod('last_0_days', data)).toThrow(/not understood/);
  });
});

describe('relative periods at month and year boundaries', () => {
  const at = (maxDate: string, spec: string) => span(namePeriod(spec, { minDate: '2020-01-01', maxDate }));

  it("counts from the data's last day across a new year", () => {
    expect(at('2025-01-15', 'last_month')).toEqual(['2024-12-01', '2024-12-31']);
    expect(at('2025-01-15', 'last_quarter')).toEqual(['2024-10-01', '2024-12-31']);
    expect(at('2025-01-15', 'this_quarter')).toEqual(['2025-01-01', '2025-03-31']);
    expect(at('2025-01-15', 'last_year')).toEqual(['2024-01-01', '2024-12-31']);
    expect(at('2025-01-01', 'yesterday')).toEqual(['2024-12-31', '2024-12-31']);
    expect(at('2025-01-01', 'last_7_days')).toEqual(['2024-12-26', '2025-01-01']);
    expect(at('2025-01-01', 'last_week')).toEqual(['2024-12-23', '2024-12-29']);
    expect(at('2025-01-01', 'this_week')).toEqual(['2024-12-30', '2025-01-05']);
  });

  it('months back land on the first of a month, leap years included', () => {
    expect(at('2024-03-31', 'last_1_months')).toEqual(['2024-03-01', '2024-03-31']);
    expect(at('2024-03-31', 'last_3_months')).toEqual(['2024-01-01', '2024-03-31']);
    expect(at('2024-02-29', 'last_12_months')).toEqual(['2023-03-01', '2024-02-29']);
    expect(at('2024-03-10', 'last_30_days')).toEqual(['2024-02-10', '2024-03-10']);
  });

  it('last_month, last_quarter and last_week are the latest complete ones, as latestFullMonth is', () => {
    expect(at('2025-03-31', 'last_month')).toEqual(['2025-03-01', '2025-03-31']);
    expect(at('2025-03-30', 'last_month')).toEqual(['2025-02-01', '2025-02-28']);
    expect(at('2025-03-31', 'last_quarter')).toEqual(['2025-01-01', '2025-03-31']);
    expect(at('2025-03-30', 'last_quarter')).toEqual(['2024-10-01', '2024-12-31']);
    expect(at('2025-12-31', 'last_quarter')).toEqual(['2025-10-01', '2025-12-31']);
    // 2025-03-30 is a Sunday: its week is complete.
    expect(at('2025-03-30', 'last_week')).toEqual(['2025-03-24', '2025-03-30']);
    expect(at('2025-03-29', 'last_week')).toEqual(['2025-03-17', '2025-03-23']);
    for (const maxDate of ['2025-03-31', '2025-03-30', '2024-02-29', '2025-01-30', '2025-12-31']) {
      expect(at(maxDate, 'last_month')).toEqual(span(latestFullMonth({ maxDate })));
    }
    expect(span(latestFullMonth({ maxDate: '2025-03-31' }))).toEqual(['2025-03-01', '2025-03-31']);
    expect(span(latestFullMonth({ maxDate: '2025-03-30' }))).toEqual(['2025-02-01', '2025-02-28']);
    expect(span(latestFullMonth({ maxDate: '2024-02-29' }))).toEqual(['2024-02-01', '2024-02-29']);
    expect(span(latestFullMonth({ maxDate: '2025-01-30' }))).toEqual(['2024-12-01', '2024-12-31']);
  });
});

describe('partial periods', () => {
  const data = { minDate: '2024-01-10', maxDate: '2025-07-15' };

  it('a period the data ends inside is partial and says so', () => {
    const p = resolvePeriod('2025-07', data);
    expect(p).toMatchObject({
      from: '2025-07-01',
      to: '2025-07-15',
      partial: true,
      nominal: { from: '2025-07-01', to: '2025-07-31' },
    });
    expect(partialNote(p, data)).toBe(
      '2025-07 is partial: the data ends on 2025-07-15, so it covers 2025-07-01 to 2025-07-15 only',
    );
    expect(resolvePeriod('ytd', data)).toMatchObject({ from: '2025-01-01', to: '2025-07-15', partial: true });
  });

  it('a period the data starts inside is partial and says so', () => {
    const p = resolvePeriod('2024-Q1', data);
    expect(p).toMatchObject({ from: '2024-01-10', to: '2024-03-31', partial: true });
    expect(partialNote(p, data)).toBe(
      'the period starts before the data (first day 2024-01-10), so it covers 2024-01-10 to 2024-03-31',
    );
  });

  it('a whole period has no note; a period with no data at all is an error', () => {
    expect(partialNote(resolvePeriod('2025-06', data), data)).toBeNull();
    expect(() => resolvePeriod('2023', data)).toThrow(/has no data: the data covers 2024-01-10 to 2025-07-15/);
    expect(resolvePeriod(undefined, data, 'last_month')).toMatchObject({ from: '2025-06-01', to: '2025-06-30' });
  });
});
