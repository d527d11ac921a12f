// describe_schema: what the warehouse holds and what its words mean, straight from schema-docs/.
// Only row counts and the values present in a few categorical columns come from the database;
// personal columns are described as unavailable and never queried.
import { z } from 'zod';
import { APP_TABLES, INTERNAL_TABLE_PREFIX, table as schemaTable } from '../warehouse/schema.ts';
import type { Row } from '../db/types.ts';
import { TidelensError } from '../errors.ts';
import {
  columnRows,
  findMetric,
  findTable,
  loadSchemaDocs,
  metricRow,
  searchTerm,
  type SchemaDocs,
  type TableDoc,
} from '../schema-docs/index.ts';
import { QueryLog } from './query-log.ts';
import type { Tool, ToolContext, ToolResult } from './types.ts';

export const DescribeSchemaInput = z.strictObject({
  table: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('One table, e.g. "orders": its columns, meanings, units, allowed values, joins, caveats and row count.'),
  metric: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('One metric id or name, e.g. "net_sales", "conversion_rate", "客单价": exact definition and SQL.'),
  term: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'A business word in English or Chinese, e.g. "同比", "独立站", "bikini": what it means and what it maps to.',
    ),
});
export type DescribeSchemaInput = z.infer<typeof DescribeSchemaInput>;

const MAX_VALUES = 15;
const hidden = new Set(APP_TABLES.map((t) => t.name));

function unknownTable(docs: SchemaDocs, name: string): TidelensError {
  const n = name.trim().toLowerCase();
  if (hidden.has(n) || n.startsWith(INTERNAL_TABLE_PREFIX)) {
    return new TidelensError(
      'forbidden',
      `${name} is not part of the analytics data and cannot be described or queried. Tables: ${docs.tables.map((t) => t.name).join(', ')}.`,
    );
  }
  return new TidelensError(
    'not_found',
    `no table named "${name}". Tables: ${docs.tables.map((t) => t.name).join(', ')}. For a business word, pass it as term.`,
  );
}

// Identifiers here come only from schema-docs (checked against src/warehouse/schema.ts), never from the input.
async function tableFacts(t: TableDoc, log: QueryLog): Promise<{ rowCount: number; values: Map<string, string> }> {
  // COUNT(primary key), not COUNT(*): the assistant's MySQL account may hold column grants only.
  const pk = schemaTable(t.name).primaryKey;
  const [count] = await log.run(`SELECT COUNT(${pk}) AS n FROM ${t.name}`, [], `rows in ${t.name}`);
  const values = new Map<string, string>();
  for (const c of t.columns) {
    if (!c.enumerate || c.personal) continue;
    const rows = await log.run(
      `SELECT ${c.name} AS value, COUNT(*) AS n FROM ${t.name} GROUP BY ${c.name} ORDER BY n DESC, value LIMIT ${MAX_VALUES + 1}`,
      [],
      `values of ${t.name}.${c.name}`,
    );
    const shown = rows
      .slice(0, MAX_VALUES)
      .map((r) => `${r.value === null ? 'NULL' : String(r.value)} (${Number(r.n)})`);
    values.set(c.name, shown.join(', ') + (rows.length > MAX_VALUES ? ', …' : ''));
  }
  return { rowCount: Number(count?.n ?? 0), values };
}

async function describeTable(docs: SchemaDocs, name: string, ctx: ToolContext): Promise<ToolResult> {
  const t = findTable(docs, name);
  if (!t) throw unknownTable(docs, name);
  const log = new QueryLog(ctx);
  const facts = await tableFacts(t, log);
  const rows: Row[] = columnRows(t).map((r) =>
    facts.values.has(r.column) ? { ...r, values: `in the data: ${facts.values.get(r.column)}` } : r,
  );
  const personal = t.columns.filter((c) => c.personal).map((c) => c.name);
  const summary = [
    `${t.name}: ${t.summary.replace(/`/g, '')} ${facts.rowCount} rows.`,
    `Columns: ${t.columns
      .filter((c) => !c.personal)
      .map((c) => c.name)
      .join(', ')}.`,
    personal.length ? `Personal (not available, never select/filter/group on them): ${personal.join(', ')}.` : '',
    t.joins.length ? `Joins: ${t.joins.map((j) => j.on).join('; ')}.` : '',
    ...t.caveats.map((c) => `Note: ${c.replace(/`/g, '')}`),
  ].filter(Boolean);
  return {
    columns: Object.keys(rows[0] ?? {}),
    rows,
    queries: log.queries,
    summary: summary.join('\n'),
    charts: [],
    untrustedText: facts.values.size > 0,
  };
}

