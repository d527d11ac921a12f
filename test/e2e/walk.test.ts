// Issue 15 walked end to end, four times: English and 中文, at 1440×900 and 390×844. Each walk is one signed-in
// analyst in one browser context going through the items 1–8 in order (the briefing, its charts, its
// tables and steps, Chinese all the way and the colour setting, conversations that last and can be shared, the
// accessibility the axe check cannot see, chips and the history page, exports), with a viewer and the admin in
// contexts of their own for what only they see. Every item leaves a screenshot in test-results/e2e/walk-*.png,
// and axe-core finds no serious or critical violation on the login page, the overview, a why answer and the
// admin page. docs/e2e-coverage.md maps each item to the tests that assert it.
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { axeSerious } from './axe.ts';
import { askAndWait } from './chat-helpers.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, startE2e } from './support.ts';
import {
  chartProblems,
  chartTexts,
  type DataNames,
  dataNames,
  inView,
  latinWords,
  openFolds,
  tableProblems,
} from './walk-checks.ts';

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
type Lang = 'en' | 'zh';
type Device = keyof typeof VIEWPORTS;

/** What the walk asks and the words it expects, per language: the UI's own strings, not the answers'. */
const WORDS = {
  en: {
    why: 'Why did July drop?',
    products: 'Top 10 products last quarter',
    edited: 'Compare net sales by channel this month',
    editedMark: 'Edited',
    amazon: 'Amazon',
    expires: /expires in \d days · keep/,
    stopped: 'Stopped.',
    thanks: 'Thanks',
    search: 'July',
    searchLabel: 'Text in a question or answer',
    fileSlug: 'why-did-july-drop',
    exported: 'Exported',
    author: 'Author',
    dataThrough: /Data through \d{4}-\d{2}-\d{2}/,
    admin: 'Users',
    upDefault: 'green',
    copied: 'Copied',
  },
  zh: {
    why: '7月为什么下降？',
    products: '上季度销量前10的商品',
    edited: '本月各渠道销售额对比',
    editedMark: '已修改',
    amazon: '亚马逊',
    expires: /\d 天后过期 · 保留/,
    stopped: '已停止。',
    thanks: '感谢',
    search: '7月',
    searchLabel: '问题或回答中的文字',
    fileSlug: '7月为什么下降',
    exported: '导出日期',
    author: '作者',
    dataThrough: /数据截至 \d{4}-\d{2}-\d{2}/,
    admin: '用户管理',
    upDefault: 'red',
    copied: '已复制',
  },
} as const;

let env: E2e;
let browser: Browser;
let names: DataNames;
/** Each walk's own analyst, so one walk's conversations never show in another's list or history. */
const analysts: Record<string, string> = {};

/** What a walk types as a title and a comment, in its UI language. */
const TAG = {
  en: { desktop: 'walk en desktop', phone: 'walk en phone' },
  zh: { desktop: '走查 桌面', phone: '走查 手机' },
} as const;

async function addAnalysts() {
  const db = openSqlite(join(env.dir, 'warehouse.db'));
  const users = new UserRepo(db);
  for (const lang of ['en', 'zh'])
    for (const device of ['desktop', 'phone'])
      analysts[`ana-${lang}-${device}`] = (await users.create(`ana-${lang}-${device}`, 'analyst')).password;
  await db.close();
}

/** One walk: a language, a width, the analyst's page, and what went wrong so far. */
class Walk {
  ctx!: BrowserContext;
  page!: Page;
  /** Serious or critical axe findings by screen. */
  axe: Record<string, string[]> = {};
  /** Latin-only words seen on a screen in 中文. */
  latin: string[] = [];
  readonly w: (typeof WORDS)[Lang];
  readonly viewport: { width: number; height: number };

  constructor(
    readonly lang: Lang,
    readonly device: Device,
  ) {
    this.w = WORDS[lang];
    this.viewport = VIEWPORTS[device];
  }

  get user() {
    return `ana-${this.lang}-${this.device}`;
  }

  get tag() {
    return TAG[this.lang][this.device];
  }

  get phone() {
    return this.device === 'phone';
  }

