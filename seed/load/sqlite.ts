// SQLite: build into a side file with bulk-load pragmas (no journal, no fsync), one transaction
// per big batch, indexes after the data, then rename over the target. A failed run leaves the old
// file untouched and removes the side file.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { TidelensError } from '../../src/errors.ts';
import { createIndexSql, createTableSql } from '../ddl.ts';
import { TABLES } from '../schema.ts';
import type { Value } from '../generator/sink.ts';
import { META_TABLE, META_TABLES, metaColumns, metaDdl, metaRows, type MetaTables } from './meta.ts';
import type { Loader } from './types.ts';

const BATCH = 20_000;
/** Rows per INSERT statement: fewer calls into SQLite per row (its per-statement cost dominates). */
const CHUNK = 50;

export class SqliteLoader implements Loader {
  readonly rowCounts = new Map<string, number>();
  readonly label: string;
  private db: Database.Database | null = null;
  private readonly tmp: string;
  private buffers = new Map<string, Value[][]>();
  private buffered = 0;
  private inserts = new Map<string, Database.Statement>();
  private chunked = new Map<string, Database.Statement>();

  constructor(private readonly path: string, private readonly force: boolean) {
    this.label = `sqlite:${path}`;
    this.tmp = `${path}.building-${process.pid}`;
  }

  async begin(): Promise<void> {
    if (existsSync(this.path)) {
      let names: string[];
      try {
        const old = new Database(this.path, { readonly: true, fileMustExist: true });
        names = (old.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
        old.close();
      } catch (e) {
        if (!this.force) throw new TidelensError('db_not_empty', `${this.path} exists but is not a SQLite database Tidelens can read (${(e as Error).message}); pass --force to replace it`);
        names = [];
      }
      if (names.length && !names.includes(META_TABLE) && !this.force) {
        throw new TidelensError('db_not_empty', `${this.path} holds tables Tidelens did not create (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}); refusing to overwrite it. Pass --force to replace it, or choose another --db`);
      }
    }
    mkdirSync(dirname(this.path), { recursive: true });
    rmSync(this.tmp, { force: true });
    const db = new Database(this.tmp);
    this.db = db;
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('temp_store = MEMORY');
    // A bounded page cache keeps memory flat as --scale grows.
    db.pragma('cache_size = -32000');
    db.pragma('foreign_keys = OFF');
    db.exec(metaDdl(META_TABLE, 'sqlite'));
    for (const t of TABLES) {
      db.exec(createTableSql(t, 'sqlite'));
      const cols = t.columns.map((c) => `"${c.name}"`).join(', ');
      const tuple = `(${t.columns.map(() => '?').join(', ')})`;
      this.inserts.set(t.name, db.prepare(`INSERT INTO "${t.name}" (${cols}) VALUES ${tuple}`));
      this.chunked.set(t.name, db.prepare(`INSERT INTO "${t.name}" (${cols}) VALUES ${Array(CHUNK).fill(tuple).join(', ')}`));
      this.rowCounts.set(t.name, 0);
    }
  }

  add(table: string, row: Value[]): void {
    let b = this.buffers.get(table);
    if (!b) this.buffers.set(table, (b = []));
    b.push(row);
    this.buffered++;
  }

  async flush(force = false): Promise<void> {
    if (!force && this.buffered < BATCH) return;
    const db = this.db!;
    db.transaction(() => {
      for (const [table, rows] of this.buffers) {
        const one = this.inserts.get(table)!;
        const many = this.chunked.get(table)!;
        let i = 0;
        for (; i + CHUNK <= rows.length; i += CHUNK) many.run(rows.slice(i, i + CHUNK).flat());
        for (; i < rows.length; i++) one.run(rows[i]);
        this.rowCounts.set(table, this.rowCounts.get(table)! + rows.length);
      }
    })();
    this.buffers = new Map();
    this.buffered = 0;
  }

  async finish(meta: MetaTables): Promise<void> {
    await this.flush(true);
    const db = this.db!;
    for (const t of TABLES) for (const sql of createIndexSql(t, 'sqlite')) db.exec(sql);
    const bad = db.prepare('PRAGMA foreign_key_check').all();
    if (bad.length) throw new TidelensError('internal', `the generated data breaks ${bad.length} foreign keys (first: ${JSON.stringify(bad[0])}); this is a generator bug`);
    for (const name of META_TABLES) if (name !== META_TABLE) db.exec(metaDdl(name, 'sqlite'));
    db.transaction(() => {
      for (const [name, rows] of metaRows(meta)) {
        const cols = metaColumns(name);
        const stmt = db.prepare(`INSERT INTO "${name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        for (const r of rows) stmt.run(r as never[]);
      }
    })();
    db.exec('ANALYZE');
    db.close();
    this.db = null;
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(this.path + suffix, { force: true });
    renameSync(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    try {
      this.db?.close();
    } catch {
      // already closed
    }
    this.db = null;
    rmSync(this.tmp, { force: true });
  }
}
