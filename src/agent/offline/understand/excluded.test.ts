// A value the question leaves out ("excluding the US", "non-Amazon", "除了美国以外") is never the only value counted:
// one total leaves it out through a query of our own, and other answers say it is still in.
import { describe, expect, it } from 'vitest';
import { buildFreeSql } from '../plan/free-sql.ts';
import { understand, understandAll } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a value left out of a total', () => {
  it.each([
    ['Net sales in 2025 excluding the US', { slot: 'country', value: 'United States' }, {}],
    ['How many orders did we get in May 2025, not counting Amazon?', { slot: 'channel', value: 'amazon' }, {}],
    ['non-US revenue on Amazon in Q3 2024', { slot: 'country', value: 'United States' }, { channel: 'amazon' }],
    ['2025年除了美国以外的销售额', { slot: 'country', value: 'United States' }, {}],
    ['2024年不含亚马逊的订单量是多少？', { slot: 'channel', value: 'amazon' }, {}],
    ['2025年6月去掉移动端的客单价', { slot: 'device', value: 'mobile' }, {}],
  ])('%s', (q, exclude, filters) => {
    const i = understand(q, data);
    expect(i.exclude).toEqual(exclude);
    expect(i.filters).toEqual(filters);
    expect(i.kind).toBe('free_sql');
    const { sql } = buildFreeSql(i.free!, i);
    expect(sql).toContain(`<> '${exclude.value}'`);
  });

  it('a follow-up leaves out what the figure before kept', () => {
    const [, b] = understandAll(['Net sales for Amazon in 2025', 'now excluding the US'], data);
    expect(b).toMatchObject({ kind: 'free_sql', filters: { channel: 'amazon' } });
    expect(b!.exclude).toEqual({ slot: 'country', value: 'United States' });
  });

  it('a split still sets its value aside rather than excluding it from a total', () => {
    const i = understand('Apart from the US, which country sold the most in 2025?', data);
    expect(i.exclude).toBeUndefined();
    expect(i.setAside).toBe('United States');
  });

  it('a plain filter is still a filter', () => {
    expect(understand('Net sales in the US in 2025', data).filters).toEqual({ country: 'United States' });
    expect(understand('2025年美国的销售额', data).exclude).toBeUndefined();
  });
});