  async context(): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: this.viewport, locale: this.lang === 'zh' ? 'zh-CN' : 'en-US' });
    await ctx.addInitScript((l) => localStorage.getItem('tl_lang') ?? localStorage.setItem('tl_lang', l), this.lang);
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    return ctx;
  }

  /** Logs in as the walk's analyst, the viewer or the admin. */
  async logIn(page: Page, who: 'ana' | 'vic' | 'admin') {
    const name = who === 'ana' ? this.user : who;
    const password = who === 'ana' ? analysts[name]! : who === 'vic' ? env.passwords.viewer : env.passwords.admin;
    await page.fill('input[name=username]', name);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('.composer textarea, .shared-head');
  }

  shot(item: number, name: string, page = this.page, fullPage = false) {
    return page.screenshot({ path: join(ARTIFACTS, `walk-${this.lang}-${this.device}-${item}-${name}.png`), fullPage });
  }

  /** The axe check and, in 中文, the Latin-word check of the screen as it is now. */
  async screen(where: string, page = this.page, axe = false, exclude?: string) {
    if (axe) {
      const found = await axeSerious(page);
      if (found.length) this.axe[where] = found.map((f) => `${f.id} (${f.impact}): ${f.nodes.join(' | ')}`);
    }
    if (this.lang === 'zh') this.latin.push(...(await latinWords(page, where, names, exclude)));
  }

  /** The sidebar's controls: on a phone they sit in the drawer, opened first. */
  async inSidebar(): Promise<Locator> {
    if (this.phone && !(await this.page.locator('#sidebar.open').count())) {
      await this.page.click('button.menu');
      await this.page.waitForSelector('#sidebar.open');
    }
    return this.page.locator('#sidebar');
  }

  async closeSidebar() {
    if (this.phone && (await this.page.locator('#sidebar.open').count())) {
      await this.page.keyboard.press('Escape');
      await this.page.waitForSelector('#sidebar:not(.open)');
    }
  }

  lastAnswer() {
    return this.page.locator('.msg.assistant').last();
  }

  async chartsDrawn(scope = '.msg.assistant') {
    await this.page.waitForFunction(
      (s) => {
        const figs = [...document.querySelectorAll(`${s} figure.chart-block`)];
        return figs.length > 0 && figs.every((f) => f.getAttribute('data-chart') !== 'drawing');
      },
      scope,
      { timeout: 30_000 },
    );
  }
}

/** Login, overview, the skip link; item 4's colour setting and one currency format on the KPI cards. */
async function start(k: Walk) {
  k.ctx = await k.context();
  k.page = await k.ctx.newPage();
  const page = k.page;
  await page.goto(env.server.url);
  await page.waitForSelector('input[name=username]');
  await k.screen('login', page, true);
  await k.shot(0, 'login');
  await k.logIn(page, 'ana');
  await page.waitForSelector('.card', { timeout: 30_000 });
  await k.screen('overview', page, true);
  await k.shot(0, 'overview');
  // Item 4: one currency format ("$45k", never "US$45,434"); up = red by default in Chinese, green in English.
  expect((await page.locator('.card').allInnerTexts()).join(' ')).not.toContain('US$');
  const up = () => page.evaluate(() => document.documentElement.getAttribute('data-up'));
  expect(await up()).toBe(k.w.upDefault);
  const other = k.w.upDefault === 'red' ? 'green' : 'red';
  await page.selectOption('select.up-colour', other);
  expect(await up()).toBe(other);
  await k.shot(4, 'colour-setting');
  await page.selectOption('select.up-colour', k.w.upDefault);
  expect(await up()).toBe(k.w.upDefault);
  // Item 6: the skip link is the first stop and lands in the question box.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer');
}

