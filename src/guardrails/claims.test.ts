import { describe, expect, it } from 'vitest';
import type { Finding } from '../protocol/index.ts';
import { changeOf, extremeOf, partialBuckets, rankingOf, shareOf } from '../tools/findings.ts';
import type { Cause } from '../tools/explain/causes.ts';
import { explainFindings } from '../tools/explain/findings.ts';
import { checkSentence, findingsIn, splitSentences, verifyClaims } from './claims.ts';

// Weekly net sales for the 90 days to 2025-12-31, as sales_trend returns them: the first and last weeks are cut.
const weeks = [
  ['2025-09-29', 3656.72],
  ['2025-10-06', 6887.1],
  ['2025-10-13', 6534.44],
  ['2025-10-20', 7037.51],
  ['2025-10-27', 7676.23],
  ['2025-11-03', 7010.39],
  ['2025-11-10', 6398.99],
  ['2025-11-17', 6941.26],
  ['2025-11-24', 11766.06],
  ['2025-12-01', 5331.2],
  ['2025-12-08', 5954.53],
  ['2025-12-15', 4365.17],
  ['2025-12-22', 4261.8],
  ['2025-12-29', 1999.41],
].map(([period_start, net_sales]) => ({ period_start, net_sales }));
const partial = partialBuckets({ from: '2025-10-03', to: '2025-12-31' }, 'week');
const trend = extremeOf(weeks, 'period_start', 'net_sales', { metric: 'net_sales', over: 'week', partial });

// Net sales by channel, 2025-07 against 2025-06, as breakdown returns them.
const channels = [
  { channel: 'Website', value: 48210.4, previous: 51890.1 },
  { channel: 'Amazon', value: 30120.75, previous: 26950.2 },
  { channel: 'Other marketplaces', value: 9405.3, previous: 12204.9 },
];
const total = 87736.45;
const byChannel: Finding[] = [
  ...shareOf(channels, 'channel', 'value', total, { metric: 'net_sales' }),
  ...extremeOf(channels, 'channel', 'value', { metric: 'net_sales', over: 'channel' }),
  rankingOf(channels, 'channel', 'value', { metric: 'net_sales', by: 'channel', previousKey: 'previous' }),
  ...channels.map((r) => changeOf(r.channel, r.previous, r.value, { metric: 'net_sales', base: '2025-06' })!),
];
const stock: Finding[] = [
  { kind: 'threshold', metric: 'stock', condition: 'out_of_stock', holds: true, items: ['SW-101 Coral Bikini'] },
  { kind: 'count', metric: 'stock', condition: 'out_of_stock', count: 1, items: ['SW-101 Coral Bikini'] },
];
const all = [...trend, ...byChannel, ...stock];
const status = (s: string) => checkSentence(s, all)?.status ?? 'no claim';

describe('splitSentences', () => {
  it('splits English and Chinese sentences, lines and bullets, and skips tables and code', () => {
    const text = [
      'Net sales were $85,820.81. The best week was 2025-11-24!',
      '净销售额为 85,820.81。最高的一周是 2025-11-24？',
      '- Lowest: $4,261.80 on 2025-12-22',
      '| week | net_sales |',
      '```sql',
      'SELECT 1. 2',
      '```',
    ].join('\n');
    expect(splitSentences(text)).toEqual([
      'Net sales were $85,820.81.',
      'The best week was 2025-11-24!',
      '净销售额为 85,820.81。',
      '最高的一周是 2025-11-24？',
      'Lowest: $4,261.80 on 2025-12-22',
    ]);
  });
});

