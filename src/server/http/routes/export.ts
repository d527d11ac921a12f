// GET /api/conversations/:id/export?format=md|csv — analysts and admins.
// Markdown carries each answer, its tables and its charts as SVG images; CSV is one table.
import { Hono } from 'hono';
import { TidelensError } from '../../../errors.ts';
import { ExportQuerySchema, type TableRecord } from '../../../protocol/index.ts';
import type { ConversationStore, StoredTurn } from '../../store/types.ts';
import { stripBidi } from '../../../guardrails/bidi.ts';
import { chartToSvg } from '../chart-svg.ts';
import { mdAnswer, mdFence, mdText } from '../markdown-safe.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../middleware.ts';
import { safeCharts } from '../redact.ts';
import { parseOr400 } from '../validate.ts';
import { ConversationId, loadOwned } from './conversations.ts';

// Superset's rules for formula injection: a cell starting with = + - @ | %, or with blanks or "" before one of
// them, or with a tab or CR, is run by spreadsheet apps. Such text gets a leading quote and its pipes escaped
// (DDE payloads use |); a plain negative number is left alone.
const FORMULA_START = /^(?:""|\s+)(?=[-@+|=%])|^[-@+|=%\t\r]/;
const NEGATIVE_NUMBER = /^-[0-9.]+$/;

export function neutraliseFormula(s: string): string {
  if (!FORMULA_START.test(s) || NEGATIVE_NUMBER.test(s)) return s;
  return `'${s.replace(/\|/g, '\\|')}`;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = stripBidi(typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (typeof v === 'string') s = neutraliseFormula(s);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableToCsv(t: TableRecord): string {
  return (
    [t.columns.map(csvCell).join(','), ...t.rows.map((r) => t.columns.map((c) => csvCell(r[c])).join(','))].join(
      '\r\n',
    ) + '\r\n'
  );
}

function tableToMd(t: TableRecord, maxRows = 200): string {
  const head = `| ${t.columns.map(mdText).join(' | ')} |\n|${t.columns.map(() => ' --- |').join('')}`;
  const rows = t.rows.slice(0, maxRows).map((r) => `| ${t.columns.map((c) => mdText(r[c])).join(' | ')} |`);
  const more = t.rows.length > maxRows ? `\n\n_${t.rows.length - maxRows} more rows in the CSV export._` : '';
  return `**${mdText(t.title)}**\n\n${head}\n${rows.join('\n')}${more}`;
}

async function turnToMd(t: StoredTurn): Promise<string> {
  const parts = [`## ${mdText(t.question)}`, '', mdAnswer(t.summary.answer)];
  for (const [i, spec] of safeCharts(t.summary.charts).entries()) {
    try {
      const svg = await chartToSvg(spec);
      parts.push('', `![chart ${i + 1}](data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')})`);
    } catch {
      parts.push('', `_chart ${i + 1} could not be drawn_`);
    }
  }
  for (const table of t.summary.tables) parts.push('', tableToMd(table));
  if (t.summary.steps.some((s) => s.queries.length)) {
    parts.push('', '<details><summary>SQL</summary>', '');
    for (const s of t.summary.steps) {
      for (const q of s.queries) parts.push(mdFence(`-- ${s.tool}${q.label ? `: ${q.label}` : ''}\n${q.sql}`, 'sql'));
    }
    parts.push('</details>');
  }
  return parts.join('\n');
}

export function exportRoutes(deps: { store: ConversationStore }) {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get('/conversations/:id/export', requireRole('analyst'), async (c) => {
    const user = c.get('user')!;
    const id = parseOr400(ConversationId, c.req.param('id'), 'id');
    const q = parseOr400(ExportQuerySchema, c.req.query(), 'query');
    const meta = await loadOwned(store, id, user, true);
    const turns = await store.turns(id);
    const safeName =
      meta.title
        .replace(/[^A-Za-z0-9 _-]/g, '')
        .trim()
        .replace(/\s+/g, '-')
        .slice(0, 60) || 'conversation';
    if (q.format === 'md') {
      const body = [`# ${mdText(meta.title)}`, '', `_Exported ${new Date().toISOString().slice(0, 10)}_`, ''];
      for (const t of turns) body.push(await turnToMd(t), '');
      c.header('Content-Disposition', `attachment; filename="${safeName}.md"`);
      return c.body(body.join('\n'), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    }
    const withTables = turns.filter((t) => t.summary.tables.length);
    const turn = q.turn ? turns.find((t) => t.turnId === q.turn) : withTables.at(-1);
    const table = turn?.summary.tables[q.table];
    if (!table) throw new TidelensError('not_found', 'that conversation has no such table to export');
    c.header('Content-Disposition', `attachment; filename="${safeName}.csv"`);
    return c.body('\uFEFF' + tableToCsv(table), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  return app;
}
