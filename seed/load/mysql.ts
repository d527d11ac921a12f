// MySQL / MariaDB: LOAD DATA LOCAL INFILE of tab-separated chunks fed from memory (about twice the
// speed of multi-row INSERTs on these machines), several chunks in flight on their own connections
// while the generator keeps going, into tables that have only their primary key; unique, foreign-key
// and secondary indexes are added after the data (foreign-key checks are off for the load session: the
// generator writes parents before it is done and a test checks every key). When the server or the user cannot LOAD DATA
// LOCAL, multi-row INSERT batches do the same job
// and the loader says why in `method`.
// The empty _tidelens_meta table is created first (it marks the tables as ours); its row is written
// last (the commit marker). A failure drops every table this run created.
import { Readable } from 'node:stream';
import mysql from 'mysql2/promise';
import { TidelensError } from '../../src/errors.ts';
import { mysqlError, poolOptions, type MysqlTarget } from '../../src/db/mysql.ts';
import { createTableSql } from '../ddl.ts';
import { TABLES } from '../../src/warehouse/schema.ts';
import type { Value } from '../generator/sink.ts';
import { META_TABLE, META_TABLES, metaColumns, metaDdl, metaRows, type MetaTables } from './meta.ts';
import { sqlTuple, tsvLine } from './tsv.ts';
import type { Loader } from './types.ts';

export { sqlValue } from './tsv.ts';

export type MysqlMethod = 'auto' | 'insert';

/** Bytes per LOAD DATA statement (one commit each): big enough that commits cost nothing, small enough to stay flat. */
const LOAD_BYTES = 2 << 20;
/** Rows per multi-row INSERT (the fallback). */
const INSERT_ROWS = 1000;
/** Statements in flight; one more connection serves DDL. */
const IN_FLIGHT = 3;
/** The client protocol sends a LOCAL INFILE in packets under 16 MB; slices keep each well under. */
const PACKET = 1 << 20;

interface Writer {
  /** `LOAD DATA ...` or `INSERT INTO ... VALUES ` */
  readonly head: string;
  /** LOAD DATA: lines are encoded straight into a reused buffer, so no row outlives its add() call. */
  buf: Buffer | null;
  used: number;
  /** INSERT: the tuples of the next statement. */
  parts: string[];
  rows: number;
}

export class MysqlLoader implements Loader {
  readonly rowCounts = new Map<string, number>();
  readonly label: string;
  /** How rows are loaded, and why when it is the slower path. */
  method = '';
  private loadData = false;
  private pool: mysql.Pool | null = null;
  private readonly where: string;
  private readonly writers = new Map<string, Writer>();
  private inFlight = new Set<Promise<void>>();
  /** LOAD DATA buffers whose statement has finished, ready for reuse. */
  private spare: Buffer[] = [];
  private failure: unknown = null;
  private created: string[] = [];

  constructor(
    private readonly t: MysqlTarget & { database: string },
    private readonly force: boolean,
    private readonly want: MysqlMethod = 'auto',
  ) {
    this.where = `${t.host}:${t.port}/${t.database}`;
    this.label = `mysql://${t.user}@${this.where}`;
  }

