// Renders the logical schema (src/warehouse/schema.ts) as DDL for each engine.
import { TABLES, type Column, type Table } from '../src/warehouse/schema.ts';

export type Engine = 'mysql' | 'sqlite';

function mysqlType(c: Column): string {
  switch (c.type.kind) {
    case 'int':
      return 'INT';
    case 'decimal':
      return 'DECIMAL(10,2)';
    case 'varchar':
      return `VARCHAR(${c.type.length})`;
    case 'text':
      return 'TEXT';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME';
    case 'bool':
      return 'TINYINT(1)';
  }
}

// SQLite stores dates as ISO text ('YYYY-MM-DD HH:MM:SS'), which sorts and compares like MySQL's DATETIME.
function sqliteType(c: Column): string {
  switch (c.type.kind) {
    case 'int':
    case 'bool':
      return 'INTEGER';
    case 'decimal':
      return 'REAL';
    default:
      return 'TEXT';
  }
}

export function createTableSql(t: Table, engine: Engine): string {
  const q = (s: string) => (engine === 'mysql' ? `\`${s}\`` : `"${s}"`);
  const lines = t.columns.map((c) => {
    const type = engine === 'mysql' ? mysqlType(c) : sqliteType(c);
    const pk = c.name === t.primaryKey ? ' PRIMARY KEY' : '';
    const nn = c.nullable || pk ? '' : ' NOT NULL';
    return `  ${q(c.name)} ${type}${nn}${pk}`;
  });
  for (const [name, cols] of Object.entries(t.unique ?? {})) {
    lines.push(`  CONSTRAINT ${q(name)} UNIQUE (${cols.map(q).join(', ')})`);
  }
  for (const f of t.foreignKeys) {
    lines.push(`  FOREIGN KEY (${q(f.column)}) REFERENCES ${q(f.references.table)}(${q(f.references.column)})`);
  }
  const tail = engine === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '';
  return `CREATE TABLE ${q(t.name)} (\n${lines.join(',\n')}\n)${tail}`;
}

export function createIndexSql(t: Table, engine: Engine): string[] {
  const q = (s: string) => (engine === 'mysql' ? `\`${s}\`` : `"${s}"`);
  return Object.entries(t.indexes).map(
    ([name, cols]) => `CREATE INDEX ${q(name)} ON ${q(t.name)} (${cols.map(q).join(', ')})`,
  );
}

/** The whole schema for one engine, tables in foreign-key order. */
export function schemaDdl(engine: Engine, tables: Table[] = TABLES): string[] {
  return [...tables.map((t) => createTableSql(t, engine)), ...tables.flatMap((t) => createIndexSql(t, engine))];
}
