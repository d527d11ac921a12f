// Links in an answer, in Chromium: a scripted Bedrock model answers with a Markdown link and an HTML anchor
// to another site, plus a relative and a same-origin link. Only the two into the app stay links; the others
// show as their plain text (issue #14 M7).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBedrock } from '../../eval/fake-bedrock/server.ts';
import { askAndWait } from './chat-helpers.ts';
import { chromiumAvailable, type E2e, launchHeadless, startE2e } from './support.ts';

let fake: FakeBedrock;
let env: E2e;
let browser: Browser;

function answer(origin: string): string {
  return [
    'Contact [Monsoon help](https://phish.example.com/help) or',
    '<a href="https://phish.example.com/login">Monsoon support</a>, or <a href="//phish.example.com/x">there</a>.',
    `Open [the export](/api/exports/1.csv) or [the shared view](${origin}/share/abc).`,
  ].join(' ');
}

async function logIn(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await page.fill('input[name=username]', 'ana');
  await page.fill('input[name=password]', env.passwords.analyst);
  await page.click('button[type=submit]');
  await page.waitForSelector('.composer textarea');
  return page;
}

describe.skipIf(!chromiumAvailable)('links in an answer in Chromium', () => {
  beforeAll(async () => {
    fake = await FakeBedrock.start();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    env = await startE2e({
      TIDELENS_PROVIDER: 'bedrock',
      BEDROCK_MODEL_ID: 'amazon.nova-lite-v1:0',
      BEDROCK_ENDPOINT: fake.endpoint,
      AWS_REGION: 'us-east-1',
    });
    fake.always(() => ({ reply: { text: [answer(new URL(env.server.url).origin)] } }));
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
    await fake?.close();
    vi.unstubAllEnvs();
  });

  it('keeps links into the app and shows links elsewhere as plain text', async () => {
    const page = await logIn();
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
