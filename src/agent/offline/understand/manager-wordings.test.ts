// Wordings of everyday questions (values, splits, why, follow-ups, personal data) as a manager types them, each read
// as the class it belongs to: a slip in a metric word, an abbreviation, "各个" before a dimension, a verb that asks why,
// a base named after "down from", a half that takes the year beside it, a "top N" after a why, a list of contacts.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand, understandAll } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('one slip in a metric or dimension word is still that word', () => {
  it.each([
    ['total oredrs for March 2025', 'orders'],
    ['slaes in Q2 2025', 'net_sales'],
    ['averge order value, 2024', 'aov'],
  ])('%s → %s', (q, metric) => {
    const i = understand(q, data);
    expect(i.kind).not.toBe('unsupported');
    expect(i.metric).toBe(metric);
  });

  it('a misspelt dimension still splits', () => {
    expect(understand('net sales per contry, 2025', data).dimension).toBe('country');
  });
});

describe('abbreviated metrics are the metric', () => {
  it.each([
    ['mobile conv rate Sep 2025', 'conversion_rate'],
    ['site conv. for Q1 2025', 'conversion_rate'],
    ['rev by channel, Oct 2025', 'net_sales'],
    ['qty sold in Feb 2025', 'units'],
  ])('%s → %s', (q, metric) => {
    expect(understand(q, data).metric).toBe(metric);
  });
});

describe('"各个", "每一个" and "大类" split by the dimension they name', () => {
  it.each([
    ['24年各个国家分别下了多少单', 'country'],
    ['每一个设备的销售额，2025年10月', 'device'],
    ['2024年各大类的销售额', 'category'],
    ['按一级类目看25年6月的营收', 'category'],
  ])('%s → %s', (q, dim) => {
    const i = understand(q, data);
    expect(i.kind).toBe('breakdown');
    expect(i.dimension).toBe(dim);
  });
});

describe('a verb that asks what moved a figure asks why', () => {
  it.each([
    'own-site revenue in August 2025 - what dragged it lower?',
    "what's been weighing on Amazon sales in July 2025",
    'what hurt orders in Oct 2025?',
    '2025年7月是什么拖累了销售额',
    '25年7月谁拖了后腿',
  ])('%s', (q) => {
    expect(understand(q, data).kind).toBe('why');
  });
});

describe('a period after "down from" or "up from" is the base of the change, not the end of a range', () => {
  it.each([
    ['why did April 2025 orders slip from March?', '2025-04-01', '2025-03-01'],
    ['Sep 2025 revenue was up 5% from August - why?', '2025-09-01', '2025-08-01'],
  ])('%s', (q, asked, base) => {
    const i = understand(q, data);
    expect(i.kind).not.toBe('unsupported');
    expect(i.period.start).toBe(asked);
    expect(typeof i.compare_to === 'object' && i.compare_to?.start).toBe(base);
  });
});

describe('a half without its year takes the year named beside it', () => {
  it.each([
    ['orders H1 vs H2 2024', '2024-07-01', '2024-01-01'],
    ['2025 H2 revenue against H1', '2025-07-01', '2025-01-01'],
  ])('%s', (q, asked, base) => {
    const i = understand(q, data);
    expect(i.period.start).toBe(asked);
    expect(typeof i.compare_to === 'object' && i.compare_to?.start).toBe(base);
  });
});

describe('a month name ends where its word ends', () => {
  it('"top 10 decliners" after a why names no 10 December', () => {
    const [, i] = understandAll(['why did Amazon sales fall in July 2025?', 'ok, top 10 decliners?'], data);
    expect(i!.period.start).toBe('2025-07-01');
    expect(i!.topN).toBe(10);
  });
});

describe('"top N" after a why is the best sellers, "which drove it" the biggest drops', () => {
  it('a top N ranks by value', () => {
    const [, i] = understandAll(['what caused the July 2025 dip?', 'best 5 swimsuits that month?'], data);
    expect(i!.kind).toBe('top');
    expect(i!.rankBy).toBe('value');
    expect(i!.order).toBe('top');
  });
  it('销售额前三 ranks by value', () => {
    const [, i] = understandAll(['2025年7月销售额为什么下降', '当月销售额前三的比基尼'], data);
    expect(i!.rankBy).toBe('value');
  });
  it('what drove it still ranks the change', () => {
    const [, i] = understandAll(['what caused the July 2025 dip?', 'which products drove that?'], data);
    expect(i!.rankBy).toBe('change');
  });
});

