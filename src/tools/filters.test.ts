import { describe, expect, it } from 'vitest';
import { TidelensError } from '../errors.ts';
import { FilterInput, normalizeFilters, resolveCompare, resolvePeriod, resolveScope } from './filters.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const midMonth = { minDate: '2024-01-01', maxDate: '2025-07-15' };

describe('resolvePeriod', () => {
  it.each([
    ['2025-07', '2025-07-01', '2025-07-31', 'month'],
    ['2025-Q2', '2025-04-01', '2025-06-30', 'quarter'],
    ['2025q4', '2025-10-01', '2025-12-31', 'quarter'],
    ['2024', '2024-01-01', '2024-12-31', 'year'],
    ['2024-02-29', '2024-02-29', '2024-02-29', 'day'],
    // The data ends on a month's (and a quarter's) last day: that month and quarter are the latest complete ones.
    ['last_month', '2025-12-01', '2025-12-31', 'month'],
    ['this_month', '2025-12-01', '2025-12-31', 'month'],
    ['last_quarter', '2025-10-01', '2025-12-31', 'quarter'],
    ['ytd', '2025-01-01', '2025-12-31', 'year'],
    ['last_year', '2024-01-01', '2024-12-31', 'year'],
    ['last_7_days', '2025-12-25', '2025-12-31', 'range'],
    ['last_30_days', '2025-12-02', '2025-12-31', 'range'],
    ['last_2_weeks', '2025-12-18', '2025-12-31', 'range'],
    ['last_3_months', '2025-10-01', '2025-12-31', 'range'],
    ['last_week', '2025-12-22', '2025-12-28', 'week'],
    ['all', '2024-01-01', '2025-12-31', 'range'],
  ])('%s → %s..%s', (spec, from, to, kind) => {
    const p = resolvePeriod(spec, data);
    expect([p.from, p.to, p.kind]).toEqual([from, to, kind]);
    expect(p.partial).toBe(false);
  });

  it('resolves against the data, never the wall clock', () => {
    const p = resolvePeriod('this_month', midMonth);
    expect(p).toMatchObject({
      from: '2025-07-01',
      to: '2025-07-15',
      partial: true,
      nominal: { from: '2025-07-01', to: '2025-07-31' },
    });
    expect(resolvePeriod('last_month', midMonth)).toMatchObject({
      from: '2025-06-01',
      to: '2025-06-30',
      partial: false,
    });
    expect(resolvePeriod('last_quarter', midMonth)).toMatchObject({ from: '2025-04-01', to: '2025-06-30' });
  });

  it('takes explicit inclusive dates and clamps them to the data', () => {
    expect(resolvePeriod({ from: '2025-03-05', to: '2025-03-09' }, data)).toMatchObject({
      from: '2025-03-05',
      to: '2025-03-09',
      kind: 'range',
      partial: false,
    });
    expect(resolvePeriod({ from: '2023-12-01', to: '2024-01-10' }, data)).toMatchObject({
      from: '2024-01-01',
      to: '2024-01-10',
      partial: true,
    });
  });

  it('rejects what it cannot read or what has no data, saying what to do', () => {
    expect(() => resolvePeriod('last fortnight', data)).toThrow(/not understood.*last_30_days/);
    expect(() => resolvePeriod('2026-03', data)).toThrow(/no data: the data covers 2024-01-01 to 2025-12-31/);
    expect(() => resolvePeriod({ from: '2025-03-09', to: '2025-03-01' }, data)).toThrow(TidelensError);
    expect(() => resolvePeriod('2025-13', data)).toThrow(/not understood/);
  });
});

describe('resolveCompare', () => {
  const cmp = (p: string, c: Parameters<typeof resolveCompare>[0], d = data) =>
    resolveCompare(c, resolvePeriod(p, d), d).period;

  it('previous_period is the previous calendar unit for months and quarters', () => {
    expect(cmp('2025-03', 'previous_period')).toMatchObject({ from: '2025-02-01', to: '2025-02-28', label: '2025-02' });
    expect(cmp('2025-Q1', 'previous_period')).toMatchObject({ from: '2024-10-01', to: '2024-12-31', label: '2024-Q4' });
    expect(cmp('2025', 'previous_period')).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('previous_period is the same number of days right before otherwise', () => {
    expect(cmp('last_7_days', 'previous_period')).toMatchObject({ from: '2025-12-18', to: '2025-12-24' });
    expect(
      resolveCompare('previous_period', resolvePeriod({ from: '2025-03-10', to: '2025-03-19' }, data), data).period,
    ).toMatchObject({ from: '2025-02-28', to: '2025-03-09' });
  });

  it('a partial month is compared like for like and says so', () => {
    const c = resolveCompare('previous_period', resolvePeriod('this_month', midMonth), midMonth);
    expect(c.period).toMatchObject({ from: '2025-06-01', to: '2025-06-15' });
    expect(c.note).toMatch(/partial.*first 15 days of the previous month/);
  });

  it('previous_year shifts by a year and keeps month ends', () => {
    expect(cmp('2025-02', 'previous_year')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(cmp('2025-Q3', 'previous_year')).toMatchObject({ from: '2024-07-01', to: '2024-09-30', label: '2024-Q3' });
    expect(cmp('2024-06', 'previous_year')).toBeNull();
  });

  it('takes an explicit period, and none', () => {
    expect(cmp('2025-07', '2024-12')).toMatchObject({ from: '2024-12-01', to: '2024-12-31' });
    expect(cmp('2025-07', { from: '2025-01-01', to: '2025-01-15' })).toMatchObject({
      from: '2025-01-01',
      to: '2025-01-15',
    });
    expect(cmp('2025-07', 'none')).toBeNull();
  });

  it('explains a comparison outside the data', () => {
    const c = resolveCompare('previous_period', resolvePeriod('2024-01', data), data);
    expect(c.period).toBeNull();
    expect(c.note).toMatch(/outside the data/);
  });
});

describe('filters', () => {
  it('normalises single values, lists and country aliases', () => {
    const f = normalizeFilters(
      FilterInput.parse({
        channel: 'amazon',
        country: ['US', 'uk', 'France'],
        device: ['mobile', 'mobile'],
        source_type: 'email',
        campaign: 3,
        customer_type: 'new',
      }),
    );
    expect(f).toEqual({
      channel: ['amazon'],
      country: ['United States', 'United Kingdom', 'France'],
      device: ['mobile'],
      sourceType: ['email'],
      campaign: 3,
      customerType: 'new',
    });
  });

  it('rejects unknown values and unknown keys', () => {
    expect(FilterInput.safeParse({ channel: 'tiktok_shop' }).success).toBe(false);
    expect(FilterInput.safeParse({ chanel: 'amazon' }).success).toBe(false);
    expect(FilterInput.safeParse({ period: { from: '2025-02-30', to: '2025-03-01' } }).success).toBe(false);
  });

  it('resolveScope notes a partial period', () => {
    const s = resolveScope({ period: 'this_month', compare_to: 'previous_period' }, midMonth);
    expect(s.notes.join(' ')).toMatch(/partial: the data ends on 2025-07-15/);
  });
});
