// Exports from a share link's page, in Chromium: a manager who was sent a link downloads the whole conversation
// and each answer (Markdown, print view) from the read-only page, in their UI language, at desktop and phone
// width; the file is named by the question and carries no SQL for a viewer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait, shareLink } from './chat-helpers.ts';
import {
  ARTIFACTS,
  chromiumAvailable,
  type E2e,
  launchHeadless,
  openLoggedIn,
  startE2e,
  type Viewport,
} from './support.ts';

let env: E2e;
let browser: Browser;

type Lang = 'en' | 'zh';
const QUESTION: Record<Lang, string> = { en: 'Why did July drop?', zh: '7月为什么下降？' };
const AUTHOR: Record<Lang, string> = { en: 'Author', zh: '作者' };
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const logIn = async (who: 'ana' | 'vic', lang: Lang, viewport: Viewport): Promise<Page> =>
  (await openLoggedIn(browser, env, who === 'ana' ? 'analyst' : 'viewer', lang, viewport)).page;

/** Clicks a download link and returns the file's suggested name and text. */
async function download(page: Page, selector: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).first().click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

describe.skipIf(!chromiumAvailable)('exports from a share link', () => {
  const links = {} as Record<Lang, string>;

  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
    // The analyst asks in each language and shares each conversation.
    for (const lang of ['en', 'zh'] as const) {
      const ana = await logIn('ana', lang, VIEWPORTS[0]);
      await askAndWait(ana, QUESTION[lang]);
      links[lang] = await shareLink(ana);
      await ana.context().close();
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  for (const lang of ['en', 'zh'] as const)
    for (const vp of VIEWPORTS)
      it(`a viewer downloads the shared answer in ${lang} on ${vp.name}`, async () => {
        const vic = await logIn('vic', lang, vp);
        await vic.goto(links[lang]);
        await vic.locator('.shared-head .answer-tools a[href*="format=md"]').waitFor();
        await vic.locator('.msg.assistant .answer-tools a[href*="format=md"]').first().waitFor();
        for (const a of await vic.locator('.answer-tools a').all())
          expect(await a.getAttribute('href')).toMatch(
            new RegExp(`^/api/share/[A-Za-z0-9_-]{43}/export\\?.*lang=${lang}`),
          );
        expect(await vic.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
        // The pane opens at the last question; the screenshot shows the head with the whole-conversation links.
        await vic.locator('.shared-head').scrollIntoViewIfNeeded();
        await vic.screenshot({ path: join(ARTIFACTS, `share-export-${lang}-${vp.name}.png`) });

        const one = await download(vic, '.msg.assistant .answer-tools a[href*="format=md"]');
        const stem = lang === 'en' ? 'why-did-july-drop' : '7月为什么下降';
        expect(one.name).toContain(stem);
        expect(one.name).toMatch(/\.md$/);
        expect(one.text).toContain(`# ${QUESTION[lang]}`);
        expect(one.text).toContain(`${AUTHOR[lang]} ana`);
        expect(one.text).not.toMatch(/SELECT/i);
        const all = await download(vic, '.shared-head .answer-tools a[href*="format=md"]');
        expect(all.name).toContain(stem);
        expect(all.text).toContain(`${AUTHOR[lang]} ana`);
        await vic.context().close();
      }, 120_000);
});
