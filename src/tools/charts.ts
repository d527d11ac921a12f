// Vega-Lite specs as plain data: inline values only, no url, no expressions, no signals or params,
// so the UI can render them without executing anything the data or the model wrote. Every string a
// reader sees is a word, not a field id: the spec is drawn in English and carries its Chinese in
// `usermeta` (src/protocol/chart-text.ts), which the UI swaps in for a Chinese reader.
import type { Row } from '../db/types.ts';
import type { ChartText } from '../protocol/chart-text.ts';
import { knownTerm, termLabels } from '../protocol/terms.ts';
import { VALUE_LABELS_ZH } from '../protocol/value-labels.ts';
import type { Labels, Unit } from '../protocol/vocabulary.ts';
import type { ChartSpec } from './types.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const MAX_POINTS = 2000;
/** More bars than this do not fit a phone; the chart keeps the largest and says so, the table lists all. */
export const MAX_BARS = 20;
const BAR_STEP = 24;
const LINE_HEIGHT = 240;
/** Phone-width labels: horizontal, cut with an ellipsis rather than rotated or overlapping. */
const LABEL_LIMIT = 150;

type FieldType = 'quantitative' | 'nominal' | 'temporal' | 'ordinal';

/** A string shown as is in both languages, or its English and Chinese. */
export type Text = string | Labels;

export interface Field {
  field: string;
  title?: Text;
  type?: FieldType;
  /** d3-format string for tooltips (axes derive a coarser one), e.g. "$,.2f" or "+.1%". */
  format?: string;
}

/** A value's format is its unit's. */
export type ValueFormat = Unit;

/** Tooltip format: exact enough to match the answer's text (2.74 %, $1,234.56). */
export function formatOf(f: ValueFormat): string {
  return f === 'money' ? '$,.2f' : f === 'ratio' ? '.2~%' : ',.0f';
}

/** Axis format for a tooltip format: whole dollars, at most one decimal of a percent. */
export function axisFormat(format: string): string {
  if (format === '$,.2f') return '$,.0f';
  if (format === '.2~%') return '.1~%';
  return format;
}

/** Collects the Chinese for every English string a spec shows. */
class Words {
  readonly zh: Record<string, string> = {};
  readonly fields = new Set<string>();
  /** The English of `t`, remembering its Chinese. */
  en(t: Text | undefined, fallbackId?: string): string {
    const labels = t === undefined ? (fallbackId === undefined ? undefined : termLabels(fallbackId)) : t;
    if (labels === undefined) return '';
    if (typeof labels === 'string') return labels;
    if (labels.zh !== labels.en) this.zh[labels.en] = labels.zh;
    return labels.en;
  }
  meta(): { usermeta: ChartText } {
    return { usermeta: { zh: this.zh, ...(this.fields.size ? { fields: [...this.fields] } : {}) } };
  }
}

type Value = string | number | null;

/** Only plain values reach the chart: strings, finite numbers, null. */
function plain(v: unknown): Value {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v === null || v === undefined ? null : String(v);
}

function inline(rows: Row[], fields: string[]): Record<string, Value>[] {
  return rows.slice(0, MAX_POINTS).map((r) => Object.fromEntries(fields.map((f) => [f, plain(r[f])])));
}

/** A data value in words: a known id's labels, a snake_case id made readable, other text as is. */
function wordOf(v: string): Text {
  const en = knownTerm(v, 'en');
  if (en !== undefined) return { en, zh: knownTerm(v, 'zh')! };
  const zh = Object.hasOwn(VALUE_LABELS_ZH, v) ? VALUE_LABELS_ZH[v] : undefined;
  if (zh !== undefined) return { en: v, zh }; // countries, categories, devices: data values with a Chinese name
  return /^[a-z0-9]+(_[a-z0-9]+)+$/.test(v) ? termLabels(v) : v;
}

/** Ids in a word field ("own_website", "stockout") become their labels; other text (names) is kept. */
function wordValues(values: Record<string, Value>[], field: string, words: Words): void {
  for (const row of values) {
    const v = row[field];
    if (typeof v === 'string') row[field] = words.en(wordOf(v));
  }
  words.fields.add(field);
}

/** "Net sales by channel" / "按渠道划分的销售额". */
export function byTitle(measure: Labels, dimension: string): Labels {
  const d = termLabels(dimension);
  return { en: `${measure.en} by ${d.en.toLowerCase()}`, zh: `按${d.zh}划分的${measure.zh}` };
}