describe('a list of contacts or visitor IPs is personal data', () => {
  it.each([
    'can you pull a mailing list of everyone who bought in 2025',
    'send me the contact list for our repeat buyers',
    'top 20 IPs by sessions in Oct 2025',
    'which IP visited most last week',
  ])('%s', (q) => {
    expect(understand(q, data).kind).toBe('refuse');
  });
});

describe('short forms of a metric or a split are that metric or split', () => {
  it.each([
    ['returns % for Sept 2025', 'return_rate'],
    ['average ticket, Q4 2024', 'aov'],
    ['how many folks landed on our site in May 2025', 'sessions'],
  ])('%s → %s', (q, metric) => {
    const i = understand(q, data);
    expect(i.kind).not.toBe('unsupported');
    expect(i.metric).toBe(metric);
  });
  it.each([
    ['orders by mkt, H1 2025', 'country'],
    ['revenue per ctry for 2024', 'country'],
  ])('%s → %s', (q, dim) => {
    expect(understand(q, data).dimension).toBe(dim);
  });
  it('"trending" asks for a trend', () => {
    expect(understand('how is AOV trending in 2025?', data).kind).toBe('trend');
  });
});

describe('a sales event named with no metric asks how that campaign did', () => {
  it.each(['how did cyber monday 2025 do?', 'summer sale 2024 - how did it go', '双十一活动怎么样'])('%s', (q) => {
    expect(understand(q, data).kind).toBe('campaigns');
  });
  it('a metric named beside the event is that metric', () => {
    expect(understand('orders during Black Friday 2025', data).kind).not.toBe('campaigns');
  });
});

describe('a phone "#" is a phone number; a count "# of" is not', () => {
  it('cell #s of the buyers are refused', () => {
    expect(understand('cell #s of everyone who returned an item in 2025', data).kind).toBe('refuse');
  });
  it('"mobile # of orders" is a count of mobile orders', () => {
    const i = understand('mobile # of orders, Oct 2025', data);
    expect(i.kind).not.toBe('refuse');
    expect(i.metric).toBe('orders');
  });
});

describe('"最好的N个" names how many', () => {
  it.each([
    ['2024年销量最高的3款泳衣', 3],
    ['25年6月卖得最好的五个商品', 5],
  ])('%s → %i', (q, n) => {
    const i = understand(q, data);
    expect(i.kind).toBe('top');
    expect(i.topN).toBe(n);
  });
});

describe('requests the assistant refuses, however they are worded', () => {
  it.each([
    ['the top 25 shoppers of 2025 with their names', 'personal_data'],
    ['lower the price of every bikini to $9', 'write'],
    ['make stock for all caps zero', undefined],
  ])('%s', (q, reason) => {
    const i = understand(q, data);
    if (reason) expect(i.refuse).toBe(reason);
  });
  it('a price change asked about is no write', () => {
    expect(understand('did the price change hurt Amazon swimwear sales in July 2025?', data).kind).not.toBe('refuse');
  });
  it('a competitor named in Chinese is not in the data', () => {
    expect(understand('阿迪达斯去年泳装卖了多少', data).unsupported).toBe('not_in_data');
  });
});

describe('contractions typed without the apostrophe read as written with it', () => {
  it.each([
    ['whats behind the slump in Oct 2025?', 'why'],
    ['hows AOV trending this year', 'trend'],
  ])('%s → %s', (q, kind) => {
    expect(understand(q, data).kind).toBe(kind);
  });
  it('"didnt sell" is a fall to zero', () => {
    expect(understand('skus that sold in May 2025 but didnt sell in June 2025', data).toZero).toBe(true);
  });
});

describe('a dimension named with "-wise" or "-level" splits by it', () => {
  it.each([
    ['device-wise orders for Q1 2025', 'device'],
    ['country level revenue, H2 2024', 'country'],
    ['各流量渠道的订单数，2025年', 'source'],
  ])('%s → %s', (q, dim) => {
    const i = understand(q, data);
    expect(i.dimension).toBe(dim);
    expect(i.unmatched).toBeUndefined();
  });
});

describe('the measure after "by" is the one ranked on', () => {
  it.each([
    ['which styles sold best in March 2025 by units?', 'units'],
    ['best-selling bikinis of 2024 in terms of revenue', 'net_sales'],
    ['2025年按销量排前十的商品', 'units'],
  ])('%s → %s', (q, metric) => {
    const i = understand(q, data);
    expect(i.kind).toBe('top');
    expect(i.metric).toBe(metric);
  });
});
