import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a share of the total is a split, led by the segment asked about', () => {
  it.each([
    ['How big a share of Q3 2025 revenue did Amazon bring in?', 'channel', 'amazon', 'net_sales'],
    ['what percentage of last year’s orders were from Canada', 'country', 'Canada', 'orders'],
    ['Roughly what proportion of 2024 units were hats?', 'category', 'Hats', 'units'],
    ['How much of June’s traffic came from mobile, as a percentage?', 'device', 'mobile', 'sessions'],
    ['2025年第二季度订单中英国占了多少？', 'country', 'United Kingdom', 'orders'],
    ['去年比基尼在销售额里的比重是多少', 'subcategory', 'Bikinis', 'net_sales'],
    ['6月份的访问量里谷歌的份额', 'source', 'Google', 'sessions'],
  ])('%s', (q, dimension, value, metric) => {
    const i = understand(q, data);
    expect(i).toMatchObject({ kind: 'breakdown', dimension, metric, share: { dimension, value } });
    expect(Object.values(i.filters)).not.toContain(value);
  });

  it('keeps the other filters as the whole the share is of', () => {
    const i = understand('what share of UK sales in 2025 came through the website?', data);
    expect(i).toMatchObject({
      dimension: 'channel',
      share: { value: 'own_website' },
      filters: { country: 'United Kingdom' },
    });
  });

  it('is a follow-up too, over the previous period', () => {
    const prev = understand('Why did net sales fall in March 2025?', data);
    const i = understand('and what share was Amazon?', data, prev);
    expect(i).toMatchObject({ kind: 'breakdown', dimension: 'channel', share: { value: 'amazon' } });
    expect(i.period).toMatchObject({ start: '2025-03-01', end: '2025-03-31' });
  });

  it('reads "what %" and a share of what the previous turn showed', () => {
    expect(understand('what % of Q1 2025 orders were placed on tablets?', data)).toMatchObject({
      share: { dimension: 'device', value: 'tablet' },
    });
    const prev = understand('net sales in France in May 2025', data);
    const i = understand('and what share of the total is that?', data, prev);
    expect(i).toMatchObject({ kind: 'breakdown', dimension: 'country', share: { value: 'France' }, filters: {} });
    expect(i.period).toMatchObject({ start: '2025-05-01', end: '2025-05-31' });
  });

  it('leaves rates, plain changes and status shares alone', () => {
    expect(understand('conversion rate on mobile in May', data).share).toBeUndefined();
    expect(understand('Amazon sales up 5% in May?', data).share).toBeUndefined();
    expect(understand('What was the percentage change in Amazon sales in July 2025?', data).share).toBeUndefined();
    expect(understand('By what percent did Canada orders grow in Q2 2025?', data).share).toBeUndefined();
    expect(understand('2025年7月亚马逊销售额的增长率', data).share).toBeUndefined();
    expect(understand('what share of orders got cancelled in 2025', data).kind).toBe('free_sql');
    expect(understand('share of customers who were new in July', data).kind).toBe('customers');
  });
});

describe('a share of a sub-category within the category it sits under', () => {
  it.each([
    'What share of swimwear sales were bikinis in 2025?',
    'how much of our 2025 swimwear revenue came from bikinis, as a percentage',
    'Bikinis as a proportion of swimwear sales in 2025',
    '2025年泳装销售额中比基尼占比多少？',
    '2025年泳装里比基尼占多少',
  ])('%s', (q) => {
    const i = understand(q, data);
    expect(i).toMatchObject({
      kind: 'breakdown',
      dimension: 'subcategory',
      filters: { category: 'Swimwear' },
      share: { dimension: 'subcategory', value: 'Bikinis' },
    });
    expect(i.period).toMatchObject({ start: '2025-01-01', end: '2025-12-31' });
  });

  it('keeps the whole store as the whole when no parent is named', () => {
    for (const q of ['What share of sales were bikinis in 2025?', "what share of 2025 sales were kids' swimwear"]) {
      const i = understand(q, data);
      expect(i).toMatchObject({ kind: 'breakdown', dimension: 'subcategory', filters: {} });
    }
    expect(understand('2025年比基尼占总销售额的比例', data).filters).toEqual({});
  });

  it('does not nest a category under one it is not part of', () => {
    expect(understand('what share of hats sales were bikinis in 2025', data).filters.category).toBeUndefined();
  });
});
