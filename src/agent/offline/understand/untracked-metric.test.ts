// Named KPIs no tool computes are said first, even beside a metric or an analysis the tools have; the ones the
// tools do compute stay answerable. Examples are my own wordings, not eval cases'.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { lackingText } from '../answer/lacking.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const read = (q: string) => understand(q, data);

describe('a KPI no tool computes is said first, not replaced', () => {
  it.each([
    ['Which device has the worst bounce rate in Q2 2025?', 'web_analytics'],
    ['monthly trend of average visit duration, 2025', 'web_analytics'],
    ['how long do shoppers stay on the site on mobile?', 'web_analytics'],
    ['移动端用户平均停留时间是多少', 'web_analytics'],
    ['官网的PV按月看一下', 'web_analytics'],
    ['click-through rate of the Spring Preview 2025 campaign', 'ad_delivery'],
    ['How many impressions did paid social deliver in May 2025?', 'ad_delivery'],
    ['黑五活动的曝光量有多少', 'ad_delivery'],
    ['CLV of customers acquired through Google, 2024', 'customer_value'],
    ['what % of 2024 buyers churned by 2025?', 'customer_value'],
    ['美国客户的生命周期价值多少', 'customer_value'],
    ['2025年拉新成本是多少', 'customer_value'],
    ['Compare CSAT between Amazon and our own site', 'satisfaction'],
    ['按渠道看净推荐值', 'satisfaction'],
    ['did we run a satisfaction survey on swimwear buyers', 'satisfaction'],
    ['上季度的满意度问卷结果', 'satisfaction'],
    ['Stock turns for swimwear in 2025?', 'stock_flow'],
    ['which bikinis have the best sell through this summer', 'stock_flow'],
    ['帽子的存货周转率', 'stock_flow'],
  ])('%s → %s', (q, lacking) => {
    const i = read(q);
    expect(i).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data' });
    // Either the class's own text, or the phrase the question asked for (unknown-measure.ts) when it reads first.
    if (i.lacking) expect(i.lacking).toBe(lacking);
    else expect(i.unknown).toBeTruthy();
  });

  it('says "I can\'t compute" first in both languages', () => {
    for (const l of ['web_analytics', 'ad_delivery', 'customer_value', 'satisfaction', 'stock_flow'] as const) {
      expect(lackingText(l, 'en')).toMatch(/^I can't compute/);
      expect(lackingText(l, 'zh')).toMatch(/^我无法计算/);
      // No figure in a refusal: every number shown must come from a query result.
      expect(lackingText(l, 'en') + lackingText(l, 'zh')).not.toMatch(/\d/);
    }
  });
});

describe('what the tools do compute stays answerable', () => {
  it.each([
    ['conversion rate by device, March 2025', 'unsupported'],
    ['how many sessions did email bring in June 2025?', 'unsupported'],
    ['repeat purchase rate in 2025', 'unsupported'],
    ['days of cover for hats right now', 'unsupported'],
    ['what share of carts turned into orders in Q3 2025?', 'unsupported'],
    ['2025年各渠道的转化率', 'unsupported'],
    ['how satisfied are buyers with our hats this year?', 'unsupported'],
    ['2025年泳装的顾客满意度', 'unsupported'],
  ])('%s is not refused', (q, not) => {
    expect(read(q).kind).not.toBe(not);
  });

  it("staff turnover is not a customer KPI's text", () => {
    expect(read('员工离职率是多少').lacking).not.toBe('customer_value');
    expect(read('What is our staff churn this year?').lacking).not.toBe('customer_value');
  });
});

describe('everyday words for a metric the tools have', () => {
  it.each([
    ['每笔订单平均多少钱，24年', 'aov'],
    ['what did people spend per order in Q1 2025?', 'aov'],
    ['percentage of Q3 2024 orders which were sent back', 'return_rate'],
    ['24年退货的订单比例', 'return_rate'],
  ])('%s → %s', (q, metric) => {
    const i = read(q);
    expect(i.kind).not.toBe('unsupported');
    expect(i.metric).toBe(metric);
  });
});
