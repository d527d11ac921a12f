// Stock-outs by month: one stock_status call per month up to two years of months (the loop's default call cap);
// a longer span is one list, and its answer says first that it is not split by month and what it gives instead.
import { describe, expect, it } from 'vitest';
import { toolSpecs } from '../../../tools/dispatch.ts';
import { tools } from '../../../tools/registry.ts';
import type { DataRange } from '../../../tools/types.ts';
import { stockMonthsLead } from '../answer/stock.ts';
import { STOCK_MONTHS } from '../intent.ts';
import { understand } from '../understand/understand.ts';
import { plan } from './plan.ts';

const specs = toolSpecs(tools);
const long: DataRange = { minDate: '2022-01-01', maxDate: '2025-12-31' };

describe('stock-outs by month', () => {
  it.each([
    ['OOS SKUs per month, Jan 2024 through Dec 2025', 24],
    ['每个月缺货的SKU数，2024年3月到2025年2月', 12],
    ['stockouts by month from Feb 2024 to Nov 2025', 22],
  ])('%s → %i calls', (q, n) => {
    const i = understand(q, long);
    const out = plan(i, specs);
    expect(out).toHaveLength(n);
    expect(out.every((c) => c.name === 'stock_status')).toBe(true);
    expect(stockMonthsLead(i, out.length, STOCK_MONTHS)).toEqual([]);
  });

  it.each([
    [
      'monthly stock-outs from Jan 2023 to Dec 2025',
      /can't list stock-outs month by month over 36 months.*nearest answer instead/,
    ],
    ['2022年1月到2025年12月每个月的缺货情况', /无法在一个回答里按月列出 48 个月的缺货.*最接近的回答/],
  ])('%s → one list, said first', (q, lead) => {
    const i = understand(q, long);
    const out = plan(i, specs);
    expect(out).toHaveLength(1);
    expect(stockMonthsLead(i, out.length, STOCK_MONTHS)[0]).toMatch(lead);
  });
});
