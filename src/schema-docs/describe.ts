// What describe_schema returns, as plain data: one table, one metric, glossary matches, or everything.
// Pure functions over SchemaDocs; the tool adds row counts and value lists from the database.
import { plain } from './markdown.ts';
import { columnType } from './render.ts';
import type { GlossaryEntry, MetricDoc, SchemaDocs, TableDoc } from './types.ts';

export interface ColumnRow extends Record<string, unknown> {
  table: string;
  column: string;
  type: string;
  meaning: string;
  unit: string | null;
  values: string | null;
  personal: boolean;
  added: string | null;
}

export function columnRows(t: TableDoc): ColumnRow[] {
  return t.columns.map((c) => ({
    table: t.name,
    column: c.name,
    type: columnType(t.name, c.name),
    meaning: c.personal ? `Personal data, not available: ${plain(c.personal)}` : plain(c.description),
    unit: c.unit ?? null,
    values: c.values ? c.values.join(', ') : c.examples ? `e.g. ${c.examples.join(', ')}` : null,
    personal: Boolean(c.personal),
    added: c.added ? plain(c.added) : null,
  }));
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export function findTable(docs: SchemaDocs, name: string): TableDoc | undefined {
  const n = norm(name);
  return docs.tables.find((t) => t.name === n);
}

export function findMetric(docs: SchemaDocs, idOrName: string): MetricDoc | undefined {
  const n = norm(idOrName);
  const raw = idOrName.trim().toLowerCase();
  return (
    docs.metrics.find((m) => m.id === n) ??
    docs.metrics.find(
      (m) => norm(m.name) === n || m.zh.includes(idOrName.trim()) || m.aliases.some((a) => a.toLowerCase() === raw),
    )
  );
}

export function metricRow(m: MetricDoc): Record<string, unknown> {
  return {
    metric: m.id,
    name: m.name,
    zh: m.zh.join(', '),
    unit: m.unit,
    date: m.date,
    expression: m.expression,
    filter: m.filter ?? null,
    definition: plain(m.definition),
    cancelled: plain(m.counting.find((c) => c.key === 'cancelled')?.text ?? ''),
    discounts: plain(m.counting.find((c) => c.key === 'discounts')?.text ?? ''),
    refunds: plain(m.counting.find((c) => c.key === 'refunds')?.text ?? ''),
    sql: m.sql,
  };
}

export interface TermMatch extends Record<string, unknown> {
  kind: 'glossary' | 'metric' | 'table' | 'column';
  term: string;
  zh: string | null;
  meaning: string;
  maps_to: string | null;
}

function glossaryHit(g: GlossaryEntry, q: string): number {
  const all = [...g.terms, ...g.zh].map((s) => s.toLowerCase());
  if (all.includes(q)) return 3;
  if (all.some((s) => s.includes(q) || (q.length >= 2 && q.includes(s) && s.length >= 2))) return 2;
  return 0;
}

/** Glossary entries, metrics, tables and columns matching a term in English or Chinese, best first. */
export function searchTerm(docs: SchemaDocs, term: string, limit = 20): TermMatch[] {
  const q = term.trim().toLowerCase();
  if (!q) return [];
  const scored: { score: number; m: TermMatch }[] = [];
  for (const g of docs.glossary) {
    const score = glossaryHit(g, q);
    if (score)
      scored.push({
        score,
        m: {
          kind: 'glossary',
          term: g.terms.join(' / '),
          zh: g.zh.join(' / '),
          meaning: plain(g.meaning),
          maps_to: g.mapsTo || null,
        },
      });
  }
  for (const m of docs.metrics) {
    const names = [m.id, m.name, ...m.zh, ...m.aliases].map((s) => s.toLowerCase());
    const score = names.includes(q) || norm(q) === m.id ? 3 : names.some((s) => s.includes(q)) ? 2 : 0;
    if (score)
      scored.push({
        score: score + 0.5,
        m: {
          kind: 'metric',
          term: m.id,
          zh: m.zh.join(' / '),
          meaning: plain(m.definition.split('\n')[0]),
          maps_to: `metric:${m.id}`,
        },
      });
  }
  for (const t of docs.tables) {
    if (t.name.includes(norm(q)))
      scored.push({
        score: t.name === norm(q) ? 3 : 1,
        m: { kind: 'table', term: t.name, zh: null, meaning: plain(t.summary), maps_to: `table:${t.name}` },
      });
    for (const c of t.columns) {
      if (c.personal) continue;
      const hit = c.name === norm(q) ? 2.5 : c.name.includes(norm(q)) && q.length >= 3 ? 1 : 0;
      if (hit)
        scored.push({
          score: hit,
          m: {
            kind: 'column',
            term: `${t.name}.${c.name}`,
            zh: null,
            meaning: plain(c.description),
            maps_to: `column:${t.name}.${c.name}`,
          },
        });
    }
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.m);
}
