// Buckets in the app database (the one holding platform_users and user_sessions), one row per
// (key, bucket) with an expiry. Each hit is one atomic upsert, so any number of instances count together.
// The app account needs SELECT, INSERT, UPDATE, DELETE on rate_counters, and CREATE once if the table is
// missing (or create it from an operator account with COUNTERS_DDL below).
import type { ResultSetHeader } from 'mysql2';
import { MysqlDb } from '../../db/mysql.ts';
import { SqliteDb } from '../../db/sqlite.ts';
import type { Db } from '../../db/types.ts';
import { TidelensError } from '../../errors.ts';
import type { BucketStore } from './types.ts';

export const COUNTERS_TABLE = 'rate_counters';

// k is sha256 hex of the caller's key: no account name or address is stored.
export const COUNTERS_DDL = {
  mysql: `CREATE TABLE IF NOT EXISTS ${COUNTERS_TABLE} (
  k CHAR(64) NOT NULL, bucket BIGINT NOT NULL, n INT NOT NULL, expires_at BIGINT NOT NULL,
  PRIMARY KEY (k, bucket), KEY idx_rate_counters_expiry (expires_at)) ENGINE=InnoDB`,
  sqlite: `CREATE TABLE IF NOT EXISTS ${COUNTERS_TABLE} (
  k TEXT NOT NULL, bucket INTEGER NOT NULL, n INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (k, bucket))`,
} as const;

// LAST_INSERT_ID(expr) hands the new count back in the same statement's OK packet: 0 means not counted.
const MYSQL_ADD = `INSERT INTO ${COUNTERS_TABLE} (k, bucket, n, expires_at) VALUES (?, ?, LAST_INSERT_ID(1), ?)
  ON DUPLICATE KEY UPDATE n = IF(n < ?, LAST_INSERT_ID(n + 1), n + LAST_INSERT_ID(0))`;
const SQLITE_ADD = `INSERT INTO ${COUNTERS_TABLE} (k, bucket, n, expires_at) VALUES (?, ?, 1, ?)
  ON CONFLICT (k, bucket) DO UPDATE SET n = n + 1 WHERE n < ? RETURNING n`;

/** Expired rows are deleted at most this often per instance; reads ignore them meanwhile. */
const SWEEP_EVERY_MS = 60_000;

export class SqlBuckets implements BucketStore {
  private lastSweep = 0;
  constructor(
    private readonly db: MysqlDb | SqliteDb,
    private readonly now: () => number = Date.now,
  ) {}

  async addBelow(key: string, bucket: number, room: number, expiresAtMs: number): Promise<number | null> {
    this.sweepSometimes();
    const params = [key, bucket, expiresAtMs, room];
    if (this.db instanceof SqliteDb) {
      const row = this.db.raw.prepare(SQLITE_ADD).get(...params) as { n: number } | undefined;
      return row ? row.n : null;
    }
    const [r] = await this.db.pool.query<ResultSetHeader>(MYSQL_ADD, params);
    return r.insertId > 0 ? Number(r.insertId) : null;
  }

  async read(key: string, bucket: number): Promise<number> {
    const sql = `SELECT n FROM ${COUNTERS_TABLE} WHERE k = ? AND bucket = ? AND expires_at > ?`;
    const params = [key, bucket, this.now()];
    if (this.db instanceof SqliteDb) {
      return (this.db.raw.prepare(sql).get(...params) as { n: number } | undefined)?.n ?? 0;
    }
    const [rows] = await this.db.pool.query(sql, params);
    return Number((rows as { n: number }[])[0]?.n ?? 0);
  }

  async clear(key: string, buckets: number[]): Promise<void> {
    const marks = buckets.map(() => '?').join(', ');
    await this.db.execute(`DELETE FROM ${COUNTERS_TABLE} WHERE k = ? AND bucket IN (${marks})`, [key, ...buckets]);
  }

  /** The app connection belongs to the app: closing the counters leaves it open. */
  async close(): Promise<void> {}

  private sweepSometimes(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    // A failed sweep costs nothing but space; the next one retries.
    this.db.execute(`DELETE FROM ${COUNTERS_TABLE} WHERE expires_at <= ?`, [now]).catch(() => {});
  }
}

/** Opens the counters on the app database, creating the table when the account may. */
export async function sqlBuckets(db: Db, now: () => number = Date.now): Promise<SqlBuckets> {
  if (!(db instanceof MysqlDb) && !(db instanceof SqliteDb)) {
    throw new TidelensError('bad_config', `rate counters need a SQLite or MySQL app database, not ${db.label}`);
  }
  try {
    await db.query(`SELECT n FROM ${COUNTERS_TABLE} WHERE 1 = 0`);
  } catch {
    await db.execute(COUNTERS_DDL[db.engine]).catch((e: Error) => {
      throw new TidelensError(
        'bad_config',
        `${COUNTERS_TABLE} is missing in ${db.label} and this account cannot create it (${e.message}); ` +
          `create it once from an operator account (COUNTERS_DDL in src/server/counters/sql.ts, docs/server.md) ` +
          'and grant the app account SELECT, INSERT, UPDATE, DELETE on it',
      );
    });
  }
  return new SqlBuckets(db, now);
}
