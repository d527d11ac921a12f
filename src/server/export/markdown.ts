// The export as Markdown: data escaped so it stays text (markdown-safe.ts), charts as SVG data images with
// their titles as alt text, tables capped at maxTableRows with a pointer to the CSV.
import type { TableRecord } from '../../protocol/index.ts';
import { mdAnswer, mdFence, mdText } from '../http/markdown-safe.ts';
import type { ExportDoc, ExportTurn } from './document.ts';
import type { ExportLabels } from './labels.ts';

export function tableToMd(t: TableRecord, labels: ExportLabels, maxRows: number): string {
  const head = `| ${t.columns.map((c) => mdText(labels.column(c))).join(' | ')} |\n|${t.columns.map(() => ' --- |').join('')}`;
  const rows = t.rows.slice(0, maxRows).map((r) => `| ${t.columns.map((c) => mdText(r[c])).join(' | ')} |`);
  const more = t.rows.length > maxRows ? `\n\n_${labels.moreRows(t.rows.length - maxRows)}_` : '';
  return `**${mdText(t.title)}**\n\n${head}\n${rows.join('\n')}${more}`;
}

function turnToMd(t: ExportTurn, labels: ExportLabels, maxRows: number): string {
  const asked = `${labels.asked} ${t.createdAt.slice(0, 10)}`;
  // An edited answer is headed by what changed; the question it re-ran is named below.
  const parts = t.edited
    ? [
        `## ${mdText(`${labels.edited}: ${t.edited.join(' · ')}`)}`,
        '',
        `_${mdText(`${labels.rerunOf}: ${t.question}`)} · ${asked}_`,
        '',
      ]
    : [`## ${mdText(t.question)}`, '', `_${asked}_`, ''];
  parts.push(mdAnswer(t.answer));
  if (t.interrupted) parts.push('', `_${labels.interrupted}_`);
  if (t.stopped) parts.push('', `_${labels.stopped}_`);
  for (const [i, chart] of t.charts.entries()) {
    const alt = mdText(chart.title || `${labels.chart} ${i + 1}`);
    parts.push('', chart.uri ? `![${alt}](${chart.uri})` : `_${labels.chartFailed(i + 1)}_`);
  }
  for (const table of t.tables) parts.push('', tableToMd(table, labels, maxRows));
  if (t.sql.length) {
    parts.push('', `<details><summary>${labels.sql}</summary>`, '');
    for (const q of t.sql) parts.push(mdFence(`-- ${q.tool}${q.label ? `: ${q.label}` : ''}\n${q.sql}`, 'sql'));
    parts.push('</details>');
  }
  return parts.join('\n');
}

/** The front matter line: exported on, author, and how recent the data is. */
export function docByline(doc: ExportDoc): string[] {
  const l = doc.labels;
  return [
    `${l.exported} ${doc.exportedOn}`,
    `${l.author} ${doc.author}`,
    ...(doc.dataThrough ? [`${l.dataThrough} ${doc.dataThrough}`] : []),
  ];
}

export function exportToMd(doc: ExportDoc, maxRows: number): string {
  const body = [`# ${mdText(doc.title)}`, '', `_${docByline(doc).map(mdText).join(' · ')}_`, ''];
  for (const note of doc.notes) body.push(`> ${mdText(note)}`, '');
  for (const t of doc.turns) body.push(turnToMd(t, doc.labels, maxRows), '');
  return body.join('\n');
}
