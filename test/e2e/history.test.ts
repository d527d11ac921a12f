// The history page in Chromium: reached from the sidebar (the drawer on a phone), it lists past conversations,
// searches them by text, metric and kept, opens one, and passes the axe check (no serious or critical
// violations) in English and 中文, on a desktop and a phone. Screenshots go to test-results/e2e/.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeSerious } from './axe.ts';
import { askAndWait } from './chat-helpers.ts';
import {
  ARTIFACTS,
  chromiumAvailable,
  type E2e,
  launchHeadless,
  openLoggedIn,
  startE2e,
  type Viewport,
  VIEWPORTS,
} from './support.ts';

let env: E2e;
let browser: Browser;

type Lang = 'en' | 'zh';

const open = (lang: Lang, viewport: Viewport) => openLoggedIn(browser, env, 'analyst', lang, viewport);

async function openHistory(page: Page, phone: boolean) {
  if (phone) await page.click('button.menu');
  await page.click('.sidebar .history-link');
  await page.waitForSelector('main.history');
  await page.waitForFunction(() => !document.querySelector('.history [role=status]')?.textContent?.includes('…'));
}

const titles = (page: Page) => page.locator('.history-item .history-open').allInnerTexts();

async function search(page: Page, fill: () => Promise<void>) {
  await fill();
  await page.click('.history-search button[type=submit]');
  await page.waitForFunction(() => !document.querySelector('.history [role=status]')?.textContent?.includes('…'));
}

describe.skipIf(!chromiumAvailable)('history page in Chromium', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
    // Three conversations to search: two in English, one in Chinese; the second one kept.
    const { ctx, page } = await open('en', VIEWPORTS.desktop);
    for (const q of ['why did July drop?', 'orders by channel last month', '各国家的退货率']) {
      await page.click('.new-chat');
      await askAndWait(page, q);
    }
    const star = page.locator('.conv-list li', { hasText: 'orders by channel' }).locator('button[aria-pressed]');
    await star.click();
    await page.waitForSelector('.conv-list li button[aria-pressed="true"]');
    await ctx.close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('lists, searches by text and metric, and opens a conversation (English, desktop)', async () => {
    const { ctx, page } = await open('en', VIEWPORTS.desktop);
    await openHistory(page, false);
    expect(await titles(page)).toEqual(
      expect.arrayContaining(['why did July drop?', 'orders by channel last month', '各国家的退货率']),
    );
    await search(page, () => page.getByLabel('Text in a question or answer').fill('july'));
    expect(await titles(page)).toEqual(['why did July drop?']);
    await page.screenshot({ path: join(ARTIFACTS, 'history-en-desktop-search.png') });
    // The page has its own address: a reload comes back to it.
    expect(new URL(page.url()).hash).toBe('#/history');
    await page.reload();
    await page.waitForSelector('main.history .history-item');

    await search(page, async () => {
      await page.getByLabel('Text in a question or answer').fill('');
      await page.getByLabel('Metric').selectOption('return_rate');
    });
    expect(await titles(page)).toEqual(['各国家的退货率']);

    await search(page, async () => {
      await page.getByLabel('Metric').selectOption('');
      await page.getByLabel('Show').selectOption('true');
    });
    expect(await titles(page)).toEqual(['orders by channel last month']);

    const today = new Date().toISOString().slice(0, 10);
    await search(page, async () => {
      await page.getByLabel('Show').selectOption('');
      await page.getByLabel('To', { exact: true }).fill('2001-01-01');
    });
    expect(await titles(page)).toEqual([]);
    expect(await page.locator('.history').innerText()).toContain('Nothing matches');
    await search(page, () => page.getByLabel('To', { exact: true }).fill(today));
    expect((await titles(page)).length).toBe(3);

    await page.locator('.history-open', { hasText: 'why did July drop?' }).click();
    await page.waitForSelector('.msg.assistant');
    expect(await page.locator('.msg.user').first().innerText()).toContain('why did July drop?');
    await ctx.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    for (const device of ['desktop', 'phone'] as const) {
      it(`passes the axe check (${lang}, ${device})`, async () => {
        const { ctx, page } = await open(lang, VIEWPORTS[device]);
        await openHistory(page, device === 'phone');
        if (lang === 'zh') {
          expect(await page.locator('main.history h1').innerText()).toBe('历史记录');
          await search(page, () => page.getByLabel('问题或回答中的文字').fill('退货率'));
          expect(await titles(page)).toEqual(['各国家的退货率']);
        }
        await page.screenshot({ path: join(ARTIFACTS, `history-${lang}-${device}.png`), fullPage: true });
        const found = await axeSerious(page);
        if (found.length) console.error(JSON.stringify(found, null, 2));
        expect(found).toEqual([]);
        await ctx.close();
      });
    }
  }
});
