// A chart's words in both answer languages. A spec is drawn in English as it stands (exports, the eval
// and any Vega tool read it as is) and carries, in `usermeta`, the Chinese for each English string it
// shows and the data fields whose values are words. The UI swaps them in before drawing, so a stored turn
// reads in the reader's language and no Vega expression is ever needed to relabel anything.
import { z } from 'zod';
import type { ChartSpec } from './turn.ts';
import type { Language } from './vocabulary.ts';

export const ChartTextSchema = z.strictObject({
  /** English string → its Chinese. */
  zh: z.record(z.string().max(300), z.string().max(300)),
  /** Data fields whose values are words to translate (categories, series, step names). */
  fields: z.array(z.string().max(100)).max(20).optional(),
});
export type ChartText = z.infer<typeof ChartTextSchema>;

/** Keys whose string (or list of strings) is shown to the reader. */
const SHOWN = new Set(['title', 'text', 'subtitle', 'domain', 'description']);

function translate(v: unknown, dict: Readonly<Record<string, string>>, shown: boolean): unknown {
  if (typeof v === 'string') return shown && Object.hasOwn(dict, v) ? dict[v] : v;
  if (Array.isArray(v)) return v.map((x) => translate(x, dict, shown));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = translate(x, dict, SHOWN.has(k));
    return out;
  }
  return v;
}

function translateRows(values: unknown, fields: string[], dict: Readonly<Record<string, string>>): unknown {
  if (!Array.isArray(values) || !fields.length) return values;
  return values.map((row) => {
    if (!row || typeof row !== 'object') return row;
    const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
    for (const f of fields) {
      const v = out[f];
      if (typeof v === 'string' && Object.hasOwn(dict, v)) out[f] = dict[v];
    }
    return out;
  });
}

/** The spec in `lang`, without its usermeta; a spec with no (valid) usermeta is returned as drawn. */
export function localizeChart(spec: ChartSpec, lang: Language): ChartSpec {
  const { usermeta, ...rest } = spec;
  const parsed = ChartTextSchema.safeParse(usermeta);
  if (lang === 'en' || !parsed.success) return rest;
  const { zh, fields = [] } = parsed.data;
  const { data, ...drawn } = rest;
  const out = translate(drawn, zh, false) as ChartSpec;
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    out.data = { ...d, values: translateRows(d.values, fields, zh) };
  }
  return out;
}
