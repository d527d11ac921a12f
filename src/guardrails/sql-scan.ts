// The raw-text pass that runs before the parser. node-sql-parser 5.4 and the servers disagree on a few
// lexical points (see README.md, "Parser traps"), so anything where they could read the text differently
// is rejected here, before the parser ever sees it: afterwards scanner, parser and server agree on where
// every string, comment and statement starts and ends.
import type { SqlDialect, SqlRejection } from './sql-types.ts';

export interface ScanOptions {
  dialect: SqlDialect;
  maxLength: number;
  maxDepth: number;
}

export interface ScanResult {
  /** The statement without a trailing semicolon and surrounding blanks. */
  sql: string;
  depth: number;
}

const reject = (code: SqlRejection['code'], reason: string): SqlRejection => ({ verdict: 'reject', code, reason });

export function scanSql(input: string, opts: ScanOptions): ScanResult | SqlRejection {
  if (input.length > opts.maxLength) {
    return reject(
      'too_long',
      `the statement is ${input.length} characters long; the limit is ${opts.maxLength}. Aggregate in fewer, simpler steps`,
    );
  }
  let depth = 0;
  let maxDepth = 0;
  let end = input.length; // where a trailing `;` was found
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    const forbidden = forbiddenCharacter(input, i);
    if (forbidden) return forbidden;
    const skipped = skipQuoteOrComment(input, i);
    if (typeof skipped === 'number') {
      i = skipped;
      continue;
    }
    if (skipped) return skipped;
    if (c === '(') {
      depth += 1;
      if (depth > maxDepth) maxDepth = depth;
      if (depth > opts.maxDepth) {
        return reject(
          'too_deep',
          `parentheses nest deeper than ${opts.maxDepth} levels; flatten the query with a WITH clause`,
        );
      }
    } else if (c === ')') {
      depth -= 1;
      if (depth < 0) return reject('parse_error', `unbalanced ")" at position ${i}`);
    } else if (c === ';') {
      if (!onlyBlanksAndCommentsAfter(input, i + 1)) {
        return reject(
          'multiple_statements',
          `";" at position ${i} is followed by more text: send exactly one statement`,
        );
      }
      end = i;
      break;
    }
    i += 1;
  }
  if (depth !== 0) return reject('parse_error', 'unbalanced parentheses: a "(" is never closed');
  const sql = input.slice(0, end).trim();
  if (!sql) return reject('parse_error', 'the statement is empty; send one SELECT');
  return { sql, depth: maxDepth };
}

// Characters refused wherever they stand outside quotes and comments. None of them opens a quote or a comment,
// so it does not matter whether this runs before or after skipQuoteOrComment.
function forbiddenCharacter(input: string, i: number): SqlRejection | null {
  const c = input[i]!;
  const code = c.charCodeAt(0);
  if (code < 32 && c !== '\n' && c !== '\r' && c !== '\t') {
    return reject(
      'bad_character',
      `control character U+${code.toString(16).padStart(4, '0')} at position ${i}; send plain SQL text`,
    );
  }
  if (code > 126) {
    return reject(
      'bad_character',
      `non-ASCII character "${c}" at position ${i} outside a quoted string; identifiers and keywords must be plain ASCII`,
    );
  }
  if (c === '#') {
    return reject(
      'comment_trap',
      `"#" at position ${i}: hash comments are MySQL-only and not allowed; use "-- " comments`,
    );
  }
  if (c === '[') {
    return reject('bad_character', `"[" at position ${i}: bracket-quoted names are not allowed; use plain names`);
  }
  if (c === '@') {
    return reject('variable', `"@" at position ${i}: user and system variables are not allowed; write values inline`);
  }
  if (
    c === '?' ||
    (c === ':' && /[A-Za-z_]/.test(input[i + 1] ?? '')) ||
    (c === '$' && !/[A-Za-z0-9_]/.test(input[i - 1] ?? ''))
  ) {
    return reject('variable', `placeholder "${c}" at position ${i}: run_sql takes no parameters; write values inline`);
  }
  return null;
}

/** The index just past the quoted text or comment starting at i, null when none starts there. */
function skipQuoteOrComment(input: string, i: number): number | SqlRejection | null {
  const c = input[i]!;
  if (c === "'" || c === '"' || c === '`') {
    const close = closingQuote(input, i, c);
    return typeof close === 'number' ? close + 1 : close;
  }
  if (c === '-' && input[i + 1] === '-') return skipLineComment(input, i);
  if (c === '/' && input[i + 1] === '*') return skipBlockComment(input, i);
  return null;
}

function skipLineComment(input: string, i: number): number | SqlRejection {
  const next = input[i + 2];
  // MySQL reads `--` as a comment only when a blank follows; node-sql-parser always does, so `1 --1` would
  // be arithmetic to the server and a comment to the guard.
  if (next !== ' ' && next !== '\t' && next !== '\n' && next !== '\r') {
    return reject(
      'comment_trap',
      `"--" at position ${i} is not followed by a space: MySQL reads it as minus minus, the parser as a comment. Write "- -" for arithmetic or "-- " for a comment`,
    );
  }
  const nl = input.indexOf('\n', i);
  return nl < 0 ? input.length : nl + 1;
}

function skipBlockComment(input: string, i: number): number | SqlRejection {
  const after = input.slice(i + 2, i + 4);
  if (after[0] === '!' || after === 'M!') {
    return reject(
      'version_comment',
      `version comment "/*${after[0] === '!' ? '!' : 'M!'}" at position ${i}: the server executes its content while the checker ignores it; remove it`,
    );
  }
  if (after[0] === '+') {
    return reject('version_comment', `optimizer hint "/*+" at position ${i}: hints are not allowed; remove it`);
  }
  const close = input.indexOf('*/', i + 2);
  if (close < 0) return reject('parse_error', `unterminated /* comment at position ${i}`);
  if (input.slice(i + 2, close).includes('/*')) {
    return reject('comment_trap', `nested "/*" inside the comment at position ${i}; remove the comments`);
  }
  return close + 2;
}

// Quotes double as escapes ('it''s'); a backslash is refused because MySQL reads it as an escape while
// SQLite does not, and node-sql-parser does in both dialects: `'a\' UNION SELECT email …` would hide a
// UNION from the guard on SQLite.
function closingQuote(input: string, start: number, q: string): number | SqlRejection {
  let i = start + 1;
  while (i < input.length) {
    const c = input[i]!;
    if (c === '\\') {
      return reject(
        'bad_character',
        `backslash inside the quoted text starting at position ${start}: engines disagree on backslash escapes; double a quote ('') instead`,
      );
    }
    if (c === q) {
      if (input[i + 1] === q) {
        i += 2;
        continue;
      }
      return i;
    }
    i += 1;
  }
  return reject('parse_error', `unterminated ${q} quote starting at position ${start}`);
}

function onlyBlanksAndCommentsAfter(input: string, from: number): boolean {
  const rest = input.slice(from);
  return /^(\s|-- [^\n]*(\n|$))*$/.test(rest);
}
