// Links in an answer, in Chromium: a scripted Bedrock model answers with a Markdown link and an HTML anchor
// to another site, plus a relative and a same-origin link. Only the two into the app stay links; the others
// show as their plain text (issue #14 M7).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { logInAnalyst, type ScriptedServer, startWithScriptedModel } from './scripted-model.ts';
import { chromiumAvailable, type E2e, launchHeadless } from './support.ts';

let server: ScriptedServer;
let env: E2e;
let browser: Browser;

function answer(origin: string): string {
  return [
    'Contact [Monsoon help](https://phish.example.com/help) or',
    '<a href="https://phish.example.com/login">Monsoon support</a>, or <a href="//phish.example.com/x">there</a>.',
    `Open [the export](/api/exports/1.csv) or [the shared view](${origin}/share/abc).`,
  ].join(' ');
}

describe.skipIf(!chromiumAvailable)('links in an answer in Chromium', () => {
  beforeAll(async () => {
    server = await startWithScriptedModel();
    env = server.env;
    server.fake.always(() => ({ reply: { text: [answer(new URL(env.server.url).origin)] } }));
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps links into the app and shows links elsewhere as plain text', async () => {
    const page = await logInAnalyst(browser, env);
    const text = (await askAndWait(page, 'Who do I contact about Monsoon?')).locator('.answer-text');
    await expect.poll(() => text.textContent()).toContain('Monsoon support');
    const hrefs = await text.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const origin = new URL(env.server.url).origin;
    expect(hrefs).toEqual(['/api/exports/1.csv', `${origin}/share/abc`]);
    const all = (await text.textContent()) ?? '';
    for (const words of ['Monsoon help', 'Monsoon support', 'there', 'the export', 'the shared view'])
      expect(all).toContain(words);
    expect(await text.innerHTML()).not.toContain('phish.example.com');
    await page.context().close();
  }, 120_000);
});
