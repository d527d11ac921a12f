// SQLite: build into a side file with bulk-load pragmas (no journal, no fsync, exclusive lock), rows
// copied straight into one reused parameter array per table and written 50 to a prepared INSERT
// inside long transactions (no row is buffered as an object), indexes after the data, then rename
// over the target. A failed run leaves the old file untouched and removes the side file.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { TidelensError } from '../../src/errors.ts';
import { createIndexSql, createTableSql } from '../ddl.ts';
import { TABLES } from '../../src/warehouse/schema.ts';
import type { Value } from '../generator/sink.ts';
import { META_TABLE, META_TABLES, metaColumns, metaDdl, metaRows, type MetaTables } from './meta.ts';
import type { Loader } from './types.ts';

/** Rows per transaction: commits are cheap without a journal, so this only bounds the dirty pages. */
const COMMIT_ROWS = 200_000;
/** Rows per INSERT: one statement step per 50 rows costs about a third less CPU than one per row. */
const CHUNK = 50;

/** One table's insert path: rows are copied into a reused flat parameter array, so a row allocates nothing here. */
class TableWriter {
  rows = 0;
  private filled = 0;
  private readonly params: Value[];

  constructor(
    private readonly one: Database.Statement,
    private readonly many: Database.Statement,
    private readonly width: number,
  ) {
    this.params = new Array<Value>(CHUNK * width).fill(null);
  }

  add(row: Value[]): void {
    const at = this.filled * this.width;
    for (let i = 0; i < this.width; i++) this.params[at + i] = row[i]!;
    this.rows++;
    if (++this.filled === CHUNK) {
      this.many.run(this.params);
      this.filled = 0;
    }
  }

  /** The rows short of a full chunk, one statement each. */
  drain(): void {
    for (let r = 0; r < this.filled; r++) this.one.run(this.params.slice(r * this.width, (r + 1) * this.width));
    this.filled = 0;
  }
}

export class SqliteLoader implements Loader {
  readonly rowCounts = new Map<string, number>();
  readonly label: string;
  readonly method = `prepared ${CHUNK}-row INSERTs, ${COMMIT_ROWS.toLocaleString('en-US')} rows per transaction`;
  private db: Database.Database | null = null;
  private readonly tmp: string;
  private readonly writers = new Map<string, TableWriter>();
  private pending = 0;

  constructor(
    private readonly path: string,
    private readonly force: boolean,
  ) {
    this.label = `sqlite:${path}`;
    this.tmp = `${path}.building-${process.pid}`;
  }

  async begin(): Promise<void> {
    if (existsSync(this.path)) {
      let names: string[];
      try {
        const old = new Database(this.path, { readonly: true, fileMustExist: true });
        names = (
          old.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
            name: string;
          }[]
        ).map((r) => r.name);
        old.close();
      } catch (e) {
        if (!this.force)
          throw new TidelensError(
            'db_not_empty',
            `${this.path} exists but is not a SQLite database Tidelens can read (${(e as Error).message}); pass --force to replace it`,
          );
        names = [];
      }
      if (names.length && !names.includes(META_TABLE) && !this.force) {
        throw new TidelensError(
          'db_not_empty',
          `${this.path} holds tables Tidelens did not create (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}); refusing to overwrite it. Pass --force to replace it, or choose another --db`,
        );
      }
    }
    mkdirSync(dirname(this.path), { recursive: true });
    rmSync(this.tmp, { force: true });
    const db = new Database(this.tmp);
    this.db = db;
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    // A bounded page cache, and index sorts that spill to temporary files rather than memory, keep
    // memory flat as --scale grows.
    db.pragma('cache_size = -32000');
    db.pragma('temp_store = FILE');
    db.pragma('foreign_keys = OFF');
    db.exec(metaDdl(META_TABLE, 'sqlite'));
    for (const t of TABLES) {
      db.exec(createTableSql(t, 'sqlite'));
      const cols = t.columns.map((c) => `"${c.name}"`).join(', ');
      const tuple = `(${t.columns.map(() => '?').join(', ')})`;
      const one = db.prepare(`INSERT INTO "${t.name}" (${cols}) VALUES ${tuple}`);
      const many = db.prepare(`INSERT INTO "${t.name}" (${cols}) VALUES ${Array(CHUNK).fill(tuple).join(', ')}`);
      this.writers.set(t.name, new TableWriter(one, many, t.columns.length));
      this.rowCounts.set(t.name, 0);
    }
    db.exec('BEGIN');
  }

  add(table: string, row: Value[]): void {
    const w = this.writers.get(table);
    if (!w) throw new TidelensError('internal', `the generator wrote to unknown table ${table}`);
    w.add(row);
    this.pending++;
  }

  async flush(all = false): Promise<void> {
    if (!all && this.pending < COMMIT_ROWS) return;
    const db = this.db!;
    if (all) for (const w of this.writers.values()) w.drain();
    if (db.inTransaction) db.exec('COMMIT');
    // Counts include rows still waiting in a chunk: progress only.
    for (const [name, w] of this.writers) this.rowCounts.set(name, w.rows);
    this.pending = 0;
    if (!all) db.exec('BEGIN');
  }

  async finish(meta: MetaTables): Promise<void> {
    await this.flush(true);
    const db = this.db!;
    for (const t of TABLES) for (const sql of createIndexSql(t, 'sqlite')) db.exec(sql);
    const bad = db.prepare('PRAGMA foreign_key_check').all();
    if (bad.length)
      throw new TidelensError(
        'internal',
        `the generated data breaks ${bad.length} foreign keys (first: ${JSON.stringify(bad[0])}); this is a generator bug`,
      );
    for (const name of META_TABLES) if (name !== META_TABLE) db.exec(metaDdl(name, 'sqlite'));
    db.transaction(() => {
      for (const [name, rows] of metaRows(meta)) {
        const cols = metaColumns(name);
        const stmt = db.prepare(
          `INSERT INTO "${name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        );
        for (const r of rows) stmt.run(r as never[]);
      }
    })();
    // Sampled statistics: the planner needs orders of magnitude, and a full ANALYZE rereads every index.
    db.pragma('analysis_limit = 1000');
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
