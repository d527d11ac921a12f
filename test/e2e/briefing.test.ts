// The answer as a briefing, in Chromium: a why answer's first screen at 1440×900 holds its takeaways (rounded
// figures, plain words) and its main chart (actual vs expected and the causes of the gap) without scrolling,
// in English and Chinese; the detail is folded; the view stays at the top of the new answer. Also the colour
// convention setting (up = green / up = red, by language until chosen, kept per browser), and printing with
// every chart drawn.
// UPDATE_SCREENSHOTS=1 also writes the README's screenshots to docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, openLoggedIn, startE2e } from './support.ts';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const DOCS = join(process.cwd(), 'docs', 'screenshots');
const docsShots = process.env.UPDATE_SCREENSHOTS === '1';

let env: E2e;
let browser: Browser;

/** Logs in as the analyst with the browser's locale `locale` (en-US or zh-CN) and the UI in its language. */
const open = async (locale: string, viewport = DESKTOP): Promise<Page> =>
  (await openLoggedIn(browser, env, 'analyst', locale.startsWith('zh') ? 'zh' : 'en', viewport)).page;

const chartDrawn = (page: Page) =>
  page.waitForFunction(
    () => {
      const a = [...document.querySelectorAll('.msg.assistant')].at(-1);
      return (a?.querySelector('.chart-block .chart svg g[class*="mark-"] path') ?? null) !== null;
    },
    undefined,
    { timeout: 30_000 },
  );

/** Boxes of the last answer's takeaways and main chart, and whether each lies inside the viewport. */
async function firstScreen(page: Page, viewport: { width: number; height: number }) {
  const answer = page.locator('.msg.assistant').last();
  const take = (await answer.locator('.takeaways').boundingBox())!;
  const chart = (await answer.locator('.chart-block').first().boundingBox())!;
  const inside = (b: { x: number; y: number; width: number; height: number }) =>
    b.y >= 0 && b.x >= 0 && b.y + b.height <= viewport.height && b.x + b.width <= viewport.width;
  return { take, chart, takeInside: inside(take), chartInside: inside(chart) };
}

async function shoot(page: Page, name: string, doc?: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  if (docsShots && doc) {
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, doc) });
  }
}

