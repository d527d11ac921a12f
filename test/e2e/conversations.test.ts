// Conversations that last and can be shared, in Chromium: titles with dates and the expiry with its keep
// action; regenerate, edit-and-resend, thumbs with a comment; a stopped answer that survives a reload; a
// read-only share link opened by another user (English, Chinese, phone width) and revoked; the page a link
// that cannot open shows (not yours, unknown, expired); and the admin's feedback list, one-time password
// and reset confirmation. Screenshots go to test-results/e2e/conv-*.png.
// The offline model answers faster than a click on Stop, so the stopped answer runs on a second server whose
// scripted Bedrock model (the fake service, as in claims.test.ts) streams its answer slowly.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest, Scripted } from '../../eval/fake-bedrock/server.ts';
import { axeSerious } from './axe.ts';
import { askAndWait } from './chat-helpers.ts';
import { type ScriptedServer, startWithScriptedModel } from './scripted-model.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, startE2e } from './support.ts';

let env: E2e;
let browser: Browser;
let ana: Page;
/** The server with the slow scripted model, and ana logged in there. */
let slow: E2e;
let slowAna: Page;
let scripted: ScriptedServer;
let shareUrl = '';
let convId = '';
const dialogs: string[] = [];

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `conv-${name}.png`) });

const STOP_QUESTION = 'why did July drop?';
// Streamed one piece every 400 ms: the whole answer would take 16 s, Stop comes after the first piece.
// No figures in it: the answer's number check has nothing to flag.
const SLOW_PIECES = ['July net sales fell. ', ...Array<string>(38).fill('Orders slowed. '), 'That is the whole story.'];

/** A sales trend first; once the request carries its result, the answer, slowly. */
function slowModel(req: RecordedRequest): Scripted {
  const msgs = req.body.messages as { content: Record<string, unknown>[] }[];
  if (!msgs.at(-1)?.content.some((c) => 'toolResult' in c)) {
    const input = { metrics: ['net_sales'], period: '2025-07', grain: 'week' };
    return { reply: { toolUses: [{ name: 'sales_trend', input, toolUseId: `t${msgs.length}` }] } };
  }
  return { reply: { text: SLOW_PIECES }, delayMs: 400 };
}

async function startSlow(): Promise<void> {
  scripted = await startWithScriptedModel();
  scripted.fake.always((req) => slowModel(req));
  slow = scripted.env;
}

/**
 * Waits until the pane holds `count` answers and the last of them has finished streaming. The last answer
 * is the last `.msg.assistant` in document order, not `:last-child`: input chips and other siblings follow it.
 */
async function answersDone(page: Page, count: number) {
  await page.waitForFunction(
    (n) => {
      const list = document.querySelectorAll('.msg.assistant');
      return list.length === n && list[n - 1]!.getAttribute('aria-busy') === 'false';
    },
    count,
    { timeout: 60_000 },
  );
}

/** A link opened afresh: a hash-only goto would stay in the page, as a click on an in-app link does. */
async function openLink(page: Page, path: string, on: E2e = env) {
  await page.goto(`${on.server.url}${path}`);
  await page.reload();
}

interface LogInOptions {
  lang?: 'en' | 'zh';
  width?: number;
  /** The server to log in to: the offline one unless told. */
  on?: E2e;
}

async function logIn(who: 'ana' | 'vic' | 'admin', o: LogInOptions = {}): Promise<Page> {
  const on = o.on ?? env;
  const zh = o.lang === 'zh';
  const ctx = await browser.newContext({
    viewport: { width: o.width ?? 1280, height: o.width && o.width < 500 ? 844 : 860 },
    locale: zh ? 'zh-CN' : 'en-US',
  });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: on.server.url });
  const page = await ctx.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  await page.goto(on.server.url);
  const password = { ana: on.passwords.analyst, vic: on.passwords.viewer, admin: on.passwords.admin }[who];
  await page.fill('input[name=username]', who);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.composer textarea');
  return page;
}