describe('extremes', () => {
  it.each([
    ['The highest week was 2025-11-24 at $11,766.06.', 'verified'],
    ['- Lowest: $4,261.80 on 2025-12-22', 'verified'],
    ['净销售额最低的一周是 2025-12-22（4,261.80）。', 'verified'],
    ['Website had the highest net sales in July.', 'verified'],
    ['The lowest week was 2025-11-10 ($6,398.99).', 'contradicted'],
    ['销售额最高的一周是 2025-10-27。', 'contradicted'],
    ['Amazon was the top channel.', 'contradicted'],
  ])('%s → %s', (sentence, expected) => expect(status(sentence)).toBe(expected));

  it('a partial week is not the lowest week, and the reason names the lowest full week', () => {
    const r = checkSentence('Sales hit their lowest week on 2025-12-29 at $1,999.41.', all);
    expect(r?.status).toBe('contradicted');
    expect(r?.reason).toBe('2025-12-29 is a partial week, left out; the lowest full week is 2025-12-22 (4,261.8)');
  });

  it('an extreme of something no finding knows is unverified', () => {
    expect(status('The best-selling colour was navy.')).toBe('unverified');
  });

  it('a date named in a channel claim does not make it a claim about weeks', () => {
    expect(status('In the week of 2025-11-24, Website was the largest channel.')).toBe('verified');
  });
});

describe('changes and shares', () => {
  it.each([
    ['Amazon grew 11.8% to $30,120.75.', 'verified'],
    ['Website fell 7.1% against June.', 'verified'],
    ['亚马逊的净销售额增长了 11.8%。', 'unverified'], // 亚马逊 is not a name the findings use
    ['Amazon 的净销售额下降了。', 'contradicted'],
    ['Website rose 7.1% against June.', 'contradicted'],
    ['Amazon grew 25% to $30,120.75.', 'contradicted'],
    ['Amazon rose while Other marketplaces fell.', 'verified'],
    ['Amazon fell while Website rose.', 'contradicted'],
    ['Other marketplaces had the biggest drop, down 22.9%.', 'verified'],
    ['Website had the biggest drop.', 'verified'], // by amount; Other marketplaces by percentage
    ['Amazon had the biggest drop.', 'contradicted'],
    ['Amazon is 34.3% of the total.', 'verified'],
    ['Amazon 占比 34.3%。', 'verified'],
    ['Amazon accounts for 40% of net sales.', 'contradicted'],
    ['Amazon did not fall; it rose 11.8%.', 'no claim'], // a negation is left to a reader
  ])('%s → %s', (sentence, expected) => expect(status(sentence)).toBe(expected));

  it('a change claim about a subject no finding names is unverified', () => {
    expect(status('Canada rose 4.2%.')).toBe('unverified');
  });

  it('says what the finding holds', () => {
    expect(checkSentence('Website rose 7.1% against June.', all)?.reason).toBe(
      'Website went down (51,890.1 → 48,210.4), not up',
    );
    expect(checkSentence('Amazon accounts for 40% of net sales.', all)?.reason).toBe(
      'Amazon is 34.3% of the total, not 40%',
    );
  });
});

