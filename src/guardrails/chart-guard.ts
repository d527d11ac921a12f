// Every chart leaves the server through here. A spec is data for a small allowed subset of Vega-Lite:
// inline values only, known marks and channels, fields that exist, and no key that Vega evaluates as an
// expression or follows as a link (url, href, image, signals, params, expr, test, calculate...). The one
// usermeta allowed is the chart's words in Chinese (strings only, src/protocol/chart-text.ts); any other
// usermeta (vega-embed reads usermeta.embedOptions) is refused.
import { ChartTextSchema } from '../protocol/chart-text.ts';
import type { ChartSpec } from '../tools/types.ts';

const MARKS = new Set([
  'bar',
  'line',
  'area',
  'point',
  'circle',
  'square',
  'tick',
  'rule',
  'rect',
  'arc',
  'text',
  'trail',
]);
const CHANNELS = new Set([
  'x',
  'y',
  'x2',
  'y2',
  'xOffset',
  'yOffset',
  'color',
  'fill',
  'stroke',
  'opacity',
  'fillOpacity',
  'size',
  'shape',
  'strokeDash',
  'theta',
  'radius',
  'text',
  'tooltip',
  'detail',
  'order',
  'row',
  'column',
  'facet',
]);
const TOP = new Set([
  '$schema',
  'title',
  'description',
  'data',
  'mark',
  'encoding',
  'width',
  'height',
  'layer',
  'transform',
  'resolve',
  'autosize',
  'usermeta',
]);
const TRANSFORMS = new Set(['fold', 'aggregate', 'window', 'joinaggregate', 'stack', 'timeUnit', 'bin']);
const FORBIDDEN_KEY =
  /^(url|href|image|usermeta|params|signals?|expr|test|calculate|filter|formatType|loader|datasets|config|bind|cursor|projection|selection)$|Expr$/;
// vega-tooltip renders a datum field called image as <img src=...>; links follow href/url.
const FORBIDDEN_FIELD = /^(image|href|url)$/i;
const MAX_ROWS = 5000;

export type ChartCheck = { ok: true; spec: ChartSpec } | { ok: false; reason: string };

function walkForbidden(v: unknown, path: string): string | null {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = walkForbidden(v[i], `${path}[${i}]`);
      if (r) return r;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      if (FORBIDDEN_KEY.test(k)) return `${path}.${k} is not allowed in a chart`;
      const r = walkForbidden(child, `${path}.${k}`);
      if (r) return r;
    }
  }
  return null;
}

function transformOutputs(t: Record<string, unknown>): string[] | string {
  const op = Object.keys(t).find((k) => TRANSFORMS.has(k));
  if (!op) return `transform ${Object.keys(t).join(',')} is not allowed`;
  const as = t.as;
  if (op === 'fold') return Array.isArray(as) ? as.map(String) : ['key', 'value'];
  if (op === 'aggregate' || op === 'window' || op === 'joinaggregate') {
    const list = (t[op] as { as?: unknown }[] | undefined) ?? [];
    return list.map((a) => String(a.as ?? ''));
  }
  if (typeof as === 'string') return [as];
  if (Array.isArray(as)) return as.map(String);
  return [];
}

function checkUnit(unit: Record<string, unknown>, fields: Set<string>, path: string): string | null {
  const fieldsHere = new Set(fields);
  for (const t of (unit.transform as Record<string, unknown>[] | undefined) ?? []) {
    const out = transformOutputs(t);
    if (typeof out === 'string') return `${path}: ${out}`;
    out.forEach((f) => fieldsHere.add(f));
  }
  if (unit.layer !== undefined) {
    if (!Array.isArray(unit.layer) || unit.layer.length > 4) return `${path}.layer must be a list of at most 4 layers`;
    for (let i = 0; i < unit.layer.length; i++) {
      const l = unit.layer[i] as Record<string, unknown>;
      if (l.data !== undefined) return `${path}.layer[${i}] may not bring its own data`;
      const merged = { ...l, encoding: { ...(unit.encoding as object), ...(l.encoding as object) } };
      const r = checkUnit(merged, fieldsHere, `${path}.layer[${i}]`);
      if (r) return r;
    }
    return null;
  }
  const mark = typeof unit.mark === 'string' ? unit.mark : (unit.mark as { type?: unknown } | undefined)?.type;
  if (typeof mark !== 'string' || !MARKS.has(mark)) return `${path}.mark must be one of ${[...MARKS].join(', ')}`;
  const enc = (unit.encoding ?? {}) as Record<string, unknown>;
  for (const [ch, def] of Object.entries(enc)) {
    if (!CHANNELS.has(ch)) return `${path}.encoding.${ch} is not an allowed channel`;
    for (const d of Array.isArray(def) ? def : [def]) {
      const field = (d as { field?: unknown } | null)?.field;
      if (field === undefined) continue;
      if (typeof field !== 'string' || !fieldsHere.has(field))
        return `${path}.encoding.${ch} uses field "${String(field)}", which is not in the data`;
    }
  }
  return null;
}

/** Returns a clean copy of an allowed spec, or why it was refused. */
export function checkChart(input: ChartSpec): ChartCheck {
  let spec: Record<string, unknown>;
  try {
    spec = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'the spec is not plain JSON' };
  }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec))
    return { ok: false, reason: 'the spec is not an object' };
  for (const k of Object.keys(spec)) if (!TOP.has(k)) return { ok: false, reason: `top-level key ${k} is not allowed` };
  if (spec.usermeta !== undefined) {
    const words = ChartTextSchema.safeParse(spec.usermeta);
    if (!words.success) return { ok: false, reason: "usermeta may only hold the chart's words: {zh, fields}" };
    spec.usermeta = words.data;
  }
  const { usermeta: _words, ...drawn } = spec;
  const forbidden = walkForbidden(drawn, 'spec');
  if (forbidden) return { ok: false, reason: forbidden };
  const data = spec.data as { values?: unknown } | undefined;
  if (
    !data ||
    typeof data !== 'object' ||
    !Array.isArray(data.values) ||
    Object.keys(data).some((k) => k !== 'values' && k !== 'name')
  ) {
    return { ok: false, reason: 'data must be inline: {values: [...]}' };
  }
  if (data.values.length > MAX_ROWS) return { ok: false, reason: `at most ${MAX_ROWS} data rows` };
  const fields = new Set<string>();
  for (const row of data.values) {
    if (!row || typeof row !== 'object' || Array.isArray(row))
      return { ok: false, reason: 'every data row must be an object' };
    for (const [k, v] of Object.entries(row)) {
      if (FORBIDDEN_FIELD.test(k)) return { ok: false, reason: `data field "${k}" is not allowed` };
      if (v !== null && typeof v === 'object')
        return { ok: false, reason: `data field "${k}" must hold a plain value` };
      fields.add(k);
    }
  }
  const r = checkUnit(spec, fields, 'spec');
  if (r) return { ok: false, reason: r };
  if (
    typeof spec.$schema === 'string' &&
    !/^https:\/\/vega\.github\.io\/schema\/vega-lite\/v[56]\.json$/.test(spec.$schema)
  ) {
    delete spec.$schema;
  }
  return { ok: true, spec };
}
