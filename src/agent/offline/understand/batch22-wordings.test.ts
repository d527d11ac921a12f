// Wordings staff use for questions the tools answer, each read as its class: stock-outs said as "sell out" or
// "0 stock", returns said as what customers "send back", ROAS as sales per $1 of budget, views that ended in a
// purchase (the funnel), weather beside our own figures (not in the data), an ad platform's own spend, a rate asked
// after a why, a singular key word left as typed, the extreme said before "哪个", a split's value set aside.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand, understandAll } from './understand.ts';
import { fixWordTypos } from './typos.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('stock-outs said as selling out or hitting 0 stock', () => {
  it.each([
    ['did any bikinis sell out in May 2025?'],
    ['which styles hit 0 stock during Q3 2025'],
    ['count of products at no stock in Jan 2025'],
  ])('%s → stock', (q) => {
    expect(understand(q, data).kind).toBe('stock');
  });
});

describe('returns said as what customers sent back', () => {
  it('a share of what was sent back for a reason is the returns analysis of that reason', () => {
    const i = understand('of everything people sent back in Q1 2025, how much was because it was too small?', data);
    expect(i.kind).toBe('returns');
    expect(i.reasons).toEqual(['size']);
  });

  it('the reason asked after the returns is the reasons split', () => {
    expect(understand('stuff customers were shipping back in May 2025 - main reason?', data).kind).toBe('returns');
  });

  it('"退货…因为啥" asks for the reasons', () => {
    expect(understand('25年3月退货主要是因为什么', data).kind).toBe('returns');
  });
});

describe('ROAS said as sales per $1 of budget, or as "赚回来几倍"', () => {
  it.each([['Black Friday 2024: revenue for every $1 of budget?'], ['Holiday Gifts 2025 的预算最后赚回来多少倍']])(
    '%s → campaigns',
    (q) => {
      expect(understand(q, data).kind).toBe('campaigns');
    },
  );
});

describe('views that ended in a purchase are the funnel', () => {
  it.each([
    ['hats were viewed a lot in May 2025, how many of those visits bought one?', 'Hats'],
    ['25年5月帽子浏览量不少，最后下单购买的有多少', 'Hats'],
  ])('%s → funnel of %s', (q, category) => {
    const i = understand(q, data);
    expect(i.kind).toBe('funnel');
    expect(i.filters.category).toBe(category);
  });
});

describe('weather beside our own figures is not in the data, not small talk', () => {
  it.each([['did the cold weather in March 2025 cut hat sales?'], ['25年4月连着下暴雨，订单少了多少']])(
    '%s → not in data',
    (q) => {
      const i = understand(q, data);
      expect(i.kind).toBe('unsupported');
      expect(i.unsupported).toBe('not_in_data');
    },
  );

  it('the weather alone is still off topic', () => {
    expect(understand("what's the weather like today?", data).unsupported).toBe('off_topic');
  });
});

describe("an ad platform's own ads have no spend in the data", () => {
  it('Meta ads ROAS is lacking ad spend', () => {
    const i = understand('ROAS of the Meta ads we ran in May 2025', data);
    expect(i.kind).toBe('unsupported');
    expect(i.lacking).toBe('ad_spend');
  });
});

describe('a rate named after a why asks for its value', () => {
  it('"tablet session conversion that month?" after a why is a comparison of conversion', () => {
    const [, i] = understandAll(['why did sales fall in Oct 2025?', 'tablet session conversion in that month?'], data);
    expect(i!.kind).toBe('compare');
    expect(i!.metric).toBe('conversion_rate');
    expect(i!.filters.device).toBe('tablet');
  });

  it('a filter alone after a why still explains', () => {
    const [, i] = understandAll(['why did sales fall in Oct 2025?', 'only on mobile?'], data);
    expect(i!.kind).toBe('why');
  });
});

describe('the singular of a key word is not a slip', () => {
  it.each([['session'], ['bikini'], ['campaign']])('%s stays', (w) => {
    expect(fixWordTypos(`per ${w} please`)).toBe(`per ${w} please`);
  });

  it('a real slip is still fixed', () => {
    expect(fixWordTypos('sesions in May')).toBe('sessions in May');
  });
});

describe('the extreme said before "哪个" still asks for that end', () => {
  it('"订单垫底的是哪个渠道" asks for the lowest channel', () => {
    const i = understand('24年订单垫底的是哪个渠道', data);
    expect(i.dimension).toBe('channel');
    expect(i.extreme).toBe('lowest');
  });
});

describe('a value of the split set aside is not a filter', () => {
  it.each([
    ['besides Amazon, what is our biggest channel by orders in 2024?', 'channel', 'amazon'],
    ['apart from the UK, our largest market for Q2 2025 sales?', 'country', 'United Kingdom'],
  ])('%s', (q, dimension, aside) => {
    const i = understand(q, data);
    expect(i.dimension).toBe(dimension);
    expect(i.filters).toEqual({});
    expect(i.setAside).toBe(aside);
  });

  it('a filter on another dimension stays a filter', () => {
    expect(understand('our biggest market on Amazon in 2024', data).filters.channel).toBe('amazon');
  });
});
