import { describe, expect, it } from 'vitest';
import type { Finding } from '../protocol/index.ts';
import { findingsOf, roundValue, takeawaysFrom } from './takeaways.ts';

// A made-up why answer: sales fell from $48,913.27 to $41,208.66, a campaign ending explains most of it.
const why: Finding[] = [
  {
    kind: 'change',
    metric: 'net_sales',
    period: '2024-03',
    base: '2024-02',
    subject: '2024-03',
    from: 48913.27,
    to: 41208.66,
    absolute: -7704.61,
    relative: -7704.61 / 48913.27,
    direction: 'down',
  },
  {
    kind: 'share',
    metric: 'net_sales_change',
    period: '2024-03',
    subject: 'Hats',
    value: -1200.5,
    total: -7704.61,
    share: 0.156,
  },
  {
    kind: 'share',
    metric: 'net_sales_change',
    period: '2024-03',
    subject: 'Canada',
    value: -5310.2,
    total: -7704.61,
    share: 0.6892,
  },
  {
    kind: 'count',
    metric: 'stock',
    period: '2024-03',
    condition: 'out_of_stock',
    count: 4,
    items: ['A', 'B', 'C', 'D'],
  },
  // The expected move, named two ways, larger than any cause: never the "biggest cause".
  {
    kind: 'share',
    metric: 'net_sales_change',
    period: '2024-03',
    subject: 'seasonality',
    value: -9000,
    total: -7704.61,
    share: 1.17,
  },
  {
    kind: 'share',
    metric: 'net_sales_change',
    period: '2024-03',
    subject: 'general trend',
    value: -9000,
    total: -7704.61,
    share: 1.17,
  },
  // A cause that offset the drop is not its biggest cause either.
  {
    kind: 'share',
    metric: 'net_sales_change',
    period: '2024-03',
    subject: 'Amazon',
    value: 8000,
    total: -7704.61,
    share: -1.04,
  },
];
const trend: Finding[] = [
  {
    kind: 'extreme',
    metric: 'orders',
    over: 'week',
    which: 'highest',
    subject: { name: '2024-05-06', value: 1834 },
    among: ['2024-05-06', '2024-05-13'],
    excluded: [{ name: '2024-04-29', value: 300 }],
  },
  {
    kind: 'extreme',
    metric: 'orders',
    over: 'week',
    which: 'lowest',
    subject: { name: '2024-05-13', value: 1502.4 },
    among: ['2024-05-06', '2024-05-13'],
    excluded: [{ name: '2024-04-29', value: 300 }],
  },
];

describe('takeaways from findings', () => {
  it('states the headline change, its biggest cause and the stock count, rounded, in English', () => {
    const lines = takeawaysFrom(why, 'en');
    expect(lines).toEqual([
      'Net sales fell 16% to $41.2k in March 2024 (February 2024: $48.9k).',
      'Biggest cause: Canada, 69% of the change (−$5.3k).',
      '4 products ran out of stock in March 2024.',
    ]);
  });

  it('writes the same lines in Chinese, with 万 and Chinese names', () => {
    const lines = takeawaysFrom(why, 'zh');
    expect(lines[0]).toBe('2024年3月销售额下降16%，至$4.12万（2024年2月：$4.89万）。');
    expect(lines[1]).toBe('最大原因：加拿大，占变化的69%（−$5,310）。');
    expect(lines[2]).toBe('2024年3月有4个商品断货。');
    for (const l of lines) expect(l).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('names a cause larger than the whole change by its effect, not a share over 100 %', () => {
    // Causes of a small drop that others partly offset: the biggest is 1.5 times the drop.
    const small: Finding[] = [
      { ...why[0]!, from: 10000, to: 9000, absolute: -1000, relative: -0.1 } as Finding,
      {
        kind: 'share',
        metric: 'net_sales_change',
        period: '2024-03',
        subject: 'Hats',
        value: -1500,
        total: -1000,
        share: 1.5,
      },
      {
        kind: 'share',
        metric: 'net_sales_change',
        period: '2024-03',
        subject: 'Canada',
        value: -400,
        total: -1000,
        share: 0.4,
      },
    ];
    expect(takeawaysFrom(small, 'en')[1]).toBe('Biggest cause: Hats (−$1.5k).');
    expect(takeawaysFrom(small, 'zh')[1]).toBe('最大原因：帽子（−$1,500）。');
  });

  it('names highest and lowest full periods and how many partial ones were left out', () => {
    expect(takeawaysFrom(trend, 'en')).toEqual([
      'Highest week: 2024-05-06 (1,834); lowest: 2024-05-13 (1,502); 1 partial one left out.',
    ]);
    expect(takeawaysFrom(trend, 'zh')[0]).toMatch(/^最高的周：2024-05-06（1,834）；最低：2024-05-13/);
  });

  it('moves a rate in percentage points and always keeps a maturity line', () => {
    const lines = takeawaysFrom(
      [
        {
          kind: 'change',
          metric: 'return_rate',
          period: '2024-11',
          base: '2024-10',
          subject: '2024-11',
          from: 0.0412,
          to: 0.0331,
          absolute: -0.0081,
          relative: -0.0081 / 0.0412,
          direction: 'down',
        },
        ...trend,
        { kind: 'share', metric: 'orders', subject: 'amazon', value: 5, total: 10, share: 0.5 },
        { kind: 'maturity', metric: 'return_rate', period: '2024-11', after: '2024-11-02', note: 'n' },
      ],
      'en',
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Return rate fell 0.8 pp to 3.3% in November 2024 (October 2024: 4.1%).');
    expect(lines[2]).toMatch(/^Return rate in November 2024 is still maturing .*2024-11-02.*lower bound/);
  });

  it('says so when nothing ran out of stock, and ranks with the items that fell to zero', () => {
    const lines = takeawaysFrom(
      [
        { kind: 'threshold', metric: 'stock', period: '2024-02', condition: 'out_of_stock', holds: false, items: [] },
        {
          kind: 'ranking',
          metric: 'units',
          by: 'product',
          direction: 'bottom',
          items: [{ name: 'Reef Sandal', value: 0, previous: 31 }],
          fellToZero: ['Reef Sandal'],
          roseFromZero: [],
        },
      ],
      'en',
    );
    expect(lines).toEqual([
      'No product ran out of stock in February 2024.',
      'Bottom product: Reef Sandal (0); 1 fell to zero.',
    ]);
  });

  it('gives nothing for findings a line cannot carry, so the prose is used', () => {
    expect(takeawaysFrom([{ kind: 'definition', metric: 'net_sales', term: 'net sales', text: 't' }], 'en')).toEqual(
      [],
    );
    expect(takeawaysFrom([], 'zh')).toEqual([]);
  });

  it('rounds by size and unit', () => {
    expect(roundValue(15184.98, 'money', 'en')).toBe('$15.2k');
    expect(roundValue(-0.1302, 'ratio', 'en')).toBe('−13%');
    expect(roundValue(0.823, 'ratio', 'zh')).toBe('82%');
    expect(roundValue(322.4, 'money', 'en')).toBe('$322');
    expect(roundValue(1.742, 'multiple', 'en')).toBe('1.7×');
    expect(roundValue(123456, 'count', 'en')).toBe('123k');
    expect(roundValue(5, 'count', 'en', true)).toBe('+5');
  });

  it('collects the findings of finished steps only', () => {
    expect(findingsOf([{}, { record: { findings: why.slice(0, 1) } }, { record: {} }])).toEqual(why.slice(0, 1));
  });
});
