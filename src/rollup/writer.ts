// The rollup's own connection: one session that can hold a transaction across statements (the shared Db runs
// each write on whichever pooled connection is free, so BEGIN … COMMIT would not bind them together).
import mysql from 'mysql2/promise';
import { TidelensError } from '../errors.ts';
import { mysqlError, poolOptions } from '../db/mysql.ts';
import { openSqlite } from '../db/sqlite.ts';
import type { Engine, Row } from '../db/types.ts';
import type { DbTarget } from '../db/url.ts';

export interface RollupWriter {
  readonly engine: Engine;
  /** The warehouse database on MySQL (the rollup schema is named after it); null on SQLite. */
  readonly database: string | null;
  run(sql: string, params?: unknown[]): Promise<void>;
  rows(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const TMP_TABLE_BYTES = 256 * 1024 * 1024;

export async function openRollupWriter(t: DbTarget): Promise<RollupWriter> {
  return t.engine === 'sqlite' ? sqliteWriter(t.path) : mysqlWriter(t);
}

function sqliteWriter(path: string): RollupWriter {
  const db = openSqlite(path, { pool: false });
  return {
    engine: 'sqlite',
    database: null,
    run: (sql, params) => db.execute(sql, params),
    rows: async (sql, params) => (await db.query(sql, params)).rows,
    async transaction(fn) {
      // IMMEDIATE takes the write lock up front, so a reader never sees half a refresh and no writer interleaves.
      await db.execute('BEGIN IMMEDIATE');
      try {
        const out = await fn();
        await db.execute('COMMIT');
        return out;
      } catch (e) {
        await db.execute('ROLLBACK').catch(() => {});
        throw e;
      }
    },
    close: () => db.close(),
  };
}

async function mysqlWriter(t: Extract<DbTarget, { engine: 'mysql' }>): Promise<RollupWriter> {
  const { connectionLimit: _limit, ...opts } = poolOptions(t);
  const where = `${t.host}:${t.port}/${t.database}`;
  const conn = await mysql.createConnection(opts).catch((e) => {
    throw mysqlError(e, where);
  });
  const call = async (sql: string, params: unknown[] = []) => {
    try {
      const [rows] = await conn.query({ sql, values: params });
      return rows;
    } catch (e) {
      throw mysqlError(e, where);
    }
  };
  // A full build groups whole base tables: in-memory temporary tables up to 256 MB (this session only) keep
  // MariaDB from spilling them to disk, about six times faster on visit_logs.
  await call(`SET SESSION tmp_table_size = ${TMP_TABLE_BYTES}, max_heap_table_size = ${TMP_TABLE_BYTES}`);
  return {
    engine: 'mysql',
    database: t.database,
    run: async (sql, params) => void (await call(sql, params)),
    rows: async (sql, params) => {
      const rows = await call(sql, params);
      if (!Array.isArray(rows)) throw new TidelensError('db_error', 'expected rows from a SELECT');
      return rows as Row[];
    },
    async transaction(fn) {
      await call('START TRANSACTION');
      try {
        const out = await fn();
        await call('COMMIT');
        return out;
      } catch (e) {
        await call('ROLLBACK').catch(() => {});
        throw e;
      }
    },
    close: () => conn.end(),
  };
}
