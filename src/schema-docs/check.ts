// Cross-checks the docs against the logical schema (src/warehouse/schema.ts) and the metric vocabulary.
// Returns every problem at once so one test run lists all the gaps.
import { ANALYTICS_TABLES, INTERNAL_TABLE_PREFIX, TABLES, type Table } from '../warehouse/schema.ts';
import { METRIC_IDS, type SchemaDocs } from './types.ts';

const REF = /\b([a-z_]+)\.([a-z_]+)\b/g;

export function schemaDocProblems(docs: SchemaDocs, tables: Table[] = TABLES): string[] {
  const problems: string[] = [];
  const analytics = new Map(tables.filter((t) => t.group === 'analytics').map((t) => [t.name, t]));
  const hidden = new Set(tables.filter((t) => t.group !== 'analytics').map((t) => t.name));

  for (const d of docs.tables) {
    if (hidden.has(d.name) || d.name.startsWith(INTERNAL_TABLE_PREFIX)) {
      problems.push(`${d.file}: ${d.name} is unreachable for the assistant and must not be documented for the model`);
      continue;
    }
    const t = analytics.get(d.name);
    if (!t) {
      problems.push(`${d.file}: documents table ${d.name}, which is not in src/warehouse/schema.ts`);
      continue;
    }
    const cols = new Map(t.columns.map((c) => [c.name, c]));
    for (const c of d.columns) {
      const s = cols.get(c.name);
      if (!s) {
        problems.push(`${d.file}:${c.line}: documents column ${d.name}.${c.name}, which does not exist`);
        continue;
      }
      if (Boolean(s.pii) !== Boolean(c.personal)) {
        problems.push(
          `${d.file}:${c.line}: ${d.name}.${c.name} is ${s.pii ? '' : 'not '}personal in src/warehouse/schema.ts; mark it ${s.pii ? 'with "- personal: why"' : 'without "personal"'}`,
        );
      }
      if (Boolean(s.added) !== Boolean(c.added)) {
        problems.push(
          `${d.file}:${c.line}: ${d.name}.${c.name} is ${s.added ? '' : 'not '}an addition in src/warehouse/schema.ts; ${s.added ? 'say why with "- added: …"' : 'drop "added"'}`,
        );
      }
      if (c.personal && (c.values || c.examples || c.enumerate)) {
        problems.push(
          `${d.file}:${c.line}: ${d.name}.${c.name} is personal: list no values or examples and do not enumerate it`,
        );
      }
    }
    const documented = new Set(d.columns.map((c) => c.name));
    for (const c of t.columns)
      if (!documented.has(c.name)) problems.push(`${d.file}: column ${d.name}.${c.name} is not documented`);
    for (const j of d.joins) {
      for (const [, tab, col] of j.on.matchAll(REF)) {
        if (!analytics.get(tab)?.columns.some((c) => c.name === col))
          problems.push(`${d.file}: join ${j.on} names ${tab}.${col}, which does not exist`);
      }
    }
  }
  const documentedTables = new Set(docs.tables.map((d) => d.name));
  for (const t of analytics.values())
    if (!documentedTables.has(t.name)) problems.push(`table ${t.name} has no tables/${t.name}.md`);

  const metricIds = new Set(docs.metrics.map((m) => m.id));
  for (const id of METRIC_IDS) if (!metricIds.has(id)) problems.push(`metric ${id} has no metrics/${id}.md`);
  for (const m of docs.metrics) {
    if (!(METRIC_IDS as readonly string[]).includes(m.id))
      problems.push(`${m.file}: ${m.id} is not a metric id of the shared vocabulary`);
    for (const key of ['cancelled', 'discounts', 'refunds']) {
      if (!m.counting.some((c) => c.key === key))
        problems.push(`${m.file}: say how ${key} count ("- ${key}: …" under ## Counting)`);
    }
    for (const [, tab, col] of m.date.matchAll(REF)) {
      if (!analytics.get(tab)?.columns.some((c) => c.name === col))
        problems.push(`${m.file}: date ${tab}.${col} does not exist`);
    }
  }

  for (const g of docs.glossary) {
    for (const [, id] of g.mapsTo.matchAll(/metric:(\w+)/g))
      if (!metricIds.has(id)) problems.push(`${g.file}: "${g.terms[0]}" maps to unknown metric ${id}`);
    for (const [, tab, col] of g.mapsTo.matchAll(/(?:filter|column):(\w+)\.(\w+)/g)) {
      if (!analytics.get(tab)?.columns.some((c) => c.name === col))
        problems.push(`${g.file}: "${g.terms[0]}" maps to ${tab}.${col}, which does not exist`);
    }
  }
  return problems;
}

/** Every analytics column, for tests that want the full list. */
export function analyticsColumns(): string[] {
  return ANALYTICS_TABLES.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`));
}