describe.skipIf(!chromiumAvailable)('conversations that last and can be shared', () => {
  beforeAll(async () => {
    env = await startE2e();
    await startSlow();
    browser = await launchHeadless();
    ana = await logIn('ana');
    slowAna = await logIn('ana', { on: slow });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
    await scripted?.close();
  });

  it('lists titles whole (two lines at most) with the date and "expires in 3 days · keep"', async () => {
    const long = 'Compare net sales by channel this month against the same month last year';
    await askAndWait(ana, long);
    const item = ana.locator('.conv-list li').first();
    expect(await item.locator('.conv-title-text').innerText()).toBe(long);
    expect(await item.locator('.conv-title-text').evaluate((e) => getComputedStyle(e).webkitLineClamp)).toBe('2');
    const meta = await item.locator('.conv-meta').innerText();
    const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).format(new Date());
    expect(meta).toContain(day);
    expect(meta).toContain('expires in 3 days · keep');
    await shot(ana, '1-sidebar-dates');
    await item.locator('button.keep').click();
    await expect.poll(() => item.locator('.expiry').count()).toBe(0);
    expect(await item.locator('.conv-actions .icon.on').count()).toBe(1);
    await item.locator('.conv-actions .icon.on').click(); // unkept again: the expiry comes back
    await item.locator('.expiry').waitFor();
  }, 120_000);

  it('regenerates the last answer and resends an edited question, each as a new turn', async () => {
    const before = await ana.locator('.msg.assistant').count();
    await ana.locator('.msg.assistant').last().locator('button.regenerate').click();
    await answersDone(ana, before + 1);
    const questions = await ana.locator('.msg.user p').allInnerTexts();
    expect(questions[questions.length - 1]).toBe(questions[questions.length - 2]);
    await ana.locator('.msg.user').first().locator('button.edit').click();
    const area = ana.locator('.edit-question textarea');
    await area.fill('Top 10 products last quarter');
    await shot(ana, '2-edit-question');
    await area.press('Enter');
    await answersDone(ana, before + 2);
    expect(await ana.locator('.msg.user p').last().innerText()).toBe('Top 10 products last quarter');
    expect(await ana.locator('.msg.user p').first().innerText()).toMatch(/^Compare net sales/); // history kept
  }, 120_000);

  it('takes a thumbs down with a comment and shows it after a reload', async () => {
    const last = ana.locator('.msg.assistant').last();
    await last.locator('button.thumb.down').click();
    await last.locator('.feedback-comment input').fill('wrong quarter');
    await last.locator('.feedback-comment button[type=submit]').click();
    await last.locator('.feedback [role=status]', { hasText: 'Thanks' }).waitFor();
    await shot(ana, '3-feedback');
    expect(await axeSerious(ana)).toEqual([]);
    await ana.reload();
    await ana.waitForSelector('.msg.assistant');
    expect(await ana.locator('.msg.assistant').last().locator('button.thumb.down').getAttribute('aria-pressed')).toBe(
      'true',
    );
    convId = /#\/c\/(.+)$/.exec(ana.url())![1]!;
  }, 60_000);

  it('keeps a stopped question and its partial answer, marked stopped, after a reload', async () => {
    await slowAna.fill('.composer textarea', STOP_QUESTION);
    await slowAna.keyboard.press('Enter');
    // Stop once the answer has started streaming: part of it is shown, most of it is still to come.
    await slowAna.locator('.msg.assistant', { hasText: SLOW_PIECES[0]!.trim() }).waitFor({ timeout: 30_000 });
    await slowAna.locator('.composer .stop').click();
    await slowAna.waitForSelector('.msg.assistant[aria-busy=false]');
    const id = /#\/c\/(.+)$/.exec(slowAna.url())![1]!;
    // The server stores the turn once it sees the closed connection.
    const status = () =>
      slowAna.evaluate(async (i) => (await (await fetch(`/api/conversations/${i}`)).json()).turns.at(-1)?.status, id);
    await expect.poll(status, { timeout: 10_000 }).toBe('cancelled');
    await slowAna.reload();
    await slowAna.waitForSelector('.msg.assistant[aria-busy=false]');
    expect(await slowAna.locator('.msg.user p').innerText()).toBe(STOP_QUESTION);
    const answer = slowAna.locator('.msg.assistant');
    expect(await answer.locator('.stopped').innerText()).toBe('Stopped.');
    const text = await answer.innerText();
    expect(text).toContain(SLOW_PIECES[0]!.trim());
    expect(text).not.toContain(SLOW_PIECES.at(-1)!.trim());
    // One mark of the stop, the UI's localized badge: the loop's own notice is not part of the answer.
    expect(text).not.toContain('Cancelled.');
    await shot(slowAna, '4-stopped-after-reload');
  }, 90_000);

  it('shares read-only: a viewer opens the link in Chinese and on a phone; revoking ends it', async () => {
    await openLink(ana, `/#/c/${convId}`);
    await ana.waitForSelector('.msg.assistant');
    await ana.locator('.conv-tools button.share').click();
    await ana.locator('.share-dialog button.create-link').click();
    const link = ana.locator('.share-dialog input');
    await link.waitFor();
    shareUrl = await link.inputValue();
    expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    await ana.locator('.share-dialog button.copy-link').click();
    await ana.locator('.share-dialog [role=status]', { hasText: 'Link copied' }).waitFor();
    await shot(ana, '5-share-dialog');
    expect(await axeSerious(ana)).toEqual([]);
    await ana.locator('.share-dialog button.close').click();

    const vic = await logIn('vic', { lang: 'zh' });
    await vic.goto(shareUrl);
    await vic.locator('.shared-head').waitFor();
    expect(await vic.locator('.shared-head p').innerText()).toMatch(/^ana 分享 · .+ · 只读$/);
    expect(await vic.locator('.msg.user p').first().innerText()).toMatch(/^Compare net sales/);
    expect(await vic.locator('.composer').count()).toBe(0);
    expect(await vic.locator('.feedback, button.regenerate, button.edit').count()).toBe(0);
    expect(await vic.content()).not.toContain('SELECT');
    await shot(vic, '6-shared-zh');
    expect(await axeSerious(vic)).toEqual([]);

    // On a phone, and opened before logging in: the link still opens after the log-in.
    const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const phone = await phoneCtx.newPage();
    await phone.goto(shareUrl);
    await phone.fill('input[name=username]', 'vic');
    await phone.fill('input[name=password]', env.passwords.viewer);
    await phone.click('button[type=submit]');
    await phone.locator('.shared-head').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
    await shot(phone, '7-shared-phone');

    await ana.locator('.conv-tools button.share').click();
    await ana.locator('.share-dialog button.revoke').click();
    await ana.locator('.share-dialog [role=status]', { hasText: 'no longer works' }).waitFor();
    await ana.locator('.share-dialog button.close').click();
    await vic.reload();
    await vic.locator('.cannot-open.share').waitFor();
    expect(await vic.locator('.cannot-open h2').innerText()).toBe('链接无效');
    await shot(vic, '8-revoked-zh');
    expect(await axeSerious(vic)).toEqual([]);
    await vic.locator('.cannot-open button').click();
    expect(new URL(vic.url()).pathname).toBe('/');
    await vic.locator('.starters').waitFor();
  }, 120_000);

  it('a link that cannot open says why: not yours, unknown, expired', async () => {
    const vic = await logIn('vic');
    await openLink(vic, `/#/c/${convId}`);
    await vic.locator('.cannot-open.forbidden').waitFor();
    expect(await vic.locator('.cannot-open h2').innerText()).toBe('Not yours');
    await shot(vic, '9-not-yours');
    await openLink(vic, '/#/c/no-such-conversation');
    await vic.locator('.cannot-open.not_found').waitFor();

    // Expire ana's stopped conversation (on the slow model's server) in the store file, as three idle days would.
    const store = new Database(join(slow.dir, 'conversations.db'));
    const { id } = store.prepare("SELECT id FROM conversations WHERE title = 'why did July drop?' LIMIT 1").get() as {
      id: string;
    };
    store.prepare('UPDATE conversations SET expires_at = ? WHERE id = ?').run(Math.floor(Date.now() / 1000) - 60, id);
    store.close();
    const status = await slowAna.evaluate(async (i) => (await fetch(`/api/conversations/${i}`)).status, id);
    expect(status).toBe(410);
    await openLink(slowAna, `/#/c/${id}`, slow);
    await slowAna.locator('.cannot-open.expired').waitFor();
    expect(await slowAna.locator('.cannot-open p').innerText()).toMatch(/expired/);
    await shot(slowAna, '10-expired');
  }, 60_000);

  it('admin: feedback list, a one-time password that stays until dismissed, reset after confirmation', async () => {
    const admin = await logIn('admin');
    await admin.locator('.topbar button', { hasText: 'Users' }).click();
    const row = admin.locator('.admin-feedback tbody tr').first();
    await row.waitFor();
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells[0]).toBe('Top 10 products last quarter');
    expect(cells.slice(2, 5)).toEqual(['👎 bad', 'wrong quarter', 'ana']);

    await admin.fill('.add-user input', 'newbie');
    await admin.click('.add-user button[type=submit]');
    const otp = admin.locator('.one-time-password');
    await otp.waitFor();
    const first = await otp.locator('.password').innerText();
    await admin.locator('select').first().focus(); // another click elsewhere: the password stays
    await admin.locator('.admin-head h1').click();
    await admin.waitForTimeout(300);
    expect(await otp.locator('.password').innerText()).toBe(first);
    await otp.locator('button.copy-password').click();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await otp.locator('button.dismiss').click();
    expect(await otp.count()).toBe(0);

    let patches = 0;
    admin.on('request', (r) => r.method() === 'PATCH' && patches++);
    await admin.locator('button[aria-label="Reset password: newbie"]').click();
    const confirm = admin.locator('dialog.confirm-reset');
    await confirm.locator('h2', { hasText: 'Reset the password of newbie?' }).waitFor();
    await shot(admin, '11-reset-confirm');
    expect(await axeSerious(admin)).toEqual([]);
    await confirm.locator('button', { hasText: 'Cancel' }).click();
    expect(patches).toBe(0);
    await admin.locator('button[aria-label="Reset password: newbie"]').click();
    await confirm.locator('button.confirm').click();
    await otp.waitFor();
    expect(await otp.locator('.password').innerText()).not.toBe(first);
    expect(patches).toBe(1);
    await shot(admin, '12-admin-feedback');
    expect(await axeSerious(admin)).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 60_000);
});
