import type { DbTarget } from '../../src/db/url.ts';
import { MysqlLoader } from './mysql.ts';
import { SqliteLoader } from './sqlite.ts';
import type { Loader } from './types.ts';

export type { Loader } from './types.ts';

export function loaderFor(t: DbTarget, force: boolean): Loader {
  return t.engine === 'sqlite' ? new SqliteLoader(t.path, force) : new MysqlLoader(t, force);
}