/** "What changed net sales, by channel" / "销售额的变化来源(按渠道)". */
export function changeTitle(measure: Labels, dimension: string): Labels {
  const d = termLabels(dimension);
  return {
    en: `What changed ${measure.en.toLowerCase()}, by ${d.en.toLowerCase()}`,
    zh: `${measure.zh}的变化来源(按${d.zh})`,
  };
}

/** "Change vs June 2025" / "相对2025年6月的变化". */
export function changeVs(period: Labels): Labels {
  return { en: `Change vs ${period.en}`, zh: `相对${period.zh}的变化` };
}

/** "Net sales: top products" / "销售额最高的商品". */
export function productsTitle(measure: Labels, direction: 'top' | 'bottom'): Labels {
  return direction === 'top'
    ? { en: `${measure.en}: top products`, zh: `${measure.zh}最高的商品` }
    : { en: `${measure.en}: bottom products`, zh: `${measure.zh}最低的商品` };
}

/** Long product names cut to fit a phone's axis; two names cut alike keep distinct bars. */
export function shortNames(names: string[], max = 28): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const s = n.length > max ? `${n.slice(0, max - 1).trimEnd()}…` : n;
    const k = (seen.get(s) ?? 0) + 1;
    seen.set(s, k);
    return k === 1 ? s : `${s} (${k})`;
  });
}

function tooltipOf(fields: Field[], words: Words) {
  return fields.map((f) => ({
    field: f.field,
    type: f.type ?? 'nominal',
    title: words.en(f.title, f.field),
    ...(f.format ? { format: f.format } : f.type === 'temporal' ? { format: '%Y-%m-%d' } : {}),
  }));
}

/** A time axis's tick format: months read "2025-07", days "07-03" (no English month names in Chinese). */
function timeFormat(values: Record<string, Value>[], field: string): string {
  const days = values.map((r) => String(r[field] ?? '')).filter(Boolean);
  if (days.length && days.every((d) => d.slice(8, 10) === '01')) return '%Y-%m';
  const years = new Set(days.map((d) => d.slice(0, 4)));
  return years.size > 1 ? '%Y-%m-%d' : '%m-%d';
}

export interface LineChartOptions {
  title: Text;
  rows: Row[];
  x: Field;
  y: Field;
  color?: Field;
  /** Words the data's values carry beyond the vocabulary (e.g. period names), with their Chinese. */
  words?: Labels[];
}

/** Line chart for a trend: x is a date (YYYY-MM-DD) or an ordinal, optional colour series. */
export function lineChart(opts: LineChartOptions): ChartSpec {
  const words = new Words();
  opts.words?.forEach((w) => words.en(w));
  const fields = [opts.x.field, opts.y.field, ...(opts.color ? [opts.color.field] : [])];
  const values = inline(opts.rows, fields).filter((r) => r[opts.x.field] !== null);
  if (opts.color) wordValues(values, opts.color.field, words);
  const xType = opts.x.type ?? 'temporal';
  const yFormat = opts.y.format ?? ',.2~f';
  const series = opts.color
    ? [...new Set(values.map((r) => r[opts.color!.field]).filter((v): v is string | number => v !== null))]
    : [];
  return {
    $schema: SCHEMA,
    title: words.en(opts.title),
    width: 'container',
    height: LINE_HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: opts.x.field,
        type: xType,
        title: words.en(opts.x.title, opts.x.field),
        axis: {
          labelAngle: 0,
          labelLimit: LABEL_LIMIT,
          ...(xType === 'temporal' ? { format: timeFormat(values, opts.x.field) } : {}),
        },
      },
      y: {
        field: opts.y.field,
        type: 'quantitative',
        title: words.en(opts.y.title, opts.y.field),
        axis: { format: axisFormat(yFormat) },
      },
      ...(opts.color
        ? {
            color: {
              field: opts.color.field,
              type: 'nominal',
              title: words.en(opts.color.title, opts.color.field),
              scale: { domain: series },
              legend: { orient: 'bottom', labelLimit: LABEL_LIMIT },
            },
          }
        : {}),
      tooltip: tooltipOf(
        [
          { ...opts.x, type: xType },
          { ...opts.y, type: 'quantitative', format: yFormat },
          ...(opts.color ? [opts.color] : []),
        ],
        words,
      ),
    },
    ...words.meta(),
  };
}

export interface BarChartOptions {
  title: Text;
  rows: Row[];
  category: Field;
  value: Field;
  color?: Field;
  /** Extra fields for the tooltip, e.g. the SKU behind a product name. */
  details?: Field[];
  /** The category holds free text (product names): cut to fit, not translated. */
  names?: boolean;
  /** Words the data's values carry beyond the vocabulary, with their Chinese. */
  words?: Labels[];
}

