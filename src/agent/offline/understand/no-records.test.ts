import { describe, expect, it } from 'vitest';
import { noRecords } from './no-records.ts';

describe('parts of the business no table records', () => {
  it.each([
    ['how many support tickets did we close in March 2025', 'support tickets'],
    ['which courier was fastest to France last quarter', 'courier'],
    ['average salary of the warehouse team', 'salary'],
    ['how many outages did the site have in 2025', 'outages'],
    ['how big is the market size for kids swimwear', 'market size'],
    ['上个月客服接了多少个电话', '客服'],
    ['发往澳洲的包裹平均几天到', '包裹'],
    ['今年APP下载了多少次', 'APP下载'],
    ['what did shoppers look for most in the on-site search box', 'on-site search'],
    ['how many reward points did members cash in last year', 'reward points'],
    ['share of 2025 orders sent as gifts with gift-wrap', 'gift-wrap'],
    ['which fabric do the best sellers use', 'fabric'],
    ['各尺码的销量', '尺码'],
    ['what did the affiliate program bring in last quarter', 'affiliate program'],
    ['did the World Cup final hurt our Saturday sales', 'World Cup'],
  ])('%s → “%s”', (q, words) => {
    expect(noRecords(q)).toBe(words);
  });

  it.each([
    // Orders carry their shipping and delivery dates, and returns their reasons: those stay answerable.
    'how long did orders take to be delivered in 2025',
    'which return reason was most common for bikinis',
    '2025年哪个渠道的订单最多',
    // A size named with returns is a return reason.
    'how many bikinis came back because the size was wrong',
    '尺码问题导致的退货有多少',
  ])('%s → nothing', (q) => {
    expect(noRecords(q)).toBeUndefined();
  });
});
