// A tiny warehouse with recognisable personal values ("PII-…"): a leak shows up as that marker in any output.
import Database from 'better-sqlite3';
import { schemaDdl } from '../../seed/ddl.ts';
import { TABLES, type Column } from '../../src/warehouse/schema.ts';

export const PII_MARKER = 'PII-';
const ROWS = 3;

function value(c: Column, i: number): unknown {
  if (c.pii) return `${PII_MARKER}${c.name}-${i}`;
  if (c.nullable && c.name.endsWith('_id') && c.name !== 'user_id' && i === 1) return null;
  switch (c.type.kind) {
    case 'int':
      return c.name.endsWith('_id') || c.name === 'id' ? (c.name === 'parent_category_id' ? 1 : i) : i * 3;
    case 'bool':
      return i % 2;
    case 'decimal':
      return i * 10.5;
    case 'date':
      return `2025-01-0${i}`;
    case 'datetime':
      return `2025-01-0${i} 10:00:00`;
    case 'text':
      return `comment ${i}`;
    case 'varchar':
      return `${c.name}-${i}`.slice(0, c.type.length);
  }
}

export function plantedRows(): { table: string; columns: string[]; rows: unknown[][] }[] {
  const out = TABLES.map((t) => ({
    table: t.name,
    columns: t.columns.map((c) => c.name),
    rows: Array.from({ length: ROWS }, (_, k) =>
      t.columns.map((c) => (t.name === 'user_sessions' && c.name === 'id' ? `s${k + 1}` : value(c, k + 1))),
    ),
  }));
  out.push({ table: '_tidelens_events', columns: ['id', 'secret'], rows: [[1, `${PII_MARKER}truth-1`]] });
  return out;
}

export function plantedSqlite(): Database.Database {
  const db = new Database(':memory:');
  for (const s of schemaDdl('sqlite')) db.exec(s);
  db.exec('CREATE TABLE "_tidelens_events" (id INTEGER PRIMARY KEY, secret TEXT)');
  for (const t of plantedRows()) {
    const ins = db.prepare(
      `INSERT INTO "${t.table}" (${t.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`,
    );
    for (const r of t.rows) ins.run(...(r as never[]));
  }
  return db;
}

/** The same rows as INSERT statements for MariaDB. */
export function plantedMysqlStatements(): { sql: string; values: unknown[] }[] {
  const out = [...schemaDdl('mysql'), 'CREATE TABLE `_tidelens_events` (id INT PRIMARY KEY, secret VARCHAR(50))'].map(
    (sql) => ({ sql, values: [] as unknown[] }),
  );
  for (const t of plantedRows()) {
    for (const r of t.rows) {
      out.push({
        sql: `INSERT INTO \`${t.table}\` (${t.columns.map((c) => `\`${c}\``).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`,
        values: r,
      });
    }
  }
  return out;
}
