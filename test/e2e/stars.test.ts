// Saved answers in Chromium: ☆ under an answer saves it, the conversation becomes kept, the history page lists
// it under "saved answers" and opens its conversation, and the star survives a reload; in English on a desktop
// and in 中文 on a phone, as an analyst and as a viewer, with the axe check on the history page.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
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
  VIEWPORTS,
} from './support.ts';

let env: E2e;
let browser: Browser;

describe.skipIf(!chromiumAvailable)('saved answers in Chromium', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  for (const [lang, device, user] of [
    ['en', 'desktop', 'analyst'],
    ['zh', 'phone', 'viewer'],
  ] as const) {
    it(`saves an answer and lists it on the history page (${lang}, ${device}, ${user})`, async () => {
      const { ctx, page } = await openLoggedIn(browser, env, user, lang, VIEWPORTS[device]);
      const phone = device === 'phone';

      const question = lang === 'zh' ? '各渠道的销售额' : 'net sales by channel last month';
      await askAndWait(page, question);
      await askAndWait(page, lang === 'zh' ? '7月为什么下降？' : 'why did July drop?');
      const stars = page.locator('button.star-answer');
      expect(await stars.count()).toBe(2);
      const names = await stars.evaluateAll((els) => els.map((e) => e.ariaLabel));
      expect(new Set(names).size).toBe(2);
      await stars.first().click();
      await page.waitForSelector('button.star-answer[aria-pressed="true"]');
      expect(await page.locator('.answer-star [role=status]').first().innerText()).toContain(
        lang === 'zh' ? '已保存' : 'Saved',
      );
      // Saving an answer keeps its conversation.
      if (phone) await page.click('button.menu');
      await page.locator('.conv-list li').first().locator('button[aria-pressed="true"]').waitFor();
      await page.screenshot({ path: join(ARTIFACTS, `stars-${lang}-${device}-saved.png`) });

      await page.click('.sidebar .history-link');
      await page.waitForSelector('main.history .saved-answer');
      const saved = page.locator('.saved-answers .saved-answer');
      expect(await saved.count()).toBe(1);
      expect(await saved.first().locator('.history-open').innerText()).toContain(question);
      await page.screenshot({ path: join(ARTIFACTS, `stars-${lang}-${device}-history.png`), fullPage: true });
      expect(await axeSerious(page)).toEqual([]);

      await saved.first().locator('.history-open').click();
      await page.waitForSelector('.msg.assistant');
      await page.reload();
      await page.waitForSelector('button.star-answer');
      const pressed = await page
        .locator('button.star-answer')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-pressed')));
      expect(pressed).toEqual(['true', 'false']);

      // Unsaved, it leaves the list.
      await page.locator('button.star-answer').first().click();
      await page.waitForSelector('button.star-answer[aria-pressed="true"]', { state: 'detached' });
      await page.goto(`${env.server.url}/#/history`);
      await page.waitForSelector('main.history .saved-answers');
      await page.waitForFunction(() => !document.querySelector('.history [role=status]')?.textContent?.includes('…'));
      expect(await page.locator('.saved-answers .saved-answer').count()).toBe(0);
      await ctx.close();
    }, 120_000);
  }
});
