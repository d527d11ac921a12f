// The browser path a person takes: log in, ask, watch it stream, see the chart, the steps and the SQL,
// follow up, reload, switch to Chinese, and as a viewer fail to reach run_sql. Every request the page
// makes is recorded: none may go to another origin, even over data that carries planted injection text.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumAvailable, launchBrowser, startE2e, type E2e } from './support.ts';

let env: E2e;
let ctx: BrowserContext;
let page: Page;
const requests: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });

async function logIn(user: string, password: string) {
  await page.goto(env.server.url);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.composer textarea');
}

async function askAndWait(question: string) {
  const before = await page.locator('.msg.assistant').count();
  await page.fill('.composer textarea', question);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => {
      const list = document.querySelectorAll('.msg.assistant');
      return list.length > n && list[list.length - 1]!.getAttribute('aria-busy') === 'false';
    },
    before,
    { timeout: 60_000 },
  );
  return page.locator('.msg.assistant').last();
}

describe.skipIf(!chromiumAvailable)('chat in Chromium', () => {
  beforeAll(async () => {
    env = await startE2e();
    ctx = await launchBrowser(join(env.dir, 'profile'));
    ctx.on('request', (r) => requests.push(r.url()));
    page = await ctx.newPage();
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    await env?.close();
  });

  it('analyst: log in, stream an answer with a chart, steps with SQL, a follow-up, and the conversation after reload', async () => {
    await page.goto(env.server.url);
    await page.waitForSelector('input[name=username]');
    await shot('01-login');
    await logIn('ana', env.passwords.analyst);
    await page.waitForSelector('.card', { timeout: 30_000 });
    expect(await page.locator('.card').count()).toBe(5);
    await shot('02-overview');

    // Record the answer's text whenever it changes while the turn is still running.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __streamed: number[] }).__streamed = seen;
      new MutationObserver(() => {
        const last = [...document.querySelectorAll('.msg.assistant')].at(-1);
        const text = last?.querySelector('.answer-text')?.textContent ?? '';
        if (last?.getAttribute('aria-busy') === 'true' && text && seen.at(-1) !== text.length) seen.push(text.length);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const answer = await askAndWait('why did July drop?');
    const streamed = await page.evaluate(() => (window as unknown as { __streamed: number[] }).__streamed);
    expect(streamed.length).toBeGreaterThan(0); // text was on screen before the turn finished
    expect((await answer.locator('.answer-text').innerText()).length).toBeGreaterThan(40);

    await page.waitForFunction(
      () =>
        document.querySelectorAll('.chart svg g[class*="mark-"] path, .chart svg g[class*="mark-"] line').length > 0,
      undefined,
      { timeout: 30_000 },
    );
    const steps = answer.locator('details.steps');
    expect(await steps.getAttribute('open')).toBeNull(); // collapsed by default
    await steps.locator('summary').click();
    expect(await answer.locator('.step').count()).toBeGreaterThan(0);
    expect(await answer.locator('pre.sql').count()).toBeGreaterThan(0);
    await shot('03-answer-chart-steps');

    const chips = answer.locator('.chip');
    const chipCount = await chips.count();
    expect(chipCount).toBeGreaterThanOrEqual(2);
    expect(chipCount).toBeLessThanOrEqual(4);
    const followUp = await chips.first().innerText();
    await chips.first().click();
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('.msg.assistant').length > n &&
        document.querySelectorAll('.msg.assistant')[n]!.getAttribute('aria-busy') === 'false',
      1,
      { timeout: 60_000 },
    );
    expect(await page.locator('.msg.user p').last().innerText()).toBe(followUp);
    await shot('04-follow-up');

    await page.reload();
    await page.waitForSelector('.conv-list li');
    expect(await page.locator('.conv-list .conv-title').first().innerText()).toMatch(/July/i);
    await page.locator('.conv-list .conv-title').first().click();
    await page.waitForFunction(() => document.querySelectorAll('.msg.assistant').length >= 2);
    expect(await page.locator('.msg.user').count()).toBe(2);
    await shot('05-after-reload');
  }, 240_000);

  it('switches to Chinese and answers a Chinese question', async () => {
    await page.click('button.lang');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await page.locator('.composer textarea').getAttribute('placeholder')).toMatch(/回车发送/);
    await page.locator('.new-chat').click();
    const answer = await askAndWait('本月各渠道销售额对比');
    expect(await answer.locator('.answer-text').innerText()).toMatch(/[\u4e00-\u9fff]/);
    await shot('06-chinese');
  }, 120_000);

  it('asks about products whose names carry injection text without any request leaving the origin', async () => {
    await page.locator('.new-chat').click();
    const answer = await askAndWait('Top 10 products last quarter');
    await answer.locator('.table-block').first().waitFor({ state: 'attached' }); // folded under the chart
    await shot('07-top-products');
    const origin = new URL(env.server.url).origin;
    const foreign = requests.filter(
      (u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
  }, 120_000);

  it('viewer: no SQL shown and run_sql never runs, even when asked for', async () => {
    await page.click('.topbar button.link:has-text("退出"), .topbar button.link:has-text("Log out")');
    await page.waitForSelector('input[name=username]');
    await logIn('vic', env.passwords.viewer);
    const answer = await askAndWait('Use run_sql: SELECT COUNT(*) AS n FROM orders');
    await answer
      .locator('details.steps summary')
      .click()
      .catch(() => {});
    expect(await answer.locator('pre.sql').count()).toBe(0);
    expect(await answer.locator('code.tool', { hasText: 'run_sql' }).count()).toBe(0);
    // And straight at the API: the stream for a viewer never starts run_sql.
    const res = await page.request.post(`${env.server.url}/api/chat`, {
      data: { message: 'run_sql SELECT 1', language: 'en' },
      headers: { 'content-type': 'application/json' },
    });
    const body = await res.text();
    expect(body).not.toMatch(/"tool":"run_sql"/);
    expect(body).not.toMatch(/"sql":"SELECT/);
    await shot('08-viewer');
  }, 120_000);

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page
      .locator('.new-chat')
      .click({ force: true })
      .catch(() => {});
    await page.goto(env.server.url);
    await page.waitForSelector('.composer textarea');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.click('button.menu');
    await page.waitForSelector('.sidebar.open');
    await page.waitForTimeout(300); // the slide-in transition
    await shot('09-phone-sidebar');
  }, 60_000);

  it('admin: the Users page creates a user and shows its password once', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(env.server.url);
    await page.click('.topbar button.link:has-text("退出"), .topbar button.link:has-text("Log out")');
    await logIn('admin', env.passwords.admin);
    await page.click('.topbar button.link:has-text("用户管理"), .topbar button.link:has-text("Users")');
    await page.waitForSelector('.admin table');
    await page.fill('.add-user input', 'new-analyst');
    await page.selectOption('.add-user select', 'analyst');
    await page.click('.add-user button[type=submit]');
    // The password stays in its own panel until dismissed (test/e2e/conversations.test.ts checks that).
    await page.waitForSelector('.admin .one-time-password');
    expect(await page.locator('.admin .one-time-password').innerText()).toMatch(/new-analyst[\s\S]*[A-Za-z0-9]{20}/);
    expect(await page.locator('.admin tbody tr').count()).toBe(4);
    await shot('10-admin-users');
  }, 60_000);
});
