// What an export holds, gathered once and then written as Markdown or as the print view: the answers (all,
// or one), their tables, their charts drawn as images, their SQL, and the notes that say what was left out.
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { changeLines } from '../../protocol/edited-words.ts';
import { localizeChart, parseCallTitle, tableTitleWords } from '../../protocol/index.ts';
import type { ConversationMeta, Language, StoredTurn, TableRecord } from '../../protocol/index.ts';
import type { ChartRenderer } from '../http/chart-svg.ts';
import { chartTitle } from '../http/chart-svg.ts';
import { safeCharts } from '../http/redact.ts';
import { exportLabels, type ExportLabels } from './labels.ts';
import { readableTableTitle } from './table-title.ts';
import { cellText, columnUnits } from '../../protocol/table-words.ts';

export interface ExportLimits {
  /** Answers in one whole-conversation export: the latest ones are kept, with a note. */
  maxTurns: number;
  /** Charts drawn in one export; later charts are left out with a note. */
  maxCharts: number;
  /** Rows of a table written into Markdown or HTML; the CSV export has them all. */
  maxTableRows: number;
  /** Exports one user may start per minute. */
  perMinute: number;
  /** Exports assembled at once by this process; the rest wait their turn. */
  concurrent: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = {
  maxTurns: 100,
  maxCharts: 40,
  maxTableRows: 200,
  perMinute: 20,
  concurrent: 2,
};

const YIELD_EVERY = 5;

export interface ExportChart {
  title: string;
  /** A data: URI of the SVG; null when it could not be drawn. */
  uri: string | null;
}

export interface ExportTurn {
  question: string;
  createdAt: string;
  answer: string;
  interrupted: boolean;
  /** The user pressed Stop: the partial answer is kept. */
  stopped: boolean;
  /** A re-run by a chip: what it changed, in words (no ids); null for a typed question. */
  edited: string[] | null;
  charts: ExportChart[];
  tables: TableRecord[];
  sql: { tool: string; label?: string; sql: string }[];
}

export interface ExportDoc {
  title: string;
  author: string;
  exportedOn: string;
  /** The warehouse's last order date; absent when the app was built without it. */
  dataThrough?: string;
  lang: Language;
  labels: ExportLabels;
  turns: ExportTurn[];
  /** What was left out, said at the top of the file. */
  notes: string[];
}

export interface ExportSource {
  meta: ConversationMeta;
  /** Oldest first; already cut to the limit by the caller's bounded read. */
  turns: StoredTurn[];
  totalTurns: number;
  author: string;
  lang: Language;
  now: Date;
  dataThrough?: string;
  /** A single-answer export titles the file with its question. */
  single: boolean;
}

export async function collectExport(
  src: ExportSource,
  charts: ChartRenderer,
  limits: ExportLimits,
): Promise<ExportDoc> {
  const labels = exportLabels(src.lang);
  const notes: string[] = [];
  if (src.totalTurns > src.turns.length) notes.push(labels.turnsCut(src.turns.length, src.totalTurns));
  let budget = limits.maxCharts;
  let chartsCut = false;
  const pending: Promise<ExportTurn>[] = [];
  for (const [i, t] of src.turns.entries()) {
    // Checking and queueing a turn's charts is main-thread work: other requests get a turn every few answers.
    if (i > 0 && i % YIELD_EVERY === 0) await nextMacrotask();
    const specs = safeCharts(t.summary.charts);
    const drawn = specs.slice(0, Math.max(0, budget));
    budget -= drawn.length;
    if (drawn.length < specs.length) chartsCut = true;
    pending.push(exportTurn(t, drawn, charts, src.lang));
  }
  const turns = await Promise.all(pending);
  if (chartsCut) notes.push(labels.chartsCut(limits.maxCharts));
  return {
    title: src.single ? (src.turns[0]?.question ?? src.meta.title) : src.meta.title,
    author: src.author,
    exportedOn: src.now.toISOString().slice(0, 10),
    dataThrough: src.dataThrough,
    lang: src.lang,
    labels,
    turns,
    notes,
  };
}

/** A table's title in words from the call that made it, else the raw title made readable. */
export function wordsTitle(tb: TableRecord, lang: Language): string {
  const kept = / \[first \d+ of \d+ rows kept\]$/.exec(tb.title)?.[0] ?? '';
  const call = tb.source ?? parseCallTitle(tb.title.slice(0, tb.title.length - kept.length));
  return call ? `${tableTitleWords(call.tool, call.input, lang)}${kept}` : readableTableTitle(tb.title);
}

async function exportTurn(
  t: StoredTurn,
  specs: ReturnType<typeof safeCharts>,
  charts: ChartRenderer,
  lang: Language,
): Promise<ExportTurn> {
  // A running turn may still gain charts, so only finished turns are cached.
  const cacheable = t.status !== 'running';
  const drawn = await Promise.all(
    specs.map(async (drawnSpec, i) => {
      // Charts carry their Chinese words (src/protocol/chart-text.ts): drawn in the export's language.
      const spec = localizeChart(drawnSpec, lang);
      const key = cacheable ? `${t.conversationId}/${t.turnId}/${i}/${lang}` : null;
      const uri = await charts.image(key, spec).catch(() => null);
      return { title: chartTitle(spec), uri };
    }),
  );
  return {
    question: t.question,
    createdAt: t.createdAt,
    answer: t.summary.answer,
    interrupted: t.status === 'interrupted',
    stopped: t.status === 'cancelled',
    edited: t.edited ? changeLines(t.edited, lang) : null,
    charts: drawn,
    tables: t.summary.tables.map((tb) => readableTable(tb, lang)),
    // A viewer's turns arrive with their SQL blanked (redact.ts): nothing to list then.
    sql: t.summary.steps.flatMap((s) =>
      s.queries.filter((q) => q.sql).map((q) => ({ tool: s.tool, label: q.label, sql: q.sql })),
    ),
  };
}

/**
 * A table as the chat shows it: title and cells in the export's language ("stockout" → 缺货, a share 0.823 →
 * 82.3 %, money with its symbol), so a forwarded file reads like the screen. The CSV keeps ids and raw values.
 */
function readableTable(tb: TableRecord, lang: Language): TableRecord {
  const units = columnUnits(tb);
  const rows = tb.rows.map((r) => Object.fromEntries(tb.columns.map((c) => [c, cellText(r, c, units[c], lang)])));
  return { ...tb, title: wordsTitle(tb, lang), rows };
}
