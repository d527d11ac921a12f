// The print view: one self-contained HTML page (no script, nothing fetched; charts are data: images) with a
// title, author, date and "data through" line, and page breaks that never cut a chart or a table row.
// Every piece of data is HTML-escaped; the answer's Markdown is reduced to paragraphs, lists, bold and code
// after escaping, so the only tags in the page are the ones written here.
import type { TableRecord } from '../../protocol/index.ts';
import { stripBidi } from '../../guardrails/bidi.ts';
import type { ExportDoc, ExportTurn } from './document.ts';
import type { ExportLabels } from './labels.ts';
import { docByline } from './markdown.ts';

/** Sent as a header and as a meta tag, so a saved copy keeps it: styles inline, images as data only. */
export const PRINT_CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(v: unknown): string {
  return stripBidi(String(v ?? '')).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function inline(escaped: string): string {
  return escaped.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** Paragraphs, bullet and numbered lists, headings; links and images stay as their text. */
export function answerToHtml(md: string): string {
  const blocks = esc(md)
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return blocks
    .map((b) => {
      const lines = b.split('\n');
      if (lines.every((l) => /^\s*(?:[-*]|\d+[.)])\s+/.test(l))) {
        const tag = /^\s*\d/.test(lines[0]!) ? 'ol' : 'ul';
        const items = lines.map((l) => `<li>${inline(l.replace(/^\s*(?:[-*]|\d+[.)])\s+/, ''))}</li>`);
        return `<${tag}>${items.join('')}</${tag}>`;
      }
      const h = /^#{1,6}\s+(.*)$/.exec(b);
      if (h && lines.length === 1) return `<h4>${inline(h[1]!)}</h4>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('\n');
}

function tableToHtml(t: TableRecord, labels: ExportLabels, maxRows: number): string {
  const head = `<tr>${t.columns.map((c) => `<th>${esc(labels.column(c))}</th>`).join('')}</tr>`;
  const rows = t.rows
    .slice(0, maxRows)
    .map((r) => `<tr>${t.columns.map((c) => `<td>${esc(r[c])}</td>`).join('')}</tr>`);
  const more = t.rows.length > maxRows ? `<p class="note">${esc(labels.moreRows(t.rows.length - maxRows))}</p>` : '';
  const body = `<thead>${head}</thead><tbody>${rows.join('')}</tbody>`;
  return `<table><caption>${esc(t.title)}</caption>${body}</table>${more}`;
}

function turnToHtml(t: ExportTurn, labels: ExportLabels, maxRows: number): string {
  const asked = `${esc(labels.asked)} ${esc(t.createdAt.slice(0, 10))}`;
  // An edited answer is headed by what changed; the question it re-ran is named below.
  const head = t.edited
    ? [
        `<h2><span class="edited">${esc(labels.edited)}</span> ${esc(t.edited.join(' · '))}</h2>`,
        `<p class="meta">${esc(labels.rerunOf)}: ${esc(t.question)} · ${asked}</p>`,
      ]
    : [`<h2>${esc(t.question)}</h2>`, `<p class="meta">${asked}</p>`];
  const parts = ['<section class="turn">', ...head, `<div class="answer">${answerToHtml(t.answer)}</div>`];
  if (t.interrupted) parts.push(`<p class="note">${esc(labels.interrupted)}</p>`);
  if (t.stopped) parts.push(`<p class="note">${esc(labels.stopped)}</p>`);
  for (const [i, c] of t.charts.entries()) {
    const title = c.title || `${labels.chart} ${i + 1}`;
    parts.push(
      c.uri
        ? `<figure><img src="${esc(c.uri)}" alt="${esc(title)}"><figcaption>${esc(title)}</figcaption></figure>`
        : `<p class="note">${esc(labels.chartFailed(i + 1))}</p>`,
    );
  }
  for (const table of t.tables) parts.push(tableToHtml(table, labels, maxRows));
  parts.push('</section>');
  return parts.join('\n');
}

const STYLE = `
body { font: 14px/1.5 Helvetica, Arial, sans-serif; color: #111; max-width: 760px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.byline, .meta, .note { color: #555; font-size: .9rem; }
.edited { font-size: .8rem; border: 1px solid #b58900; color: #7a5c00; border-radius: 3px; padding: 0 .3rem; vertical-align: middle; }
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure img { max-width: 100%; height: auto; } figcaption { font-size: .85rem; color: #555; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .85rem; break-inside: auto; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; }
tr, h2 { break-inside: avoid; page-break-inside: avoid; } h2 { break-after: avoid; page-break-after: avoid; }
thead { display: table-header-group; }
@media print { body { margin: 0; max-width: none; } .turn + .turn { break-before: auto; } }
`;

export function exportToHtml(doc: ExportDoc, maxRows: number): string {
  const notes = doc.notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n');
  return [
    '<!doctype html>',
    `<html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    `<header><h1>${esc(doc.title)}</h1><p class="byline">${docByline(doc).map(esc).join(' · ')}</p>${notes}</header>`,
    ...doc.turns.map((t) => turnToHtml(t, doc.labels, maxRows)),
    '</body></html>',
  ].join('\n');
}
