import type { DbTarget } from '../../src/db/url.ts';
import { MysqlLoader, type MysqlMethod } from './mysql.ts';
import { SqliteLoader } from './sqlite.ts';
import type { Loader } from './types.ts';

export type { Loader } from './types.ts';
export type { MysqlMethod } from './mysql.ts';

/** mysqlMethod 'insert' skips LOAD DATA LOCAL INFILE (the benchmark compares both paths). */
export function loaderFor(t: DbTarget, force: boolean, mysqlMethod: MysqlMethod = 'auto'): Loader {
  return t.engine === 'sqlite' ? new SqliteLoader(t.path, force) : new MysqlLoader(t, force, mysqlMethod);
}
