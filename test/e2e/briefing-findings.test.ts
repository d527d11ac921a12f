// A manager's briefing in Chromium, as a viewer, in English and Chinese, at 1440×900 and 390×844: the takeaways
// are written from the turn's findings (rounded, in the UI language); the viewer can export the answer and the
// conversation (no SQL in the file); a print from the browser's own menu (beforeprint, a real PDF print) finds
// every folded chart drawn, a header with title, author, date and data through, and charts kept whole; a saved
// answer opened from the history page is scrolled to and focused.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, openLoggedIn, startE2e } from './support.ts';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let env: E2e;
let browser: Browser;

const CASES = [
  { lang: 'en', locale: 'en-US', why: 'Why did July drop?', next: 'Net sales by channel in August 2025' },
  { lang: 'zh', locale: 'zh-CN', why: '7月为什么下降？', next: '2025年8月各渠道的销售额' },
] as const;

/** Logs in as the viewer with the browser's locale `locale` (en-US or zh-CN) and the UI in its language. */
const open = async (locale: string, viewport: typeof DESKTOP): Promise<Page> =>
  (await openLoggedIn(browser, env, 'viewer', locale.startsWith('zh') ? 'zh' : 'en', viewport)).page;

/** Waits until no fold is left undrawn: the page drew the folded charts ahead of any print. */
const foldsPrimed = (page: Page) =>
  page.waitForFunction(
    () => {
      const folds = [...document.querySelectorAll<HTMLDetailsElement>('details.detail')];
      return (
        folds.length > 0 &&
        folds.every((d) => d.childElementCount >= 2 && !d.open && !d.classList.contains('priming')) &&
        [...document.querySelectorAll('figure.chart-block')].every((f) => f.getAttribute('data-chart') !== 'drawing')
      );
    },
    undefined,
    { timeout: 60_000 },
  );

async function checkTakeaways(page: Page, lang: 'en' | 'zh') {
  const answer = page.locator('.msg.assistant').last();
  await answer.locator('.chart-block .chart svg').first().waitFor({ timeout: 30_000 });
  const lines = await answer.locator('.takeaways li').allInnerTexts();
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines.length).toBeLessThanOrEqual(3);
  // The headline change from the change finding, rounded: a whole percent, no cents.
  if (lang === 'en') expect(lines[0]).toMatch(/^Net sales (fell|rose) \d+(\.\d)?% to \$[\d.]+[kM]? in July 2025/);
  else expect(lines[0]).toMatch(/^2025年7月销售额(下降|上升)\d+(\.\d)?%，至\$[\d.]+万/);
  const text = lines.join(' ');
  expect(text).not.toMatch(/\$[\d,]+\.\d\d(?![\d万亿kM])/);
  expect(text).not.toMatch(/\d\.\d\d%/);
  expect(text).not.toMatch(/[a-z]+_[a-z]+/); // no ids
  if (lang === 'zh') expect(lines[0]).not.toMatch(/[A-Za-z]{3,}/);
  // The line agrees with the stored finding it was written from.
  const change = await page.evaluate(async () => {
    const id = location.hash.match(/[0-9a-f-]{36}/)?.[0] ?? '';
    const r = await (await fetch(`/api/conversations/${id}`)).json();
    const steps = r.turns.at(-1).summary.steps as { findings?: { kind: string; relative?: number }[] }[];
    return steps.flatMap((s) => s.findings ?? []).find((f) => f.kind === 'change');
  });
  expect(change).toBeTruthy();
  const pct = Math.abs(change!.relative!) * 100;
  const shown = Number(/(\d+(?:\.\d)?)%/.exec(lines[0]!)![1]);
  expect(Math.abs(shown - pct)).toBeLessThanOrEqual(pct >= 10 ? 0.5 : 0.05);
  // The answer's own opening, exact, is kept in the folded detail.
  expect(await answer.locator('.answer-detail').textContent()).toMatch(/\$[\d,]+\.\d\d/);
}