/** The rows a bar chart keeps: all, or the MAX_BARS categories with the largest values. */
function keepBars(o: BarChartOptions): { rows: Row[]; total: number } {
  const cats = [...new Set(o.rows.map((r) => String(r[o.category.field])))];
  if (cats.length <= MAX_BARS) return { rows: o.rows, total: cats.length };
  const size = new Map<string, number>();
  for (const r of o.rows) {
    const k = String(r[o.category.field]);
    size.set(k, Math.max(size.get(k) ?? 0, Math.abs(Number(r[o.value.field])) || 0));
  }
  const kept = new Set(cats.sort((a, b) => size.get(b)! - size.get(a)!).slice(0, MAX_BARS));
  return { rows: o.rows.filter((r) => kept.has(String(r[o.category.field]))), total: cats.length };
}

function barTitle(title: Text, shown: number, total: number): Text | { text: Text; subtitle: Text } {
  if (shown >= total) return title;
  return {
    text: title,
    subtitle: {
      en: `Largest ${shown} of ${total}; the table lists all`,
      zh: `显示最大的${shown}项(共${total}项),表格列出全部`,
    },
  };
}

/** Horizontal bars for a breakdown, sorted by value; optional grouping colour (e.g. current vs previous). */
export function barChart(opts: BarChartOptions): ChartSpec {
  const words = new Words();
  opts.words?.forEach((w) => words.en(w));
  const cat = opts.category.field;
  const details = opts.details ?? [];
  const kept = keepBars(opts);
  const color = opts.color ? [opts.color.field] : [];
  const fields = [...new Set([cat, opts.value.field, ...color, ...details.map((d) => d.field)])];
  const values = inline(kept.rows, fields);
  if (opts.names) {
    const short = shortNames(values.map((r) => String(r[cat] ?? '')));
    values.forEach((r, i) => (r[cat] = short[i]!));
  } else wordValues(values, cat, words);
  if (opts.color) wordValues(values, opts.color.field, words);
  const format = opts.value.format ?? ',.2~f';
  const categories = new Set(values.map((r) => r[cat])).size;
  const title = barTitle(opts.title, categories, kept.total);
  return {
    $schema: SCHEMA,
    title:
      typeof title === 'object' && 'text' in title
        ? { text: words.en(title.text), subtitle: words.en(title.subtitle) }
        : words.en(title),
    width: 'container',
    height: { step: opts.color ? BAR_STEP * 1.5 : BAR_STEP },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: {
        field: cat,
        type: opts.category.type ?? 'nominal',
        title: words.en(opts.category.title, cat),
        sort: opts.color || opts.category.type === 'ordinal' ? null : '-x',
        axis: { labelLimit: LABEL_LIMIT },
      },
      x: {
        field: opts.value.field,
        type: 'quantitative',
        title: words.en(opts.value.title, opts.value.field),
        axis: { format: axisFormat(format) },
      },
      ...(opts.color
        ? {
            color: {
              field: opts.color.field,
              type: 'nominal',
              title: words.en(opts.color.title, opts.color.field),
              legend: { orient: 'bottom' },
            },
            yOffset: { field: opts.color.field, type: 'nominal' },
          }
        : {}),
      tooltip: tooltipOf(
        [
          opts.category,
          { ...opts.value, type: 'quantitative' as const, format },
          ...(opts.color ? [opts.color] : []),
        ].concat(details),
        words,
      ),
    },
    ...words.meta(),
  };
}

export interface WaterfallStep {
  label: Text;
  /** Change contributed by this step (ignored for totals). */
  delta: number;
  /** A subtotal bar: the level reached so far (e.g. "expected after the season"), drawn from the base. */
  total?: boolean;
}

export interface WaterfallOptions {
  title: Text;
  startLabel: Text;
  start: number;
  steps: WaterfallStep[];
  endLabel: Text;
  format?: string;
  /** What the value axis measures, e.g. the metric's name. */
  valueTitle?: Text;
}

/** Where the total bars start: below the lowest level by half the levels' span, so changes are visible. */
export function waterfallBase(levels: number[]): number {
  const lo = Math.min(...levels);
  const hi = Math.max(...levels);
  const pad = hi > lo ? (hi - lo) * 0.5 : Math.abs(lo) * 0.1;
  const base = lo - pad;
  return lo >= 0 && base < 0 ? 0 : base;
}