/** Item 1: takeaways with rounded figures, then the chart, the detail folded; the top of the answer stays in view. */
async function briefing(k: Walk): Promise<Locator> {
  const page = k.page;
  // Sampled every frame while the answer streams: is its top edge inside the message pane?
  await page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { __topSeen: boolean[] }).__topSeen = seen;
    const tick = () => {
      const last = [...document.querySelectorAll('.msg.assistant')].at(-1);
      const pane = document.querySelector('.messages')?.getBoundingClientRect();
      if (pane && last?.getAttribute('aria-busy') === 'true') {
        const top = last.getBoundingClientRect().top;
        seen.push(top >= pane.top - 1 && top < pane.bottom - 20);
      }
      if (!(window as unknown as { __topDone?: boolean }).__topDone) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const answer = await askAndWait(page, k.w.why);
  await k.chartsDrawn();
  const seen = await page.evaluate(() => {
    (window as unknown as { __topDone: boolean }).__topDone = true;
    return (window as unknown as { __topSeen: boolean[] }).__topSeen;
  });
  expect(seen.filter((ok) => !ok)).toEqual([]);

  const lines = await answer.locator('.takeaways li').allInnerTexts();
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines.length).toBeLessThanOrEqual(3);
  const text = lines.join(' ');
  expect(text).toMatch(/\$\d/);
  expect(text).not.toMatch(/\$[\d,]+\.\d\d(?![\d万亿])/); // no cents
  expect(text).not.toMatch(/\d\.\d\d\s?%/); // no shares to two decimals
  if (k.lang === 'zh') expect(text).toMatch(/[\u4e00-\u9fff]/);
  const take = await answer.locator('.takeaways').boundingBox();
  const chart = await answer.locator('figure.chart-block').first().boundingBox();
  expect(inView(take, k.viewport)).toBe(true);
  expect(take!.y).toBeLessThan(chart!.y);
  if (!k.phone) expect(inView(chart, k.viewport)).toBe(true); // the first screen at 1440×900
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  // Folded to the eye: a fold the page opens out of sight to draw its chart ahead of a print is still folded.
  const folds = await answer
    .locator('details.detail')
    .evaluateAll((ds) => ds.map((d) => (d as HTMLDetailsElement).open && !d.classList.contains('priming')));
  expect(folds.length).toBeGreaterThanOrEqual(3);
  expect(folds.filter(Boolean)).toEqual([]);
  await k.shot(1, 'briefing');
  await k.screen('why answer', page, true);
  return answer;
}

/** Item 2: every chart of the why answer, opened, reads like a report; item 6: one live region per answer. */
async function charts(k: Walk, answer: Locator) {
  await openFolds(k.page);
  const drawn = await chartTexts(answer);
  expect(drawn.length).toBeGreaterThanOrEqual(2);
  const pane = (await k.page.locator('.messages').boundingBox())!;
  expect(chartProblems(drawn, pane.width, names.skus)).toEqual([]);
  // The main chart is the gap picture, its money axis in dollars.
  expect(drawn[0]!.label).toMatch(k.lang === 'zh' ? /预期/ : /expected/i);
  expect(drawn[0]!.axisLabels.some((l) => l.includes('$'))).toBe(true);
  expect(await k.page.locator('.messages [aria-live]').count()).toBe(1);
  await answer.locator('figure.chart-block').nth(1).scrollIntoViewIfNeeded();
  await k.shot(2, 'charts');
}

/** Item 3: tables and steps in words; the analyst's SQL with its values inlined, copied as shown. */
async function evidence(k: Walk, answer: Locator) {
  expect(await tableProblems(answer)).toEqual([]);
  await answer.locator('figure.table-block').first().scrollIntoViewIfNeeded();
  await k.shot(3, 'tables');
  const steps = answer.locator('details.steps');
  if ((await steps.getAttribute('open')) === null) await steps.locator('summary').click();
  const words = await answer.locator('.step-what').allInnerTexts();
  expect(words.length).toBeGreaterThan(0);
  for (const w of words) expect(w).not.toMatch(/_/);
  const sql = answer.locator('pre.sql').first();
  const shown = await sql.innerText();
  expect(shown).toMatch(/SELECT/i);
  expect(shown).not.toContain('?');
  await answer.locator('.sql-block button:not(.open-sql)').first().click();
  expect(await k.page.evaluate(() => navigator.clipboard.readText())).toBe(shown.trim());
  expect(await answer.locator('button.open-sql').count()).toBeGreaterThan(0);
  await sql.scrollIntoViewIfNeeded();
  await k.shot(3, 'sql');
  await k.screen('why answer, opened');
}

/** Item 7: a chip re-runs the answer with no model round, as a new turn marked edited. */
async function chips(k: Walk) {
  const page = k.page;
  const before = await page.locator('.msg.assistant').count();
  const select = page.locator('.input-chips [data-chip="channel"] select').last();
  const words = await page.locator('.input-chips').last().innerText();
  expect(words).not.toMatch(/[a-z]+_[a-z]+/);
  const amazon = await select.evaluate(
    (s: HTMLSelectElement) => [...s.options].find((o) => o.value.includes('amazon'))?.value,
  );
  await select.selectOption(amazon!);
  await page.waitForFunction(
    (n) => {
      const list = document.querySelectorAll('.msg.assistant');
      return list.length > n && list[list.length - 1]!.getAttribute('aria-busy') === 'false';
    },
    before,
    { timeout: 30_000 },
  );
  const note = await page.locator('.msg.user .edited-note').last().innerText();
  expect(note).toContain(k.w.editedMark);
  expect(note).toContain(k.w.amazon);
  await page.locator('.msg.user').last().scrollIntoViewIfNeeded();
  await k.shot(7, 'chip-edited');
}