describe('stock and counts', () => {
  it.each([
    ['Nothing is out of stock.', 'contradicted'],
    ['目前没有缺货的产品。', 'contradicted'],
    ['SW-101 Coral Bikini is out of stock.', 'verified'],
    ['1 products are out of stock.', 'verified'],
    ['3 products are out of stock.', 'contradicted'],
    ['有 3 个产品缺货。', 'contradicted'],
  ])('%s → %s', (sentence, expected) => expect(status(sentence)).toBe(expected));

  it('"nothing is out of stock" is verified when the finding says so', () => {
    const none: Finding[] = [
      { kind: 'threshold', metric: 'stock', condition: 'out_of_stock', holds: false, items: [] },
    ];
    expect(checkSentence('Nothing is out of stock.', none)?.status).toBe('verified');
    expect(checkSentence('Two bikinis are sold out.', none)?.status).toBe('contradicted');
  });

  it('with one stock result per month, a sentence about a month is checked against that month', () => {
    const month = (period: string, items: string[]): Finding[] => [
      { kind: 'threshold', metric: 'stock', period, condition: 'out_of_stock', holds: items.length > 0, items },
      { kind: 'count', metric: 'stock', period, condition: 'out_of_stock', count: items.length, items },
    ];
    const byMonth = [
      ...month('2024-03', ['Reef Sand Swim Cap']),
      ...month('2024-04', []),
      ...month('2024-05', ['A', 'B']),
    ];
    expect(checkSentence('- March 2024: 1 SKU out of stock (“Reef Sand Swim Cap”)', byMonth)?.status).toBe('verified');
    expect(checkSentence('- April 2024: nothing out of stock', byMonth)?.status).toBe('verified');
    expect(checkSentence('- 2024年5月：2 个 SKU 缺货', byMonth)?.status).toBe('verified');
    expect(checkSentence('- April 2024: 1 SKU out of stock (“Reef Sand Swim Cap”)', byMonth)?.status).toBe(
      'contradicted',
    );
  });

  it('reads a Chinese count past ten as the question reader does', () => {
    expect(checkSentence('有十二个产品缺货。', stock)?.reason).toMatch(/, not 12$/);
  });

  it('"top 5 products" is a ranking, not a count', () => {
    expect(checkSentence('Here are the top 5 products.', stock)?.kinds ?? []).not.toContain('count');
  });
});

describe('verifyClaims', () => {
  it('sorts a whole English answer; sentences without a claim keyword are left alone', () => {
    const answer = [
      'Net sales for the 90 days to 2025-12-31 were $85,820.81.',
      '- Highest: $11,766.06 on 2025-11-24',
      '- Lowest: $1,999.41 on 2025-12-29',
      'Amazon grew 11.8%, and Amazon is 34.3% of the total.',
      'The best-selling colour was navy.',
    ].join('\n');
    const r = verifyClaims(answer, all);
    expect(r.verified.map((c) => c.sentence)).toEqual([
      'Highest: $11,766.06 on 2025-11-24',
      'Amazon grew 11.8%, and Amazon is 34.3% of the total.',
    ]);
    expect(r.contradicted.map((c) => c.sentence)).toEqual(['Lowest: $1,999.41 on 2025-12-29']);
    expect(r.unverified.map((c) => c.sentence)).toEqual(['The best-selling colour was navy.']);
    expect(r.verified[1]!.kinds).toEqual(['change', 'share']);
  });

  it('sorts a Chinese answer', () => {
    const answer =
      '近90天净销售额为 85,820.81。\n- 最高：2025-11-24，11,766.06\n- 最低：2025-11-10，6,398.99\nAmazon 占比 40%。';
    const r = verifyClaims(answer, all);
    expect(r.verified.map((c) => c.sentence)).toEqual(['最高：2025-11-24，11,766.06']);
    expect(r.contradicted.map((c) => c.sentence)).toEqual(['最低：2025-11-10，6,398.99', 'Amazon 占比 40%。']);
  });

  it('with no findings, claims are unverified and never contradicted', () => {
    const r = verifyClaims('The lowest week was 2025-12-29. Amazon grew 12%.', []);
    expect(r).toMatchObject({ verified: [], contradicted: [] });
    expect(r.unverified).toHaveLength(2);
  });

  it('reads channel ids by their labels in either language, and plurals as the name', () => {
    const rows = [
      { channel: 'own_website', value: 247458.79 },
      { channel: 'amazon', value: 187214.8 },
      { channel: 'other_marketplace', value: 49643.16 },
    ];
    const shares = shareOf(rows, 'channel', 'value', 484316.75, { metric: 'net_sales' });
    expect(checkSentence('亚马逊：$187,214.80，占比 38.66%', shares)?.status).toBe('verified');
    expect(checkSentence('other marketplaces: $49,643.16, 10.25% of the total', shares)?.status).toBe('verified');
    expect(checkSentence('独立站占比 38.66%。', shares)?.status).toBe('contradicted');
  });

  it('skips questions and list lead-ins', () => {
    const r = verifyClaims('Top channels in July 2025:\n- 哪些产品变化最大？\n- Which week was the lowest?', all);
    expect(r).toEqual({ verified: [], unverified: [], contradicted: [] });
  });

  it('a longer name claims its text: "paid social" is not "social"', () => {
    const rows = [
      { source_type: 'social', value: 5697 },
      { source_type: 'paid_social', value: 3175 },
    ];
    const shares = shareOf(rows, 'source_type', 'value', 23009, { metric: 'sessions' });
    expect(checkSentence('paid social: 3,175, 13.80% of the total', shares)?.status).toBe('verified');
    expect(checkSentence('social: 5,697, 24.76% of the total', shares)?.status).toBe('verified');
  });

  it('reads findings from the loop sources', () => {
    expect(findingsIn(['question', { rows: [], findings: stock }, { rows: [] }, null])).toEqual(stock);
  });
});

