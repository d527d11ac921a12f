// Exported tables read like the chat's: title in words, ids as words and numbers formatted, in the export's
// language; the CSV keeps the raw values (csv.ts, not this).
import { describe, expect, it } from 'vitest';
import { conversationMeta, turnOf } from '../../../test/store/stored-turn.ts';
import type { StoredTurn, TableRecord } from '../../protocol/index.ts';
import type { ChartRenderer } from '../http/chart-svg.ts';
import { collectExport, DEFAULT_EXPORT_LIMITS } from './document.ts';
import { exportToHtml } from './html.ts';
import { exportToMd } from './markdown.ts';

const TABLE: TableRecord = {
  title: 'breakdown (metric=net_sales, dimension=channel, period=2025-07)',
  columns: ['channel', 'net_sales', 'share'],
  rows: [
    { channel: 'own_website', net_sales: 61234.5, share: 0.5231 },
    { channel: 'amazon', net_sales: 55830.25, share: 0.4769 },
  ],
};

const turn = (lang: 'en' | 'zh'): StoredTurn =>
  turnOf({
    turnId: '22222222-2222-4222-8222-222222222222',
    conversationId: 'c1',
    createdAt: '2025-10-01T10:00:00.000Z',
    question: 'sales by channel',
    summary: { language: lang, answer: 'x', tables: [TABLE] },
  });

async function doc(lang: 'en' | 'zh') {
  const meta = conversationMeta();
  const src = { meta, turns: [turn(lang)], totalTurns: 1, author: 'ana', lang, now: new Date(), single: true };
  return collectExport(src, {} as ChartRenderer, DEFAULT_EXPORT_LIMITS);
}

describe('tables in Markdown and print exports', () => {
  it('reads in Chinese for a Chinese export: no ids, shares as percentages', async () => {
    const d = await doc('zh');
    for (const text of [exportToMd(d, 50), exportToHtml(d, 50)]) {
      expect(text).not.toMatch(/own_website|net_sales|breakdown \(/);
      expect(text).toContain('52.31%');
      expect(text).toMatch(/\$61,234\.50/);
    }
  });
  it('reads in words in English too, exact to the cent', async () => {
    const md = exportToMd(await doc('en'), 50);
    expect(md).not.toMatch(/own_website|net_sales \|/);
    expect(md).toContain('$55,830.25');
    expect(md).toContain('47.69%');
  });
});
