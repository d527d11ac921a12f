// Back and forward in Chromium: every view (the overview, each conversation, the history page, the admin page)
// has its own address, the browser's back and forward buttons move between them, and a reload reopens the view
// the address names. In English on a desktop and in 中文 on a phone; screenshots go to test-results/e2e/.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import {
  ARTIFACTS,
  chromiumAvailable,
  type E2e,
  launchHeadless,
  openLoggedIn,
  type Role,
  startE2e,
  VIEWPORTS,
} from './support.ts';

let env: E2e;
let browser: Browser;

type Lang = 'en' | 'zh';
type Who = Role;

const open = (lang: Lang, device: keyof typeof VIEWPORTS, who: Who) =>
  openLoggedIn(browser, env, who, lang, VIEWPORTS[device]);

/** What the page shows: the view and, in a conversation, its first question. */
async function shows(page: Page): Promise<string> {
  return page.evaluate(() => {
    if (document.querySelector('main.history')) return 'history';
    if (document.querySelector('main.admin')) return 'admin';
    const q = document.querySelector('.msg.user p');
    if (q) return `conversation: ${q.textContent?.trim()}`;
    return document.querySelector('.chat .empty') ? 'overview' : 'other';
  });
}

async function waitShows(page: Page, want: string) {
  await page
    .waitForFunction(
      (w) => {
        const got = document.querySelector('main.history')
          ? 'history'
          : document.querySelector('main.admin')
            ? 'admin'
            : document.querySelector('.msg.user p')
              ? `conversation: ${document.querySelector('.msg.user p')!.textContent?.trim()}`
              : document.querySelector('.chat .empty')
                ? 'overview'
                : 'other';
        return got === w;
      },
      want,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  expect(await shows(page)).toBe(want);
}

const hash = (page: Page) => page.evaluate(() => location.hash.replace(/^#$/, ''));

describe.skipIf(!chromiumAvailable)('back, forward and reload in Chromium', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  for (const [lang, device] of [
    ['en', 'desktop'],
    ['zh', 'phone'],
  ] as const) {
    it(`moves between conversations, the overview and the history page (${lang}, ${device})`, async () => {
      const { ctx, page } = await open(lang, device, 'analyst');
      const phone = device === 'phone';
      const first = lang === 'zh' ? '各渠道的销售额' : 'net sales by channel last month';
      const second = lang === 'zh' ? '7月为什么下降？' : 'why did July drop?';
      await askAndWait(page, first);
      const firstHash = await hash(page);
      expect(firstHash).toMatch(/^#\/c\/[\w-]+$/);
      if (phone) await page.click('button.menu');
      await page.click('.sidebar .new-chat');
      await waitShows(page, 'overview');
      expect(await hash(page)).toBe('');
      await askAndWait(page, second);
      const secondHash = await hash(page);
      expect(secondHash).toMatch(/^#\/c\/[\w-]+$/);
      expect(secondHash).not.toBe(firstHash);
      if (phone) await page.click('button.menu');
      await page.click('.sidebar .history-link');
      await waitShows(page, 'history');
      expect(await hash(page)).toBe('#/history');
      await page.screenshot({ path: join(ARTIFACTS, `routing-${lang}-${device}-history.png`) });

      await page.goBack();
      await waitShows(page, `conversation: ${second}`);
      expect(await hash(page)).toBe(secondHash);
      await page.goBack();
      await waitShows(page, 'overview');
      await page.goBack();
      await waitShows(page, `conversation: ${first}`);
      expect(await hash(page)).toBe(firstHash);
      await page.goForward();
      await waitShows(page, 'overview');
      await page.goForward();
      await waitShows(page, `conversation: ${second}`);
      await page.goForward();
      await waitShows(page, 'history');

      // A reload reopens the view its address names.
      await page.reload();
      await page.waitForSelector('.composer textarea, main.history');
      await waitShows(page, 'history');
      await page.goBack();
      await waitShows(page, `conversation: ${second}`);
      await page.reload();
      await waitShows(page, `conversation: ${second}`);
      await page.screenshot({ path: join(ARTIFACTS, `routing-${lang}-${device}-reloaded.png`) });

      // Opening a conversation from the history page, then back, returns to the history page.
      await page.goto(`${env.server.url}/#/history`);
      await waitShows(page, 'history');
      await page.locator('.history-item .history-open', { hasText: first }).first().click();
      await waitShows(page, `conversation: ${first}`);
      await page.goBack();
      await waitShows(page, 'history');
      await ctx.close();
    }, 120_000);
  }

  it('gives the admin page an address that back leaves and a reload keeps', async () => {
    const { ctx, page } = await open('en', 'desktop', 'admin');
    await page.click('.topbar button.link:has-text("Users")');
    await waitShows(page, 'admin');
    expect(await hash(page)).toBe('#/admin');
    await page.reload();
    await waitShows(page, 'admin');
    await page.goBack();
    await waitShows(page, 'overview');
    await page.goForward();
    await waitShows(page, 'admin');
    await page.click('main.admin .admin-head button');
    await waitShows(page, 'overview');
    expect(await hash(page)).toBe('');
    await ctx.close();
  }, 60_000);

  it('keeps a viewer off the admin address', async () => {
    const { ctx, page } = await open('en', 'desktop', 'viewer');
    await page.goto(`${env.server.url}/#/admin`);
    await waitShows(page, 'overview');
    expect(await hash(page)).toBe('');
    await ctx.close();
  }, 60_000);
});
