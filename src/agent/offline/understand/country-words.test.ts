// A country named the way people talk ("the States", "Brits", "Aussies", "美区") filters on that country.
import { describe, expect, it } from 'vitest';
import { understand } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('country nicknames', () => {
  it.each([
    ['How did the States do in sales in May 2025?', 'United States'],
    ['stateside orders in Q1 2025', 'United States'],
    ['How much did Brits spend in March 2025?', 'United Kingdom'],
    ['Great Britain revenue in 2024', 'United Kingdom'],
    ['orders from Aussies in July 2025', 'Australia'],
    ['How many orders did Canadians place in 2024?', 'Canada'],
    ['2025年6月美区的销售额', 'United States'],
    ['2024年英区订单数', 'United Kingdom'],
  ])('%s → %s', (q, country) => {
    expect(understand(q, data).filters.country).toBe(country);
  });

  it('the state of things is not a country', () => {
    expect(understand('what is the state of sales in May 2025?', data).filters.country).toBeUndefined();
  });
});
