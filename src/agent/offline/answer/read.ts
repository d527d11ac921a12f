// Helpers every answer writer shares: numbers as the tools sent them, and the periods a tool says it used.
import type { Language } from '../../../protocol/turn.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { periodLabel } from './format.ts';

export type Row = Record<string, unknown>;
export const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
};
export const zh = (l: Language) => l === 'zh';
export const cap = (s: string, on: boolean) => (on ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** "vs 2025-06 (2025-06-01 to 2025-06-30)" in a tool summary: the comparison the tool actually used. */
function comparedRange(summary: string): { from: string; to: string } | null {
  const m = / vs .*?\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(summary);
  return m ? { from: m[1], to: m[2] } : null;
}
export function usedRange(summary: string): { from: string; to: string } | null {
  const m = /\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(summary);
  return m ? { from: m[1], to: m[2] } : null;
}

export function scopeText(i: Intent, o: Outcome): { period: string; base: string | null } {
  const used = o.payload ? usedRange(o.payload.summary) : null;
  const period = used
    ? periodLabel(used.from, used.to, i.language)
    : periodLabel(i.period.start, i.period.end, i.language);
  const cmp = o.payload ? comparedRange(o.payload.summary) : null;
  return { period, base: cmp ? periodLabel(cmp.from, cmp.to, i.language) : null };
}
