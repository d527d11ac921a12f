// Wordings ops staff type that name a known measure, kind or period in a form the lexicon did not read: a stock check,
// a return verb split from its object, a conversion rate named with its denominator, a source no table records, and
// the unit before last. Each is read as the class it belongs to, never as a neighbouring metric.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { mentions } from './mentions.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a stock check is a stock question', () => {
  it.each(['quick stock count: what is at zero?', 'stock report please'])('%s', (q) => {
    expect(understand(q, data).kind).toBe('stock');
  });
});

describe('a return verb split from its object still asks about returns', () => {
  it.each(['24年因为尺码不合适被退了多少单', '2025年3月退回来的商品里，破损的有几件'])('%s', (q) => {
    const i = understand(q, data);
    expect(i.kind).toBe('returns');
    expect(i.reasons?.length).toBe(1);
  });
});

describe('a conversion rate named with its denominator is the conversion rate, not sessions', () => {
  it.each([
    ['visitor conversion rate by device in Q3 2025', 'device'],
    ['2025年各渠道的访客转化率', 'channel'],
    ['网站转化率按设备拆分，25年10月', 'device'],
  ])('%s', (q, dim) => {
    const m = mentions(q, data);
    expect(m.metrics[0]).toBe('conversion_rate');
    expect(m.dimension).toBe(dim);
  });
});

describe('a source of sales no table records is said to be missing, not answered with total sales', () => {
  it.each([
    'what did creator collabs bring in last quarter?',
    'revenue from UGC posts in 2025',
    '2025年网红种草带来多少订单',
    '博主推广的转化率是多少',
  ])('%s', (q) => {
    const i = understand(q, data);
    expect(i.kind).toBe('unsupported');
    expect(i.unsupported).toBe('not_in_data');
    expect(i.unknown).toBeTruthy();
  });
});

describe('the unit before last is one step before the latest full one', () => {
  it.each([
    ['units sold the month before last', '2025-11-01', '2025-11-30'],
    ['上上个月的退款金额', '2025-11-01', '2025-11-30'],
    ['上上个季度的订单量', '2025-07-01', '2025-09-30'],
    ['orders two weeks ago', '2025-12-15', '2025-12-21'],
  ])('%s', (q, start, end) => {
    expect(understand(q, data).period).toMatchObject({ start, end });
  });

  it('set against last month, it is the base of the comparison', () => {
    const i = understand('上个月和上上个月比，订单量变化多少', data);
    expect(i.period).toMatchObject({ start: '2025-12-01', end: '2025-12-31' });
    expect(i.compare_to).toMatchObject({ start: '2025-11-01', end: '2025-11-30' });
  });
});

describe('"web orders", "site sales", "webshop" are the own website', () => {
  it.each(['refund total on site orders, Q3 2025', 'webshop revenue in 2024', 'web sales last month'])('%s', (q) => {
    expect(mentions(q, data).filters.channel).toBe('own_website');
  });
});

describe("a funnel step's losses are asked for with the funnel, never as an unknown measure", () => {
  it.each([
    'cart abandonment for desktop, Sept 2025',
    '2025年10月手机端加购后的流失率',
    'where did visitors drop off in Q2 2025?',
  ])('%s', (q) => {
    const i = understand(q, data);
    expect(i.kind).toBe('funnel');
    expect(i.dropOff).toBe(true);
  });
});

describe('whether a campaign was worth its spend is its ROAS, not total sales', () => {
  it.each([
    'new year sale 2024: worth the budget?',
    'Was the Black Friday 2024 spend worth it',
    '2025年黑五活动的投入划算吗',
  ])('%s', (q) => expect(understand(q, data).kind).toBe('campaigns'));
});

