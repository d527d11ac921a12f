// Per-table checksums of a seeded warehouse and of the generator's own stream, so a loader or
// generator change can prove it changed no value. Rows are hashed in primary-key order as JSON
// arrays in schema column order; both drivers return DECIMAL as numbers and dates as text, so the
// same data hashes the same on SQLite and MariaDB.
// Run: npx tsx test/seed/checksum.ts --db URL | --stream  [--scale N] [--seed N]
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { poolOptions } from '../../src/db/mysql.ts';
import { parseDbUrl } from '../../src/db/url.ts';
import { generate } from '../../seed/generator/index.ts';
import type { Value } from '../../seed/generator/sink.ts';
import { TABLES } from '../../src/warehouse/schema.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../../seed/scenarios/schema.ts';

export type Checksums = Record<string, { rows: number; sha256: string }>;

function digest(rows: unknown[][]): { rows: number; sha256: string } {
  const h = createHash('sha256');
  for (const r of rows) h.update(JSON.stringify(r) + '\n');
  return { rows: rows.length, sha256: h.digest('hex').slice(0, 16) };
}

/** What the database holds, table by table. */
export async function dbChecksums(url: string): Promise<Checksums> {
  const t = parseDbUrl(url);
  const out: Checksums = {};
  if (t.engine === 'sqlite') {
    const db = new Database(t.path, { readonly: true });
    for (const table of TABLES) {
      const cols = table.columns.map((c) => `"${c.name}"`).join(', ');
      out[table.name] = digest(
        db.prepare(`SELECT ${cols} FROM "${table.name}" ORDER BY "${table.primaryKey}"`).raw().all() as unknown[][],
      );
    }
    db.close();
    return out;
  }
  const c = await mysql.createConnection({ ...poolOptions(t), connectionLimit: undefined } as mysql.ConnectionOptions);
  try {
    for (const table of TABLES) {
      const cols = table.columns.map((col) => `\`${col.name}\``).join(', ');
      const [rows] = await c.query({
        sql: `SELECT ${cols} FROM \`${table.name}\` ORDER BY \`${table.primaryKey}\``,
        rowsAsArray: true,
      });
      out[table.name] = digest(rows as unknown[][]);
    }
  } finally {
    await c.end();
  }
  return out;
}

/** What the generator emits for a seed and scale (default scenario), sorted like the database reads. */
export async function streamChecksums(seed: number, scale: number): Promise<Checksums> {
  const rows = new Map<string, Value[][]>(TABLES.map((t) => [t.name, []]));
  await generate(
    { seed, scale, from: '2024-01-01', to: '2025-12-31', events: loadScenarioFile(DEFAULT_SCENARIO_PATH).events },
    {
      // Copy: a sink may be handed a reused array.
      add: (table, r) => void rows.get(table)!.push(r.slice()),
      flush: async () => {},
    },
  );
  const out: Checksums = {};
  for (const t of TABLES) {
    const pk = t.columns.findIndex((c) => c.name === t.primaryKey);
    const list = rows.get(t.name)!.sort((a, b) => (a[pk] as number) - (b[pk] as number));
    out[t.name] = digest(
      list.map((r) => r.map((v, i) => (t.columns[i]!.type.kind === 'decimal' && v !== null ? Number(v) : v))),
    );
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      stream: { type: 'boolean' },
      scale: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const sums = values.db
    ? await dbChecksums(values.db)
    : await streamChecksums(Number(values.seed ?? 42), Number(values.scale ?? 0.1));
  for (const [name, s] of Object.entries(sums))
    console.log(`${name.padEnd(20)} ${String(s.rows).padStart(9)}  ${s.sha256}`);
}
