// Printing the chat page (or saving it as PDF). A folded section draws what it holds on first opening, and a
// chart draws asynchronously (vega-embed loads on first use), so a print that starts at once catches blank
// charts. Two ways round it: Ctrl/⌘+P runs preparePrint (open every fold, wait for every chart) before the
// dialog; and because a print from the browser's own menu cannot be held back (beforeprint and the print media
// query only announce it), the folded charts are drawn ahead of time, out of sight, once the page is idle
// (primeFolds), so opening the folds on beforeprint finds them drawn. Both stamp the page's print header
// (title, author, date, data through). The print view of an export (/api/conversations/…/export?format=html)
// has its charts drawn on the server, so nothing there waits.
import type { PrintInfo } from '../protocol/conversations.ts';
import { api } from './api.ts';
import { lang } from './i18n.ts';
import { current, me, shared } from './model.ts';
import { printHeadLines } from './print-head.ts';

/** The data-chart attribute ChartView sets on its figure: drawn, or failed (a message replaces the drawing). */
export type ChartState = 'drawing' | 'drawn' | 'failed';

const FOLDS = 'details.detail';
const CHARTS = 'figure.chart-block';
/** Set on a fold while it draws its content unseen (styles.css keeps it out of sight and out of the flow). */
const PRIMING = 'priming';

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Every open fold holds more than its summary and every chart is drawn or has failed. */
export function printReady(root: ParentNode = document): boolean {
  const folds = [...root.querySelectorAll<HTMLDetailsElement>(FOLDS)];
  if (folds.some((d) => !d.open || d.childElementCount < 2)) return false;
  return [...root.querySelectorAll<HTMLElement>(CHARTS)].every((f) => f.dataset.chart !== 'drawing');
}

/** Whether `root`'s content has rendered and its charts are drawn (or failed). */
const settled = (root: Element) =>
  root.childElementCount >= 2 &&
  [...root.querySelectorAll<HTMLElement>(CHARTS)].every((f) => f.dataset.chart !== 'drawing');

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  // Two frames at least: the toggle events and the sections' first render come after the open.
  await nextFrame();
  await nextFrame();
  while (!done()) {
    if (Date.now() > end) return false;
    await nextFrame();
  }
  return true;
}

/**
 * Opens every folded section and waits until it is ready to print; resolves with whether it got there
 * within `timeoutMs` (a print then goes ahead with what is drawn rather than never).
 */
export async function preparePrint(root: ParentNode = document, timeoutMs = 15_000): Promise<boolean> {
  openFolds(root);
  return until(() => printReady(root), timeoutMs);
}

function openFolds(root: ParentNode): void {
  for (const d of root.querySelectorAll<HTMLDetailsElement>(FOLDS)) d.open = true;
}

/**
 * Draws every fold that was never opened, one at a time, while it stays closed to the eye: opened under the
 * priming class (laid out at the pane's width but invisible and out of the flow), then closed again once its
 * charts are drawn. A fold keeps what it drew, so a print from the browser's menu finds it ready.
 */
export async function primeFolds(root: ParentNode = document, timeoutMs = 10_000): Promise<number> {
  let primed = 0;
  for (const d of root.querySelectorAll<HTMLDetailsElement>(FOLDS)) {
    if (d.open || d.childElementCount >= 2 || !d.isConnected) continue;
    d.classList.add(PRIMING);
    d.open = true;
    await until(() => !d.isConnected || settled(d), timeoutMs);
    // The reader may have opened it meanwhile: then it stays open.
    if (d.classList.contains(PRIMING)) d.open = false;
    d.classList.remove(PRIMING);
    primed++;
  }
  return primed;
}

let dataThrough: string | null = null;

/** The header a printed page starts with; rebuilt on every print, so it has the current title and day. */
export function stampPrintHead(doc: Document = document, now = new Date()): void {
  const main = doc.querySelector('main.chat');
  if (!main) return;
  const { title, lines } = printHeadLines({
    title: shared.value?.conversation.title ?? current.value?.title ?? '',
    author: me.value?.username ?? '',
    printedOn: now.toISOString().slice(0, 10),
    dataThrough,
    lang: lang.value,
  });
  let head = main.querySelector<HTMLElement>(':scope > .print-head');
  if (!head) {
    head = doc.createElement('header');
    head.className = 'print-head';
    main.prepend(head);
  }
  const h = doc.createElement('p');
  h.className = 'print-title';
  h.textContent = title;
  head.replaceChildren(h, ...lines.map((l) => Object.assign(doc.createElement('p'), { textContent: l })));
}

/** What a print from any source does first, synchronously: open the folds and stamp the header. */
function beforePrint(doc: Document): void {
  openFolds(doc);
  stampPrintHead(doc);
}

/** How long the page must be quiet before folds are drawn ahead: after an answer, not during one. */
const IDLE_MS = 1500;
let infoAsked = false;

function askInfo(): void {
  if (infoAsked || !me.value) return;
  infoAsked = true;
  api<PrintInfo>('/api/print-info').then(
    (r) => (dataThrough = r.dataThrough),
    () => (infoAsked = false),
  );
}

/** Draws folds ahead whenever the page has been quiet for IDLE_MS and no answer is streaming. */
function schedulePriming(win: Window): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const kick = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), IDLE_MS);
  };
  const run = async () => {
    askInfo();
    if (running) return;
    if (win.document.querySelector('.msg.assistant[aria-busy="true"]')) return kick();
    running = true;
    try {
      await primeFolds(win.document);
    } finally {
      running = false;
    }
  };
  new MutationObserver(kick).observe(win.document.body, { childList: true, subtree: true });
  kick();
}

let installed = false;

/**
 * Ctrl/⌘+P prints the page once every chart is drawn (the browser's own shortcut would print at once); a print
 * from the browser's menu opens the folds and stamps the header on beforeprint or the print media query, and
 * finds the folded charts drawn ahead.
 */
export function installPrintShortcut(win: Window = window): void {
  if (installed) return;
  installed = true;
  const doc = win.document;
  win.addEventListener(
    'keydown',
    (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'p') return;
      e.preventDefault();
      void preparePrint(doc).then(() => {
        stampPrintHead(doc);
        win.print();
      });
    },
    { capture: true },
  );
  win.addEventListener('beforeprint', () => beforePrint(doc));
  // Some browsers announce a print only through the media query.
  win.matchMedia?.('print').addEventListener?.('change', (e) => e.matches && beforePrint(doc));
  schedulePriming(win);
}
