// MySQL / MariaDB: multi-row INSERT batches on a small pool (two statements in flight while the
// generator keeps going), foreign-key checks off for the load only (the generator writes parents
// before it is done and a test checks every key), secondary indexes added after the data.
// The empty _tidelens_meta table is created first (it marks the tables as ours); its row is written
// last (the commit marker). A failure drops every table this run created.
import mysql from 'mysql2/promise';
import { TidelensError } from '../../src/errors.ts';
import { mysqlError, poolOptions, type MysqlTarget } from '../../src/db/mysql.ts';
import { createTableSql } from '../ddl.ts';
import { TABLES } from '../schema.ts';
import type { Value } from '../generator/sink.ts';
import { META_TABLE, META_TABLES, metaColumns, metaDdl, metaRows, type MetaTables } from './meta.ts';
import type { Loader } from './types.ts';

const BATCH_ROWS = 1000;
const IN_FLIGHT = 2;
const NEEDS_ESCAPE = /[\0\n\r\b\t\\'"\x1a]/;
const ESCAPES: Record<string, string> = { '\0': '\\0', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\t': '\\t', '\\': '\\\\', "'": "\\'", '"': '\\"', '\x1a': '\\Z' };

export function sqlValue(v: Value): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  return NEEDS_ESCAPE.test(v) ? `'${v.replace(/[\0\n\r\b\t\\'"\x1a]/g, (c) => ESCAPES[c]!)}'` : `'${v}'`;
}

export class MysqlLoader implements Loader {
  readonly rowCounts = new Map<string, number>();
  readonly label: string;
  private pool: mysql.Pool | null = null;
  private readonly where: string;
  private buffers = new Map<string, string[]>();
  private readonly heads = new Map<string, string>();
  private inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  private created: string[] = [];

  constructor(private readonly t: MysqlTarget & { database: string }, private readonly force: boolean) {
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
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      const [rows] = await conn.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?', [database]);
      const names = (rows as { name: string }[]).map((r) => r.name);
      if (names.length && !names.includes(META_TABLE) && !this.force) {
        throw new TidelensError('db_not_empty', `database ${database} holds tables Tidelens did not create (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}); refusing to overwrite it. Pass --force to replace Tidelens' tables in it, or choose another database`);
      }
    } catch (e) {
      throw e instanceof TidelensError ? e : mysqlError(e, this.where);
    } finally {
      await conn.end().catch(() => {});
    }
    this.pool = mysql.createPool({ ...poolOptions(this.t), connectionLimit: IN_FLIGHT + 1 });
    this.pool.on('connection', (c) => {
      // Callback API on the raw connection: the load only, never the app's pools.
      (c as unknown as { query(sql: string, cb: (e: unknown) => void): void }).query('SET SESSION foreign_key_checks = 0, unique_checks = 0', () => {});
    });
    try {
      await this.dropOurs();
      await this.pool.query(metaDdl(META_TABLE, 'mysql'));
      this.created.push(META_TABLE);
      for (const t of TABLES) {
        await this.pool.query(createTableSql(t, 'mysql'));
        this.created.push(t.name);
        this.heads.set(t.name, `INSERT INTO \`${t.name}\` (${t.columns.map((c) => `\`${c.name}\``).join(', ')}) VALUES `);
        this.rowCounts.set(t.name, 0);
      }
    } catch (e) {
      throw e instanceof TidelensError ? e : mysqlError(e, this.where);
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
    let b = this.buffers.get(table);
    if (!b) this.buffers.set(table, (b = []));
    let s = '(';
    for (let i = 0; i < row.length; i++) s += (i ? ',' : '') + sqlValue(row[i]!);
    b.push(s + ')');
    if (b.length >= BATCH_ROWS) this.send(table);
  }

  private send(table: string): void {
    const rows = this.buffers.get(table);
    if (!rows?.length) return;
    this.buffers.set(table, []);
    const sql = this.heads.get(table)! + rows.join(',');
    const p = this.pool!.query(sql).then(
      () => {
        this.rowCounts.set(table, this.rowCounts.get(table)! + rows.length);
      },
      (e) => {
        this.failure ??= e;
      },
    );
    const tracked: Promise<void> = p.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  async flush(all = false): Promise<void> {
    if (all) for (const t of this.buffers.keys()) this.send(t);
    while (this.inFlight.size > (all ? 0 : IN_FLIGHT)) await Promise.race(this.inFlight);
    if (this.failure) throw mysqlError(this.failure, this.where);
  }

  async finish(meta: MetaTables): Promise<void> {
    await this.flush(true);
    const pool = this.pool!;
    try {
      for (const t of TABLES) {
        const adds = Object.entries(t.indexes).map(([name, cols]) => `ADD INDEX \`${name}\` (${cols.map((c) => `\`${c}\``).join(', ')})`);
        if (adds.length) await pool.query(`ALTER TABLE \`${t.name}\` ${adds.join(', ')}`);
      }
      for (const name of META_TABLES) {
        if (name === META_TABLE) continue;
        await pool.query(metaDdl(name, 'mysql'));
        this.created.push(name);
      }
      for (const [name, rows] of metaRows(meta)) {
        if (!rows.length) continue;
        const cols = metaColumns(name).map((c) => `\`${c}\``).join(', ');
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