async function fetchLink(page: Page, link: Locator) {
  const href = await link.getAttribute('href');
  const res = await page.context().request.get(new URL(href!, env.server.url).toString());
  expect(res.status()).toBe(200);
  return {
    href: href!,
    disposition: decodeURIComponent(res.headers()['content-disposition'] ?? ''),
    text: await res.text(),
  };
}

/** Item 8: one answer and the whole conversation, named from the question in the UI language; the print view. */
async function exports(k: Walk) {
  const page = k.page;
  const one = await fetchLink(
    page,
    page.locator('.msg.assistant').first().locator('.answer-tools a[href*="format=md"]'),
  );
  expect(one.href).toContain(`lang=${k.lang}`);
  expect(one.disposition).toMatch(new RegExp(`${k.w.fileSlug}-\\d{4}-\\d{2}-\\d{2}\\.md`));
  expect(one.text).toContain(k.w.exported);
  expect(one.text).toMatch(/!\[[^\]]+\]\(data:image\/svg\+xml/); // the charts, drawn
  expect(one.text).toMatch(/\n\| .+ \|\n\|( --- \|)+/); // and the data tables
  const all = await fetchLink(page, page.locator('.conv-tools a[href*="format=md"]'));
  expect(all.disposition).toMatch(new RegExp(`${k.w.fileSlug}-\\d{4}-\\d{2}-\\d{2}\\.md`));
  expect(all.text).toContain(`## ${k.w.editedMark}`);
  const printLink = page.locator('.conv-tools a[href*="format=html"]');
  const print = await fetchLink(page, printLink);
  expect(print.text).toContain(`<h1>${k.w.why}</h1>`);
  expect(print.text).toContain(`${k.w.author} ${k.user}`);
  expect(print.text).toMatch(k.w.dataThrough);
  const view = await k.ctx.newPage();
  await view.goto(new URL((await printLink.getAttribute('href'))!, env.server.url).href);
  await view.emulateMedia({ media: 'print' });
  // Table cells too: the export writes them as the chat shows them (src/protocol/table-words.ts).
  await k.screen('print view', view, false);
  await k.shot(8, 'print-view', view, true);
  await view.close();
}

/** Item 5 and item 3 for viewers: a read-only share link a viewer opens (steps in words, no SQL), then revoked. */
async function share(k: Walk) {
  const page = k.page;
  await page.locator('.conv-tools button.share').click();
  await page.locator('.share-dialog button.create-link').click();
  const input = page.locator('.share-dialog input');
  await input.waitFor();
  const url = await input.inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{20,}$/);
  await k.shot(5, 'share-dialog');
  await page.locator('.share-dialog button.close').click();

  const viewerCtx = await k.context();
  const vic = await viewerCtx.newPage();
  await vic.goto(url); // opened before logging in: it opens after the log-in
  await k.logIn(vic, 'vic');
  await vic.locator('.shared-head').waitFor();
  expect(await vic.locator('.composer').count()).toBe(0);
  const answer = vic.locator('.msg.assistant').first();
  await answer.locator('details.steps summary').click();
  const steps = await answer.locator('.step-what').allInnerTexts();
  expect(steps.length).toBeGreaterThan(0);
  // Which vetted template answered and its inputs, in words; never the SQL.
  for (const s of steps) expect(s).toMatch(k.lang === 'zh' ? /[\u4e00-\u9fff].*[:：]/ : /\w.*: \w/);
  for (const s of steps) expect(s).not.toMatch(/_/);
  expect(await vic.locator('pre.sql, button.open-sql').count()).toBe(0);
  expect(await vic.content()).not.toContain('SELECT');
  await answer.locator('details.steps').scrollIntoViewIfNeeded();
  await k.shot(3, 'viewer-steps', vic);
  await k.screen('shared view', vic);

  await page.locator('.conv-tools button.share').click();
  await page.locator('.share-dialog button.revoke').click();
  await page.locator('.share-dialog button.create-link').waitFor();
  await page.locator('.share-dialog button.close').click();
  await vic.reload();
  await vic.locator('.cannot-open').waitFor();
  await k.screen('revoked link', vic);
  await k.shot(5, 'share-revoked', vic);
  await viewerCtx.close();
}