describe.skipIf(!chromiumAvailable)('the answer as a briefing', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('a why answer: takeaways and the actual-vs-expected chart on the first screen at 1440×900', async () => {
    const page = await open('en-US');
    await page.waitForSelector('.card', { timeout: 30_000 });
    await shoot(page, 'briefing-00-overview', 'overview.png');
    // Where the question sits while the answer streams: it must never be scrolled out of view.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { __tops: number[] }).__tops = seen;
      new MutationObserver(() => {
        const q = [...document.querySelectorAll('.msg.user')].at(-1);
        if (q) seen.push(q.getBoundingClientRect().top);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const answer = await askAndWait(page, 'Why did July drop?');
    await chartDrawn(page);
    const tops = await page.evaluate(() => (window as unknown as { __tops: number[] }).__tops);
    expect(tops.length).toBeGreaterThan(0);
    for (const top of tops) expect(top).toBeGreaterThanOrEqual(0);
    for (const top of tops) expect(top).toBeLessThan(DESKTOP.height / 2);

    const lines = await answer.locator('.takeaways li').allInnerTexts();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(3);
    const text = lines.join(' ');
    expect(text).toMatch(/\$\d/); // figures, rounded:
    expect(text).not.toMatch(/\$[\d,]+\.\d\d\b/); // no cents
    expect(text).not.toMatch(/\d\.\d\d%/); // no shares to two decimals

    // The main chart is the gap picture: last period, season and trend, expected, causes, remainder, actual.
    const figure = answer.locator('figure.chart-block').first();
    expect(await figure.getAttribute('aria-label')).toMatch(/vs expected/);
    const box = await firstScreen(page, DESKTOP);
    expect(box.takeInside).toBe(true);
    expect(box.chartInside).toBe(true);
    expect(box.take.y).toBeLessThan(box.chart.y);

    // The detail is there, folded: the answer's sections with exact figures, more charts, tables, steps.
    const folds = answer.locator('details.detail');
    expect(await folds.count()).toBeGreaterThanOrEqual(3);
    // A fold print.ts opens out of sight to draw its charts ahead of printing (class "priming") is still folded.
    const openToTheEye = (ds: Element[]) =>
      ds.map((d) => (d as HTMLDetailsElement).open && !d.classList.contains('priming'));
    for (const open of await folds.evaluateAll(openToTheEye)) expect(open).toBe(false);
    expect(await answer.locator('.answer-detail').textContent()).toMatch(/\$[\d,]+\.\d\d/); // exact in the detail
    await shoot(page, 'briefing-01-why-en', 'why-answer.png');

    // Opening a folded chart draws it at the pane's width (after the print priming, which would undo the click).
    await page.waitForFunction(() => !document.querySelector('details.priming'), undefined, { timeout: 30_000 });
    const chartFold = answer.locator('details.detail', { hasText: 'Chart:' }).first();
    await chartFold.locator('summary').click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('details.detail[open] .chart svg')].some((s) => s.clientWidth > 300),
      undefined,
      { timeout: 30_000 },
    );
    await page.context().close();
  }, 180_000);

  it('in Chinese the same first screen, with up = red by default', async () => {
    const page = await open('zh-CN');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-up'))).toBe('red');
    const answer = await askAndWait(page, '7月为什么下降？');
    await chartDrawn(page);
    const lines = await answer.locator('.takeaways li').allInnerTexts();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(lines.join('')).not.toMatch(/\$[\d,]+\.\d\d(?![\d万亿])/); // cents, not 万
    const box = await firstScreen(page, DESKTOP);
    expect(box.takeInside).toBe(true);
    expect(box.chartInside).toBe(true);
    // The waterfall's decreases are green when up is red.
    const fills = await answer
      .locator('.chart-block')
      .first()
      .locator('svg g[class*="mark-rect"] path')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
    expect(fills).toContain('#2e9e5b');
    await shoot(page, 'briefing-02-why-zh', 'why-answer-zh.png');
    await page.context().close();
  }, 180_000);

  it('printing: Ctrl+P opens the folded sections and draws every chart before the print dialog', async () => {
    const page = await open('en-US');
    const answer = await askAndWait(page, 'Why did July drop?');
    await chartDrawn(page);
    const folded = answer.locator('details.detail', { hasText: 'Chart:' });
    expect(await folded.count()).toBeGreaterThanOrEqual(1);
    expect(await answer.locator('details.detail[open]:not(.priming)').count()).toBe(0); // folded to the eye
    // The page's state when the print dialog would open: window.print is replaced by a recorder.
    await page.evaluate(() => {
      window.print = () => {
        (window as unknown as { __printed: unknown }).__printed = {
          closed: document.querySelectorAll('details.detail:not([open])').length,
          charts: [...document.querySelectorAll('figure.chart-block')].map((f) => ({
            state: f.getAttribute('data-chart'),
            marks: f.querySelectorAll('.chart svg g[class*="mark-"] :is(path, line)').length,
            width: f.querySelector('.chart svg')?.clientWidth ?? 0,
          })),
        };
      };
    });
    await page.keyboard.press('Control+P');
    const printed = (await (
      await page.waitForFunction(() => (window as unknown as { __printed?: unknown }).__printed, undefined, {
        timeout: 30_000,
      })
    ).jsonValue()) as { closed: number; charts: { state: string; marks: number; width: number }[] };
    expect(printed.closed).toBe(0);
    expect(printed.charts.length).toBeGreaterThanOrEqual(2); // the main chart and the folded ones
    for (const c of printed.charts) {
      expect(c.state).toBe('drawn');
      expect(c.marks).toBeGreaterThan(0);
      expect(c.width).toBeGreaterThan(300);
    }
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'briefing-05-print.png'), fullPage: true });
    await page.context().close();
  }, 180_000);

  it('on a phone the takeaways come first and fit the width', async () => {
    const page = await open('en-US', PHONE);
    const answer = await askAndWait(page, 'Why did July drop?');
    await chartDrawn(page);
    const take = (await answer.locator('.takeaways').boundingBox())!;
    expect(take.y).toBeGreaterThanOrEqual(0);
    expect(take.y).toBeLessThan(PHONE.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shoot(page, 'briefing-03-why-phone', 'why-answer-phone.png');
    await page.context().close();
  }, 180_000);

  it('the colour setting: green by default in English, red once chosen, kept after reload', async () => {
    const page = await open('en-US');
    await page.waitForSelector('.card', { timeout: 30_000 });
    const upColour = () =>
      page.evaluate(() => {
        const el = document.querySelector('.card .up');
        return el ? getComputedStyle(el).color : null;
      });
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-up'))).toBe('green');
    const before = await upColour();
    await page.selectOption('select.up-colour', 'red');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-up'))).toBe('red');
    if (before !== null) expect(await upColour()).not.toBe(before);
    await page.reload();
    await page.waitForSelector('.composer textarea');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-up'))).toBe('red');
    expect(await page.locator('select.up-colour').inputValue()).toBe('red');
    await page.context().close();
  }, 120_000);
});
