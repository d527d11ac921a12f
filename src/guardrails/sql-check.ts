// checkSql: the gate in front of run_sql. Pure: no database, no clock. The policy is in README.md.
import nsp from 'node-sql-parser';
import { scanSql } from './sql-scan.ts';
import { SelectWalker } from './sql-walk.ts';
import { SqlRejected, type CheckOptions, type SqlDialect, type SqlRejection, type SqlVerdict } from './sql-types.ts';

export type { CheckOptions, SqlAllowed, SqlDialect, SqlRejection, SqlVerdict } from './sql-types.ts';

export const DEFAULT_MAX_LENGTH = 10_000;
export const DEFAULT_MAX_ROWS = 1000;
// Measured: node-sql-parser parses 32 nested levels in a few milliseconds (test/guardrails/parse-budget.test.ts).
export const DEFAULT_MAX_DEPTH = 32;

const parser = new nsp.Parser();
const PARSER_DIALECT: Record<SqlDialect, string> = { mysql: 'MySQL', sqlite: 'Sqlite' };

// biome-ignore lint/suspicious/noExplicitAny: node-sql-parser's AST is untyped JSON, checked at each access
type Ast = any;

export function checkSql(input: string, opts: CheckOptions): SqlVerdict {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const scanned = scanSql(input, {
    dialect: opts.dialect,
    maxLength: opts.maxLength ?? DEFAULT_MAX_LENGTH,
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH,
  });
  if ('verdict' in scanned) return scanned;
  try {
    const ast = parseOne(scanned.sql, opts.dialect);
    const walker = new SelectWalker(opts.dialect);
    walker.statement(ast, undefined, new Set());
    const limit = enforceLimit(ast, maxRows);
    const sql = parser.sqlify(ast, { database: PARSER_DIALECT[opts.dialect] });
    // The statement that runs is regenerated from the tree that was checked; check it once more so a
    // printer quirk cannot turn an allowed tree into different text.
    const rescanned = scanSql(sql, { dialect: opts.dialect, maxLength: Infinity, maxDepth: Infinity });
    if ('verdict' in rescanned) throw new SqlRejected(rescanned.code, `after rewriting: ${rescanned.reason}`);
    new SelectWalker(opts.dialect).statement(parseOne(sql, opts.dialect), undefined, new Set());
    return { verdict: 'allow', sql, tables: [...walker.tables].sort(), columns: [...walker.columns].sort(), limit };
  } catch (e) {
    if (e instanceof SqlRejected) return { verdict: 'reject', code: e.code, reason: e.reason };
    if (e instanceof RangeError)
      return {
        verdict: 'reject',
        code: 'too_deep',
        reason: 'the statement is nested too deeply; flatten it with a WITH clause',
      };
    throw e;
  }
}

function parseOne(sql: string, dialect: SqlDialect): Ast {
  let ast: Ast;
  try {
    ast = parser.astify(sql, { database: PARSER_DIALECT[dialect] });
  } catch (e) {
    throw new SqlRejected('parse_error', parseMessage(e, sql, dialect));
  }
  const list = Array.isArray(ast) ? ast : [ast];
  if (list.length !== 1)
    throw new SqlRejected('multiple_statements', `found ${list.length} statements; send exactly one SELECT`);
  const one = list[0];
  if (one?.type !== 'select') {
    throw new SqlRejected(
      'not_select',
      `only SELECT statements may run; this is ${one?.type ? `a ${String(one.type).toUpperCase()} statement` : 'not a query'}. run_sql is read-only`,
    );
  }
  return one;
}

function parseMessage(e: unknown, sql: string, dialect: SqlDialect): string {
  const err = e as { location?: { start?: { offset: number; line: number; column: number } } };
  const at = err.location?.start;
  if (!at) return `the SQL does not parse as ${dialect}; send one plain SELECT`;
  const near = sql.slice(at.offset, at.offset + 30).split('\n')[0];
  // node-sql-parser's SQLite grammar wants PARTITION BY in every window; PARTITION BY 1 means "one partition".
  const hint =
    dialect === 'sqlite' && /OVER\s*\(\s*ORDER/i.test(sql)
      ? '; for SQLite write OVER (PARTITION BY 1 ORDER BY …) instead of OVER (ORDER BY …)'
      : '';
  return `the SQL does not parse as ${dialect} at line ${at.line}, column ${at.column}${near ? ` near "${near}"` : ''}; check the syntax (only SELECT, WITH and UNION are supported)${hint}`;
}

/** Lowers or adds the outermost LIMIT; returns the limit now in force. */
function enforceLimit(ast: Ast, maxRows: number): number {
  let last = ast;
  while (last._next) last = last._next;
  if (last !== ast && last.parentheses_symbol) {
    throw new SqlRejected(
      'unsupported',
      'a parenthesised last SELECT of a UNION hides the overall LIMIT; write the UNION without parentheses and put ORDER BY/LIMIT at the end',
    );
  }
  const lim = last.limit;
  if (!lim?.value?.length) {
    last.limit = { seperator: '', value: [{ type: 'number', value: maxRows }] };
    return maxRows;
  }
  const idx = lim.seperator === ',' ? 1 : 0;
  const current = Number(lim.value[idx]?.value);
  if (!Number.isFinite(current) || current > maxRows) lim.value[idx] = { type: 'number', value: maxRows };
  return Math.min(Number.isFinite(current) ? current : maxRows, maxRows);
}

export function isRejection(v: SqlVerdict): v is SqlRejection {
  return v.verdict === 'reject';
}
