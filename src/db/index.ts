// Opens the warehouse named by a DbTarget; callers see the same Db on SQLite and MySQL.
import { openMysql } from './mysql.ts';
import { openSqlite } from './sqlite.ts';
import type { Db } from './types.ts';
import type { DbTarget } from './url.ts';

export type { Db, Engine, QueryResult, Row } from './types.ts';
export { describeTarget, parseDbUrl, resolveDbTarget, type DbTarget } from './url.ts';

export async function openDb(t: DbTarget): Promise<Db> {
  return t.engine === 'sqlite' ? openSqlite(t.path) : openMysql(t);
}
