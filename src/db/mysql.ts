import mysql from 'mysql2/promise';
import { TidelensError } from '../errors.ts';
import type { Db, QueryOptions, QueryResult } from './types.ts';

export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database?: string;
  tls: boolean;
}

export function poolOptions(t: MysqlTarget): mysql.PoolOptions {
  return {
    host: t.host,
    port: t.port,
    user: t.user,
    password: t.password,
    database: t.database,
    // mysql2 ships the Amazon RDS CA bundle under this profile name: nothing is downloaded.
    ssl: t.tls ? 'Amazon RDS' : undefined,
    connectionLimit: 8,
    decimalNumbers: true,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    connectTimeout: 10_000,
  };
}

/** Turns driver errors into one line that says what to fix. */
export function mysqlError(e: unknown, where: string): TidelensError {
  const err = e as { code?: string; errno?: number; message?: string };
  switch (err.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new TidelensError('db_unreachable', `cannot reach MySQL at ${where} (${err.code}); check the host, port and security group`);
    case 'ER_ACCESS_DENIED_ERROR':
      return new TidelensError('db_auth', `MySQL at ${where} refused the user or password; check RDS_USER/RDS_PASSWORD or the --db address`);
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
      return new TidelensError('db_denied', `the MySQL user lacks a privilege at ${where}: ${err.message}`);
    case 'ER_STATEMENT_TIMEOUT':
    case 'ER_QUERY_TIMEOUT':
      return new TidelensError('query_timeout', 'the query ran past its time limit and the database stopped it; narrow the period or aggregate more');
    default:
      if (err.errno === 1969 || err.errno === 3024) {
        return new TidelensError('query_timeout', 'the query ran past its time limit and the database stopped it; narrow the period or aggregate more');
      }
      return new TidelensError('db_error', `MySQL: ${err.message ?? String(e)}`);
  }
}

export async function openMysql(t: MysqlTarget & { database: string }): Promise<MysqlDb> {
  const pool = mysql.createPool(poolOptions(t));
  const where = `${t.host}:${t.port}/${t.database}`;
  let flavour: 'mariadb' | 'mysql';
  try {
    const [rows] = await pool.query('SELECT VERSION() AS v');
    flavour = /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? 'mariadb' : 'mysql';
  } catch (e) {
    await pool.end().catch(() => {});
    throw mysqlError(e, where);
  }
  return new MysqlDb(pool, flavour, `mysql://${t.user}@${where}`, where);
}

export class MysqlDb implements Db {
  readonly engine = 'mysql' as const;
  constructor(
    readonly pool: mysql.Pool,
    readonly flavour: 'mariadb' | 'mysql',
    readonly label: string,
    private readonly where: string,
  ) {}

  /** Runs inside a read-only transaction with a server-side time limit. */
  async query(sql: string, params: unknown[] = [], opts: QueryOptions = {}): Promise<QueryResult> {
    const conn = await this.pool.getConnection().catch((e) => {
      throw mysqlError(e, this.where);
    });
    const start = performance.now();
    try {
      if (opts.timeoutMs) {
        const limit = this.flavour === 'mariadb'
          ? `SET SESSION max_statement_time = ${(opts.timeoutMs / 1000).toFixed(3)}`
          : `SET SESSION max_execution_time = ${Math.ceil(opts.timeoutMs)}`;
        await conn.query(limit);
      }
      await conn.query('START TRANSACTION READ ONLY');
      const [rows, fields] = await conn.query({ sql, values: params });
      await conn.query('COMMIT');
      const columns = (fields ?? []).map((f) => f.name);
      return { columns, rows: rows as Record<string, unknown>[], elapsedMs: performance.now() - start };
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => {});
      throw mysqlError(e, this.where);
    } finally {
      if (opts.timeoutMs) {
        await conn
          .query(this.flavour === 'mariadb' ? 'SET SESSION max_statement_time = 0' : 'SET SESSION max_execution_time = 0')
          .catch(() => {});
      }
      conn.release();
    }
  }

  async execute(sql: string, params: unknown[] = []): Promise<void> {
    try {
      await this.pool.query({ sql, values: params });
    } catch (e) {
      throw mysqlError(e, this.where);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