describe('rates and whole-metric changes', () => {
  const rate = (subject: string, metric: string, num: number, den: number): Finding => ({
    kind: 'rate',
    metric,
    subject,
    numerator: { name: 'carted', value: num },
    denominator: { name: 'sessions', value: den },
    rate: num / den,
  });
  const funnel: Finding[] = [
    rate('all', 'session_cart_rate', 3285, 23009),
    rate('mobile', 'session_cart_rate', 1500, 12000),
    rate('desktop', 'session_cart_rate', 1785, 11009),
  ];
  const kpis: Finding[] = [
    changeOf('2025-07', 922, 732, { metric: 'orders', period: '2025-07', base: '2025-06' })!,
    changeOf('2025-07', 33.03, 34.47, { metric: 'aov', period: '2025-07', base: '2025-06' })!,
  ];

  it('verifies a step rate of the segment the sentence names, in English and Chinese', () => {
    expect(checkSentence('Added to cart: 3,285 sessions, 14.28% of sessions', funnel)?.status).toBe('verified');
    expect(checkSentence('- mobile: 12,000 sessions, 12.50% added to cart rate', funnel)?.status).toBe('verified');
    expect(checkSentence('- 移动端：12,000 次访问，加购率 12.50%', funnel)?.status).toBe('verified');
  });

  it('reads "of sessions with an add-to-cart" as the denominator, not as an add-to-cart rate', () => {
    const checkout: Finding = {
      kind: 'rate',
      metric: 'checkout_rate',
      subject: 'all',
      numerator: { name: 'purchased', value: 732 },
      denominator: { name: 'carted', value: 2725 },
      rate: 732 / 2725,
    };
    const fs = [...funnel, checkout];
    expect(checkSentence('Ordered: 732 sessions, 26.86% of sessions with an add-to-cart', fs)?.status).toBe('verified');
    expect(checkSentence('Overall, 31.2% of sessions with an add-to-cart ordered.', fs)?.status).toBe('contradicted');
    const conversion: Finding = {
      ...checkout,
      metric: 'session_conversion',
      denominator: { name: 'sessions', value: 23009 },
      rate: 732 / 23009,
    };
    const zh = [...fs, conversion];
    expect(checkSentence('整体访问转化率（下单访问 ÷ 全部访问）：3.18%', zh)?.status).toBe('verified');
    expect(checkSentence('整体访问转化率（下单访问 ÷ 全部访问）：4.18%', zh)?.status).toBe('contradicted');
  });

  it("contradicts a segment's rate stated with another segment's value", () => {
    expect(checkSentence('- mobile: 16.21% of sessions added to cart', funnel)?.status).toBe('contradicted');
    expect(checkSentence('- 移动端：12,000 次访问，加购率 16.21%', funnel)?.status).toBe('contradicted');
  });

  it('reads a metric named in a sentence as the subject of its whole-period change', () => {
    expect(checkSentence('Orders: 732, down 190 (-20.61%) from 922', kpis)?.status).toBe('verified');
    expect(checkSentence('订单量：732，下降 190（-20.61%）（上期 922）', kpis)?.status).toBe('verified');
    expect(checkSentence('Orders: 732, up 190 from 922', kpis)?.status).toBe('contradicted');
    expect(checkSentence('Average order value: $34.47, down $1.44 from $33.03', kpis)?.status).toBe('contradicted');
  });
});