function describeMetric(docs: SchemaDocs, name: string): ToolResult {
  const m = findMetric(docs, name);
  if (!m) {
    const hits = searchTerm(docs, name, 3)
      .map((h) => h.maps_to)
      .filter(Boolean);
    throw new TidelensError(
      'not_found',
      `no metric "${name}". Metrics: ${docs.metrics.map((x) => x.id).join(', ')}.${hits.length ? ` Related: ${hits.join(', ')}.` : ''}`,
    );
  }
  const row = metricRow(m);
  const summary = [
    `${m.id} — ${m.name} (${m.zh.join(', ')}), ${m.unit}, dated by ${m.date}.`,
    m.definition.replace(/`/g, ''),
    ...m.counting.map((c) => `${c.key}: ${c.text.replace(/`/g, '')}`),
    `SQL: ${m.expression}${m.filter ? ` WHERE ${m.filter}` : ''}`,
  ];
  return { columns: Object.keys(row), rows: [row], queries: [], summary: summary.join('\n'), charts: [] };
}

function describeTerm(docs: SchemaDocs, term: string): ToolResult {
  const rows = searchTerm(docs, term);
  const summary = rows.length
    ? rows
        .slice(0, 5)
        .map((r) => `${r.term}${r.zh ? ` (${r.zh})` : ''}: ${r.meaning}${r.maps_to ? ` → ${r.maps_to}` : ''}`)
        .join('\n')
    : `No documented term matches "${term}". Try an English or Chinese synonym, a metric id (${docs.metrics.map((m) => m.id).join(', ')}) or a table name.`;
  return { columns: ['kind', 'term', 'zh', 'meaning', 'maps_to'], rows, queries: [], summary, charts: [] };
}

function describeAll(docs: SchemaDocs): ToolResult {
  const rows: Row[] = docs.tables.flatMap((t) => columnRows(t));
  const summary = [
    'Tables (ask for one with {"table": …} for meanings, values, joins and row count):',
    ...docs.tables.map(
      (t) =>
        `- ${t.name}: ${t.columns
          .filter((c) => !c.personal)
          .map((c) => c.name)
          .join(', ')}`,
    ),
    `Personal columns (not available): ${docs.tables.flatMap((t) => t.columns.filter((c) => c.personal).map((c) => `${t.name}.${c.name}`)).join(', ')}.`,
    `Metrics: ${docs.metrics.map((m) => `${m.id} (${m.zh[0]})`).join(', ')}.`,
  ];
  return { columns: Object.keys(rows[0] ?? {}), rows, queries: [], summary: summary.join('\n'), charts: [] };
}

function merge(parts: ToolResult[]): ToolResult {
  if (parts.length === 1) return parts[0];
  const columns = [...new Set(parts.flatMap((p) => p.columns))];
  return {
    columns,
    rows: parts.flatMap((p) => p.rows),
    queries: parts.flatMap((p) => p.queries),
    summary: parts.map((p) => p.summary).join('\n\n'),
    charts: [],
    untrustedText: parts.some((p) => p.untrustedText) || undefined,
  };
}

export const describeSchema: Tool<typeof DescribeSchemaInput> = {
  name: 'describe_schema',
  description:
    "Explains the data: with no input, every table and its columns; with table, one table's columns (meaning, unit, allowed values, " +
    'values present in the data), joins, caveats and row count; with metric, the exact definition of a metric (how cancelled orders, ' +
    'discounts and refunds count, the date it uses, its SQL); with term, what a business word in English or Chinese (同比, 独立站, 客单价 …) ' +
    'means and which metric, filter or tool it maps to. Use it before writing run_sql against unfamiliar columns. Returns documentation, not data; ' +
    'personal columns are listed as unavailable.',
  inputSchema: DescribeSchemaInput,
  async run(input, ctx) {
    const docs = loadSchemaDocs();
    const parts: ToolResult[] = [];
    if (input.table) parts.push(await describeTable(docs, input.table, ctx));
    if (input.metric) parts.push(describeMetric(docs, input.metric));
    if (input.term) parts.push(describeTerm(docs, input.term));
    return parts.length ? merge(parts) : describeAll(docs);
  },
};
