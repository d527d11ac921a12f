// A Tidelens server whose model is the in-repo fake Bedrock: the suites that need an answer the offline model
// would never give (a false claim, a link to another site, a slow stream) script it here.
import type { Browser, Page } from 'playwright-core';
import { vi } from 'vitest';
import { FakeBedrock } from '../../eval/fake-bedrock/server.ts';
import { type E2e, startE2e } from './support.ts';

export interface ScriptedServer {
  fake: FakeBedrock;
  env: E2e;
  /** Stops the server and the fake model, and restores the environment. */
  close(): Promise<void>;
}

export async function startWithScriptedModel(): Promise<ScriptedServer> {
  const fake = await FakeBedrock.start();
  // The SDK reads credentials from the standard chain: dummy ones for the fake service.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  const env = await startE2e({
    TIDELENS_PROVIDER: 'bedrock',
    BEDROCK_MODEL_ID: 'amazon.nova-lite-v1:0',
    BEDROCK_ENDPOINT: fake.endpoint,
    AWS_REGION: 'us-east-1',
  });
  return {
    fake,
    env,
    close: async () => {
      await env.close();
      await fake.close();
      vi.unstubAllEnvs();
    },
  };
}

/** A fresh desktop context signed in as the analyst, at the composer. */
export async function logInAnalyst(browser: Browser, env: E2e, locale = 'en-US'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await page.fill('input[name=username]', 'ana');
  await page.fill('input[name=password]', env.passwords.analyst);
  await page.click('button[type=submit]');
  await page.waitForSelector('.composer textarea');
  return page;
}
