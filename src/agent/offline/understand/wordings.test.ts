// Classes of wording a manager uses that the first readers missed: short years, colloquial "why", stock-out
// slang, "went to zero", the busiest or peak bucket, a share as a slice, money refunded or given in discounts.
// Each case is worded unlike the eval's questions, so the class is read, not the phrase.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { expandShortYears, fixMonthTypos } from './period.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const read = (q: string) => understand(q, data);

describe('short years', () => {
  it.each([
    ["Sales for Q2 '24?", '2024-04-01', '2024-06-30'],
    ['FY25 refunds, please', '2025-01-01', '2025-12-31'],
    ['24年12月的订单量', '2024-12-01', '2024-12-31'],
    ['Orders in Mar ’24', '2024-03-01', '2024-03-31'],
  ])('%s', (q, start, end) => {
    expect(read(q).period).toMatchObject({ start, end });
  });

  it('leaves counts of years and other numbers alone', () => {
    expect(expandShortYears('过去25年')).toBe('过去25年');
    expect(expandShortYears('up 25% on 2024')).toBe('up 25% on 2024');
  });
});

describe('a ranking of the buckets themselves', () => {
  it.each([
    ['Sort the weeks of May 2025 by orders; which finished last?', 'week', 'bottom'],
    ['Line up the months of 2024 by revenue - which ranked last?', 'month', 'bottom'],
    ['把2024年第三季度的各周按订单量排一下，最后一名是哪周？', 'week', 'bottom'],
  ])('%s → one %s, the %s', (q, granularity, order) => {
    expect(read(q)).toMatchObject({ kind: 'trend', granularity, order });
  });
});

describe('two values of one dimension side by side', () => {
  it.each([
    ['Was mobile ahead of desktop on orders in May 2025?', 'device'],
    ['Did the UK outsell France in 2024?', 'country'],
    ['2025年6月独立站和亚马逊谁的销售额高？', 'channel'],
  ])('%s → split by %s, no filter on either', (q, dimension) => {
    const m = read(q);
    expect(m.dimension).toBe(dimension);
    expect(m.filters).not.toHaveProperty(dimension);
  });

  it('keeps one named value as a filter', () => {
    expect(read('Orders from France in May 2025').filters).toMatchObject({ country: 'France' });
  });
});

describe('classes of wording', () => {
  it.each([
    ['为啥2025年8月订单少了？', 'why'],
    ['2025年5月哪些商品没货了', 'stock'],
    ['Which SKUs were out-of-stock in May 2025?', 'stock'],
    ['Did anything run out in Feb 2025?', 'stock'],
    ['What was the busiest week in Nov 2025?', 'trend'],
    ['Peak month of 2025 for orders?', 'trend'],
    ['Top-earning month in H1 2025?', 'trend'],
    ['In Q3 2025, what week did best on orders?', 'trend'],
    ['2025年第二季度订单最少的那一周是哪周？', 'trend'],
    ['2025年上半年销售额最高的一个月？', 'trend'],
    ['2025年8月的订单怎么减少了？', 'why'],
    ['What was the highest-revenue week of Oct 2025?', 'trend'],
    ['Which SKUs went dry in Sep 2024?', 'stock'],
    ['count of products that ran dry, Feb 2025', 'stock'],
  ])('%s → %s', (q, kind) => {
    expect(read(q).kind).toBe(kind);
  });

  it.each([
    'Which items zeroed out in Aug 2025 vs July?',
    '2025年9月哪些商品一个都没卖出去？',
    '2025年10月有哪些商品销量跌至0？',
    'Products with 0 sales in Sep 2025 that sold in Aug 2025?',
    '2025年8月有哪些商品一单没出？',
    'Which SKUs booked nil revenue in Oct 2025 after selling in Sep 2025?',
  ])('%s → the products that fell to zero', (q) => {
    expect(read(q)).toMatchObject({ kind: 'top', toZero: true, rankBy: 'change' });
  });

  it('a share worded as a slice one made up', () => {
    expect(read('What chunk of 2025 orders did the UK make up?')).toMatchObject({
      kind: 'breakdown',
      share: { dimension: 'country', value: 'United Kingdom' },
    });
  });

  it.each([
    ['2025年3月退还给顾客的钱有多少', 'refunds'],
    ['USD handed out as discounts in Oct 2025?', 'discounts'],
    ['Total discounts, Q2 2025', 'discounts'],
  ])('%s → %s', (q, metric) => {
    expect(read(q).metric).toBe(metric);
  });
});

