// Where the warehouse lives: a `sqlite:PATH` or `mysql://USER:PASS@HOST:PORT/DB` address.
// Without --db we read TIDELENS_DB, then the RDS_* variables the user asked for, then the embedded default.
import { z } from 'zod';
import { TidelensError } from '../errors.ts';

export type DbTarget =
  | { engine: 'sqlite'; path: string }
  | { engine: 'mysql'; host: string; port: number; user: string; password: string; database: string; tls: boolean };

export const DEFAULT_DB_URL = 'sqlite:./data/tidelens.db';

export function parseDbUrl(url: string): DbTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path)
      throw new TidelensError('bad_db_url', `"${url}" names no file; use sqlite:PATH, e.g. sqlite:./data/tidelens.db`);
    return { engine: 'sqlite', path };
  }
  if (url.startsWith('mysql://')) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new TidelensError(
        'bad_db_url',
        `"${redactUrl(url)}" is not a valid URL; use mysql://USER:PASS@HOST:PORT/DB`,
      );
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!u.hostname)
      throw new TidelensError('bad_db_url', 'the mysql:// address has no host; use mysql://USER:PASS@HOST:PORT/DB');
    if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
      throw new TidelensError(
        'bad_db_url',
        `the mysql:// address needs a database name of letters, digits and _ (got "${database}")`,
      );
    }
    const port = u.port ? Number(u.port) : 3306;
    return {
      engine: 'mysql',
      host: u.hostname,
      port,
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      database,
      tls: isRdsHost(u.hostname) || u.searchParams.get('ssl') === 'true',
    };
  }
  throw new TidelensError(
    'bad_db_url',
    `unknown database address "${redactUrl(url)}"; use sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB`,
  );
}

export function isRdsHost(host: string): boolean {
  return /\.rds\.amazonaws\.com(\.cn)?$/i.test(host);
}

const RdsEnv = z.object({
  RDS_ENDPOINT: z.string().min(1),
  RDS_USER: z.string().min(1),
  RDS_PASSWORD: z.string().default(''),
  RDS_DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, 'letters, digits and _ only')
    .default('tidelens'),
  RDS_PORT: z.coerce.number().int().min(1).max(65535).default(3306),
});

/** --db wins, then TIDELENS_DB, then RDS_ENDPOINT & co., then the embedded SQLite file. */
export function resolveDbTarget(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): DbTarget {
  if (flag) return parseDbUrl(flag);
  if (env.TIDELENS_DB) return parseDbUrl(env.TIDELENS_DB);
  if (env.RDS_ENDPOINT) {
    const r = RdsEnv.safeParse(env);
    if (!r.success) {
      const first = r.error.issues[0]!;
      throw new TidelensError(
        'bad_config',
        `${String(first.path[0])}: ${first.message} (RDS_ENDPOINT is set, so RDS_USER, RDS_PASSWORD and RDS_DB_NAME are read too)`,
      );
    }
    const e = r.data;
    return {
      engine: 'mysql',
      host: e.RDS_ENDPOINT,
      port: e.RDS_PORT,
      user: e.RDS_USER,
      password: e.RDS_PASSWORD,
      database: e.RDS_DB_NAME,
      tls: isRdsHost(e.RDS_ENDPOINT),
    };
  }
  return parseDbUrl(DEFAULT_DB_URL);
}

/** For messages and logs: never print a password. */
export function describeTarget(t: DbTarget): string {
  return t.engine === 'sqlite' ? `sqlite:${t.path}` : `mysql://${t.user}@${t.host}:${t.port}/${t.database}`;
}

export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@]*@/, '$1:***@');
}
