// A table as a reader sees it: titled in words from the call that made it, column names from the
// vocabulary, id cells ("stockout", "medium", "own_website") as words, numbers formatted by what they hold
// (a share 0.823 reads 82.3 %, money $1,234.50) in the reader's locale. Pure apart from the locale.
import {
  columnUnit,
  knownTerm,
  type Language,
  METRIC_UNITS,
  type MetricId,
  parseCallTitle,
  tableTitleWords,
  type TableRecord,
  termLabel,
  type Unit,
} from '../protocol/index.ts';

/** Columns that hold the asked metric's values in tools that take one metric. */
const METRIC_VALUE_COLUMNS = new Set(['value', 'previous', 'current', 'change', 'effect', 'expected', 'residual']);
const KEPT_NOTE = / \[first \d+ of \d+ rows kept\]$/;

function source(table: TableRecord): { tool: string; input: Record<string, unknown> } | null {
  if (table.source) {
    const input = table.source.input;
    const fields = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
    return { tool: table.source.tool, input: fields };
  }
  return parseCallTitle(table.title.replace(KEPT_NOTE, ''));
}

export function tableTitle(table: TableRecord, lang: Language): string {
  const src = source(table);
  if (!src) return table.title;
  const kept = KEPT_NOTE.exec(table.title)?.[0] ?? '';
  return `${tableTitleWords(src.tool, src.input, lang)}${kept}`;
}

export function columnTitle(column: string, lang: Language): string {
  return termLabel(column, lang);
}

/** Each column's unit: named metric columns, share/rate columns, and value columns of a one-metric tool. */
export function columnUnits(table: TableRecord): Record<string, Unit | undefined> {
  const metric = source(table)?.input.metric;
  const known = typeof metric === 'string' && Object.hasOwn(METRIC_UNITS, metric);
  const asked = known ? METRIC_UNITS[metric as MetricId] : undefined;
  const units: Record<string, Unit | undefined> = {};
  for (const c of table.columns) units[c] = asked && METRIC_VALUE_COLUMNS.has(c) ? asked : columnUnit(c);
  return units;
}

const locale = (lang: Language) => (lang === 'zh' ? 'zh-CN' : 'en-US');

export function formatCell(v: unknown, unit: Unit | undefined, lang: Language): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return knownTerm(v, lang) ?? v;
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  const opts: Intl.NumberFormatOptions =
    unit === 'ratio'
      ? { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 }
      : unit === 'money'
        ? { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }
        : { maximumFractionDigits: Number.isInteger(v) ? 0 : 2 };
  return new Intl.NumberFormat(locale(lang), opts).format(v);
}