/** At most MAX_BARS bars: the largest steps in their order, the rest summed into one "Other" step. */
function foldSteps(steps: WaterfallStep[]): WaterfallStep[] {
  const room = MAX_BARS - 3;
  if (steps.length <= room + 1) return steps;
  const sized = steps.filter((s) => !s.total);
  const kept = new Set([
    ...steps.filter((s) => s.total),
    ...sized.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, room),
  ]);
  const rest = steps.filter((s) => !kept.has(s));
  const other = { en: `Other (${rest.length})`, zh: `其他(${rest.length}项)` };
  return [...steps.filter((s) => kept.has(s)), { label: other, delta: rest.reduce((a, s) => a + s.delta, 0) }];
}

/** The bars of a waterfall from unrounded values, so a 2.74 % level is drawn at 2.74 %. */
function waterfallRows(o: WaterfallOptions, words: Words) {
  o = { ...o, steps: foldSteps(o.steps) };
  let running = o.start;
  const levels = [o.start, ...o.steps.map((s) => (s.total ? running : (running += s.delta)))];
  const base = waterfallBase(levels);
  const total = (label: Text, v: number, order: number) => ({
    label: words.en(label),
    start: base,
    end: v,
    amount: v,
    kind: words.en(termLabels('total')),
    order,
  });
  const rows: Record<string, string | number>[] = [total(o.startLabel, o.start, 0)];
  o.steps.forEach((s, i) => {
    if (s.total) {
      rows.push(total(typeof s.label === 'string' ? wordOf(s.label) : s.label, levels[i + 1]!, i + 1));
      return;
    }
    const kind = words.en(termLabels(s.delta >= 0 ? 'increase' : 'decrease'));
    const label = words.en(typeof s.label === 'string' ? wordOf(s.label) : s.label);
    rows.push({ label, start: levels[i]!, end: levels[i + 1]!, amount: s.delta, kind, order: i + 1 });
  });
  rows.push(total(o.endLabel, levels[levels.length - 1]!, o.steps.length + 1));
  return { rows, base };
}

/**
 * Waterfall from a starting total through contributions to the ending total, drawn horizontally so step
 * names read on a phone. Bar positions are computed here, not in Vega expressions, so the spec stays pure
 * data; the value axis does not start at zero, or a 13 % change would be a sliver.
 */
export function waterfallChart(opts: WaterfallOptions): ChartSpec {
  const words = new Words();
  const { rows } = waterfallRows(opts, words);
  const fmt = opts.format ?? ',.2~f';
  const kinds = ['total', 'increase', 'decrease'].map((k) => words.en(termLabels(k)));
  words.fields.add('label').add('kind');
  return {
    $schema: SCHEMA,
    title: words.en(opts.title),
    width: 'container',
    height: { step: BAR_STEP },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        title: null,
        sort: { field: 'order', order: 'ascending' },
        axis: { labelLimit: LABEL_LIMIT },
      },
      x: {
        field: 'start',
        type: 'quantitative',
        title: opts.valueTitle === undefined ? null : words.en(opts.valueTitle),
        scale: { zero: false },
        axis: { format: axisFormat(fmt), labelOverlap: true },
      },
      x2: { field: 'end' },
      color: {
        field: 'kind',
        type: 'nominal',
        title: null,
        scale: { domain: kinds, range: ['#6b7a90', '#2e9e5b', '#d0453b'] },
        legend: { orient: 'bottom' },
      },
      tooltip: [
        { field: 'label', type: 'nominal', title: words.en(termLabels('label')) },
        { field: 'amount', type: 'quantitative', title: words.en(termLabels('value')), format: fmt },
      ],
    },
    ...words.meta(),
  };
}

const FORBIDDEN_KEYS = new Set([
  'url',
  'href',
  'image',
  'params',
  'signals',
  'expr',
  'calculate',
  'filter',
  'transform',
]);

/** Throws when a spec carries anything beyond inline data and encodings (used by tests and at the UI boundary). */
export function assertPureSpec(spec: unknown, path = 'spec'): void {
  if (Array.isArray(spec)) {
    spec.forEach((v, i) => assertPureSpec(v, `${path}[${i}]`));
    return;
  }
  if (spec && typeof spec === 'object') {
    for (const [k, v] of Object.entries(spec)) {
      if (path.includes('.data.values')) continue; // data values are inert strings and numbers
      if (path === 'spec.usermeta') continue; // the chart's words: strings checked by the chart guard
      if (FORBIDDEN_KEYS.has(k)) throw new Error(`${path}.${k} is not allowed in a chart spec`);
      if (k === 'mark' && typeof v === 'object' && v && 'href' in v) {
        throw new Error(`${path}.mark.href is not allowed`);
      }
      assertPureSpec(v, `${path}.${k}`);
    }
  }
}