/** Item 5: copy, thumbs with a comment, expiry, regenerate, edit-and-resend, rename, delete with undo. */
async function turnBasics(k: Walk) {
  const page = k.page;
  const why = page.locator('.msg.assistant').first();
  await why.locator('button.copy').click();
  await why.locator('.answer-tools [role=status]', { hasText: k.w.copied }).waitFor();
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBeGreaterThan(40);
  await why.locator('button.thumb.down').click();
  await why.locator('.feedback-comment input').fill(k.tag);
  await why.locator('.feedback-comment button[type=submit]').click();
  await why.locator('.feedback [role=status]', { hasText: k.w.thanks }).waitFor();
  await k.shot(5, 'feedback');

  await (await k.inSidebar()).locator('.new-chat').click();
  const products = await askAndWait(page, k.w.products);
  await k.chartsDrawn();
  // Item 2 for product charts: names, not SKUs, and no taller than a screen.
  const drawn = await chartTexts(products);
  const pane = (await page.locator('.messages').boundingBox())!;
  expect(chartProblems(drawn, pane.width, names.skus)).toEqual([]);
  for (const c of drawn) expect(c.height).toBeLessThan(1000);
  await k.screen('products answer');
  await k.shot(2, 'products-chart');
  await products.locator('button.regenerate').click();
  await waitAnswers(page, 2);
  const questions = await page.locator('.msg.user p').allInnerTexts();
  expect(questions).toEqual([k.w.products, k.w.products]);
  await page.locator('.msg.user').first().locator('button.edit').click();
  await page.locator('.edit-question textarea').fill(k.w.edited);
  await page.locator('.edit-question textarea').press('Enter');
  await waitAnswers(page, 3);
  expect(await page.locator('.msg.user p').allInnerTexts()).toEqual([k.w.products, k.w.products, k.w.edited]);
  await k.shot(5, 'regenerate-edit');

  const side = await k.inSidebar();
  const item = side.locator('.conv-list li').first();
  expect(await item.locator('.conv-meta').innerText()).toMatch(k.w.expires);
  expect(await item.locator('.conv-meta time').count()).toBe(1);
  await item.locator('button.rename').click();
  const title = k.tag;
  await item.locator('input.conv-rename').fill(title);
  await item.locator('input.conv-rename').press('Enter');
  await side.locator('.conv-title', { hasText: title }).waitFor();
  await k.shot(5, 'renamed');
  const count = await side.locator('.conv-list li').count();
  await side.locator('.conv-list li', { hasText: title }).locator('button.delete').click();
  await page.locator('.toast').waitFor();
  expect(await page.locator('.toast').innerText()).toContain(title);
  await k.shot(5, 'delete-undo');
  await page.locator('.toast button.undo').click();
  expect(await side.locator('.conv-list li').count()).toBe(count);
  await k.closeSidebar();
}

async function waitAnswers(page: Page, n: number) {
  await page.waitForFunction(
    (count) => {
      const list = document.querySelectorAll('.msg.assistant');
      return list.length === count && list[count - 1]!.getAttribute('aria-busy') === 'false';
    },
    n,
    { timeout: 60_000 },
  );
}

/** Item 5: Stop, pressed as the first tool starts, keeps the question and marks the answer stopped, after a reload too. */
async function stopKeepsQuestion(k: Walk) {
  const page = k.page;
  await (await k.inSidebar()).locator('.new-chat').click();
  await page.evaluate(() => {
    const watch = new MutationObserver(() => {
      if (!document.querySelector('.msg.assistant .step')) return;
      document.querySelector<HTMLButtonElement>('.composer .stop')?.click();
      watch.disconnect();
    });
    watch.observe(document.body, { subtree: true, childList: true });
  });
  await page.fill('.composer textarea', k.w.why);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.msg.assistant[aria-busy=false]');
  expect(await page.locator('.msg.assistant .stopped').innerText()).toBe(k.w.stopped);
  await page.waitForFunction(() => /#\/c\/./.test(location.hash));
  const id = /#\/c\/(.+)$/.exec(page.url())![1]!;
  const status = () =>
    page.evaluate(async (i) => (await (await fetch(`/api/conversations/${i}`)).json()).turns.at(-1)?.status, id);
  await expect.poll(status, { timeout: 15_000 }).toBe('cancelled');
  await page.reload();
  await page.waitForSelector('.msg.assistant[aria-busy=false]');
  expect(await page.locator('.msg.user p').innerText()).toBe(k.w.why);
  expect(await page.locator('.msg.assistant .stopped').innerText()).toBe(k.w.stopped);
  await k.shot(5, 'stopped-after-reload');
}

/** Item 6: the drawer on a phone is a modal (Escape, backdrop, aria-expanded, focus back); reduced motion. */
async function accessibility(k: Walk) {
  const page = k.page;
  const toggle = page.locator('button.menu');
  const sidebar = page.locator('#sidebar');
  if (k.phone) {
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await sidebar.evaluate((e) => (e as HTMLElement).inert)).toBe(true);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('#sidebar[role=dialog][aria-modal=true]').waitFor();
    expect(await page.evaluate(() => !!document.activeElement?.closest('#sidebar'))).toBe(true);
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#sidebar'))).toBe(true);
    }
    await k.screen('drawer', page, true); // axe over the open drawer, as the modal it is
    await k.shot(6, 'drawer');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#sidebar:not(.open)');
    await page.waitForFunction(() => document.activeElement?.classList.contains('menu'), null, { timeout: 5_000 });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await page.waitForSelector('#sidebar.open');
    await page.mouse.click(k.viewport.width - 15, k.viewport.height / 2); // the backdrop
    await page.waitForSelector('#sidebar:not(.open)');
    await page.waitForFunction(() => document.activeElement?.classList.contains('menu'), null, { timeout: 5_000 });
  } else {
    expect(await sidebar.getAttribute('role')).toBe('complementary');
    expect(await sidebar.evaluate((e) => (e as HTMLElement).inert)).toBe(false);
    await k.shot(6, 'desktop-layout');
  }
  const motion = () => sidebar.evaluate((e) => getComputedStyle(e).transitionDuration);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const d of (await motion()).split(',')) expect(d.trim()).toBe('0s');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
}

