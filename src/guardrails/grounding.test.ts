import { describe, expect, it } from 'vitest';
import { checkGrounding, extractNumbers } from './grounding.ts';

const rows = [
  { country: 'United States', net_sales: 1234567.891, orders: 4821, aov: 52.3412, conversion_rate: 0.02345 },
  { country: 'Canada', net_sales: 98765.4, orders: 1200, change: -0.0412 },
];

describe('extractNumbers', () => {
  it('reads currency, separators, units and percentages', () => {
    const m = extractNumbers('Sales were $1,234,567.89 (about $1.2M or 123.5万), up 4.1% on 98.8k.');
    expect(m.map((x) => [x.text, x.value, x.percent])).toEqual([
      ['$1,234,567.89', 1234567.89, false],
      ['$1.2M', 1200000, false],
      ['123.5万', 1235000, false],
      ['4.1%', 4.1, true],
      ['98.8k', 98800, false],
    ]);
  });

  it('skips dates, years, quarters, list markers and identifiers', () => {
    const text = '1. In Q2 2025 (2025-04-01 to 2025-06-30) SKU SW-1023 sold 7 units.\n2025年7月 销售额 7月 第3季度';
    expect(extractNumbers(text).map((x) => x.text)).toEqual(['7']);
  });
});

describe('checkGrounding', () => {
  const ok = (answer: string) => expect(checkGrounding(answer, [rows]).ungrounded).toEqual([]);

  it.each([
    'United States net sales were $1,234,567.89.',
    'United States net sales were about $1.23M, Canada $98.8k.',
    'US: 123.5万美元; Canada: 9.9万.',
    'Conversion was 2.3% (2.35%), Canada fell 4.1% and 4%.',
    'Average order value: $52.34, 4,821 orders; Canada about 1,200 orders.',
    '美国的净销售额为1,234,567.89美元，订单4821笔。',
  ])('accepts rounding and unit changes: %s', (answer) => ok(answer));

  it('flags numbers that are in no result', () => {
    const r = checkGrounding('Sales rose 17% to $2.5M with 4,900 orders, and 3 countries.', [rows]);
    expect(r.ungrounded).toEqual(['17%', '$2.5M', '4,900', '3']);
    expect(r.checked).toBe(4);
  });

  it('accepts numbers from summaries, structured data and the question', () => {
    const sources = [
      'Top 5 products by units.',
      { summary: 'Net sales fell 12.5% to 40,100.' },
      { data: { drivers: [{ share: 0.62 }] } },
    ];
    expect(
      checkGrounding('Here are the top 5. Sales fell 12.5% to 40.1k; the top driver explains 62%.', sources).ungrounded,
    ).toEqual([]);
  });

  it('does not accept a wrong digit', () => {
    expect(checkGrounding('4822 orders', [rows]).ungrounded).toEqual(['4822']);
    expect(checkGrounding('AOV $52.44', [rows]).ungrounded).toEqual(['$52.44']);
  });
});
