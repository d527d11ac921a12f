// "How many customers ordered, per country": a count of distinct customers per segment, through a query of our own,
// never the sales split under the customers' heading.
import { describe, expect, it } from 'vitest';
import { buildFreeSql } from '../plan/free-sql.ts';
import { understand } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('customers counted per segment', () => {
  it.each([
    ['2025年每个国家各有多少下单客户？', 'country'],
    ['How many customers did we have in each country in 2024?', 'country'],
    ['number of buyers per channel in Q3 2025', 'channel'],
    ['2025年6月各渠道的买家数', 'channel'],
    ['How many unique shoppers by device in May 2025?', 'device'],
  ])('%s → buyers by %s', (q, by) => {
    const i = understand(q, data);
    expect(i.kind).toBe('free_sql');
    expect(i.free).toEqual({ subject: 'buyers', by });
    expect(buildFreeSql(i.free!, i).sql).toContain('COUNT(DISTINCT o.user_id) AS buyers');
  });

  it('new versus returning customers stay the customer mix', () => {
    expect(understand('How many new customers did we have by country in 2025?', data).free).toBeUndefined();
  });
});
