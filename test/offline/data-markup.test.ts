// Names in the data are text, never markup: a product named with an HTML link (or a Markdown one, or a bare
// URL) must reach the answer escaped, so the rendered answer holds no link the data planted.
import Database from 'better-sqlite3';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTurnWithTranscript } from '../../src/agent/loop.ts';
import { escapeMarkdown, valueLabel } from '../../src/agent/offline/answer/format.ts';
import { createOfflineProvider } from '../../src/agent/offline/index.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { tools } from '../../src/tools/registry.ts';
import { buildFixture, JULY_DROP } from './fixture.ts';

const ANCHOR = '<a href="https://phish.example.com/login">Monsoon support</a>';
const html = (md: string) => marked.parse(md, { async: false, gfm: true }) as string;

describe('escapeMarkdown', () => {
  it('leaves tags, links, images and autolinks inert but reads the same', () => {
    for (const s of [
      ANCHOR,
      '[Monsoon](https://phish.example.com)',
      '![x](https://x.test/a.png)',
      'see https://x.test',
    ]) {
      const out = html(escapeMarkdown(s));
      expect(out).not.toMatch(/<a |<img /);
      expect(out.replace(/<\/?p>\n?/g, '')).toBe(
        s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
      );
    }
    expect(html(escapeMarkdown('write to sales@phish.example.com or www.phish.example.com'))).not.toMatch(/<a /);
    expect(html(`- ${escapeMarkdown('# **bold** _it_ ~~x~~ `c` a|b')}`)).not.toMatch(/<h1|<strong|<em|<del|<code/);
  });

  it('keeps plain names as they are', () => {
    expect(escapeMarkdown('Jewelry & Accessories')).toBe('Jewelry & Accessories');
    expect(escapeMarkdown('apple_pay')).toBe('apple_pay');
    expect(escapeMarkdown('_x_ y_')).toBe('\\_x\\_ y\\_');
    expect(escapeMarkdown("Women's Swimsuits #2")).toBe("Women's Swimsuits #2");
    expect(escapeMarkdown('&lt;b&gt;')).toBe('\\&lt;b\\&gt;');
    expect(valueLabel('amazon', 'en')).toBe('Amazon');
    expect(valueLabel(ANCHOR, 'en')).toBe(escapeMarkdown(ANCHOR));
  });
});

describe('offline answers naming a product that holds link markup', () => {
  let db: Db;
  beforeAll(() => {
    const path = buildFixture(JULY_DROP);
    const raw = new Database(path);
    raw.prepare('UPDATE products SET product_name = ? || product_id').run(ANCHOR);
    raw.close();
    db = openSqlite(path);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('writes the name escaped, not as a link', async () => {
    const { summary } = await runTurnWithTranscript({
      question: 'What were the top products by net sales in June 2024?',
      history: [],
      user: { id: 'u1', role: 'analyst' },
      provider: createOfflineProvider(),
      tools,
      ctx: { db, data: { minDate: JULY_DROP.minDate, maxDate: JULY_DROP.maxDate } },
    });
    expect(summary.steps.map((s) => s.tool)).toContain('top_products');
    expect(summary.answer).toContain(escapeMarkdown(ANCHOR));
    expect(summary.answer).not.toContain(ANCHOR);
    const rendered = html(summary.answer);
    expect(rendered).not.toMatch(/<a /);
    expect(rendered).toContain('&lt;a href=&quot;https://phish.example.com/login&quot;&gt;Monsoon support&lt;/a&gt;');
  });
});
