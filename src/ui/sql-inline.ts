// The SQL a step ran, with its parameter values written in for reading and copying. Display only: the
// server always runs the statement with `?` placeholders and bound values; this text is never executed
// by Tidelens. Placeholders inside string literals, quoted identifiers and comments are left alone.

/** A value as an SQL literal: strings quoted with embedded quotes doubled, numbers as written, NULL. */
export function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${s.replace(/'/g, "''")}'`;
}

/** Where a quoted span or a comment that starts at `i` ends (the index after it), or -1 when none starts. */
function skipQuoted(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === c) {
        if (sql[j + 1] === c)
          j += 2; // a doubled quote stays inside
        else return j + 1;
      } else j += sql[j] === '\\' && c === "'" ? 2 : 1;
    }
    return sql.length;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return -1;
}

export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const end = skipQuoted(sql, i);
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
    } else if (sql[i] === '?' && next < params.length) {
      out += sqlLiteral(params[next++]);
      i++;
    } else {
      out += sql[i++];
    }
  }
  return out;
}
