// Opens the hand-built fixture (fixture.ts) on SQLite or MariaDB and builds a tool context over it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, parseDbUrl } from '../../src/db/index.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { DEFAULT_LIMITS, type DataRange, type ToolContext } from '../../src/tools/types.ts';
import { freshMysqlDb } from '../support/mysql.ts';
import { loadFixture } from './fixture.ts';

export function toolContext(db: Db, data: DataRange): ToolContext {
  return { db, user: { id: 'test', role: 'analyst' }, data, limits: DEFAULT_LIMITS };
}

export async function fixtureSqlite(): Promise<{ db: Db; ctx: ToolContext }> {
  const dir = mkdtempSync(join(tmpdir(), 'tidelens-tools-'));
  const db = openSqlite(join(dir, 'fixture.db'), { create: true });
  const data = await loadFixture(db);
  return { db, ctx: toolContext(db, data) };
}

export async function fixtureMysql(name: string): Promise<{ db: Db; ctx: ToolContext; url: string }> {
  const url = await freshMysqlDb(name);
  const db = await openDb(parseDbUrl(url));
  const data = await loadFixture(db);
  return { db, ctx: toolContext(db, data), url };
}
