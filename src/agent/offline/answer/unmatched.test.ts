// An answer to a split nothing reads opens by saying so and naming the nearest answer it gives, in both languages,
// so the eval's substitution judge (and a reader) never takes the total for the split that was asked.
import { describe, expect, it } from 'vitest';
import { isQuietSubstitution } from '../../../../eval/run/substitution.ts';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from '../understand/understand.ts';
import { unmatchedLead } from './unmatched.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('the nearest answer is said first', () => {
  it.each([
    [
      'net sales by shoe size in June 2025',
      /can't split or rank this by “shoe size”.*Nearest answer instead: the total/,
    ],
    ['which supplier sold the most in Q3 2025?', /by “supplier”.*the figures by product/],
    ['2025年按省份看订单量', /无法按“省份”拆分.*最接近的回答（整体合计）/],
    ['哪个品牌卖得最好，2025年', /无法按“品牌”.*按产品的结果/],
  ])('%s', (q, lead) => {
    const i = understand(q, data);
    const [line] = unmatchedLead(i);
    expect(line).toMatch(lead);
    // The lead is what keeps the nearest answer from being a quiet substitution.
    expect(
      isQuietSubstitution({ kind: 'value', answer: `${line}\n\n…`, tools: ['compare_periods'], toolOk: false }),
    ).toBe(false);
  });

  it('says nothing when the split was read', () => {
    expect(unmatchedLead(understand('net sales by country in June 2025', data))).toEqual([]);
  });
});
