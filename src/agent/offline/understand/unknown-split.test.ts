// A split or ranking by a word no tool splits by is found by class, and never taken for a split the tools make.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';
import { unknownSplit } from './unknown-split.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a split by a word nothing reads is named', () => {
  it.each([
    ['revenue per colour for March 2025', 'colour'],
    ['which supplier sold the most last quarter', 'supplier'],
    ['orders by age bracket in 2024', 'age bracket'],
    ['which postcode spent the most in 2025?', 'postcode'],
    ['2025年按省份看销售额', '省份'],
    ['哪个品牌的订单最多', '品牌'],
    ['各个城市分别卖了多少', '城市'],
  ])('%s → %s', (q, word) => {
    expect(unknownSplit(q)).toBe(word);
    expect(understand(q, data).unmatched).toBe(word);
  });
});

describe('splits the tools make, and words that only look like a split, are not', () => {
  it.each([
    'orders per marketplace in May 2025',
    'sessions by traffic source type, Q1 2025',
    'which calendar week had the most orders in March 2025',
    'each full month of 2024, net sales',
    'by how much did orders fall in October 2025?',
    'did the US and Canada each grow in 2025?',
    '各位好，请问2025年3月的订单量',
    '2025年5月的订单和销售额各是多少',
    '各终端的订单数，25年4月',
    '按大类看2024年的销售额',
  ])('%s', (q) => {
    expect(understand(q, data).unmatched).toBeUndefined();
  });
});

describe('a refusal or a question the data cannot answer is not given a nearest split', () => {
  it.each(['export the customer list by city', 'which competitor sold the most swimwear in 2025'])('%s', (q) => {
    const i = understand(q, data);
    expect(['refuse', 'unsupported']).toContain(i.kind);
    expect(i.unmatched).toBeUndefined();
  });
});
