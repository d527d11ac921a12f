// The assistant's MySQL account, the second wall behind the SQL guard: SELECT on the analytics tables of
// src/warehouse/schema.ts and, on tables with personal columns, only on the other columns. Nothing else: no
// FILE, PROCESS, LOCK TABLES or SUPER, and no grant on the app or _tidelens_ tables. README.md quotes
// the output for database `tidelens` and account 'tidelens_ro'@'%'; a test keeps the two identical and
// creates an account from these very statements.
import { rollupSchemaName } from './rollup-schema.ts';
import { ANALYTICS_TABLES, table, type Table } from './schema.ts';

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
    throw new Error(
      `database and user must be letters, digits and _, the host a host pattern (got ${a.database}, ${a.user}, ${a.host})`,
    );
  }
  const to = `TO '${a.user}'@'${a.host}'`;
  return ANALYTICS_TABLES.map((t) => selectOn(a.database, t, to));
}

function selectOn(database: string, t: Table, to: string): string {
  const open = t.columns.filter((c) => !c.pii).map((c) => c.name);
  const what = open.length === t.columns.length ? 'SELECT' : `SELECT (${open.join(', ')})`;
  return `GRANT ${what} ON ${database}.${t.name} ${to}`;
}

function checked(a: ReadOnlyAccount): string {
  readOnlyGrants(a);
  return `TO '${a.user}'@'${a.host}'`;
}

/** The assistant reads the daily rollups (src/rollup) too: SELECT on their schema and nothing more. */
export function rollupReadGrants(a: ReadOnlyAccount): string[] {
  return [`GRANT SELECT ON ${rollupSchemaName(a.database)}.* ${checked(a)}`];
}

/** The base tables the rollup builder reads (src/rollup/statements.ts, answer-scopes.ts). */
const ROLLUP_SOURCES = [
  'orders',
  'order_items',
  'returns',
  'visit_logs',
  'reviews',
  'inventory_records',
  'order_campaign_map',
  'user_behaviors',
  'products',
  'product_categories',
  // customer_mix's stored answers split by users.user_level (src/rollup/answer-scopes.ts); the personal columns
  // stay out like everywhere else.
  'users',
];

/**
 * The rollup writer (`tidelens rollup`): owns its schema (it creates, fills, renames and drops tables there) and
 * reads the base tables it aggregates, personal columns excepted. It cannot write the warehouse.
 */
export function rollupWriterGrants(a: ReadOnlyAccount): string[] {
  const to = checked(a);
  return [
    `GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX ON ${rollupSchemaName(a.database)}.* ${to}`,
    ...ROLLUP_SOURCES.map((n) => selectOn(a.database, table(n), to)),
  ];
}