describe('kinds of sales no table records are said to be missing', () => {
  it.each(['wholesale orders in Q2 2025', 'subscription revenue last year', '2025年批发渠道的销售额'])('%s', (q) => {
    expect(understand(q, data)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data' });
  });
});

describe("a trailing half year or year in words is the tools' trailing window", () => {
  it.each([
    ['近半年的订单量', '2025-07-01', '2025-12-31'],
    ['revenue over the past half year', '2025-07-01', '2025-12-31'],
    ['过去一年的退款', '2025-01-01', '2025-12-31'],
  ])('%s', (q, start, end) => expect(understand(q, data).period).toMatchObject({ start, end }));
});

describe('an amount of discount asked in Chinese is the discount amount, not the rate', () => {
  it.each(['2025年9月给了多少钱的折扣', 'Q3官网一共送出多少优惠'])('%s', (q) => {
    expect(mentions(q, data).metrics[0]).toBe('discounts');
  });
});

describe('"which step loses the most" is the funnel', () => {
  it.each(['2025年10月手机端哪个环节流失最多', 'which funnel step loses the most visitors, Q3 2025?'])('%s', (q) =>
    expect(understand(q, data).kind).toBe('funnel'),
  );
});

describe('a trend over a span with a month inside it named is the trend over the span', () => {
  it.each([
    ['近半年订单走势，10月是不是最低', '2025-07-01', '2025-12-31'],
    ['AOV trend over H2 2025 - was October the dip?', '2025-07-01', '2025-12-31'],
  ])('%s', (q, start, end) => {
    const i = understand(q, data);
    expect(i.kind).toBe('trend');
    expect(i.period).toMatchObject({ start, end });
  });
});

describe('"the <dimension> with the lowest …", "…最高的渠道" split by that dimension', () => {
  it.each([
    ['2024年退货率最高的品类', 'category'],
    ['25年Q3订单最多的渠道', 'channel'],
    ['the device with the best conversion in 2025', 'device'],
  ])('%s', (q, dim) => expect(mentions(q, data).dimension).toBe(dim));
});

describe('what the weather would have done is not in the data', () => {
  it.each(['had it rained less in June 2025, would orders be higher?', 'did the cold snap in Jan 2025 hurt sales'])(
    '%s',
    (q) => expect(understand(q, data).kind).toBe('unsupported'),
  );
});

describe('one end of a split asked for is marked, so the answer leads with it', () => {
  it.each([
    ['2024年订单最少的渠道', 'lowest'],
    ['which market had the highest refunds in Q2 2025', 'highest'],
    ['the device with the worst conversion last month', 'lowest'],
  ])('%s', (q, end) => expect(understand(q, data).extreme).toBe(end));
});

describe('what fell to zero "between A and B" sets B against A', () => {
  it.each([
    ['which SKUs went to zero between Sept and Oct 2024?', '2024-10-01', '2024-09-01'],
    ['2025年5月到6月之间销量归零的商品', '2025-06-01', '2025-05-01'],
  ])('%s', (q, start, base) => {
    const i = understand(q, data);
    expect(i.period.start).toBe(start);
    expect(i.compare_to).toMatchObject({ start: base });
  });
});

describe('whether a named campaign made money is its ROI', () => {
  it.each([
    'did new year sale 2025 make money?',
    'Spring Preview 2024 盈利了吗',
    'black friday 24: profitable once COGS are out?',
  ])('%s', (q) => expect(understand(q, data).kind).toBe('campaigns'));
  it('"profitable" without a campaign is not a campaign question', () => {
    expect(understand('which categories are most profitable in 2025?', data).kind).not.toBe('campaigns');
  });
});

describe("a marketplace's own standing is not in the data", () => {
  it.each(['our best seller rank on amazon in Q3 2025', '亚马逊黄金购物车的占比'])('%s', (q) =>
    expect(understand(q, data)).toMatchObject({ kind: 'unsupported', unsupported: 'not_in_data' }),
  );
});

describe('more wordings of a named span or bucket', () => {
  it('a year before its half ("2025 H1") is that half', () => {
    expect(understand('best month for revenue in 2025 H1', data).period).toMatchObject({
      start: '2025-01-01',
      end: '2025-06-30',
    });
  });
  it('"最差的完整一周" is one week of a weekly series', () => {
    expect(understand('2025年3月销量最好的完整一周', data)).toMatchObject({ kind: 'trend', granularity: 'week' });
  });
  it('customer-service contacts are not in the data', () => {
    expect(understand('support tickets opened in Q3 2025', data).kind).toBe('unsupported');
  });
});
