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

/** Makes the open conversation's read-only share link through the share dialog and returns its address. */
export async function shareLink(page: Page): Promise<string> {
  await page.locator('.conv-tools button.share').click();
  await page.locator('.share-dialog button.create-link').click();
  const link = page.locator('.share-dialog input');
  await link.waitFor();
  const url = await link.inputValue();
  await page.locator('.share-dialog button.close').click();
  return url;
}
