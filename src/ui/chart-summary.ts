// A chart's text alternative, computed from the spec's own inline data so it can never disagree with the
// drawing: which quantity it plots, over how many points, and where that quantity is highest and lowest.
// A waterfall is different: its bars span running subtotals, which are no value of any step, so it is
// summarized by its start and end totals and its largest decrease and increase (each step's own change).
// Pure (no i18n, no DOM) so it is tested in Node; the component words the result.
import type { ChartSpec } from '../protocol/index.ts';

interface Channel {
  field?: unknown;
  type?: unknown;
  title?: unknown;
  format?: unknown;
  scale?: { domain?: unknown };
}
type Encoding = Record<string, Channel | undefined>;

export interface Extreme {
  label: string;
  value: number;
}

export interface ChartSummary {
  kind: 'extremes';
  title: string;
  measure: string;
  points: number;
  max: Extreme;
  min: Extreme;
}

/** A waterfall: totals at both ends, and the steps that moved it most each way (absent when none did). */
export interface WaterfallSummary {
  kind: 'waterfall';
  title: string;
  /** The value axis's title; empty when the chart gives none. */
  measure: string;
  start: Extreme;
  end: Extreme;
  fall?: Extreme;
  rise?: Extreme;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function encodings(spec: Record<string, unknown>): Encoding[] {
  const own = spec.encoding ? [spec.encoding as Encoding] : [];
  const layers = Array.isArray(spec.layer) ? (spec.layer as Record<string, unknown>[]) : [];
  return [...own, ...layers.flatMap((l) => (l.encoding ? [l.encoding as Encoding] : []))];
}

interface Axes {
  value: Channel;
  label?: Channel;
  /** A range bar (y2/x2): its ends are positions, not values; the value is its own quantitative tooltip field. */
  range: boolean;
}

/** The quantity a range bar stands for: the tooltip's quantitative field, e.g. a waterfall step's change. */
function ownValue(enc: Encoding): Channel | undefined {
  const tips = Array.isArray(enc.tooltip) ? (enc.tooltip as Channel[]) : [];
  return tips.find((c) => c.type === 'quantitative' && str(c.field));
}

/** The measured field and the field that labels it: y over x, or x over y for horizontal bars. */
function axes(enc: Encoding): Axes | null {
  for (const [v, v2, l] of [
    ['y', 'y2', 'x'],
    ['x', 'x2', 'y'],
  ] as const) {
    const ch = enc[v];
    if (ch?.type !== 'quantitative' || !str(ch.field)) continue;
    if (!str(enc[v2]?.field)) return { value: ch, label: enc[l], range: false };
    const own = ownValue(enc);
    return own ? { value: { ...own, title: ch.title }, label: enc[l], range: true } : null;
  }
  return null;
}

function titleOf(spec: Record<string, unknown>): string {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object') return str((t as { text?: unknown }).text) ?? '';
  return '';
}

type Row = Record<string, unknown>;

/**
 * A waterfall's summary, or null when the range bars are not one: the colour scale's first kind marks the
 * totals (as waterfallChart draws them), and the rows run in the order field from start to end total.
 */
function waterfall(spec: ChartSpec, rows: Row[], found: Axes, field: string): WaterfallSummary | null {
  const enc = encodings(spec)[0] ?? {};
  const kindField = str(enc.color?.field);
  const domain = enc.color?.scale?.domain;
  const labelField = str(found.label?.field);
  if (!kindField || !Array.isArray(domain) || !labelField) return null;
  const order = str((found.label as { sort?: { field?: unknown } } | undefined)?.sort?.field);
  const sorted = order ? [...rows].sort((a, b) => Number(a[order]) - Number(b[order])) : rows;
  const totals = sorted.filter((r) => r[kindField] === domain[0]);
  const steps = sorted.filter((r) => r[kindField] !== domain[0]);
  if (totals.length < 2) return null;
  const ext = (r: Row): Extreme => ({ label: String(r[labelField] ?? ''), value: r[field] as number });
  const pick = (keep: (v: number) => boolean, better: (a: number, b: number) => boolean) => {
    const side = steps.filter((r) => keep(r[field] as number));
    return side.length
      ? ext(side.reduce((b, r) => (better(r[field] as number, b[field] as number) ? r : b)))
      : undefined;
  };
  return {
    kind: 'waterfall',
    title: titleOf(spec),
    measure: str(found.value.title) ?? '',
    start: ext(totals[0]!),
    end: ext(totals.at(-1)!),
    fall: pick(
      (v) => v < 0,
      (a, b) => a < b,
    ),
    rise: pick(
      (v) => v > 0,
      (a, b) => a > b,
    ),
  };
}

export function summarizeChart(spec: ChartSpec): ChartSummary | WaterfallSummary | null {
  const values = (spec.data as { values?: unknown } | undefined)?.values;
  if (!Array.isArray(values)) return null;
  const found = encodings(spec)
    .map(axes)
    .find((a) => a !== null);
  if (!found) return null;
  const field = str(found.value.field)!;
  const labelField = str(found.label?.field);
  const color = encodings(spec)
    .map((e) => str(e.color?.field))
    .find(Boolean);
  const rows = (values as Record<string, unknown>[]).filter((r) => typeof r[field] === 'number');
  if (!rows.length) return null;
  // Range bars that are not a waterfall get no extremes: their ends are stack positions, not values.
  if (found.range) return waterfall(spec, rows, found, field);
  const label = (r: Record<string, unknown>) =>
    [labelField && r[labelField], color && r[color]]
      .filter((v) => v !== undefined && v !== null && v !== '')
      .join(' · ');
  const pick = (better: (a: number, b: number) => boolean) =>
    rows.reduce((best, r) => (better(r[field] as number, best[field] as number) ? r : best));
  const hi = pick((a, b) => a > b);
  const lo = pick((a, b) => a < b);
  return {
    kind: 'extremes',
    title: titleOf(spec),
    measure: str(found.value.title) ?? field,
    points: rows.length,
    max: { label: label(hi), value: hi[field] as number },
    min: { label: label(lo), value: lo[field] as number },
  };
}
