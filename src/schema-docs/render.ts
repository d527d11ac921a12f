// The compact text of schema-docs/ for the system prompt: conventions for the active dialect, every
// table and column (personal ones named but marked unavailable), metric definitions, the glossary and
// a handful of examples. Reasons for schema additions stay out: describe_schema has them.
import { table as schemaTable } from '../warehouse/schema.ts';
import { plain } from './markdown.ts';
import type { ColumnDoc, ExampleDoc, SchemaDocs, TableDoc } from './types.ts';

export interface PromptOptions {
  dialect: 'mysql' | 'sqlite';
  /** How many examples to include (spread over different tools). */
  examples?: number;
}

const TYPE_NAMES = {
  int: 'int',
  decimal: 'decimal',
  varchar: 'text',
  text: 'text',
  date: 'date',
  datetime: 'datetime',
  bool: '0/1',
} as const;

export function columnType(tableName: string, column: string): string {
  const c = schemaTable(tableName).columns.find((x) => x.name === column);
  return c ? TYPE_NAMES[c.type.kind] : '?';
}

function columnLine(t: TableDoc, c: ColumnDoc): string {
  if (c.personal) return `- ${c.name}: PERSONAL, not available (never select, filter, group, sort or aggregate it)`;
  const bits = [
    `${c.name} (${columnType(t.name, c.name)}${c.unit && c.unit !== 'date' && c.unit !== 'datetime' ? `, ${c.unit}` : ''})`,
  ];
  let line = `- ${bits[0]}: ${plain(c.description)}`;
  if (c.values) line += ` Values: ${c.values.map((v) => `'${v}'`).join(', ')}.`;
  else if (c.examples) line += ` E.g. ${c.examples.map((v) => `'${v}'`).join(', ')}.`;
  return line;
}

export function renderTable(t: TableDoc): string {
  const out = [`### ${t.name}`, plain(t.summary), ...t.columns.map((c) => columnLine(t, c))];
  if (t.joins.length) out.push(`Joins: ${t.joins.map((j) => j.on).join('; ')}.`);
  for (const c of t.caveats) out.push(`Note: ${plain(c)}`);
  return out.join('\n');
}

/** Examples spread over distinct tools first, in file order. */
export function pickExamples(examples: ExampleDoc[], n: number): ExampleDoc[] {
  const picked: ExampleDoc[] = [];
  const tools = new Set<string>();
  for (const e of examples) if (picked.length < n && !tools.has(e.tool)) picked.push(e), tools.add(e.tool);
  for (const e of examples) if (picked.length < n && !picked.includes(e)) picked.push(e);
  return picked;
}

export function renderForPromptFrom(docs: SchemaDocs, opts: PromptOptions): string {
  const out: string[] = [];
  out.push('## Data conventions');
  for (const s of docs.conventions) {
    if (s.dialect && s.dialect !== opts.dialect) continue;
    out.push(s.dialect ? `SQL dialect (${opts.dialect === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'}):` : `${s.title}:`);
    for (const i of s.items) out.push(`- ${plain(i)}`);
  }

  out.push('', '## Tables (the only ones you can query)');
  for (const t of docs.tables) out.push(renderTable(t), '');

  out.push('## Metrics (use exactly these definitions)');
  for (const m of docs.metrics) {
    out.push(
      `- ${m.id} — ${m.name} / ${m.zh.join('、')} [${m.unit}; dated by ${m.date}]: ${plain(m.definition.replace(/\n/g, ' '))}`,
    );
    out.push(
      `  SQL: ${m.expression}${m.filter ? ` WHERE ${m.filter}` : ''}. ${m.counting.map((c) => `${c.key[0].toUpperCase()}${c.key.slice(1)}: ${plain(c.text)}`).join(' ')}`,
    );
  }

  out.push('', '## Glossary (term → meaning)');
  for (const g of docs.glossary) {
    // A metric or filter mapping says it all; periods, comparisons and tools need their meaning.
    const selfExplaining = /^(metric|filter|column):\S+$/.test(g.mapsTo);
    const meaning = selfExplaining ? '' : ` ${plain(g.meaning)}`;
    out.push(`- ${g.zh.join('/')} (${g.terms.join('/')})${g.mapsTo ? ` → ${g.mapsTo}` : ''}${meaning}`);
  }

  const examples = pickExamples(docs.examples, opts.examples ?? 6);
  if (examples.length) out.push('', '## Example questions');
  for (const e of examples) {
    out.push(`- "${e.question}" / "${e.questionZh}" → ${e.tool}${e.input ? ` ${JSON.stringify(e.input)}` : ''}`);
    if (!e.input && e.sql) out.push(`  SQL: ${e.sql.replace(/\s+/g, ' ')}`);
  }
  return out.join('\n');
}
