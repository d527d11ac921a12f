// Exports from the browser, in Chromium: a just-streamed answer offers its own export at once; the answer's and
// the whole conversation's files carry the UI language's labels and a name from the question; the print view
// has the title, author, date and "data through" line; an edited answer is marked in them. 中文 and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { chromiumAvailable, type E2e, launchHeadless, openLoggedIn, startE2e } from './support.ts';

let env: E2e;
let browser: Browser;

const open = async (lang: 'en' | 'zh'): Promise<Page> => (await openLoggedIn(browser, env, 'analyst', lang)).page;

async function fetchLink(page: Page, selector: string) {
  const href = await page.locator(selector).last().getAttribute('href');
  expect(href).toBeTruthy();
  const res = await page.context().request.get(new URL(href!, env.server.url).toString());
  expect(res.status()).toBe(200);
  return { href: href!, disposition: res.headers()['content-disposition'] ?? '', text: await res.text() };
}

describe.skipIf(!chromiumAvailable)('exports from the browser', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('exports a just-streamed answer and the conversation in Chinese, edits marked', async () => {
    const page = await open('zh');
    await askAndWait(page, '7月为什么下降？');
    // No reload needed: the answer's own export is there once it has finished.
    const one = await fetchLink(page, '.answer-tools a[href*="format=md"]');
    expect(one.href).toContain('lang=zh');
    expect(decodeURIComponent(one.disposition)).toContain('7月为什么下降');
    expect(one.text).toContain('导出日期');

    // A chip re-run, then the whole conversation: the edit is marked and says what changed.
    const select = page.locator('.input-chips [data-chip="channel"] select').last();
    await select.selectOption('"amazon"');
    await page.waitForFunction(() => document.querySelectorAll('.msg.assistant').length === 2, null, {
      timeout: 15_000,
    });
    const all = await fetchLink(page, '.conv-tools a[href*="format=md"]');
    expect(all.href).toContain('lang=zh');
    expect(all.text).toContain('## 已修改: 渠道: 全部渠道 → 亚马逊');
    expect(all.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    const print = await fetchLink(page, '.conv-tools a[href*="format=html"]');
    expect(print.text).toContain('<h1>7月为什么下降？</h1>');
    expect(print.text).toMatch(/作者 ana/);
    expect(print.text).toMatch(/数据截至 \d{4}-\d{2}-\d{2}/);
    expect(print.text).toContain('<span class="edited">已修改</span>');
    await page.context().close();
  }, 120_000);

  it('names an English answer file after its question', async () => {
    const page = await open('en');
    await askAndWait(page, 'net sales by channel last month');
    const one = await fetchLink(page, '.answer-tools a[href*="format=md"]');
    expect(one.disposition).toMatch(/filename="net-sales-by-channel-last-month-\d{4}-\d{2}-\d{2}\.md"/);
    expect(one.text).toContain('_Exported ');
    await page.context().close();
  }, 60_000);
});
