// Claims in Chromium: a scripted Bedrock model (the fake service, through the real SDK client) runs a
// weekly sales trend for June 2025, then calls the partial last week the lowest. The answer must show the
// contradiction with its reason, open, in English and Chinese, and an unchecked claim folded away; a stored
// conversation shows the same when it is opened again.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest, Scripted } from '../../eval/fake-bedrock/server.ts';
import { askAndWait } from './chat-helpers.ts';
import { logInAnalyst, type ScriptedServer, startWithScriptedModel } from './scripted-model.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless } from './support.ts';

const ANSWERS = {
  // June 2025 ends on a Monday: the week of 30 June has one day in the period, so it is partial.
  en: 'Net sales were lowest in the week of 2025-06-30. The best channel was Amazon.',
  zh: '2025-06-30 这一周的销售额最低。',
};

/** Tool first; once the request carries the tool's result, the scripted (wrong) answer in the question's language. */
function model(req: RecordedRequest): Scripted {
  const msgs = req.body.messages as { content: Record<string, unknown>[] }[];
  const answered = msgs.at(-1)?.content.some((c) => 'toolResult' in c);
  if (!answered) {
    const input = { metrics: ['net_sales'], period: '2025-06', grain: 'week' };
    return { reply: { toolUses: [{ name: 'sales_trend', input, toolUseId: `t${msgs.length}` }] } };
  }
  const question = JSON.stringify(msgs[0]?.content ?? '');
  return { reply: { text: [/[\u4e00-\u9fff]/.test(question) ? ANSWERS.zh : ANSWERS.en] } };
}

let server: ScriptedServer;
let env: E2e;
let browser: Browser;

describe.skipIf(!chromiumAvailable)('claims beside an answer in Chromium', () => {
  beforeAll(async () => {
    server = await startWithScriptedModel();
    server.fake.always((req) => model(req));
    env = server.env;
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a contradicted claim with its reason, open, and an unchecked one folded (English)', async () => {
    const page = await logInAnalyst(browser, env, 'en-US');
    const answer = await askAndWait(page, 'Which week of June 2025 had the lowest net sales?');
    const box = answer.locator('.claims-contradicted');
    await expect.poll(() => box.isVisible()).toBe(true);
    await expect.poll(() => box.getByRole('heading').textContent()).toContain('1 statement contradicts the data');
    const item = box.getByRole('listitem');
    expect(await item.count()).toBe(1);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('lowest in the week of 2025-06-30');
    expect(text).toMatch(
      /the week of 30 Jun 2025 is not a full week.*the lowest full week was the week of \d+ Jun 2025/,
    );
    const folded = answer.locator('details.claims-unverified');
    expect(await folded.getAttribute('open')).toBeNull();
    expect(await folded.locator('summary').textContent()).toContain(
      '1 statement could not be checked against the data',
    );
    expect(await folded.getByRole('listitem').isVisible()).toBe(false);
    await folded.locator('summary').click();
    expect(await folded.getByRole('listitem').textContent()).toContain('The best channel was Amazon.');
    await answer.screenshot({ path: join(ARTIFACTS, 'claims-en.png') });

    // The stored turn carries the check: opening the conversation again renders it from the summary.
    await page.reload();
    await page.waitForSelector('.msg.assistant');
    const stored = page.locator('.msg.assistant').last().locator('.claims-contradicted');
    await expect.poll(() => stored.isVisible()).toBe(true);
    expect(await stored.textContent()).toContain('not a full week');
    await page.context().close();
  }, 120_000);

  it('shows the contradiction and its reason in Chinese', async () => {
    const page = await logInAnalyst(browser, env, 'zh-CN');
    const answer = await askAndWait(page, '2025年6月哪一周的销售额最低？');
    const box = answer.locator('.claims-contradicted');
    await expect.poll(() => box.isVisible()).toBe(true);
    expect(await box.getByRole('heading').textContent()).toContain('1 条陈述与数据不符');
    const text = (await box.getByRole('listitem').textContent()) ?? '';
    expect(text).toContain('2025-06-30 这一周的销售额最低');
    expect(text).toMatch(/2025年6月30日当周不是完整的周，不参与比较；完整周中最低的是2025年6月\d+日当周/);
    await answer.screenshot({ path: join(ARTIFACTS, 'claims-zh.png') });
    await page.context().close();
  }, 120_000);
});