/** Item 7: the history page lists past conversations and finds them by text. */
async function history(k: Walk) {
  const page = k.page;
  await (await k.inSidebar()).locator('.history-link').click();
  await page.waitForSelector('main.history');
  const settled = () =>
    page.waitForFunction(() => !document.querySelector('.history [role=status]')?.textContent?.includes('…'));
  await settled();
  await page.getByLabel(k.w.searchLabel).fill(k.w.search);
  await page.click('.history-search button[type=submit]');
  await settled();
  const titles = await page.locator('.history-item .history-open').allInnerTexts();
  expect(titles).toContain(k.w.why);
  expect(titles).not.toContain(k.w.products);
  await k.screen('history');
  await k.shot(7, 'history-search');
}

/** The admin page: axe, the feedback this walk left, labelled controls. */
async function admin(k: Walk) {
  const ctx = await k.context();
  const page = await ctx.newPage();
  await page.goto(env.server.url);
  await k.logIn(page, 'admin');
  await page.click(`.topbar button.link:has-text("${k.w.admin}")`);
  await page.waitForSelector('.admin tbody tr');
  await page.locator('.admin-feedback td', { hasText: k.tag }).waitFor();
  await k.screen('admin', page, true);
  await k.shot(6, 'admin', page, true);
  await ctx.close();
}

describe.skipIf(!chromiumAvailable)('issue 15 walked: English and 中文, desktop and phone', () => {
  beforeAll(async () => {
    // Four walks ask about twenty questions between them within a few minutes.
    env = await startE2e({ TIDELENS_QUESTIONS_PER_MINUTE: '200' });
    await addAnalysts();
    names = await dataNames(join(env.dir, 'warehouse.db'));
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    for (const device of ['desktop', 'phone'] as const) {
      it(`items 1–8 (${lang}, ${device})`, async () => {
        const k = new Walk(lang, device);
        const t0 = Date.now();
        const times: string[] = [];
        let answer: Locator | undefined;
        try {
          const steps: [string, () => Promise<unknown>][] = [
            ['start', () => start(k)],
            ['briefing', async () => (answer = await briefing(k))],
            ['charts', () => charts(k, answer!)],
            ['evidence', () => evidence(k, answer!)],
            ['chips', () => chips(k)],
            ['exports', () => exports(k)],
            ['share', () => share(k)],
            ['basics', () => turnBasics(k)],
            ['stop', () => stopKeepsQuestion(k)],
            ['a11y', () => accessibility(k)],
            ['history', () => history(k)],
            ['admin', () => admin(k)],
          ];
          for (const [name, step] of steps) {
            const t = Date.now();
            await step();
            times.push(`${name} ${Date.now() - t}`);
          }
        } finally {
          console.log(`walk ${lang} ${device}: ${Date.now() - t0} ms (${times.join(', ')})`);
          await k.ctx?.close();
        }
        expect(k.axe).toEqual({});
        expect(k.latin).toEqual([]);
      }, 240_000);
    }
  }
});
