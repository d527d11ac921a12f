// Chinese all the way: walks every screen in 中文 (login, overview, why answer with its chart, tables and steps
// opened, other answers, the conversation list, the share dialog, export links, the admin page, the pages for a
// link that cannot open) and fails on any Latin-only word a reader sees, outside what is a name, not a word:
// product names, SKUs, brands, suppliers, campaign and traffic-source names (read from the seeded
// warehouse itself), SQL and code, usernames, and a few brand or format names (ALLOWED). Categories and
// countries have Chinese names (src/protocol/value-labels.ts), so they must appear in Chinese.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.ts';
import { askAndWait } from './chat-helpers.ts';
import { ARTIFACTS, chromiumAvailable, type E2e, launchHeadless, startE2e } from './support.ts';

/** Names of things and formats, not words to translate. */
const ALLOWED = ['Tidelens', 'SQL', 'CSV', 'PDF', 'Markdown', 'SKU', 'Shift', 'English', 'URL'];

let env: E2e;
let browser: Browser;
const allowed = new Set<string>(ALLOWED.map((w) => w.toLowerCase()));

/** Every word of the warehouse's names: products, SKUs, brands, suppliers, campaigns, sources, reasons, users. */
async function dataNames(dbPath: string): Promise<void> {
  const db = openSqlite(dbPath);
  const queries = [
    'SELECT product_name AS v FROM products UNION SELECT sku FROM products UNION SELECT brand FROM products',
    'SELECT supplier AS v FROM products',
    'SELECT campaign_name AS v FROM marketing_campaigns UNION SELECT source_name FROM traffic_sources',
    'SELECT reason AS v FROM price_changes UNION SELECT username FROM platform_users',
  ];
  for (const sql of queries)
    for (const r of (await db.query(sql)).rows)
      for (const w of String((r as { v: unknown }).v ?? '').match(/[A-Za-z][A-Za-z'’-]*/g) ?? [])
        allowed.add(w.toLowerCase());
  await db.close();
}

/**
 * The words a reader sees on the page now: rendered text and the names screen readers read (aria-label,
 * title, placeholder), outside SQL, code and anything marked as another language.
 */
function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = (el: Element | null) => !!el?.closest('pre, code, [lang]:not([lang^="zh"]), script, style');
    const shown = (el: Element) =>
      (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility?.({ visibilityProperty: true }) ??
      true;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!text || !el || skip(el) || !shown(el)) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el) || !shown(el) || el.closest('[aria-hidden="true"]')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    // A closed select shows one option, but every option is read when it opens.
    for (const sel of document.querySelectorAll('select')) {
      if (skip(sel) || !shown(sel)) continue;
      for (const o of sel.options) out.push(o.text);
    }
    return out;
  });
}

/** Latin-only words not in the allowed names, each with the text it came from. */
async function latinWords(page: Page, screen: string): Promise<string[]> {
  const found = new Set<string>();
  for (const text of await visibleText(page)) {
    for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9'’-]*/g)) {
      const w = m[0];
      if (/\d/.test(w)) continue; // codes: SKUs, Q3, 2025-W28
      if (allowed.has(w.toLowerCase()) || allowed.has(w.replace(/['’]s$/, '').toLowerCase())) continue;
      // A name cut to fit ("Triangle Bikin…") is still the name.
      const cut = text[m.index + w.length] === '…' && [...allowed].some((a) => a.startsWith(w.toLowerCase()));
      if (cut) continue;
      found.add(`${screen}: "${w}" in “${text.slice(Math.max(0, m.index - 30), m.index + w.length + 30)}”`);
    }
  }
  return [...found];
}

async function openAllDetails(page: Page) {
  for (let round = 0; round < 3; round++) {
    const closed = page.locator('.msg.assistant details:not([open]) > summary');
    const n = await closed.count();
    if (!n) break;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
  }
  await page.waitForTimeout(1500); // charts in folds draw on opening
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `zh-walk-${name}.png`) });

describe.skipIf(!chromiumAvailable)('Chinese all the way', () => {
  beforeAll(async () => {
    env = await startE2e();
    await dataNames(join(env.dir, 'warehouse.db'));
    browser = await launchHeadless();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('no Latin-only word on any screen in 中文', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const problems: string[] = [];
    const check = async (screen: string) => {
      await shot(page, screen);
      problems.push(...(await latinWords(page, screen)));
    };

    await page.goto(env.server.url);
    await page.waitForSelector('input[name=username]');
    await check('login');

    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', env.passwords.admin);
    await page.click('button[type=submit]');
    await page.waitForSelector('.card', { timeout: 30_000 });
    await check('overview');

    for (const [name, q] of [
      ['why', '7月为什么下降？'],
      ['channels', '本月各渠道销售额对比'],
      ['products', '上季度销量前10的商品'],
      ['stock', '哪些商品缺货？'],
    ] as const) {
      await page.locator('.new-chat').click();
      await askAndWait(page, q);
      await page
        .waitForFunction(() => document.querySelectorAll('.chart svg').length > 0, undefined, { timeout: 15_000 })
        .catch(() => {});
      await openAllDetails(page);
      await check(name);
    }

    // Reopened from the store, an answer offers its exports; the print view is a page of its own.
    await page.reload();
    await page.waitForSelector('.answer-tools a[download]', { timeout: 30_000 });
    await openAllDetails(page);
    await check('export-links');
    const printView = await page.locator('.answer-tools a[target=_blank]').first().getAttribute('href');
    const conversation = page.url();
    await page.goto(new URL(printView!, env.server.url).href);
    await check('print-view');
    await page.goto(conversation);
    await page.waitForSelector('.msg.assistant');

    await page.locator('.conv-tools button', { hasText: '分享' }).first().click();
    await page.waitForSelector('dialog[open]');
    await check('share-dialog');
    await page.keyboard.press('Escape');

    await page.locator('.topbar button.link', { hasText: '用户管理' }).click();
    await page.waitForSelector('.admin table');
    await check('admin');
    await page.locator('.topbar button.link', { hasText: '用户管理' }).click();

    await page.goto(`${env.server.url}/#/c/no-such-conversation`);
    await page.reload(); // a new hash alone does not reload the page
    await page.waitForSelector('.cannot-open');
    await check('not-found');
    await page.goto(`${env.server.url}/share/no-such-link`);
    await page.waitForSelector('.cannot-open');
    await check('share-not-found');

    await ctx.close();
    expect(problems).toEqual([]);
  }, 300_000);
});