describe('"made up" is a share, not a rise', () => {
  it('does not read "made up 50.49% of net sales" as net sales going up', () => {
    const f: Finding[] = [
      changeOf('total', 59512.07, 49981.32, { metric: 'net_sales', period: '2025-07', base: '2025-06' })!,
    ];
    expect(checkSentence('own website made up 50.49% of net sales in July 2025.', f)?.kinds ?? []).not.toContain(
      'change',
    );
  });
});

describe('Chinese value labels', () => {
  it('reads 美国 as the United States of a share finding', () => {
    const f = shareOf([{ country: 'United States', value: 69.19 }], 'country', 'value', 100, { metric: 'net_sales' });
    expect(checkSentence('美国：$344,035.29，占比 69.19%', f)?.status).toBe('verified');
    expect(checkSentence('美国：$344,035.29，占比 60.00%', f)?.status).toBe('contradicted');
  });
});

describe('a why answer against explain_change findings', () => {
  const cause = (kind: Cause['kind'], segment: Cause['segment'], facts: Cause['evidence']['facts']): Cause => ({
    kind,
    segment,
    title: kind,
    effect: -1,
    share: 0.5,
    confidence: 'medium',
    z: null,
    evidence: { query: '', facts },
  });
  const at = (from: string, to: string, label: string) => ({ from, to, label });
  /** July 2025 against June: the change every case here explains. */
  const JULY_DROP = {
    metric: 'net_sales',
    label: 'Net sales',
    a: 59512.07,
    b: 49981.32,
    delta: -9530.75,
    relative: -0.16,
    direction: 'down' as const,
    period: at('2025-07-01', '2025-07-31', '2025-07'),
    compare: at('2025-06-01', '2025-06-30', '2025-06'),
    season: null,
  };
  const whyFindings = explainFindings(JULY_DROP, [
    {
      cause: cause('stockout', { product: ['SW-1', 'SW-2'] }, { subcategories: 'Bikinis', sku_count: 2 }),
      effect: -6220.14,
      share: 0.653,
    },
    {
      cause: cause('campaign_end', { source: ['Instagram Ads'] }, { campaign: 'Summer Splash 2025' }),
      effect: -4225.52,
      share: 0.443,
    },
    {
      cause: cause('price_increase', { product: ['SW-7', 'SW-8', 'SW-9'] }, {}),
      effect: -735.89,
      share: 0.078,
    },
  ]);
  it('backs the why answer: the change, each cause share, the stock-out and its SKU count', () => {
    const ok = (s: string) => expect(checkSentence(s, whyFindings)?.status).toBe('verified');
    ok('Net sales fell 16.00% in July 2025, from $59,512.07 in June 2025 to $49,981.32 (-$9,530.75).');
    ok('2025年7月的销售额下降 16.00%，从2025年6月的 $59,512.07 降至 $49,981.32（-$9,530.75）。');
    ok('A stock-out of 2 Bikinis SKUs (SW-1, SW-2), at zero stock: -$6,220.14, about 65.30% of the drop.');
    ok('缺货：比基尼的 2 个 SKU（SW-1、SW-2）库存为零：影响 -$6,220.14，约占下降的 65.30%，置信度中。');
    ok('The “Summer Splash 2025” campaign ended: -$4,225.52, about 44.30% of the drop (medium confidence).');
    // A count of SKUs beside a stock-out's count is the price cause's own, not a wrong stock-out count.
    expect(checkSentence('A price rise of 6.3% on 3 SKUs from 2025-02-21: -$735.89.', whyFindings)?.status).toBe(
      'verified',
    );
    expect(checkSentence('A price rise of 6.3% on 4 SKUs from 2025-02-21: -$735.89.', whyFindings)?.status).toBe(
      'unverified',
    );
    expect(
      checkSentence('The “Summer Splash 2025” campaign ended: about 65.30% of the drop.', whyFindings)?.status,
    ).toBe('contradicted');
  });

  it('reads "N 个 SKU" with a space as a count and "占下降的" as the whole, not a fall', () => {
    const r = checkSentence('全渠道3 个 SKU涨价 6.3%：影响 -$735.89，约占下降的 7.80%，置信度低。', whyFindings);
    expect(r?.status).toBe('verified');
    expect(r?.kinds).not.toContain('change');
    expect(checkSentence('全渠道5 个 SKU涨价 6.3%：影响 -$735.89。', whyFindings)?.status).toBe('unverified');
  });

  it("checks the largest cause's share against the causes, with or without the expected move", () => {
    const seasonal: Cause = { ...cause('seasonality', {}, {}), effect: 4100, share: -0.43 };
    const fs = explainFindings(JULY_DROP, [
      { cause: seasonal, effect: 4100, share: -0.43 },
      {
        cause: cause('campaign_end', { source: ['Instagram Ads'] }, { campaign: 'Summer Splash 2025' }),
        effect: -2100.5,
        share: 0.22,
      },
    ]);
    const status = (s: string) => checkSentence(s, fs)?.status;
    expect(status('No single cause stands out: the biggest single cause explains only 22.0% of the change.')).toBe(
      'verified',
    );
    expect(status('没有明确的单一原因：最大的单一原因只解释了变化的 22.0%。')).toBe('verified');
    expect(status('The largest cause accounts for 43.0% of the change.')).toBe('verified');
    expect(status('The main driver explains 61.0% of the change.')).toBe('unverified');
  });
});

