export type Engine = 'sqlite' | 'mysql';

export type Row = Record<string, unknown>;

export interface QueryResult {
  columns: string[];
  rows: Row[];
  elapsedMs: number;
  /** Set when maxBytes or maxRows stopped the result early (the statement was stopped too). */
  truncated?: boolean;
}

export interface QueryOptions {
  /** Enforced by the database where it can (MariaDB max_statement_time, MySQL max_execution_time). */
  timeoutMs?: number;
  /**
   * Byte cap on the rows' JSON, counted while rows arrive: the engine stops the statement at the cap instead
   * of holding the whole result first. Rows past it are dropped and `truncated` is set.
   */
  maxBytes?: number;
  /** Row cap, counted the same way. */
  maxRows?: number;
  /**
   * The turn's stop button: aborting stops the statement in the database (MySQL: KILL QUERY from the
   * watchdog connection; SQLite: the run_sql child is killed), not just the wait for it.
   */
  signal?: AbortSignal;
}

/** What the tools see of the warehouse: read queries with bound parameters, on either engine. */
export interface Db {
  readonly engine: Engine;
  /** Where it points, without a password: safe for messages and logs. */
  readonly label: string;
  query(sql: string, params?: unknown[], opts?: QueryOptions): Promise<QueryResult>;
  /** A statement outside a read-only transaction: DDL and writes, for the seeder and the app tables only. */
  execute(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}
