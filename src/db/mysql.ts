import mysql from 'mysql2/promise';
import { TidelensError } from '../errors.ts';
import { dropPaused, streamRows, type RowCaps } from './mysql-stream.ts';
import { KILL_GRACE_MS, QueryKiller, settle, watch, type Watched } from './mysql-watchdog.ts';
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

const TIMEOUT_MESSAGE =
  'the query ran past its time limit and the database stopped it; narrow the period or aggregate more';

/** Turns driver errors into one line that says what to fix. */
export function mysqlError(e: unknown, where: string): TidelensError {
  const err = e as { code?: string; errno?: number; message?: string };
  switch (err.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new TidelensError(
        'db_unreachable',
        `cannot reach MySQL at ${where} (${err.code}); check the host, port and security group`,
      );
    case 'ER_ACCESS_DENIED_ERROR':
      return new TidelensError(
        'db_auth',
        `MySQL at ${where} refused the user or password; check RDS_USER/RDS_PASSWORD or the --db address`,
      );
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
      return new TidelensError('db_denied', `the MySQL user lacks a privilege at ${where}: ${err.message}`);
    case 'ER_STATEMENT_TIMEOUT':
    case 'ER_QUERY_TIMEOUT':
      return new TidelensError('query_timeout', TIMEOUT_MESSAGE);
    default:
      if (err.errno === 1969 || err.errno === 3024) return new TidelensError('query_timeout', TIMEOUT_MESSAGE);
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
  return new MysqlDb(pool, flavour, `mysql://${t.user}@${where}`, where, new QueryKiller(poolOptions(t)));
}

/** The watchdog's verdict as the caller sees it: the same code as the server's own limit. */
function watchdogTimeout(timeoutMs: number, w: Extract<Watched<unknown>, { kind: 'expired' }>): TidelensError {
  if (w.stopped) return new TidelensError('query_timeout', TIMEOUT_MESSAGE, { timeoutMs, stoppedBy: 'watchdog' });
  return new TidelensError(
    'query_timeout',
    'the query ran past its time limit and could not be stopped, so it may run on in the database until it ends; narrow the period or aggregate more',
    {
      timeoutMs,
      stoppedBy: 'none',
      reason: w.killError === undefined ? 'no reply after KILL QUERY' : String(w.killError),
    },
  );
}

export class MysqlDb implements Db {
  readonly engine = 'mysql' as const;
  constructor(
    readonly pool: mysql.Pool,
    readonly flavour: 'mariadb' | 'mysql',
    readonly label: string,
    private readonly where: string,
    private readonly killer: QueryKiller,
  ) {}

  /**
   * Runs inside a read-only transaction with a server-side time limit. A watchdog stands behind that
   * limit: at timeoutMs + KILL_GRACE_MS it kills the statement from a second connection (mysql-watchdog.ts).
   */
  async query(sql: string, params: unknown[] = [], opts: QueryOptions = {}): Promise<QueryResult> {
    const conn = await this.pool.getConnection().catch((e) => {
      throw mysqlError(e, this.where);
    });
    if (opts.timeoutMs || opts.signal) this.killer.warm();
    const start = performance.now();
    const abort = this.killOnAbort(conn, opts.signal);
    const caps =
      opts.maxBytes !== undefined || opts.maxRows !== undefined
        ? { maxBytes: opts.maxBytes, maxRows: opts.maxRows }
        : undefined;
    const work = this.readOnly(conn, sql, params, opts.timeoutMs, caps);
    const outcome: Watched<Awaited<typeof work>> = opts.timeoutMs
      ? await watch(work, opts.timeoutMs + KILL_GRACE_MS, () => this.killer.killQuery(conn.threadId))
      : { kind: 'done', result: await settle(work) };
    abort.detach();
    if (abort.fired) {
      // The KILL may land after the statement ended; the connection is not reused either way.
      conn.destroy();
      throw opts.signal!.reason;
    }
    if (outcome.kind === 'expired') {
      // Never hand back a connection a KILL was aimed at: the kill may still be on its way, or may have
      // landed between two of our statements; the pool opens a fresh one.
      conn.destroy();
      throw watchdogTimeout(opts.timeoutMs!, outcome);
    }
    if (outcome.result.status === 'fulfilled' && outcome.result.value.truncated) {
      // The cap stopped reading with the statement still running: stop it on the server, then drop the
      // paused connection (its unread rows would otherwise come back to the next caller).
      await this.killer.killQuery(conn.threadId).catch(() => {});
      dropPaused(conn);
    } else conn.release();
    if (outcome.result.status === 'rejected') throw mysqlError(outcome.result.reason, this.where);
    const { rows, fields, truncated } = outcome.result.value;
    const columns = (fields ?? []).map((f) => f.name);
    return { columns, rows, elapsedMs: performance.now() - start, ...(truncated ? { truncated } : {}) };
  }

  /** On abort, KILL QUERY at once from the watchdog connection: the statement must not outlive its turn. */
  private killOnAbort(conn: mysql.PoolConnection, signal: AbortSignal | undefined) {
    const state = { fired: false, detach: () => {} };
    if (!signal) return state;
    const kill = () => {
      state.fired = true;
      this.killer.killQuery(conn.threadId).catch(() => {});
    };
    if (signal.aborted) kill();
    else {
      signal.addEventListener('abort', kill, { once: true });
      state.detach = () => signal.removeEventListener('abort', kill);
    }
    return state;
  }

  /** The statement between START TRANSACTION READ ONLY and COMMIT, under the session time limit. */
  private async readOnly(
    conn: mysql.PoolConnection,
    sql: string,
    params: unknown[],
    timeoutMs: number | undefined,
    caps?: RowCaps,
  ) {
    const variable = this.flavour === 'mariadb' ? 'max_statement_time' : 'max_execution_time';
    let paused = false;
    try {
      if (timeoutMs) {
        const value = this.flavour === 'mariadb' ? (timeoutMs / 1000).toFixed(3) : String(Math.ceil(timeoutMs));
        await conn.query(`SET SESSION ${variable} = ${value}`);
      }
      await conn.query('START TRANSACTION READ ONLY');
      if (caps) {
        const streamed = await streamRows(conn, sql, params, caps);
        // A paused connection answers nothing more; the caller kills the statement and drops the connection.
        paused = streamed.truncated;
        if (!paused) await conn.query('COMMIT');
        return streamed;
      }
      const [rows, fields] = await conn.query({ sql, values: params });
      await conn.query('COMMIT');
      return { rows: rows as Record<string, unknown>[], fields: fields ?? [], truncated: false };
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      if (timeoutMs && !paused) await conn.query(`SET SESSION ${variable} = 0`).catch(() => {});
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
    await Promise.all([this.pool.end(), this.killer.close()]);
  }
}
