// Page steps the browser suites share.
import type { Page } from 'playwright-core';

/** Sends a question with Enter and waits until its answer has finished streaming. */
export async function askAndWait(page: Page, question: string) {
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
