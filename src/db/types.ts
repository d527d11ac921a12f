export type Engine = 'sqlite' | 'mysql';

export type Row = Record<string, unknown>;

export interface QueryResult {
  columns: string[];
  rows: Row[];
  elapsedMs: number;
}

export interface QueryOptions {
  /** Enforced by the database where it can (MariaDB max_statement_time, MySQL max_execution_time). */
  timeoutMs?: number;
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
