// Printing the chat page (or saving it as PDF). A folded section draws what it holds on first opening, and a
// chart draws asynchronously (vega-embed loads on first use), so a print that starts at once catches blank
// charts. preparePrint opens every folded section and resolves once each open section has its content and
// every chart has drawn (or failed); Ctrl/⌘+P runs it before the print dialog. A print started from the
// browser's menu cannot be held back: its beforeprint only opens the sections (see Answer.tsx), so the charts
// inside print from the second time on. The print view of an export (/api/conversations/…/export?format=html)
// has its charts drawn on the server, so nothing there waits.

/** The data-chart attribute ChartView sets on its figure: drawn, or failed (a message replaces the drawing). */
export type ChartState = 'drawing' | 'drawn' | 'failed';

const FOLDS = 'details.detail';
const CHARTS = 'figure.chart-block';

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Every open fold holds more than its summary and every chart is drawn or has failed. */
export function printReady(root: ParentNode = document): boolean {
  const folds = [...root.querySelectorAll<HTMLDetailsElement>(FOLDS)];
  if (folds.some((d) => !d.open || d.childElementCount < 2)) return false;
  return [...root.querySelectorAll<HTMLElement>(CHARTS)].every((f) => f.dataset.chart !== 'drawing');
}

/**
 * Opens every folded section and waits until it is ready to print; resolves with whether it got there
 * within `timeoutMs` (a print then goes ahead with what is drawn rather than never).
 */
export async function preparePrint(root: ParentNode = document, timeoutMs = 15_000): Promise<boolean> {
  for (const d of root.querySelectorAll<HTMLDetailsElement>(FOLDS)) d.open = true;
  const until = Date.now() + timeoutMs;
  // Two frames at least: the toggle events and the sections' first render come after the open.
  await nextFrame();
  await nextFrame();
  while (!printReady(root)) {
    if (Date.now() > until) return false;
    await nextFrame();
  }
  return true;
}

let installed = false;

/** Ctrl/⌘+P prints the page once every chart is drawn; the browser's own shortcut would print at once. */
export function installPrintShortcut(win: Window = window): void {
  if (installed) return;
  installed = true;
  win.addEventListener(
    'keydown',
    (e) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'p') return;
      e.preventDefault();
      void preparePrint(win.document).then(() => win.print());
    },
    { capture: true },
  );
}
