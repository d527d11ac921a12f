// Whether text is a SQL statement or an English sentence that happens to start with "select" ("Select the top
// five products from June"). Decided by parsing with run_sql's own parser, not by a list of words: SQL parses,
// English does not. A parse alone is not enough for short sentences ("Select customers from Canada" parses as a
// SELECT of column customers from table Canada), so a statement whose only problem is an unknown table must also
// carry a mark no sentence has (a star, an aggregate call, a comparison, snake_case, GROUP BY).
import { checkSql } from '../../../guardrails/sql-check.ts';

/** Marks of SQL rather than English: a star, an aggregate call, a comparison, a.b, snake_case, GROUP/ORDER BY. */
export const SQL_MARK =
  /\*|\b(?:count|sum|avg|min|max|round|coalesce|cast|substr|substring|strftime|lower|upper|abs|ifnull|date)\s*\(|[=<>]|\b[a-z_]\w*\.[a-z_]\w*\b|\b[a-z]+_[a-z_]+\b|\b(?:group|order)\s+by\b|\blimit\s+\d/i;

/** The guard's verdicts that come before any parse (length, characters, comments): they settle nothing here. */
const BEFORE_PARSE = new Set(['too_long', 'too_deep', 'bad_character', 'comment_trap', 'version_comment', 'variable']);

/** Longest text handed to the parser, well inside its measured budget. */
const MAX_PARSE = 4000;

/** True when text, as a whole, is one SQL statement (of any kind: the screen refuses writes on their own). */
export function isSqlStatement(text: string): boolean {
  const s = text.trim().replace(/[;；\s]+$/, '');
  if (!/^(?:select|with)\b/i.test(s) || s.length > MAX_PARSE) return false;
  let v: ReturnType<typeof checkSql>;
  try {
    v = checkSql(s, { dialect: 'mysql' });
  } catch {
    // The guard throws only on what it has no verdict for; such text is not taken for SQL here.
    return false;
  }
  if (v.verdict === 'allow') return true;
  if (v.code === 'parse_error') return false;
  if (BEFORE_PARSE.has(v.code) || v.code === 'table_not_allowed') return SQL_MARK.test(s);
  return true;
}

/** The first statement inside text that starts at a SELECT or WITH and runs to the end (or to a sentence end). */
export function sqlStatementIn(text: string): string | null {
  for (const m of text.matchAll(/\b(?:select|with)\b/gi)) {
    const rest = text.slice(m.index).trim();
    if (isSqlStatement(rest)) return rest.replace(/[;；\s]+$/, '');
    // SQL followed by more words in another sentence ("SELECT … GROUP BY channel。然后告诉我").
    const cut = /[。？！?!\n]/.exec(rest);
    if (cut && isSqlStatement(rest.slice(0, cut.index))) return rest.slice(0, cut.index).trim();
  }
  return null;
}
