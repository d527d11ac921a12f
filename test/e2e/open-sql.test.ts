// "Open as SQL" in Chromium: an analyst puts a query of an answer's steps, values filled in, in the composer as
// a request to run it; sent, it is answered by free SQL (run_sql). Viewers have no such button.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { chromiumAvailable, type E2e, launchHeadless, openLoggedIn, startE2e } from './support.ts';

let env: E2e;
let browser: Browser;

const open = async (user: 'ana' | 'vic', lang: 'en' | 'zh'): Promise<Page> =>
  (await openLoggedIn(browser, env, user === 'ana' ? 'analyst' : 'viewer', lang)).page;

describe.skipIf(!chromiumAvailable)('open as SQL', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('puts the query in the composer and runs it as free SQL (analyst, 中文)', async () => {
    const page = await open('ana', 'zh');
    const answer = await askAndWait(page, '上个月各渠道的销售额');
    await answer.locator('details.steps').evaluate((d: HTMLDetailsElement) => (d.open = true));
    const button = answer.locator('button.open-sql').first();
    expect(await button.innerText()).toBe('作为 SQL 打开');
    await button.click();
    const text = await page.locator('.composer textarea').inputValue();
    expect(text).toMatch(/^运行这段 SQL：\n```sql\nSELECT/);
    expect(text).not.toContain('?');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => {
        const list = document.querySelectorAll('.msg.assistant');
        return list.length === 2 && list[1]!.getAttribute('aria-busy') === 'false';
      },
      null,
      { timeout: 60_000 },
    );
    const last = page.locator('.msg.assistant').last();
    await last.locator('details.steps').evaluate((d: HTMLDetailsElement) => (d.open = true));
    expect(await last.locator('details.steps code.tool').allInnerTexts()).toContain('run_sql');
    await page.context().close();
  }, 120_000);

  it('offers viewers no SQL to open', async () => {
    const page = await open('vic', 'en');
    const answer = await askAndWait(page, 'net sales by channel last month');
    expect(await answer.locator('button.open-sql').count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
