// Slack-terse and rambling mixed-language wordings, each read as its class: a month or half glued to a two-digit
// year (sep24, h2 25, 25上半年), "atc" for add-to-cart, "-> 0" and "没单了" as sales falling to zero, "% of … rev" as a
// share, "will it move" about a past figure (not a forecast), "最高的月" as a month bucket, "哪个 channel" in Chinese,
// "run outta" and "go dark" as slang, a campaign name after "how'd", "BF24", or with an apostrophe inside it, and
// 卖光, 拉胯, 最火 and 复购咋样.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { expandShorthand } from './shorthand.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a month, half or quarter glued to a two-digit year', () => {
  it.each([
    ['orders sep24', '2024-09-01', '2024-09-30'],
    ['rev h2 25', '2025-07-01', '2025-12-31'],
    ['units q1 24?', '2024-01-01', '2024-03-31'],
    ['25上半年 订单', '2025-01-01', '2025-06-30'],
    ['24下半年 退款', '2024-07-01', '2024-12-31'],
  ])('%s → %s to %s', (q, start, end) => {
    const i = understand(q, data);
    expect(i.period.start).toBe(start);
    expect(i.period.end).toBe(end);
  });

  it('a year the data does not hold stays as typed', () => {
    expect(understand('rev h1 19', data).period.start).not.toBe('2019-01-01');
  });
});

describe('"atc" is add-to-cart, "w/" is with, "that mo" is that month', () => {
  it('expands the short forms', () => {
    expect(expandShorthand('tablet atc rate w/ promo, that mo')).toBe('tablet add-to-cart rate with promo, that month');
  });

  it('"atc rate" reads as the funnel', () => {
    expect(understand('atc rate oct 25', data).kind).toBe('funnel');
  });
});

describe('sales falling to zero said tersely or in Chinese', () => {
  it.each([['products w/ mar sales -> 0 in apr 25?'], ['有些款 2025年3月 还有销量，2025年4月 就没单了，是哪些']])(
    '%s → to zero',
    (q) => {
      const i = understand(q, data);
      expect(i.kind).toBe('top');
      expect(i.toZero).toBe(true);
    },
  );
});

describe('"X % of … rev" asks for a share', () => {
  it('Amazon % of a quarter’s revenue is the share of Amazon', () => {
    const i = understand('amazon % of q2 25 rev', data);
    expect(i.share?.value).toBe('amazon');
  });
});

describe('"will it move" about a past figure is no forecast', () => {
  it('asks for the figure, with its maturity', () => {
    const i = understand('need the Nov 2025 return rate for a slide - will it still change?', data);
    expect(i.kind).not.toBe('unsupported');
    expect(i.metric).toBe('return_rate');
  });

  it('"will sales grow next year" is still the future', () => {
    expect(understand('will sales grow next year?', data).unsupported).toBe('future');
  });
});

describe('"最高的月" is the month bucket, "哪个 channel" splits by channel', () => {
  it('the month with the most sales is a monthly trend', () => {
    const i = understand('25年 销售额最低的月', data);
    expect(i.kind).toBe('trend');
    expect(i.granularity).toBe('month');
  });

  it('an English dimension after 哪个 splits by it, at the end asked for', () => {
    const i = understand('2024 哪个 country 订单最多', data);
    expect(i.dimension).toBe('country');
    expect(i.extreme).toBe('highest');
  });
});

describe('slang for running out and for sales going quiet', () => {
  it('"run outta" is a stock-out question', () => {
    expect(understand('did the shop run outta any hats in may 2025', data).kind).toBe('stock');
  });

  it('"go dark" after selling is a fall to zero', () => {
    const i = understand('which items went dark in Nov 2025 after selling in Oct?', data);
    expect(i.toZero).toBe(true);
  });
});

describe('campaign names typed loosely', () => {
  it.each([
    ["how'd holiday gifts 24 do", 'holiday gifts 2024'],
    ['bf24 roas?', 'Black Friday 2024'],
    ["what's New Year Sale 2025's ROAS", 'New Year Sale 2025'],
    ['what’s Spring Preview 2024’s budget', 'Spring Preview 2024'],
  ])('%s → %s', (q, name) => {
    expect(understand(q, data).campaign).toBe(name);
  });
});

describe('Chinese slang for sold out, the worst and the best, and repeat buying', () => {
  it('"卖光了" is a stock-out question', () => {
    expect(understand('24年8月有啥卖光了没', data).kind).toBe('stock');
  });

  it.each([
    ['2024年哪个渠道卖得最拉胯', 'lowest'],
    ['25年哪个国家卖得最火', 'highest'],
  ])('%s → the %s segment', (q, end) => {
    expect(understand(q, data).extreme).toBe(end);
  });

  it('"复购咋样" asks about repeat buying, not sales', () => {
    expect(understand('24年客户复购咋样', data).kind).toBe('customers');
  });
});
