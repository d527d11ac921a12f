// Chat basics in Chromium: the view keeps the top of a new answer in sight while it streams and after;
// conversations are renamed in place and deleted with an undo toast (no prompt() or confirm()), the DELETE
// going out only when the toast expires; and each answer has a copy button that falls back gracefully.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, startE2e } from './support.ts';

let env: E2e;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const deletes: { url: string; at: number }[] = [];

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `basics-${name}.png`) });

/** Samples, every frame while the last answer streams, whether its top edge is inside the message pane. */
function watchAnswerTop() {
  return page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { __topSeen: boolean[] }).__topSeen = seen;
    const tick = () => {
      const last = [...document.querySelectorAll('.msg.assistant')].at(-1);
      const pane = document.querySelector('.messages')!.getBoundingClientRect();
      if (last?.getAttribute('aria-busy') === 'true') {
        const top = last.getBoundingClientRect().top;
        seen.push(top >= pane.top - 1 && top < pane.bottom - 20);
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

describe.skipIf(!chromiumAvailable)('chat basics in Chromium', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
    ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    page = await ctx.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.dismiss();
    });
    page.on('request', (r) => r.method() === 'DELETE' && deletes.push({ url: r.url(), at: Date.now() }));
    await page.goto(env.server.url);
    await page.fill('input[name=username]', 'ana');
    await page.fill('input[name=password]', env.passwords.analyst);
    await page.click('button[type=submit]');
    await page.waitForSelector('.composer textarea');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('keeps the top of a new answer in view while it streams and after it finishes', async () => {
    await askAndWait(page, 'Top 10 products last quarter');
    await watchAnswerTop();
    const answer = await askAndWait(page, 'why did July drop?');
    const seen = await page.evaluate(() => (window as unknown as { __topSeen: boolean[] }).__topSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((ok) => !ok)).toEqual([]);
    await page.waitForTimeout(300); // the chart draws after the stream ends
    const pane = (await page.locator('.messages').boundingBox())!;
    const question = (await page.locator('.msg.user').last().boundingBox())!;
    const top = (await answer.boundingBox())!.y;
    expect(top).toBeGreaterThanOrEqual(pane.y);
    expect(top).toBeLessThan(pane.y + pane.height / 2);
    expect(Math.abs(question.y - pane.y)).toBeLessThanOrEqual(16); // the question leads the pane
    await shot('1-answer-top');
  }, 120_000);

  it('copies an answer with the clipboard API, and without it through the fallback', async () => {
    const answer = page.locator('.msg.assistant').last();
    const copy = answer.locator('button.copy');
    expect(await copy.getAttribute('aria-label')).toBe('Copy the answer to “why did July drop?”');
    await copy.click();
    await answer.locator('.answer-tools [role=status]', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^Net sales fell/);
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.waitForTimeout(3100); // the first "Copied" clears
    await copy.click();
    await answer.locator('.answer-tools [role=status]', { hasText: /Copied|Could not copy/ }).waitFor();
    expect(dialogs).toEqual([]);
  }, 60_000);

  it('renames a conversation in place: Enter saves, Escape cancels, focus returns to the button', async () => {
    const first = page.locator('.conv-list li').first();
    const before = await first.locator('.conv-title').innerText();
    await first.locator('button.rename').click();
    const input = first.locator('input.conv-rename');
    expect(await input.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await input.getAttribute('aria-label')).toBe(`New title for “${before}”`);
    await input.press('Escape');
    expect(await first.locator('.conv-title').innerText()).toBe(before);
    await first.locator('button.rename').click();
    await input.fill('July drop, for the board');
    await shot('2-rename');
    await input.press('Enter');
    await page.locator('.conv-list .conv-title', { hasText: 'July drop, for the board' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('rename'))).toBe(true);
    expect(await page.locator('button.rename').first().getAttribute('aria-label')).toBe(
      'Rename “July drop, for the board”',
    );
    await page.reload();
    await page.locator('.conv-list .conv-title', { hasText: 'July drop, for the board' }).waitFor();
    expect(dialogs).toEqual([]);
  }, 60_000);

  it('deletes with undo: the item hides at once, Undo brings it back, the DELETE goes only on expiry', async () => {
    await page.locator('.new-chat').click();
    await askAndWait(page, 'Compare net sales by channel this month');
    const items = page.locator('.conv-list li');
    const count = await items.count();
    const title = await items.first().locator('.conv-title').innerText();
    await items.first().locator('button.delete').click();
    expect(await items.count()).toBe(count - 1);
    const toast = page.locator('.toast');
    expect(await toast.innerText()).toContain(title);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('undo'); // focus is not lost
    expect(await page.locator('.msg.assistant').count()).toBe(0); // it was open; the pane is cleared
    await shot('3-undo-toast');
    await page.waitForTimeout(1000);
    expect(deletes).toEqual([]);
    await toast.locator('button', { hasText: 'Undo' }).click();
    expect(await items.count()).toBe(count);
    await page.waitForSelector('.msg.assistant'); // and open again
    await page.waitForTimeout(6500);
    expect(deletes).toEqual([]); // undone: nothing was ever sent

    const clicked = Date.now();
    await items.first().locator('button.delete').click();
    await page.waitForFunction(() => !document.querySelector('.toast'), undefined, { timeout: 10_000 });
    expect(deletes.length).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('new-chat'))).toBe(true);
    expect(deletes[0]!.at - clicked).toBeGreaterThanOrEqual(5500);
    await page.reload();
    await page.waitForSelector('.conv-list li');
    expect(await items.count()).toBe(count - 1);
    expect(await page.locator('.conv-list .conv-title', { hasText: title }).count()).toBe(0);
    expect(dialogs).toEqual([]);
  }, 60_000);
});
