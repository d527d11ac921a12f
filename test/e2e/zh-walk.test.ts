// Chinese all the way: walks every screen in 中文 (login, overview, why answer with its chart, tables and steps
// opened, other answers, the conversation list, the share dialog, export links, the admin page, the pages for a
// link that cannot open) and fails on any Latin-only word a reader sees, outside what is a name, not a word:
// product names, SKUs, brands, suppliers, campaign and traffic-source names (read from the seeded
// warehouse itself), SQL and code, usernames, and a few brand or format names (walk-checks.ts, which the issue-15
// walk shares). Categories and
// countries have Chinese names (src/protocol/value-labels.ts), so they must appear in Chinese.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, startE2e } from './support.ts';
import { type DataNames, dataNames, latinWords, openFolds } from './walk-checks.ts';

let env: E2e;
let browser: Browser;
let names: DataNames;

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `zh-walk-${name}.png`) });

describe.skipIf(!chromiumAvailable)('Chinese all the way', () => {
  beforeAll(async () => {
    env = await startE2e();
    names = await dataNames(join(env.dir, 'warehouse.db'));
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('no Latin-only word on any screen in 中文', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const problems: string[] = [];
    const check = async (screen: string) => {
      await shot(page, screen);
      problems.push(...(await latinWords(page, screen, names)));
    };

    await page.goto(env.server.url);
    await page.waitForSelector('input[name=username]');
    await check('login');

    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', env.passwords.admin);
    await page.click('button[type=submit]');
    await page.waitForSelector('.card', { timeout: 30_000 });
    await check('overview');

    for (const [name, q] of [
      ['why', '7月为什么下降？'],
      ['channels', '本月各渠道销售额对比'],
      ['products', '上季度销量前10的商品'],
      ['stock', '哪些商品缺货？'],
    ] as const) {
      await page.locator('.new-chat').click();
      await askAndWait(page, q);
      await page
        .waitForFunction(() => document.querySelectorAll('.chart svg').length > 0, undefined, { timeout: 15_000 })
        .catch(() => {});
      await openFolds(page);
      await check(name);
    }

    // Reopened from the store, an answer offers its exports; the print view is a page of its own.
    await page.reload();
    await page.waitForSelector('.answer-tools a[download]', { timeout: 30_000 });
    await openFolds(page);
    await check('export-links');
    const printView = await page.locator('.answer-tools a[target=_blank]').first().getAttribute('href');
    const conversation = page.url();
    await page.goto(new URL(printView!, env.server.url).href);
    await check('print-view');
    await page.goto(conversation);
    await page.waitForSelector('.msg.assistant');

    await page.locator('.conv-tools button', { hasText: '分享' }).first().click();
    await page.waitForSelector('dialog[open]');
    await check('share-dialog');
    await page.keyboard.press('Escape');

    await page.locator('.topbar button.link', { hasText: '用户管理' }).click();
    await page.waitForSelector('.admin table');
    await check('admin');
    await page.locator('.topbar button.link', { hasText: '用户管理' }).click();

    await page.goto(`${env.server.url}/#/c/no-such-conversation`);
    await page.reload(); // a new hash alone does not reload the page
    await page.waitForSelector('.cannot-open');
    await check('not-found');
    await page.goto(`${env.server.url}/share/no-such-link`);
    await page.waitForSelector('.cannot-open');
    await check('share-not-found');

    await ctx.close();
    expect(problems).toEqual([]);
  }, 300_000);
});
