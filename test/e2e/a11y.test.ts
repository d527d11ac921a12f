// Accessibility in Chromium beyond the axe check (which test/e2e/walk.test.ts runs on the login page, the
// overview, a why answer, the phone drawer and the admin page, in English and Chinese, desktop and phone):
// the skip link, the phone drawer as a modal, distinct control names, one live region per answer, the chart's
// text alternative, reduced motion and 200 % zoom.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAndWait } from './chat-helpers.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, startE2e, submitLogIn, VIEWPORTS } from './support.ts';

let env: E2e;
let browser: Browser;

const WHY = { en: 'why did July drop?', zh: '7月为什么下降？' } as const;
type Lang = keyof typeof WHY;

async function open(lang: Lang, viewport: { width: number; height: number }, extra: object = {}) {
  const ctx = await browser.newContext({ viewport, locale: lang === 'zh' ? 'zh-CN' : 'en-US', ...extra });
  await ctx.addInitScript((l) => localStorage.setItem('tl_lang', l), lang);
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('input[name=username]');
  return { ctx, page };
}

const logIn = (page: Page, user: 'admin' | 'analyst') => submitLogIn(page, env, user);

const waitForChart = (page: Page) =>
  page.waitForFunction(() => document.querySelectorAll('.chart svg g[class*="mark-"] path').length > 0, undefined, {
    timeout: 30_000,
  });

describe.skipIf(!chromiumAvailable)('accessibility in Chromium', () => {
  beforeAll(async () => {
    env = await startE2e();
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('skip link, distinct names, one live region per answer, and the chart text from its own data', async () => {
    const { ctx, page } = await open('en', VIEWPORTS.desktop);
    await logIn(page, 'analyst');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer');

    await askAndWait(page, 'Top 10 products last quarter');
    await page.locator('.new-chat').click();
    const answer = await askAndWait(page, WHY.en);
    await waitForChart(page);
    expect(await page.locator('.messages').getAttribute('aria-live')).toBeNull();
    expect(await page.locator('.messages [aria-live]').count()).toBe(1);
    expect(await answer.locator('[aria-live]').count()).toBe(1);

    // Every control on the page has a name, and no two share one.
    const names = await page.evaluate(() =>
      [...document.querySelectorAll('.layout button, .layout a[href], .layout input, .layout select, .layout textarea')]
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => e.getAttribute('aria-label') ?? (e.textContent ?? '').trim()),
    );
    expect(names.filter((n) => !n)).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const renames = await page.locator('.conv-list button.rename').evaluateAll((b) => b.map((e) => e.ariaLabel));
    expect(renames.length).toBe(2);
    expect(renames[0]).not.toBe(renames[1]);

    // The caption's figures are the chart data's own: for a waterfall its start and end totals and its largest
    // decrease and increase (each step's own change, never a running subtotal); otherwise the max and min of
    // its measured field.
    const id = await page.evaluate(() => location.hash.slice(4));
    const detail = await (await page.request.get(`${env.server.url}/api/conversations/${id}`)).json();
    const spec = detail.turns.at(-1).summary.charts[0];
    const enc = spec.encoding ?? spec.layer[0].encoding;
    const fmt = (v: number) =>
      new Intl.NumberFormat('en-US', { maximumFractionDigits: Number.isInteger(v) ? 0 : 2 }).format(v);
    const figure = answer.locator('figure.chart-block').first();
    expect(await figure.getAttribute('aria-label')).toBe(`Chart: ${spec.title}`);
    // Money reads with its currency sign, as on the chart's axis and in its tooltips.
    const caption = (await figure.locator('figcaption').innerText()).replace(/\$/g, '');
    const rows = spec.data.values as Record<string, unknown>[];
    if (enc.x2 || enc.y2) {
      const totalKind = enc.color.scale.domain[0];
      const ordered = [...rows].sort((a, b) => Number(a.order) - Number(b.order));
      const totals = ordered.filter((r) => r.kind === totalKind);
      const deltas = ordered.filter((r) => r.kind !== totalKind).map((r) => r.amount as number);
      expect(caption).toContain(`starts at ${fmt(totals[0]!.amount as number)}`);
      expect(caption).toContain(`ends at ${fmt(totals.at(-1)!.amount as number)}`);
      if (deltas.some((d) => d < 0)) expect(caption).toContain(`largest decrease ${fmt(Math.min(...deltas))}`);
      if (deltas.some((d) => d > 0)) expect(caption).toContain(`largest increase ${fmt(Math.max(...deltas))}`);
      expect(caption).not.toMatch(/highest|lowest/);
    } else {
      const field = enc.y.type === 'quantitative' ? enc.y.field : enc.x.field;
      const vals = rows.map((r) => r[field]).filter((v): v is number => typeof v === 'number');
      expect(caption).toContain(`highest ${fmt(Math.max(...vals))}`);
      expect(caption).toContain(`lowest ${fmt(Math.min(...vals))}`);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-chart-caption.png') });
    await ctx.close();
  }, 120_000);

  it('phone drawer: a modal that traps focus, closes on Escape and on the backdrop, and returns focus', async () => {
    const { ctx, page } = await open('zh', VIEWPORTS.phone);
    await logIn(page, 'analyst');
    await askAndWait(page, '本月各渠道销售额对比');
    const toggle = page.locator('button.menu');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#sidebar').evaluate((e) => (e as HTMLElement).inert)).toBe(true);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const dialog = page.locator('#sidebar[role=dialog][aria-modal=true]');
    await dialog.waitFor();
    const inside = () => page.evaluate(() => !!document.activeElement?.closest('#sidebar'));
    expect(await inside()).toBe(true);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await inside()).toBe(true);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-zh-phone-drawer.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#sidebar:not(.open)');
    // Focus goes back in the effect that runs after the drawer's render, a frame after the class changes.
    await page.waitForFunction(() => document.activeElement?.classList.contains('menu'), null, { timeout: 5_000 });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await page.mouse.click(370, 500); // the backdrop, right of the drawer
    await page.waitForSelector('#sidebar:not(.open)');
    // Focus goes back in the effect that runs after the drawer's render, a frame after the class changes.
    await page.waitForFunction(() => document.activeElement?.classList.contains('menu'), null, { timeout: 5_000 });
    await ctx.close();
  }, 90_000);

  it('honours prefers-reduced-motion and stays usable at 200 % zoom', async () => {
    // 1440×900 at 200 %: a 720×450 CSS viewport at twice the pixel density.
    const { ctx, page } = await open(
      'en',
      { width: 720, height: 450 },
      {
        deviceScaleFactor: 2,
        reducedMotion: 'reduce',
      },
    );
    await logIn(page, 'analyst');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = (await page.locator('.composer').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(450 + 1);
    expect(await page.locator('.sidebar').evaluate((e) => getComputedStyle(e).transitionDuration)).toMatch(/^0s/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Top 10 products last quarter');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('.msg.assistant')?.getAttribute('aria-busy') === 'false',
      undefined,
      {
        timeout: 60_000,
      },
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.click('button.menu');
    await page.waitForSelector('#sidebar.open');
    await page.screenshot({ path: join(ARTIFACTS, 'a11y-zoom-200.png') });
    await ctx.close();
  }, 90_000);
});
