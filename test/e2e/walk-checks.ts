// Page checks the issue-15 walk (walk.test.ts) runs on every screen it visits: the words a reader sees in 中文
// (no Latin-only word outside names, SKUs and SQL), the words of a drawn chart (no field names, no "null",
// formatted axes, a text alternative), tables and steps in words, and where an element sits on the screen.
// Each returns the problems it found as sentences, so one run lists everything that is wrong.
import type { Locator, Page } from 'playwright-core';
import { openSqlite } from '../../src/db/sqlite.ts';

/** Names of things and formats, not words to translate. */
const FORMAT_NAMES = ['Tidelens', 'SQL', 'CSV', 'PDF', 'Markdown', 'SKU', 'Shift', 'English', 'URL'];

export interface DataNames {
  /** Every word of a product, SKU, brand, supplier, campaign, source or reason name, lower-cased. */
  words: Set<string>;
  skus: Set<string>;
}

/** The warehouse's own names, read from the seeded database the server uses. */
export async function dataNames(dbPath: string): Promise<DataNames> {
  const db = openSqlite(dbPath);
  const words = new Set(FORMAT_NAMES.map((w) => w.toLowerCase()));
  const queries = [
    'SELECT product_name AS v FROM products UNION SELECT sku FROM products UNION SELECT brand FROM products',
    'SELECT supplier AS v FROM products',
    'SELECT campaign_name AS v FROM marketing_campaigns UNION SELECT source_name FROM traffic_sources',
    'SELECT reason AS v FROM price_changes UNION SELECT username FROM platform_users',
  ];
  for (const sql of queries)
    for (const r of (await db.query(sql)).rows)
      for (const w of String((r as { v: unknown }).v ?? '').match(/[A-Za-z][A-Za-z'’-]*/g) ?? [])
        words.add(w.toLowerCase());
  const skus = new Set((await db.query('SELECT sku AS v FROM products')).rows.map((r) => String(r.v)));
  await db.close();
  return { words, skus };
}

/** The text a reader sees and the names screen readers read, outside SQL, code and other-language parts. */
function visibleText(page: Page, exclude = ''): Promise<string[]> {
  return page.evaluate((ex) => {
    const not = `pre, code, [lang]:not([lang^="zh"]), script, style${ex ? `, ${ex}` : ''}`;
    const skip = (el: Element | null) => !!el?.closest(not);
    const shown = (el: Element) =>
      (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility?.({ visibilityProperty: true }) ??
      true;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (text && el && !skip(el) && shown(el)) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el) || !shown(el) || el.closest('[aria-hidden="true"]')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    for (const sel of document.querySelectorAll('select')) {
      if (!skip(sel) && shown(sel)) for (const o of sel.options) out.push(o.text);
    }
    return out;
  }, exclude);
}

/** Latin-only words on the page that are not names (a name cut short with "…" is still the name). */
export async function latinWords(page: Page, screen: string, names: DataNames, exclude?: string): Promise<string[]> {
  const found = new Set<string>();
  const allowed = names.words;
  for (const text of await visibleText(page, exclude)) {
    for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9'’-]*/g)) {
      const w = m[0];
      if (/\d/.test(w)) continue; // codes: SKUs, Q3, 2025-W28
      if (allowed.has(w.toLowerCase()) || allowed.has(w.replace(/['’]s$/, '').toLowerCase())) continue;
      const cut = text[m.index + w.length] === '…' && [...allowed].some((a) => a.startsWith(w.toLowerCase()));
      if (!cut) found.add(`${screen}: "${w}" in “${text.slice(Math.max(0, m.index - 30), m.index + w.length + 30)}”`);
    }
  }
  return [...found];
}

/** Opens every folded section of the answers on the page and waits for the charts in them to draw. */
export async function openFolds(page: Page, scope = '.msg.assistant') {
  for (let round = 0; round < 3; round++) {
    await primed(page);
    const closed = page.locator(`${scope} details:not([open]) > summary`);
    const n = await closed.count();
    if (!n) break;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
  }
  await page.waitForFunction(
    (s) =>
      [...document.querySelectorAll(`${s} figure.chart-block`)].every(
        (f) => f.getAttribute('data-chart') !== 'drawing',
      ),
    scope,
    { timeout: 30_000 },
  );
}

/**
 * Waits while the page draws folded charts ahead for printing (src/ui/print.ts): it opens a fold, out of
 * sight under the "priming" class, and closes it again; a click in the meantime would be undone.
 */
export function primed(page: Page) {
  return page.waitForFunction(() => !document.querySelector('details.priming'), undefined, { timeout: 30_000 });
}

interface ChartText {
  label: string;
  caption: string;
  texts: string[];
  axisLabels: string[];
  state: string;
  width: number;
  height: number;
  /** Title lines that reach past the drawing's edge (Vega cuts them there). */
  titleCut: string[];
}

export function chartTexts(answer: Locator): Promise<ChartText[]> {
  return answer.locator('figure.chart-block').evaluateAll((figs) =>
    figs.map((f) => {
      const svg = f.querySelector('.chart svg');
      const all = [...(svg?.querySelectorAll('text') ?? [])].map((t) => t.textContent ?? '');
      const axis = [...(svg?.querySelectorAll('.role-axis-label text') ?? [])].map((t) => t.textContent ?? '');
      const box = svg?.getBoundingClientRect();
      const titleCut = [...(svg?.querySelectorAll('.role-title text') ?? [])]
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return !!box && (r.left < box.left - 1 || r.right > box.right + 1);
        })
        .map((t) => t.textContent ?? '');
      return {
        label: f.getAttribute('aria-label') ?? '',
        caption: f.querySelector('figcaption')?.textContent ?? '',
        texts: all.filter((s) => s.trim()),
        axisLabels: axis,
        state: f.getAttribute('data-chart') ?? '',
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        titleCut,
      };
    }),
  );
}

/**
 * A drawn chart reads like a report: a name in words and a text alternative with figures; no field name
 * (a word with an underscore) and no "null" in any text it draws; number axes formatted (no ".00" on
 * round ticks); and, at phone width, no wider than the pane it sits in.
 */
export function chartProblems(charts: ChartText[], maxWidth: number, skus: Set<string>): string[] {
  const out: string[] = [];
  for (const [i, c] of charts.entries()) {
    const at = `chart ${i + 1} (${c.label})`;
    if (c.state !== 'drawn') out.push(`${at}: ${c.state}, not drawn`);
    if (!/^(Chart: |图表：)\S/.test(c.label)) out.push(`${at}: no name in words`);
    if (!/\d/.test(c.caption)) out.push(`${at}: no text alternative with figures: “${c.caption}”`);
    for (const t of [...c.texts, c.caption, c.label]) {
      if (/[A-Za-z]+_[A-Za-z]/.test(t)) out.push(`${at}: field name in “${t}”`);
      if (/\bnull\b|\bundefined\b|\bNaN\b/.test(t)) out.push(`${at}: “${t}”`);
    }
    for (const t of c.axisLabels) {
      if (/\d\.00\b/.test(t)) out.push(`${at}: unformatted axis label “${t}”`);
      if (skus.has(t.trim())) out.push(`${at}: a SKU “${t}” as a label instead of the product's name`);
    }
    for (const t of c.titleCut) out.push(`${at}: title “${t}” runs past the chart's edge`);
    if (c.width > maxWidth + 1) out.push(`${at}: ${Math.round(c.width)} px wide in a ${maxWidth} px pane`);
  }
  return out;
}

/** Table titles, column titles and id cells in words, not tool calls or snake_case ids. */
export async function tableProblems(answer: Locator): Promise<string[]> {
  const tables = await answer.locator('figure.table-block').evaluateAll((figs) =>
    figs.map((f) => ({
      title: f.querySelector('figcaption span')?.textContent ?? '',
      heads: [...f.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
      cells: [...f.querySelectorAll('tbody td')].slice(0, 400).map((td) => td.textContent ?? ''),
    })),
  );
  const out: string[] = [];
  if (!tables.length) out.push('no table');
  for (const t of tables) {
    if (!t.title.trim() || /[a-z]+_[a-z]+|\w\(|=/.test(t.title)) out.push(`table title not in words: “${t.title}”`);
    for (const h of t.heads) if (/_/.test(h)) out.push(`column “${h}” in “${t.title}”`);
    for (const c of t.cells) {
      if (/^[a-z]+(_[a-z]+)+$/.test(c.trim()) || /^(null|undefined|NaN)$/.test(c.trim()))
        out.push(`cell “${c}” in “${t.title}”`);
    }
  }
  return out;
}

/** Whether a box lies wholly inside the viewport. */
export function inView(
  b: { x: number; y: number; width: number; height: number } | null,
  v: { width: number; height: number },
) {
  return !!b && b.y >= 0 && b.x >= 0 && b.y + b.height <= v.height && b.x + b.width <= v.width;
}