describe('names are not claim words', () => {
  it('reads no extreme in a product called "Tank Top"', () => {
    const f = [
      rankingOf([{ p: 'Tidal Navy Tank Top', value: 0, previous: 74.97 }], 'p', 'value', {
        metric: 'net_sales',
        by: 'product',
        previousKey: 'previous',
      }),
    ];
    expect(checkSentence('Tidal Navy Tank Top: $74.97 in May 2025 → $0.00', f)).toBeNull();
    expect(checkSentence('Tidal Navy Tank Top was the top product.', f)?.status).toBe('verified');
  });
});

describe('a campaign ROI', () => {
  const roi: Finding[] = [
    {
      kind: 'rate',
      metric: 'roi',
      subject: 'Summer Splash 2025',
      numerator: { name: 'profit', value: -33.2 },
      denominator: { name: 'budget', value: 4892 },
      rate: -33.2 / 4892,
    },
  ];
  it("is checked against the campaign's own ROI finding", () => {
    expect(
      checkSentence('“Summer Splash 2025”: ROAS 1.74, so it earned back its budget; ROI -0.68%.', roi)?.status,
    ).toBe('verified');
    expect(checkSentence('“Summer Splash 2025”: ROI 12.00%.', roi)?.status).toBe('contradicted');
  });
});

