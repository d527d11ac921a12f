import { describe, expect, it } from 'vitest';
import { fixWordTypos } from './typos.ts';
import { understand } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('one slip in a key word is fixed before reading', () => {
  it.each([
    ['whcih prodcuts sold best', 'whcih products sold best'],
    ['inventroy and stcok levels', 'inventory and stock levels'],
    ['refnds and retruns in june', 'refunds and returns in june'],
    ['holdiay gifts campiagn', 'holiday gifts campaign'],
  ])('%s', (q, want) => expect(fixWordTypos(q)).toBe(want));

  it('leaves ordinary words alone, even one slip from a key word', () => {
    expect(fixWordTypos('which tables cross the border, stack them')).toBe('which tables cross the border, stack them');
  });

  it('a misspelt stock-out question is still a stock question', () => {
    expect(understand('how many skus had stcokouts in march 2025', data).kind).toBe('stock');
  });
});
