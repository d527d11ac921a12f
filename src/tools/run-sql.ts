// run_sql: the model's own SELECT when no template fits. The guard (src/guardrails/) decides first; the
// database enforces the time limit (MariaDB max_statement_time / MySQL max_execution_time in a read-only
// transaction; SQLite in a killable read-only child process).
import { z } from 'zod';
import { SqliteDb } from '../db/sqlite.ts';
import { sandboxFor } from '../db/sqlite-worker.ts';
import type { Row } from '../db/types.ts';
import { TidelensError } from '../errors.ts';
import { checkSql } from '../guardrails/sql-check.ts';
import { columnUnit, termLabels } from '../protocol/terms.ts';
import { barChart, byTitle, formatOf, lineChart } from './charts.ts';
import { sqlFindings } from './sql-findings.ts';
import type { ChartSpec, Tool, ToolContext, ToolResult } from './types.ts';

const input = z.object({
  sql: z
    .string()
    .min(1)
    .max(10_000)
    .describe('One SELECT (WITH and UNION allowed) over the analytics tables, in the dialect of the active database.'),
});

export const runSqlTool: Tool<typeof input> = {
  name: 'run_sql',
  description: [
    'Runs one read-only SELECT you write, when no template tool fits the question.',
    'Use only the analytics tables from describe_schema; application tables, system catalogs and personal columns',
    '(users.username/email/phone, orders.shipping_address, visit_logs.ip_address) are refused, except COUNT(col) or',
    'COUNT(DISTINCT col). Join with JOIN … ON keys; no comma joins. At most the row limit is returned (a LIMIT is',
    'added). Returns columns, rows, the SQL that ran and a chart when the result is a category or date with numbers.',
    'A refusal says exactly what to change: fix the query and try again.',
  ].join(' '),
  inputSchema: input,
  roles: ['analyst', 'admin'],
  async run({ sql }, ctx) {
    ctx.signal?.throwIfAborted();
    const verdict = checkSql(sql, { dialect: ctx.db.engine, maxRows: ctx.limits.maxRows });
    if (verdict.verdict === 'reject') {
      throw new TidelensError('sql_rejected', verdict.reason, { guard: verdict.code });
    }
    const r = await execute(verdict.sql, ctx);
    const { rows, dropped } = capBytes(r.rows, ctx.limits.maxBytes);
    const truncated = r.truncated || dropped > 0 || rows.length >= verdict.limit;
    return {
      columns: r.columns,
      rows,
      queries: [{ label: 'run_sql', sql: verdict.sql, params: [], elapsedMs: r.elapsedMs, rowCount: rows.length }],
      summary: summarize(r.columns, rows, truncated, verdict.limit),
      charts: chartFor(r.columns, rows),
      untrustedText: hasFreeText(r.columns, rows),
      // The query as written: a LIMIT the guard added does not make a top-N, one the model wrote does.
      findings: sqlFindings(sql, r.columns, rows, { truncated, data: ctx.data }),
    } satisfies ToolResult;
  },
};

async function execute(
  sql: string,
  ctx: ToolContext,
): Promise<{ columns: string[]; rows: Row[]; elapsedMs: number; truncated: boolean }> {
  if (ctx.db.engine === 'mysql') {
    // The byte cap is counted while rows arrive, so a huge result is stopped instead of buffered.
    const r = await ctx.db.query(sql, [], {
      timeoutMs: ctx.limits.timeoutMs,
      maxBytes: ctx.limits.maxBytes,
      signal: ctx.signal,
    });
    return { ...r, truncated: r.truncated ?? false };
  }
  if (!(ctx.db instanceof SqliteDb) || ctx.db.raw.memory) {
    throw new TidelensError(
      'bad_config',
      'run_sql on SQLite needs a database file it can reopen read-only in a separate process',
    );
  }
  return sandboxFor(ctx.db.raw.name).query({
    sql,
    timeoutMs: ctx.limits.timeoutMs,
    maxRows: ctx.limits.maxRows,
    maxBytes: ctx.limits.maxBytes,
    signal: ctx.signal,
  });
}

/** Keeps whole rows while their JSON stays under the byte cap. */
export function capBytes(rows: Row[], maxBytes: number): { rows: Row[]; dropped: number } {
  let bytes = 2;
  for (let i = 0; i < rows.length; i++) {
    bytes += JSON.stringify(rows[i]).length + 1;
    if (bytes > maxBytes) return { rows: rows.slice(0, i), dropped: rows.length - i };
  }
  return { rows, dropped: 0 };
}

const DATE = /^\d{4}-\d{2}(-\d{2})?( \d{2}:\d{2}(:\d{2})?)?$/;

type Kind = 'number' | 'date' | 'text' | 'empty';

function kindOf(rows: Row[], col: string): Kind {
  let kind: Kind = 'empty';
  for (const r of rows) {
    const v = r[col];
    if (v == null) continue;
    const k: Kind =
      typeof v === 'number' || typeof v === 'bigint'
        ? 'number'
        : typeof v === 'string' && DATE.test(v)
          ? 'date'
          : 'text';
    if (kind === 'empty') kind = k;
    else if (kind !== k) return 'text';
  }
  return kind;
}

function summarize(columns: string[], rows: Row[], truncated: boolean, limit: number): string {
  const lines = [
    `${rows.length} row${rows.length === 1 ? '' : 's'}, columns: ${columns.map((c) => `${c} (${kindOf(rows, c)})`).join(', ')}.`,
  ];
  if (truncated)
    lines.push(
      `The result was cut at ${rows.length} rows (row limit ${limit} or the size cap); aggregate further for complete answers.`,
    );
  for (const c of columns) {
    if (kindOf(rows, c) !== 'number') continue;
    const nums = rows.map((r) => Number(r[c])).filter((n) => Number.isFinite(n));
    if (nums.length > 1) {
      const sum = nums.reduce((a, b) => a + b, 0);
      lines.push(`${c}: sum ${round(sum)}, min ${round(Math.min(...nums))}, max ${round(Math.max(...nums))}.`);
    }
  }
  const preview = rows.slice(0, 10).map((r) => columns.map((c) => clip(r[c])).join(' | '));
  if (preview.length) lines.push(`First rows (${columns.join(' | ')}):`, ...preview);
  return lines.join('\n').slice(0, 2500);
}

function clip(v: unknown): string {
  const s = v == null ? 'NULL' : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Text a customer or merchant typed (review comments, product names) goes to the model fenced as data. */
function hasFreeText(columns: string[], rows: Row[]): boolean {
  return columns.some((c) => kindOf(rows, c) === 'text');
}

/** Bars for category × number, a line for date × number; nothing otherwise. Data is inline. */
export function chartFor(columns: string[], rows: Row[]): ChartSpec[] {
  if (rows.length < 2 || rows.length > 500 || columns.length < 2) return [];
  const [x, ...rest] = columns as [string, ...string[]];
  const y = rest.find((c) => kindOf(rows, c) === 'number');
  const xKind = kindOf(rows, x);
  if (!y || (xKind !== 'text' && xKind !== 'date')) return [];
  const values = rows.map((r) => ({ [x]: r[x], [y]: r[y] == null ? null : Number(r[y]) }));
  // Column names become words (termLabels) and the value's unit its format, as in the templates' charts.
  const unit = columnUnit(y);
  const value = { field: y, ...(unit ? { format: formatOf(unit) } : {}) };
  const title = byTitle(termLabels(y), x);
  if (xKind === 'date') return [lineChart({ title, rows: values, x: { field: x }, y: value })];
  return [barChart({ title, rows: values, category: { field: x }, value })];
}
