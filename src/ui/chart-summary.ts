// A chart's text alternative, computed from the spec's own inline data so it can never disagree with the
// drawing: which quantity it plots, over how many points, and where that quantity is highest and lowest.
// Pure (no i18n, no DOM) so it is tested in Node; the component words the result.
import type { ChartSpec } from '../protocol/index.ts';

interface Channel {
  field?: unknown;
  type?: unknown;
  title?: unknown;
}
type Encoding = Record<string, Channel | undefined>;

export interface Extreme {
  label: string;
  value: number;
}

export interface ChartSummary {
  title: string;
  measure: string;
  points: number;
  max: Extreme;
  min: Extreme;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function encodings(spec: Record<string, unknown>): Encoding[] {
  const own = spec.encoding ? [spec.encoding as Encoding] : [];
  const layers = Array.isArray(spec.layer) ? (spec.layer as Record<string, unknown>[]) : [];
  return [...own, ...layers.flatMap((l) => (l.encoding ? [l.encoding as Encoding] : []))];
}

/** The measured field and the field that labels it: y over x, or x over y for horizontal bars. */
function axes(enc: Encoding): { value: Channel; label?: Channel } | null {
  if (enc.y?.type === 'quantitative' && str(enc.y.field)) {
    // A range bar (waterfall) draws up to y2: its end is the quantity a reader sees.
    const value = str(enc.y2?.field) ? { ...enc.y, field: enc.y2!.field } : enc.y;
    return { value, label: enc.x };
  }
  if (enc.x?.type === 'quantitative' && str(enc.x.field)) {
    const value = str(enc.x2?.field) ? { ...enc.x, field: enc.x2!.field } : enc.x;
    return { value, label: enc.y };
  }
  return null;
}

function titleOf(spec: Record<string, unknown>): string {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object') return str((t as { text?: unknown }).text) ?? '';
  return '';
}

export function summarizeChart(spec: ChartSpec): ChartSummary | null {
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
  const label = (r: Record<string, unknown>) =>
    [labelField && r[labelField], color && r[color]]
      .filter((v) => v !== undefined && v !== null && v !== '')
      .join(' · ');
  const pick = (better: (a: number, b: number) => boolean) =>
    rows.reduce((best, r) => (better(r[field] as number, best[field] as number) ? r : best));
  const hi = pick((a, b) => a > b);
  const lo = pick((a, b) => a < b);
  return {
    title: titleOf(spec),
    measure: str(found.value.title) ?? field,
    points: rows.length,
    max: { label: label(hi), value: hi[field] as number },
    min: { label: label(lo), value: lo[field] as number },
  };
}
