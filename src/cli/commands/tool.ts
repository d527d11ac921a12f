// `tidelens tool NAME --input JSON`: runs one tool against the warehouse and prints its result.
import { openDb, resolveDbTarget } from '../../db/index.ts';
import { TidelensError } from '../../errors.ts';
import { toolSpecs } from '../../tools/dispatch.ts';
import { toolsByName, tools } from '../../tools/registry.ts';
import { loadDataRange } from '../../tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext, type ToolResult } from '../../tools/types.ts';
import { parseFlags, type Command } from '../command.ts';

const TABLE_ROWS = 30;

export const toolCommand: Command = {
  name: 'tool',
  summary: 'Run one analysis tool (sales_trend, breakdown, …) and print its result',
  help: [
    "Usage: npx tidelens tool NAME --input 'JSON' [--db URL] [--json]",
    '       npx tidelens tool --list [--json]',
    '',
    'Runs one tool with the given JSON input and prints its summary, rows and the SQL that ran.',
    'Periods resolve against the last order date in the data, never today.',
    '',
    'Options:',
    '  --input JSON  the tool\'s input, e.g. \'{"period":"2025-07","by":"channel"}\' (default {})',
    '  --db URL      sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB (default: TIDELENS_DB, RDS_*, then sqlite:./data/tidelens.db)',
    '  --json        print {columns, rows, sql, params, summary, charts, queries} as JSON (sql/params: the first, main query)',
    '  --list        list the tools with their JSON input schemas',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { input: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' }, list: { type: 'boolean' } },
      'tool',
      true,
    );
    if (values.list) {
      const specs = toolSpecs(tools);
      if (values.json) io.out(JSON.stringify(specs, null, 2));
      else for (const s of specs) io.out(`${s.name}\n  ${s.description}\n  input: ${JSON.stringify(s.inputSchema)}\n`);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new TidelensError(
        'bad_input',
        `name one tool, e.g. \`npx tidelens tool sales_trend --input '{}'\`. Tools: ${[...toolsByName.keys()].join(', ')}`,
      );
    }
    const name = positionals[0]!;
    const tool = toolsByName.get(name);
    if (!tool)
      throw new TidelensError('bad_input', `unknown tool "${name}"; tools: ${[...toolsByName.keys()].join(', ')}`);
    let raw: unknown;
    try {
      raw = JSON.parse(values.input ?? '{}');
    } catch (e) {
      throw new TidelensError(
        'bad_input',
        `--input is not valid JSON (${(e as Error).message}); pass an object such as '{"period":"last_month"}'`,
      );
    }
    const parsed = tool.inputSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 4)
        .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`);
      throw new TidelensError(
        'bad_input',
        `invalid input for ${name}: ${issues.join('; ')}. See \`npx tidelens tool --list\` for its schema.`,
      );
    }
    const db = await openDb(resolveDbTarget(values.db, io.env));
    try {
      const ctx: ToolContext = {
        db,
        user: { id: 'cli', role: 'admin' },
        data: await loadDataRange(db),
        limits: DEFAULT_LIMITS,
      };
      const result = await tool.run(parsed.data, ctx);
      if (values.json) io.out(JSON.stringify(jsonResult(result), null, 2));
      else printResult(result, io.out);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export function jsonResult(r: ToolResult) {
  const main = r.queries[0];
  return {
    columns: r.columns,
    rows: r.rows,
    sql: main?.sql ?? null,
    params: main?.params ?? [],
    summary: r.summary,
    charts: r.charts,
    queries: r.queries.map((q) => ({
      label: q.label,
      sql: q.sql,
      params: q.params,
      elapsedMs: Math.round(q.elapsedMs * 10) / 10,
      rowCount: q.rowCount,
    })),
    ...(r.data ? { data: r.data } : {}),
    ...(r.untrustedText ? { untrustedText: true } : {}),
  };
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : String(v);
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}

function printResult(r: ToolResult, out: (l: string) => void): void {
  out(r.summary);
  if (r.columns.length && r.rows.length) {
    out('');
    const shown = r.rows.slice(0, TABLE_ROWS);
    const widths = r.columns.map((c) => Math.max(c.length, ...shown.map((row) => cell(row[c]).length)));
    out(r.columns.map((c, i) => c.padEnd(widths[i]!)).join('  '));
    for (const row of shown) out(r.columns.map((c, i) => cell(row[c]).padEnd(widths[i]!)).join('  '));
    if (r.rows.length > TABLE_ROWS) out(`… ${r.rows.length - TABLE_ROWS} more rows (use --json for all)`);
  }
  out('');
  for (const q of r.queries) out(`-- ${q.label ?? 'query'}: ${q.rowCount} rows in ${q.elapsedMs.toFixed(1)} ms`);
  if (r.charts.length) out(`-- ${r.charts.length} chart(s); --json prints the Vega-Lite specs`);
}
