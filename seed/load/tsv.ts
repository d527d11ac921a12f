// Rows as text for MySQL: tab-separated lines for LOAD DATA (its default escaping: backslash escapes,
// \N is NULL) and literal tuples for multi-row INSERT. Numbers are written with String() in both, so
// the server parses the same digits whichever path loads them.
import type { Value } from '../generator/sink.ts';

const TSV_SPECIAL = /[\t\n\r\\\0]/;
const TSV_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\', '\0': '\\0' };

/** One LOAD DATA line (with its newline) for FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY '\n'. */
export function tsvLine(row: readonly Value[]): string {
  let s = '';
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    if (i) s += '\t';
    if (v === null) s += '\\N';
    else if (typeof v === 'number') s += String(v);
    else s += TSV_SPECIAL.test(v) ? v.replace(/[\t\n\r\\\0]/g, (c) => TSV_ESCAPES[c]!) : v;
  }
  return s + '\n';
}

const SQL_SPECIAL = /[\0\n\r\b\t\\'"\x1a]/;
const SQL_ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\b': '\\b',
  '\t': '\\t',
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\x1a': '\\Z',
};

export function sqlValue(v: Value): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  return SQL_SPECIAL.test(v) ? `'${v.replace(/[\0\n\r\b\t\\'"\x1a]/g, (c) => SQL_ESCAPES[c]!)}'` : `'${v}'`;
}

/** One INSERT tuple, `(v1,v2,...)`. */
export function sqlTuple(row: readonly Value[]): string {
  let s = '(';
  for (let i = 0; i < row.length; i++) s += (i ? ',' : '') + sqlValue(row[i]!);
  return s + ')';
}