async function checkExports(page: Page, shot: string) {
  const answer = page.locator('.msg.assistant').last();
  const md = answer.locator('.answer-tools a[href*="format=md"]');
  await md.waitFor();
  const conv = page.locator('.conv-tools a[href*="format=md"]');
  expect(await conv.count()).toBe(1);
  for (const href of [await md.getAttribute('href'), await conv.getAttribute('href')]) {
    const r = await page.request.get(new URL(href!, env.server.url).toString());
    expect(r.status()).toBe(200);
    const body = await r.text();
    expect(body.length).toBeGreaterThan(100);
    expect(body).not.toMatch(/\bSELECT\b/i);
  }
  await page.screenshot({ path: join(ARTIFACTS, `${shot}-answer.png`) });
}

async function checkPrint(page: Page, shot: string, viewport: typeof DESKTOP) {
  await foldsPrimed(page);
  // The moment a print from the browser's menu starts: beforeprint, then layout; nothing async gets to run.
  const printed = await page.evaluate(() => {
    window.dispatchEvent(new Event('beforeprint'));
    return {
      closed: document.querySelectorAll('details.detail:not([open])').length,
      charts: [...document.querySelectorAll('figure.chart-block')].map((f) => ({
        state: f.getAttribute('data-chart'),
        width: f.querySelector('.chart svg')?.getBoundingClientRect().width ?? 0,
      })),
      head: document.querySelector('main.chat > .print-head')?.textContent ?? '',
    };
  });
  expect(printed.closed).toBe(0);
  expect(printed.charts.length).toBeGreaterThanOrEqual(2);
  for (const c of printed.charts) {
    expect(c.state).toBe('drawn');
    expect(c.width).toBeGreaterThan(viewport.width * 0.4);
  }
  expect(printed.head).toMatch(/vic/);
  expect(printed.head).toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(printed.head).toMatch(/Data through \d{4}-\d{2}-\d{2}|数据截至 \d{4}-\d{2}-\d{2}/);
  await page.emulateMedia({ media: 'print' });
  const style = await page.evaluate(() => ({
    head: getComputedStyle(document.querySelector('.print-head')!).display,
    breaks: [...document.querySelectorAll('figure.chart-block')].map((f) => getComputedStyle(f).breakInside),
  }));
  expect(style.head).toBe('block');
  for (const b of style.breaks) expect(b).toBe('avoid');
  await page.screenshot({ path: join(ARTIFACTS, `${shot}-print.png`), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  // A real print (to PDF) fires beforeprint itself: the header is stamped again without our help.
  await page.evaluate(() => document.querySelector('.print-head')?.remove());
  await page.pdf({ path: join(ARTIFACTS, `${shot}-print.pdf`) });
  expect(await page.locator('main.chat > .print-head').count()).toBe(1);
}

async function checkSavedAnswer(page: Page, next: string, phone: boolean, shot: string) {
  const first = page.locator('.msg.assistant').first();
  const turnId = await first.getAttribute('data-turn-id');
  // The star sits just after its answer: the first one is the first answer's.
  await page.locator('button.star-answer').first().click();
  await page.locator('button.star-answer').first().and(page.locator('[aria-pressed="true"]')).waitFor();
  await askAndWait(page, next);
  if (phone) await page.click('button.menu');
  await page.click('.sidebar .history-link');
  await page.locator('.saved-answers .saved-answer .history-open').first().click();
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-turn-id') === id, turnId, {
    timeout: 30_000,
  });
  // At the top of the messages pane (give or take a sub-pixel), not screens away at the last question.
  const at = await page.evaluate((id) => {
    const pane = document.querySelector('.messages')!.getBoundingClientRect();
    const el = document.querySelector(`[data-turn-id="${id}"]`)!.getBoundingClientRect();
    return { top: el.top - pane.top, height: pane.height };
  }, turnId);
  expect(at.top).toBeGreaterThanOrEqual(-2);
  expect(at.top).toBeLessThan(at.height / 2);
  await page.screenshot({ path: join(ARTIFACTS, `${shot}-saved-answer.png`) });
}

describe.skipIf(!chromiumAvailable)('the briefing from findings, viewer exports, print, saved answers', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  for (const c of CASES) {
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      it(`${c.lang}, ${device}`, async () => {
        const page = await open(c.locale, viewport);
        const shot = `briefing-findings-${c.lang}-${device}`;
        await askAndWait(page, c.why);
        await checkTakeaways(page, c.lang);
        await checkExports(page, shot);
        await checkPrint(page, shot, viewport);
        await checkSavedAnswer(page, c.next, device === 'phone', shot);
        await page.context().close();
      }, 300_000);
    }
  }
});