  async begin(): Promise<void> {
    const { database, ...server } = this.t;
    let conn: mysql.Connection;
    try {
      conn = await mysql.createConnection({ ...poolOptions(server), connectTimeout: 10_000 });
    } catch (e) {
      throw mysqlError(e, this.where);
    }
    try {
      await conn.query(
        `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      const [rows] = await conn.query(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?',
        [database],
      );
      const names = (rows as { name: string }[]).map((r) => r.name);
      if (names.length && !names.includes(META_TABLE) && !this.force) {
        throw new TidelensError(
          'db_not_empty',
          `database ${database} holds tables Tidelens did not create (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}); refusing to overwrite it. Pass --force to replace Tidelens' tables in it, or choose another database`,
        );
      }
    } catch (e) {
      throw e instanceof TidelensError ? e : mysqlError(e, this.where);
    } finally {
      await conn.end().catch(() => {});
    }
    this.pool = mysql.createPool({ ...poolOptions(this.t), connectionLimit: IN_FLIGHT + 1 });
    this.pool.on('connection', (c) => {
      // Callback API on the raw connection: the load only, never the app's pools.
      (c as unknown as { query(sql: string, cb: (e: unknown) => void): void }).query(
        'SET SESSION foreign_key_checks = 0, unique_checks = 0',
        () => {},
      );
    });
    try {
      await this.dropOurs();
      await this.pool.query(metaDdl(META_TABLE, 'mysql'));
      this.created.push(META_TABLE);
      await this.chooseMethod();
      for (const t of TABLES) {
        // Primary key only: InnoDB would otherwise maintain the unique and foreign-key indexes row by
        // row during the load; finish() adds them by sorting, with the secondary indexes.
        await this.pool.query(createTableSql({ ...t, foreignKeys: [], unique: {} }, 'mysql'));
        this.created.push(t.name);
        const cols = t.columns.map((c) => `\`${c.name}\``).join(', ');
        const head = this.loadData
          ? `LOAD DATA LOCAL INFILE '${t.name}.tsv' INTO TABLE \`${t.name}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${cols})`
          : `INSERT INTO \`${t.name}\` (${cols}) VALUES `;
        this.writers.set(t.name, { head, buf: null, used: 0, parts: [], rows: 0 });
        this.rowCounts.set(t.name, 0);
      }
    } catch (e) {
      throw e instanceof TidelensError ? e : mysqlError(e, this.where);
    }
  }

  /**
   * LOAD DATA LOCAL needs local_infile on the server and the client; an empty load into the marker table proves both.
   */
  private async chooseMethod(): Promise<void> {
    if (this.want === 'insert') {
      this.method = 'multi-row INSERT (asked for)';
      return;
    }
    try {
      await this.pool!.query({
        sql: `LOAD DATA LOCAL INFILE 'probe.tsv' INTO TABLE \`${META_TABLE}\``,
        infileStreamFactory: () => Readable.from([]),
      });
      this.loadData = true;
      this.method = `LOAD DATA LOCAL INFILE, ${IN_FLIGHT} chunks in flight`;
    } catch (e) {
      const [vars] = await this.pool!.query('SELECT @@GLOBAL.local_infile AS on_').catch(() => [[]]);
      const off = Number((vars as { on_?: unknown }[])[0]?.on_) === 0;
      this.method =
        `multi-row INSERT: LOAD DATA LOCAL INFILE is not available (${off ? 'local_infile is OFF on the server' : (e as Error).message}), so the load is about half as fast; ` +
        'to enable it run SET GLOBAL local_infile = 1 (on RDS, set local_infile = 1 in the DB parameter group)';
    }
  }

  private async dropOurs(): Promise<void> {
    const names = [...META_TABLES, ...TABLES.map((t) => t.name)].map((n) => `\`${n}\``).join(', ');
    const conn = await this.pool!.getConnection();
    try {
      await conn.query('SET SESSION foreign_key_checks = 0');
      await conn.query(`DROP TABLE IF EXISTS ${names}`);
    } finally {
      conn.release();
    }
  }

  add(table: string, row: Value[]): void {
    const w = this.writers.get(table);
    if (!w) throw new TidelensError('internal', `the generator wrote to unknown table ${table}`);
    if (this.loadData) {
      const line = tsvLine(row);
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (w.buf && w.used + 3 * line.length > w.buf.length) this.send(table, w);
      w.buf ??= this.spare.pop() ?? Buffer.allocUnsafe(LOAD_BYTES);
      w.used += w.buf.write(line, w.used);
      w.rows++;
    } else {
      w.parts.push(sqlTuple(row));
      if (++w.rows >= INSERT_ROWS) this.send(table, w);
    }
  }

  private send(table: string, w: Writer): void {
    if (!w.rows) return;
    const rows = w.rows;
    let job: Promise<unknown>;
    if (this.loadData) {
      const buf = w.buf!;
      job = this.loadChunk(table, w.head, buf.subarray(0, w.used), rows).finally(() => this.spare.push(buf));
      w.buf = null;
      w.used = 0;
    } else {
      job = this.pool!.query(w.head + w.parts.join(','));
      w.parts = [];
    }
    w.rows = 0;
    const p = job.then(
      () => {
        this.rowCounts.set(table, this.rowCounts.get(table)! + rows);
      },
      (e) => {
        this.failure ??= e;
      },
    );
    const tracked: Promise<void> = p.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /**
   * LOAD DATA LOCAL turns bad values and duplicate keys into warnings (the server cannot stop the
   * client's file), so any warning or a short row count fails the load rather than changing data.
   */
  private async loadChunk(table: string, sql: string, bytes: Buffer, rows: number): Promise<void> {
    const slices = function* () {
      for (let i = 0; i < bytes.length; i += PACKET) yield bytes.subarray(i, i + PACKET);
    };
    const conn = await this.pool!.getConnection();
    try {
      const [res] = await conn.query({ sql, infileStreamFactory: () => Readable.from(slices()) });
      const { affectedRows, warningStatus } = res as mysql.ResultSetHeader;
      if (warningStatus > 0 || affectedRows !== rows) {
        const [warns] = await conn.query('SHOW WARNINGS LIMIT 3');
        const said = (warns as { Message: string }[]).map((x) => x.Message).join('; ');
        throw new TidelensError(
          'internal',
          `LOAD DATA into ${table} stored ${affectedRows} of ${rows} rows with ${warningStatus} warnings (${said || 'none listed'}); the stored values would differ from the generated ones`,
        );
      }
    } finally {
      conn.release();
    }
  }

  async flush(all = false): Promise<void> {
    if (all) for (const [t, w] of this.writers) this.send(t, w);
    while (this.inFlight.size > (all ? 0 : IN_FLIGHT)) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure instanceof TidelensError ? this.failure : mysqlError(this.failure, this.where);
  }

  async finish(meta: MetaTables): Promise<void> {
    await this.flush(true);
    const pool = this.pool!;
    try {
      // One ALTER per table, several tables at once, largest first so the long sorts do not start
      // last: each index build is a sort on its own server thread. Clauses in the order CREATE TABLE
      // would list them, so SHOW CREATE TABLE comes out the same.
      const q = (cols: string[]) => cols.map((c) => `\`${c}\``).join(', ');
      const bySize = [...TABLES].sort((a, b) => (this.rowCounts.get(b.name) ?? 0) - (this.rowCounts.get(a.name) ?? 0));
      const builds = await Promise.allSettled(
        bySize.flatMap((t) => {
          const adds = [
            ...Object.entries(t.unique ?? {}).map(([name, cols]) => `ADD CONSTRAINT \`${name}\` UNIQUE (${q(cols)})`),
            ...t.foreignKeys.map(
              (f) =>
                `ADD FOREIGN KEY (\`${f.column}\`) REFERENCES \`${f.references.table}\` (\`${f.references.column}\`)`,
            ),
            ...Object.entries(t.indexes).map(([name, cols]) => `ADD INDEX \`${name}\` (${q(cols)})`),
          ];
          return adds.length ? [pool.query(`ALTER TABLE \`${t.name}\` ${adds.join(', ')}`)] : [];
        }),
      );
      const failed = builds.find((b) => b.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      for (const name of META_TABLES) {
        if (name === META_TABLE) continue;
        await pool.query(metaDdl(name, 'mysql'));
        this.created.push(name);
      }
      for (const [name, rows] of metaRows(meta)) {
        if (!rows.length) continue;
        const cols = metaColumns(name)
          .map((c) => `\`${c}\``)
          .join(', ');
        await pool.query(`INSERT INTO \`${name}\` (${cols}) VALUES ?`, [rows]);
      }
    } catch (e) {
      throw e instanceof TidelensError ? e : mysqlError(e, this.where);
    }
    await pool.end();
    this.pool = null;
  }

  async abort(): Promise<void> {
    if (!this.pool) return;
    try {
      await Promise.allSettled([...this.inFlight]);
      if (this.created.length) await this.dropOurs();
    } catch {
      // the connection itself may be what failed; a rerun drops and rebuilds anyway
    }
    await this.pool.end().catch(() => {});
    this.pool = null;
  }
}
