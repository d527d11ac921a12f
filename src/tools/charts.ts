// Vega-Lite specs as plain data: inline values only, no url, no expressions, no signals or params,
// so the UI can render them without executing anything the data or the model wrote.
import type { Row } from '../db/types.ts';
import type { Unit } from '../protocol/vocabulary.ts';
import type { ChartSpec } from './types.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const MAX_POINTS = 2000;

type FieldType = 'quantitative' | 'nominal' | 'temporal' | 'ordinal';

export interface Field {
  field: string;
  title?: string;
  type?: FieldType;
  /** d3-format string for axes and tooltips, e.g. ",.2f" or ".1%". */
  format?: string;
}

/** A value's format is its unit's. */
export type ValueFormat = Unit;

export function formatOf(f: ValueFormat): string {
  return f === 'money' ? ',.2f' : f === 'ratio' ? '.1%' : ',d';
}

/** Only plain values reach the chart: strings, finite numbers, null. */
function inline(rows: Row[], fields: string[]): Record<string, string | number | null>[] {
  return rows.slice(0, MAX_POINTS).map((r) => {
    const out: Record<string, string | number | null> = {};
    for (const f of fields) {
      const v = r[f];
      out[f] = typeof v === 'number' ? (Number.isFinite(v) ? v : null) : v === null || v === undefined ? null : String(v);
    }
    return out;
  });
}

function enc(f: Field, type: FieldType) {
  return {
    field: f.field,
    type: f.type ?? type,
    title: f.title ?? f.field,
    ...(f.format ? { axis: { format: f.format } } : {}),
  };
}

function tooltip(fields: Field[]) {
  return fields.map((f) => ({ field: f.field, type: f.type ?? 'nominal', title: f.title ?? f.field, ...(f.format ? { format: f.format } : {}) }));
}

/** Line chart for a trend: x is a date (YYYY-MM-DD) or an ordinal, optional colour series. */
export function lineChart(opts: { title: string; rows: Row[]; x: Field; y: Field; color?: Field }): ChartSpec {
  const fields = [opts.x.field, opts.y.field, ...(opts.color ? [opts.color.field] : [])];
  const x = enc(opts.x, 'temporal');
  const y = enc(opts.y, 'quantitative');
  return {
    $schema: SCHEMA,
    title: opts.title,
    width: 'container',
    data: { values: inline(opts.rows, fields) },
    mark: { type: 'line', point: true },
    encoding: {
      x,
      y,
      ...(opts.color ? { color: enc(opts.color, 'nominal') } : {}),
      tooltip: tooltip([{ ...opts.x, type: opts.x.type ?? 'temporal' }, { ...opts.y, type: 'quantitative' }, ...(opts.color ? [opts.color] : [])]),
    },
  };
}

/** Horizontal bars for a breakdown, sorted by value; optional grouping colour (e.g. current vs previous). */
export function barChart(opts: { title: string; rows: Row[]; category: Field; value: Field; color?: Field }): ChartSpec {
  const fields = [opts.category.field, opts.value.field, ...(opts.color ? [opts.color.field] : [])];
  return {
    $schema: SCHEMA,
    title: opts.title,
    width: 'container',
    data: { values: inline(opts.rows, fields) },
    mark: { type: 'bar' },
    encoding: {
      y: { ...enc(opts.category, 'nominal'), sort: opts.color ? null : '-x' },
      x: enc(opts.value, 'quantitative'),
      ...(opts.color ? { color: enc(opts.color, 'nominal'), yOffset: { field: opts.color.field, type: 'nominal' } } : {}),
      tooltip: tooltip([opts.category, { ...opts.value, type: 'quantitative' }, ...(opts.color ? [opts.color] : [])]),
    },
  };
}

export interface WaterfallStep {
  label: string;
  /** Change contributed by this step (ignored for totals). */
  delta: number;
}

/**
 * Waterfall from a starting total through contributions to the ending total. Bar positions are
 * computed here, not in Vega expressions, so the spec stays pure data.
 */
export function waterfallChart(opts: {
  title: string;
  startLabel: string;
  start: number;
  steps: WaterfallStep[];
  endLabel: string;
  format?: string;
}): ChartSpec {
  const values: Record<string, string | number>[] = [];
  const r2 = (n: number) => Math.round(n * 100) / 100;
  values.push({ label: opts.startLabel, start: 0, end: r2(opts.start), amount: r2(opts.start), kind: 'total', order: 0 });
  let running = opts.start;
  opts.steps.forEach((s, i) => {
    const next = running + s.delta;
    values.push({ label: s.label, start: r2(running), end: r2(next), amount: r2(s.delta), kind: s.delta >= 0 ? 'increase' : 'decrease', order: i + 1 });
    running = next;
  });
  values.push({ label: opts.endLabel, start: 0, end: r2(running), amount: r2(running), kind: 'total', order: opts.steps.length + 1 });
  const fmt = opts.format ?? ',.2f';
  return {
    $schema: SCHEMA,
    title: opts.title,
    width: 'container',
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'label', type: 'nominal', title: null, sort: { field: 'order', order: 'ascending' }, axis: { labelAngle: -30 } },
      y: { field: 'start', type: 'quantitative', title: null, axis: { format: fmt } },
      y2: { field: 'end' },
      color: {
        field: 'kind',
        type: 'nominal',
        title: null,
        scale: { domain: ['total', 'increase', 'decrease'], range: ['#6b7a90', '#2e9e5b', '#d0453b'] },
      },
      tooltip: [
        { field: 'label', type: 'nominal', title: 'step' },
        { field: 'amount', type: 'quantitative', title: 'amount', format: fmt },
      ],
    },
  };
}

const FORBIDDEN_KEYS = new Set(['url', 'href', 'image', 'usermeta', 'params', 'signals', 'expr', 'calculate', 'filter', 'transform']);

/** Throws when a spec carries anything beyond inline data and encodings (used by tests and at the UI boundary). */
export function assertPureSpec(spec: unknown, path = 'spec'): void {
  if (Array.isArray(spec)) {
    spec.forEach((v, i) => assertPureSpec(v, `${path}[${i}]`));
    return;
  }
  if (spec && typeof spec === 'object') {
    for (const [k, v] of Object.entries(spec)) {
      if (path.includes('.data.values')) continue; // data values are inert strings and numbers
      if (FORBIDDEN_KEYS.has(k)) throw new Error(`${path}.${k} is not allowed in a chart spec`);
      if (k === 'mark' && typeof v === 'object' && v && 'href' in v) throw new Error(`${path}.mark.href is not allowed`);
      assertPureSpec(v, `${path}.${k}`);
    }
  }
}