describe('what the data cannot answer', () => {
  it.each(['我们的泳装在加拿大市场的占有率是多少？', '英国泳装市场我们占几成份额？'])('%s', (q) => {
    expect(read(q)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data' });
  });

  it('a week-over-week change is not a question about one week', () => {
    expect(read('What week-over-week change did orders see in Nov 2025?').kind).not.toBe('trend');
  });
});

describe('a period word that points back', () => {
  it('当月 after a question about July keeps July', () => {
    const july = understand('2025年7月订单量为什么下降？', data);
    expect(understand('当月有几款商品断货？', data, july).period).toMatchObject({
      start: '2025-07-01',
      end: '2025-07-31',
    });
  });
});

// Classes the fourth paraphrase batch found, each from an example worded unlike the batch.
describe('return reasons, amounts and shares in other words', () => {
  it.each([
    'Main reason buyers mailed their swimsuits back in 2024?',
    'Top reasons customers shipped items back, Q2 2025',
    '2025年第一季度退回商品的理由有哪些？',
  ])('%s → return reasons', (q) => {
    expect(read(q).kind).toBe('returns');
  });

  it.each([
    ['How much markdown went to customers in Mar 2025?', 'discounts'],
    ['In dollar terms, what did discounts cost us in Q1 2025?', 'discounts'],
    ['Average markdown rate in Mar 2025', 'discount_rate'],
  ])('%s → %s', (q, metric) => {
    expect(read(q).metric).toBe(metric);
  });

  it.each(['What proportion of Sep 2025 orders were first-time orders?', '2025年10月首次下单的订单占全部订单的几成？'])(
    '%s → orders split by customer type',
    (q) => {
      expect(read(q)).toMatchObject({ kind: 'breakdown', metric: 'orders', dimension: 'customer_type' });
    },
  );
});

describe('a misspelt month beside a year', () => {
  it.each([
    ['net sales in octobr 2025', '2025-10-01', '2025-10-31'],
    ['Orders, Feburary 2024?', '2024-02-01', '2024-02-29'],
    ['2025 Novmber revenue', '2025-11-01', '2025-11-30'],
  ])('%s', (q, start, end) => {
    expect(read(q).period).toMatchObject({ start, end });
  });

  it('leaves other words beside a year alone', () => {
    expect(fixMonthTypos('sales across 2025 and orders since 2024')).toBe('sales across 2025 and orders since 2024');
  });
});

describe('a value asked right after a why', () => {
  it.each([
    ['and how many units did that come to?', 'units'],
    ['那个月的折扣金额一共多少？', 'discounts'],
  ])('%s → the value of that month, not another why', (q, metric) => {
    const why = understand('Why did orders fall in Aug 2025?', data);
    expect(understand(q, data, why)).toMatchObject({ kind: 'compare', metric, period: { start: '2025-08-01' } });
  });

  it('a bare metric after a why still asks why', () => {
    const why = understand('Why did orders fall in Aug 2025?', data);
    expect(understand('and units?', data, why).kind).toBe('why');
  });
});

describe('per quarter', () => {
  it.each(['Orders for every quarter of 2024?', 'quarterly revenue, 2025 please', '2024年各季度的订单量分别是多少'])(
    '%s → a query of orders by quarter',
    (q) => {
      expect(read(q)).toMatchObject({ kind: 'free_sql', free: { subject: 'orders', by: 'quarter' } });
    },
  );

  it('leaves a rate or a category per quarter to its own template', () => {
    expect(read('Return rate by quarter in 2025?').free).toBeUndefined();
    expect(read('Swimwear sales each quarter of 2025').free).toBeUndefined();
  });
});

describe('a measure rate followed by "the"', () => {
  it('is that rate, not a question about reviews', () => {
    expect(read('conversion rate the week of 3 Mar 2025?').free).toBeUndefined();
    expect(read('How do customers rate the new cover-ups in 2025?').free).toMatchObject({ subject: 'reviews' });
  });
});
