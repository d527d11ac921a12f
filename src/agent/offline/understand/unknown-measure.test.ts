import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { suggestions, unsupported } from '../answer/suggest.ts';
import { campaignName, campaignNames } from './campaign-name.ts';
import { understand } from './understand.ts';
import { unknownMeasure } from './unknown-measure.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const read = (q: string) => understand(q, data);

describe('a measure or place no table holds', () => {
  it.each([
    ['How many returns did our outlet stores handle in 2025?', 'outlet stores'],
    ["What's our staff headcount in 2025?", 'staff headcount'],
    ['How much electricity did the warehouse use in Q3 2025?', 'electricity'],
    ['2025年门店的坪效是多少？', '门店'],
    ['2025年我们的员工流失率是多少？', '员工流失率'],
    // A known word qualified by an unknown one is still unknown: a packaging cost is no cost the data holds.
    ['How much did packaging cost us in Q2 2025?', 'packaging cost'],
    ["What's our newsletter click-through rate for Sep 2025?", 'newsletter click-through rate'],
    ['2025年第二季度的仓储成本是多少？', '仓储成本'],
  ])('%s → cannot compute "%s"', (q, word) => {
    expect(read(q)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data', unknown: word });
  });

  it('says first what it cannot compute and why, then offers answerable questions, in both languages', () => {
    const en = read("What's our staff headcount in 2025?");
    expect(unsupported(en, data)).toMatch(/^I can't compute “staff headcount”: the data has no input for it/);
    expect(suggestions(en, data).length).toBeGreaterThan(0);
    const zh = read('2025年我们的员工流失率是多少？');
    expect(unsupported(zh, data)).toMatch(/^我无法计算“员工流失率”：数据中没有这方面的记录/);
    expect(suggestions(zh, data).length).toBeGreaterThan(0);
  });

  it('names a place the store does not sell in as a place, in both languages', () => {
    const en = read('How many returns did our outlet stores handle in 2025?');
    expect(en).toMatchObject({ unknown: 'outlet stores', unknownPlace: true });
    expect(unsupported(en, data)).toMatch(/^I can't compute figures for “outlet stores”: the data has no physical/);
    const zh = read('2025年门店的坪效是多少？');
    expect(unsupported(zh, data)).toMatch(/^我无法计算“门店”的数字：数据中没有线下或实体店的记录/);
  });

  it('a rival named by its possessive, words between the name and the measure', () => {
    expect(read("Were Costco's beach towel prices below ours in Jun 2025?")).toMatchObject({
      kind: 'unsupported',
      unsupported: 'not_in_data',
    });
  });

  it.each([
    'How many units did we sell in Oct 2025?',
    "What's our conversion rate in Sep 2025?",
    'How many products were out of stock in Jul 2025?',
    'what is the average basket size in 2025',
    '2025年10月的退款金额是多少？',
    '上个月卖了多少？',
    'Black Friday 2025 的投产比多少？',
    'How much did we make in Aug 2025?',
    'How many did the Coral Reef One-Piece sell in Jul 2025?',
    'What was our performance in Sep 2025?',
    '2025年9月平均客单价是多少？',
  ])('leaves a question the data answers alone: %s', (q) => {
    expect(read(q).kind).not.toBe('unsupported');
  });
});

it('names no unknown measure when the question names a metric or an analysis', () => {
  expect(unknownMeasure('How many units did we sell in Oct 2025?', false)).toBeUndefined();
  expect(unknownMeasure('Black Friday 2025 的投产比多少？', true)).toBeUndefined();
});

describe('a rate with an unknown qualifier, even beside a known name', () => {
  it.each([
    ['Which bounce rate did the Spring Preview 2025 landing page see?', 'bounce rate'],
    ['Summer Splash 2025 短信的点击率是多少？', '短信的点击率'],
    ['What unsubscribe rate did our Holiday Gifts 2024 mailing have?', 'unsubscribe rate'],
  ])('%s → cannot compute "%s"', (q, word) => {
    expect(read(q)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data', unknown: word });
  });

  it.each([
    'Which campaign had the best conversion rate in 2025?',
    'Holiday Gifts 2024 期间的退货率是多少？',
    'Did the return rate of Black Friday 2024 orders beat the average rate?',
    'Spring Preview 2024 活动的广告支出回报率是多少？',
    'What share of Amazon orders got cancelled - the cancellation rate - in Q1 2025?',
    '2024年亚马逊订单的取消率是多少？',
    '2025年泳装的好评率是多少？',
  ])('leaves a known rate alone: %s', (q) => {
    expect(read(q).kind).not.toBe('unsupported');
  });
});

describe('a campaign name after a sentence-opening word', () => {
  it.each([
    ['Revenue per budget dollar for Spring Preview 2025?', 'Spring Preview 2025'],
    ['Payback of New Year Sale 2024?', 'New Year Sale 2024'],
    ['Halloween: did it pay back its budget?', 'Halloween'],
  ])('%s → %s', (q, name) => {
    expect(campaignName(q)).toBe(name);
  });
});

describe('two campaigns named together', () => {
  it.each([
    [
      'Was New Year Sale 2024 more efficient than Holiday Gifts 2024 on ROAS?',
      ['New Year Sale 2024', 'Holiday Gifts 2024'],
    ],
    ['Spring Preview 2025 跟 New Year Sale 2025 的 ROAS 谁高？', ['Spring Preview 2025', 'New Year Sale 2025']],
  ])('%s → both', (q, names) => {
    expect(campaignNames(q)).toEqual(names);
    expect(read(q)).toMatchObject({ kind: 'campaigns', campaigns: names });
    expect(read(q).campaign).toBeUndefined();
  });

  it('keeps a single named campaign as the one asked about', () => {
    expect(read('ROAS of Spring Preview 2024?')).toMatchObject({ kind: 'campaigns', campaign: 'Spring Preview 2024' });
  });
});

describe('a measure asked by its acronym', () => {
  it.each([
    ['what was our LTV in 2025?', 'LTV'],
    ["What's the CPL for Q3 2025?", 'CPL'],
  ])('%s → cannot compute "%s"', (q, word) => {
    expect(read(q)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data', unknown: word });
  });

  it.each([
    'What was our AOV in Q2 2025?',
    "What's the CVR for Aug 2025?",
    'what was GMV in Q1 2025?',
    'How many SKUs were out of stock in July 2025?',
    'US revenue YTD?',
  ])('leaves a known acronym alone: %s', (q) => {
    expect(read(q).kind).not.toBe('unsupported');
  });
});
