import { describe, expect, it } from 'vitest';
import type { TableRecord } from './index.ts';
import { columnTitle, columnUnits, formatCell, tableTitle } from './table-words.ts';

const explain: TableRecord = {
  title: 'explain_change (metric=net_sales, period=2025-07, compare_to=2025-06, premise=drop)',
  columns: ['rank', 'kind', 'segment', 'effect', 'share', 'confidence'],
  rows: [{ rank: 1, kind: 'stockout', segment: 'Bikinis', effect: -1234.5, share: 0.823, confidence: 'medium' }],
};

describe('tables in words', () => {
  it('titles a table by what was asked, not the tool call, in both languages', () => {
    expect(tableTitle(explain, 'en')).toBe('Causes of the July 2025 drop in net sales');
    expect(tableTitle(explain, 'zh')).toBe('2025年7月销售额下降的原因');
    const b: TableRecord = {
      title: 'x',
      columns: [],
      rows: [],
      source: {
        tool: 'breakdown',
        input: { metric: 'net_sales', by: 'channel', period: '2025-07', compare_to: '2025-06' },
      },
    };
    expect(tableTitle(b, 'en')).toBe('Net sales by channel, July 2025 vs June 2025');
    expect(tableTitle(b, 'zh')).toBe('按渠道的销售额，2025年7月对比2025年6月');
  });

  it("keeps the store's note that rows were cut", () => {
    const cut = { ...explain, title: `${explain.title} [first 10 of 20 rows kept]` };
    expect(tableTitle(cut, 'en')).toMatch(/drop in net sales \[first 10/);
  });

  it('names columns and id cells from the vocabulary', () => {
    expect(explain.columns.map((c) => columnTitle(c, 'zh'))).toEqual([
      '排名',
      '类型',
      '细分',
      '影响',
      '占比',
      '可信度',
    ]);
    expect(formatCell('stockout', undefined, 'zh')).toBe('缺货');
    expect(formatCell('medium', undefined, 'zh')).toBe('中');
    expect(formatCell('own_website', undefined, 'en')).toBe('Own website');
    // Categories and countries have Chinese names, as in the answers; product names stay as they are.
    expect(formatCell('Bikinis', undefined, 'zh')).toBe('比基尼');
    expect(formatCell('Coral Black One-Piece Swimsuit', undefined, 'zh')).toBe('Coral Black One-Piece Swimsuit');
  });

  it('formats a share as the text does and money in dollars', () => {
    const units = columnUnits(explain);
    expect(formatCell(0.823, units.share, 'en')).toBe('82.3%');
    expect(formatCell(0.0274, units.share, 'en')).toBe('2.74%');
    expect(formatCell(-1234.5, units.effect, 'en')).toBe('-$1,234.50');
    expect(formatCell(1, units.rank, 'en')).toBe('1');
  });
});