describe('rates stated with the wrong value', () => {
  const rate = (subject: string, metric: string, num: number, den: number, names: [string, string]): Finding => ({
    kind: 'rate',
    metric,
    period: '2025-06-01 to 2025-08-31',
    subject,
    numerator: { name: names[0], value: num },
    denominator: { name: names[1], value: den },
    rate: num / den,
  });
  const money: [string, string] = ['attributed net sales', 'budget'];
  const visits = (n: string): [string, string] => [n, 'sessions'];
  const found: Finding[] = [
    rate('Harbour Lights Sale', 'roas', 6120.5, 3500, money), // 1.75
    rate('Harbour Lights Sale', 'roi', -410, 3500, ['profit', 'budget']), // −11.7 %
    rate('Autumn Knit Launch', 'roas', 2210, 2600, money), // 0.85
    rate('all', 'session_conversion', 1840, 52_300, visits('purchased')), // 3.5 %
    rate('tablet', 'session_conversion', 96, 4100, visits('purchased')), // 2.3 %
    rate('desktop', 'session_conversion', 820, 17_900, visits('purchased')), // 4.6 %
  ];
  const verdict = (s: string) => checkSentence(s, found)?.status ?? 'no claim';

  it.each([
    ['Harbour Lights Sale returned a ROAS of 1.75 on its budget.', 'verified'],
    ['Harbour Lights Sale returned a ROAS of 2.40 on its budget.', 'contradicted'],
    ['“Harbour Lights Sale” 的 ROAS 为 1.75，已收回预算。', 'verified'],
    ['“Harbour Lights Sale” 的广告支出回报率为 3.10。', 'contradicted'],
    // An ROI the campaign has no finding for is left to the number check; its ROAS is checked.
    ['Autumn Knit Launch: ROAS 0.85, ROI -11.7%.', 'verified'],
    ['Harbour Lights Sale: ROAS 1.75, ROI -11.7%.', 'verified'],
    ['Harbour Lights Sale: ROAS 1.75, ROI 8%.', 'contradicted'],
    ['Tablet sessions convert at 2.3%.', 'verified'],
    ['Tablet sessions convert at 4.6%.', 'contradicted'],
    ['平板（tablet）的访问转化率为 2.3%。', 'verified'],
    ['平板（tablet）的访问转化率为 5.2%。', 'contradicted'],
    ['Overall session conversion: 3.5%.', 'verified'],
    ['Overall session conversion: 4.1%.', 'contradicted'],
    ['整体访问转化率为 4.1%。', 'contradicted'],
  ])('%s → %s', (sentence, expected) => expect(verdict(sentence)).toBe(expected));

  it.each([
    // Two segments in one sentence: which value is whose is not read, so nothing is contradicted.
    ['Desktop converts at 3.1% and tablet at 4.6%.', 'unverified'],
    // A comparison brings a second value of the same rate (last year's, before the change).
    ['Tablet conversion rose from 1.9% to 2.3%.', 'unverified'],
    ['Tablet conversion was 1.9% last year.', 'unverified'],
    ['平板（tablet）的转化率比去年的 1.9% 高。', 'unverified'],
    // No segment named and no "overall": it may be about a segment with no finding.
    ['Conversion was 1.2% in Canada.', 'unverified'],
    // A year the finding's period does not cover.
    ['Harbour Lights Sale had a ROAS of 2.40 in 2024.', 'unverified'],
  ])('loose: %s → %s', (sentence, expected) => expect(verdict(sentence)).toBe(expected));

  it('says what the finding holds', () => {
    expect(checkSentence('Harbour Lights Sale returned a ROAS of 2.40.', found)?.reason).toBe(
      "Harbour Lights Sale's roas is 1.75 (attributed net sales ÷ budget), not 2.40",
    );
  });
});

describe('shares stated with the wrong value', () => {
  const mix = shareOf(
    [
      { way: 'Credit card', n: 5120 },
      { way: 'PayPal', n: 3010 },
      { way: 'Klarna', n: 1250 },
    ],
    'way',
    'n',
    9380,
    { metric: 'orders' },
  );
  it.each([
    ['Credit card made up 54.6% of orders.', 'verified'],
    ['Credit card made up 45% of orders.', 'contradicted'],
    ['信用卡（Credit card）占订单的 54.6%。', 'verified'],
    ['Credit card 占比 45%。', 'contradicted'],
  ])('%s → %s', (sentence, expected) => expect(checkSentence(sentence, mix)?.status).toBe(expected));
});
