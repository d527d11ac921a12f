// A table as a reader sees it: titled in words from the call that made it, column names from the
// vocabulary, id cells ("stockout", "medium", "own_website") as words, numbers formatted by what they hold
// (a share 0.823 reads 82.3 %, money $1,234.50) in the reader's locale. Pure apart from the locale; shared by the
// chat's tables (src/ui) and the Markdown and print exports (src/server/export), so a file reads like the screen.
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
} from './index.ts';
import { VALUE_LABELS_ZH } from './value-labels.ts';

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
  if (typeof v === 'string') return valueWord(v, lang);
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  const opts: Intl.NumberFormatOptions =
    unit === 'ratio'
      ? { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 }
      : unit === 'money'
        ? {
            style: 'currency',
            currency: 'USD',
            currencyDisplay: 'narrowSymbol', // "$1,234.50", never zh-CN's "US$"
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }
        : { maximumFractionDigits: Number.isInteger(v) ? 0 : 2 };
  return new Intl.NumberFormat(locale(lang), opts).format(v);
}

/** A data value in the reader's words: an id's label, a country or category's Chinese name, else as written. */
export function valueWord(v: string, lang: Language): string {
  const known = knownTerm(v, lang);
  if (known !== undefined) return known;
  return lang === 'zh' && Object.hasOwn(VALUE_LABELS_ZH, v) ? VALUE_LABELS_ZH[v]! : v;
}

/** "channel = amazon × category = Swimwear" (how explain_change writes a segment) in the reader's words. */
export function segmentWords(v: string, lang: Language): string {
  if (v === 'everything') return termLabel('everything', lang);
  const sep = lang === 'zh' ? '、' : ', ';
  return v
    .split(' × ')
    .map((part) => {
      const m = /^([a-z_]+) = (.+)$/.exec(part);
      if (!m) return part;
      const values = m[2]!.split(', ').map((x) => valueWord(x, lang));
      return `${termLabel(m[1]!, lang)}${lang === 'zh' ? '：' : ': '}${values.join(sep)}`;
    })
    .join(lang === 'zh' ? '；' : ' × ');
}

// The evidence queries explain_change names (src/tools/explain/**: *_LABEL), in Chinese; others show as written.
const EVIDENCE_ZH: [RegExp, string][] = [
  [/^season: same months last year$/, '季节：去年同期'],
  [/^evidence: stock-outs\b/, '证据：缺货记录（库存为零）'],
  [/^evidence: price changes\b/, '证据：价格变动记录'],
  [/^evidence: daily orders by channel and country$/, '证据：按渠道和国家的每日订单'],
  [/^evidence: returned order lines by product\b/, '证据：按商品的退货明细'],
  [/^evidence: review ratings by product\b/, '证据：按商品的评价评分'],
  [/^evidence: campaigns overlapping the periods\b/, '证据：与两个时期重叠的营销活动'],
  [/^cube: order lines by\b/, '分析数据：按渠道、商品、国家、设备、流量来源和新老客户的订单明细'],
  [/^cube: sessions by\b/, '分析数据：按流量来源、国家和设备的访问'],
];

/**
 * One cell as the reader sees it. Beyond formatCell: explain_change's causes table, whose segment, title and
 * evidence columns are written in English by the tool, reads in Chinese for a Chinese reader (the title as
 * the cause's kind and segment, which is what the chart labels it too). The CSV keeps the raw values.
 */
export function cellText(row: Record<string, unknown>, column: string, unit: Unit | undefined, lang: Language): string {
  const v = row[column];
  if (typeof v === 'string' && column === 'segment') return segmentWords(v, lang);
  if (lang === 'zh' && typeof v === 'string') {
    if (column === 'evidence') return EVIDENCE_ZH.find(([re]) => re.test(v))?.[1] ?? v;
    if (column === 'title' && typeof row.kind === 'string' && typeof row.segment === 'string') {
      const kind = knownTerm(row.kind, lang) ?? row.kind;
      return row.segment === 'everything' ? kind : `${kind}：${segmentWords(row.segment, lang)}`;
    }
  }
  return formatCell(v, unit, lang);
}
