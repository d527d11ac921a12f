// The assistant's MySQL account, the second wall behind the SQL guard: SELECT on the analytics tables of
// src/warehouse/schema.ts and, on tables with personal columns, only on the other columns. Nothing else: no
// FILE, PROCESS, LOCK TABLES or SUPER, and no grant on the app or _tidelens_ tables. README.md quotes
// the output for database `tidelens` and account 'tidelens_ro'@'%'; a test keeps the two identical and
// creates an account from these very statements.
import { ANALYTICS_TABLES } from './schema.ts';

export interface ReadOnlyAccount {
  database: string;
  user: string;
  host: string;
}

const NAME = /^[A-Za-z0-9_]{1,64}$/;
const HOST = /^[A-Za-z0-9_.%-]{1,255}$/;

/** One GRANT statement per analytics table, without a trailing semicolon. */
export function readOnlyGrants(a: ReadOnlyAccount): string[] {
  if (!NAME.test(a.database) || !NAME.test(a.user) || !HOST.test(a.host)) {
    throw new Error(`database and user must be letters, digits and _, the host a host pattern (got ${a.database}, ${a.user}, ${a.host})`);
  }
  const to = `TO '${a.user}'@'${a.host}'`;
  return ANALYTICS_TABLES.map((t) => {
    const open = t.columns.filter((c) => !c.pii).map((c) => c.name);
    const what = open.length === t.columns.length ? 'SELECT' : `SELECT (${open.join(', ')})`;
    return `GRANT ${what} ON ${a.database}.${t.name} ${to}`;
  });
}
