// What the assistant's SQL may touch: derived from src/warehouse/schema.ts, never listed by hand twice.
// The reasons behind each list are in README.md.
import { ANALYTICS_TABLES, APP_TABLES, INTERNAL_TABLE_PREFIX, type Table } from '../warehouse/schema.ts';
import { SqlRejected } from './sql-types.ts';

const analytics = new Map<string, Table>(ANALYTICS_TABLES.map((t) => [t.name.toLowerCase(), t]));
const appTables = new Set(APP_TABLES.map((t) => t.name.toLowerCase()));

/** Schemas and catalog tables of MySQL, MariaDB and SQLite. */
const SYSTEM_NAMES = new Set([
  'information_schema',
  'performance_schema',
  'mysql',
  'sys',
  'main',
  'temp',
  'sqlite_master',
  'sqlite_schema',
  'sqlite_temp_master',
  'sqlite_temp_schema',
  'sqlite_sequence',
  'sqlite_stat1',
  'sqlite_stat4',
  'sqlite_dbpage',
  'sqlite_stmt',
  'dual',
]);

/** Resolves a table in FROM to its schema entry, or explains why it cannot be read. */
export function analyticsTable(name: string, db: string | null): Table {
  const lower = name.toLowerCase();
  if (db) {
    if (SYSTEM_NAMES.has(db.toLowerCase())) throw systemSchema(`${db}.${name}`);
    throw new SqlRejected(
      'qualified_name',
      `"${db}.${name}": write table names without a database prefix (just ${name})`,
    );
  }
  if (
    SYSTEM_NAMES.has(lower) ||
    lower.startsWith('sqlite_') ||
    lower.startsWith('pragma_') ||
    lower.startsWith('innodb_')
  )
    throw systemSchema(name);
  if (appTables.has(lower)) {
    throw new SqlRejected(
      'table_not_allowed',
      `${name} is an application table (logins and sessions), not business data; it cannot be queried. Use the analytics tables: ${analyticsNames()}`,
    );
  }
  if (lower.startsWith(INTERNAL_TABLE_PREFIX)) {
    throw new SqlRejected(
      'table_not_allowed',
      `${name} is internal to the data generator and cannot be queried. Use the analytics tables: ${analyticsNames()}`,
    );
  }
  const t = analytics.get(lower);
  if (!t)
    throw new SqlRejected(
      'table_not_allowed',
      `unknown table "${name}"; the tables you can query are: ${analyticsNames()}`,
    );
  return t;
}

export function isReservedName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    SYSTEM_NAMES.has(lower) ||
    appTables.has(lower) ||
    lower.startsWith(INTERNAL_TABLE_PREFIX) ||
    lower.startsWith('sqlite_') ||
    lower.startsWith('pragma_')
  );
}

function systemSchema(name: string): SqlRejected {
  return new SqlRejected(
    'system_schema',
    `${name} is a system catalog and cannot be queried; use the describe_schema tool to see tables and columns`,
  );
}

function analyticsNames(): string {
  return ANALYTICS_TABLES.map((t) => t.name).join(', ');
}

export function piiOf(t: Table): Set<string> {
  return new Set(t.columns.filter((c) => c.pii).map((c) => c.name.toLowerCase()));
}

export function publicColumns(t: Table): string[] {
  return t.columns.filter((c) => !c.pii).map((c) => c.name);
}

/** Aggregates that reveal nothing about a personal value: they count rows or distinct values. */
export const PII_SAFE_AGGREGATES = new Set(['count']);

/**
 * Functions that wait, lock, touch files, run code, read server state or replication, or evaluate
 * XML/paths in ways used for error-based extraction. Lower-case, both engines.
 */
export const DENIED_FUNCTIONS = new Set([
  // waiting and CPU burning
  'sleep',
  'benchmark',
  'pg_sleep',
  'wait_for_executed_gtid_set',
  'wait_until_sql_thread_after_gtids',
  'master_pos_wait',
  'source_pos_wait',
  'master_gtid_wait',
  // locks
  'get_lock',
  'release_lock',
  'release_all_locks',
  'is_free_lock',
  'is_used_lock',
  // files and code
  'load_file',
  'load_extension',
  'readfile',
  'writefile',
  'edit',
  'sys_exec',
  'sys_eval',
  'lo_import',
  'lo_export',
  'fts3_tokenizer',
  // server and session state
  'user',
  'current_user',
  'session_user',
  'system_user',
  'current_role',
  'database',
  'schema',
  'version',
  'connection_id',
  'last_insert_id',
  'row_count',
  'found_rows',
  'sqlite_version',
  'sqlite_source_id',
  'sqlite_compileoption_get',
  'sqlite_compileoption_used',
  'sqlite_offset',
  'changes',
  'total_changes',
  'last_insert_rowid',
  'get_format',
  'sys_guid',
  'name_const',
  'password',
  'old_password',
  'encrypt',
  'des_encrypt',
  'des_decrypt',
  'aes_decrypt',
  'master_key',
  'binlog_gtid_pos',
  'column_json',
  'column_get',
  'column_list',
  'column_create',
  'column_add',
  'extractvalue',
  'updatexml',
  'uuid_short',
  'statement_digest',
  'statement_digest_text',
  'format_pico_time',
  'ps_current_thread_id',
  'ps_thread_id',
  'icu_version',
  'roles_graphml',
  'current_schema',
  'nextval',
  'lastval',
  'setval',
  'sqlite_dbpage',
  'sqlite_dbdata',
]);

/** Functions whose size arguments allocate memory (REPEAT('x', 1e9), randomblob(1e9)): literal sizes only, capped. */
export const SIZED_FUNCTIONS: Record<string, number[]> = {
  repeat: [1],
  space: [0],
  lpad: [1],
  rpad: [1],
  randomblob: [0],
  zeroblob: [0],
};
export const MAX_SIZE_ARGUMENT = 1000;

/**
 * The longest value size functions may build, counted as the product of their arguments through nesting
 * and concatenation: REPEAT(REPEAT('x', 1000), 1000) has literal sizes under the limit but builds 1 MB.
 */
export const MAX_SIZED_RESULT = 10_000;
/** What a column or other expression of unknown length counts for inside a size function: a VARCHAR(255). */
export const UNKNOWN_SIZE = 255;
export const CONCAT_FUNCTIONS = new Set(['concat', 'concat_ws']);

/** printf-style functions: a width or precision from an argument (`%*d`) or over 3 digits allocates at will. */
export const FORMAT_FUNCTIONS = new Set(['printf', 'format']);
