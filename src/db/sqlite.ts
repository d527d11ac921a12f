import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TidelensError } from '../errors.ts';
import { defaultPoolSize, SqlitePool } from './sqlite-pool.ts';
import { closeSandbox } from './sqlite-worker.ts';
import type { Db, QueryOptions, QueryResult, Row } from './types.ts';

export interface SqliteOptions {
  readonly?: boolean;
  /** Create the file (and its folder) when missing. */
  create?: boolean;
  /**
   * Run query() on a pool of read-only threads (sqlite-pool.ts) instead of this thread. On by default for a
   * read-only file (the assistant's warehouse); TIDELENS_SQLITE_POOL=0 turns it off (the in-process path, for
   * comparing). The writable connection (app tables, seeding) always stays in-process.
   */
  pool?: boolean | { size: number };
}

function poolFor(path: string, opts: SqliteOptions, env = process.env): SqlitePool | undefined {
  const wanted = opts.pool ?? (opts.readonly === true && env.TIDELENS_SQLITE_POOL !== '0');
  if (!wanted || path === ':memory:' || path === '') return undefined;
  return new SqlitePool(path, typeof wanted === 'object' ? wanted : { size: defaultPoolSize() });
}

/** better-sqlite3 is synchronous: the read-only warehouse queries go to a thread pool, the rest stay here. */
export function openSqlite(path: string, opts: SqliteOptions = {}): SqliteDb {
  if (opts.create) mkdirSync(dirname(path), { recursive: true });
  let raw: Database.Database;
  try {
    raw = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  } catch (e) {
    throw new TidelensError(
      'db_unreachable',
      `cannot open SQLite database ${path}: ${(e as Error).message}. Run \`npx tidelens seed\` first.`,
    );
  }
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  return new SqliteDb(raw, `sqlite:${path}`, poolFor(path, opts));
}

const READS_A_TABLE = /\bfrom\b/i;

export class SqliteDb implements Db {
  readonly engine = 'sqlite' as const;
  constructor(
    readonly raw: Database.Database,
    readonly label: string,
    /** Where query() runs when set; `raw` stays open for run_sql's file name and the counters. */
    readonly pool?: SqlitePool,
  ) {}

  async query(sql: string, params: unknown[] = [], opts: QueryOptions = {}): Promise<QueryResult> {
    // A statement that reads no table (the health probe's SELECT 1) costs microseconds here, and in the pool
    // it would queue behind the turns' aggregates: the probe must report reachability, not queue depth.
    if (this.pool && READS_A_TABLE.test(sql)) return this.pool.query(sql, params, opts);
    // better-sqlite3 cannot interrupt a running statement; a stopped turn starts no new one.
    opts.signal?.throwIfAborted();
    const start = performance.now();
    try {
      const stmt = this.raw.prepare(sql);
      if (!stmt.reader)
        throw new TidelensError('sql_rejected', 'only statements that return rows may run through query()');
      const columns = stmt.columns().map((c) => c.name);
      if (opts.maxBytes === undefined && opts.maxRows === undefined) {
        return { columns, rows: stmt.all(...(params as never[])) as Row[], elapsedMs: performance.now() - start };
      }
      // The same caps as MySQL, counted row by row: iterate() steps the statement, so nothing past the cap is read.
      const rows: Row[] = [];
      let bytes = 2;
      for (const row of stmt.iterate(...(params as never[])) as IterableIterator<Row>) {
        bytes += JSON.stringify(row).length + 1;
        if (
          (opts.maxBytes !== undefined && bytes > opts.maxBytes) ||
          (opts.maxRows !== undefined && rows.length >= opts.maxRows)
        ) {
          return { columns, rows, elapsedMs: performance.now() - start, truncated: true };
        }
        rows.push(row);
      }
      return { columns, rows, elapsedMs: performance.now() - start };
    } catch (e) {
      if (e instanceof TidelensError) throw e;
      throw new TidelensError('db_error', `SQLite: ${(e as Error).message}`);
    }
  }

  async execute(sql: string, params: unknown[] = []): Promise<void> {
    try {
      if (params.length) this.raw.prepare(sql).run(...(params as never[]));
      else this.raw.exec(sql);
    } catch (e) {
      throw new TidelensError('db_error', `SQLite: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    // run_sql's child process for this file goes too; a later database on the file starts a new one.
    closeSandbox(this.raw.name);
    await this.pool?.close();
    this.raw.close();
  }
}
