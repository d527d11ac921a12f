import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { unsupported } from '../answer/suggest.ts';
import { understand } from './understand.ts';
import { unplaced } from './unplaced.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a measure no reading places, found by where it stands', () => {
  it.each([
    // The head of a noun phrase after a determiner, beside a metric the tools have.
    ['did we hit the 2025 order quota?', 'quota'],
    ["what's our quarterly freight insurance bill?", 'freight insurance bill'],
    // After a question word and a copula the subject is the measure, from its first unplaced word.
    ['what was checkout latency in May 2025', 'latency'],
    // After "do/did" the subject's verb follows it and is not part of the measure.
    ['how long do return labels take to print', 'labels'],
    ['how long do parcels wait at the border', 'parcels'],
    // A count opens a measure too, unless it is a year.
    ['sales on days with more than 12 hours of sunshine', 'hours'],
    // Chinese: a noun before a measure word (费用, 分布, 人数) that nothing reads.
    ['2025年模特拍摄费用是多少', '模特拍摄费用'],
    ['下单客户的婚姻状况分布', '婚姻状况分布'],
    ['哪家物流公司的时效最好', '哪家物流公司'],
  ])('%s → “%s”', (q, phrase) => {
    expect(unplaced(q)).toBe(phrase);
  });

  it.each([
    // Superlatives, participles, the analyst's own words and the calendar are no measure.
    'which was the softest full week of March 2025 for revenue?',
    'what fraction of Q2 2025 orders came through the website?',
    'was the spend on Holiday Gifts 2025 worth it?',
    'how did shoppers pay for their orders in 2025?',
    'Did September 2025 beat August 2025 on units?',
    'the slowest-selling bikinis last quarter, please',
    '2025年各国家的销售额分布',
    '哪家平台的订单最多',
    '24年10月一共退了多少钱',
    // A phrase after a preposition is a circumstance of the question, not its measure.
    'for the quarterly board deck I need Q3 2025 net sales',
    'is stock healthy across the board right now?',
  ])('%s → nothing unplaced', (q) => {
    expect(unplaced(q)).toBeUndefined();
  });

  it('reads a participle beside a known measure as a qualifier, not an unknown measure', () => {
    expect(understand('what was the budget earmarked for Holiday Gifts 2025', data).kind).not.toBe('unsupported');
  });

  it('is said first, in both languages, instead of another metric', () => {
    const en = understand('did we reach the Q3 2025 revenue quota?', data);
    expect(en).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data', unknown: 'quota' });
    expect(unsupported(en, data)).toMatch(/^I can't compute “quota”: the data has no input for it/);
    const zh = understand('2025年客服外包费用是多少', data);
    expect(zh).toMatchObject({ kind: 'unsupported', unknown: '客服外包费用' });
    expect(unsupported(zh, data)).toMatch(/^我无法计算“客服外包费用”/);
  });
});

describe('what a clause says to disregard is not the measure asked for', () => {
  it.each([
    'Forget the hype and tell me June 2025 orders',
    'Disregard the chatter, what were net sales in May 2025?',
    'never mind the gossip; Q2 2025 revenue please',
    '别管那些噪音，2025年3月的销售额是多少？',
  ])('%s', (q) => {
    expect(unplaced(q)).toBeUndefined();
  });

  it('a measure asked after the clause is still read', () => {
    expect(unplaced('Ignore the noise and tell me our payroll in 2025')).toBe('payroll');
  });
});
