// The MySQL loader's two write paths (LOAD DATA LOCAL INFILE and the multi-row INSERT fallback) store
// awkward text exactly, and a value the server would silently alter fails the load instead.
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../../src/db/url.ts';
import { poolOptions } from '../../src/db/mysql.ts';
import { TidelensError } from '../../src/errors.ts';
import { MysqlLoader, type MysqlMethod } from '../../seed/load/mysql.ts';
import { sqlTuple, tsvLine } from '../../seed/load/tsv.ts';
import type { Value } from '../../seed/generator/sink.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';

const NAMES = [
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  'trailing\\',
  '\\N',
  'N',
  '',
  'it\'s "quoted"',
  '泳衣 质量很好，尺码偏小',
  'emoji 👙🌊',
  'nul\0byte',
  'ctrl-z\x1a',
  'mixed \t\n\\ 中文',
];

describe('row text', () => {
  it('escapes LOAD DATA fields: NULL as \\N, tabs, newlines, backslashes', () => {
    expect(tsvLine([1, null, 'a\tb\nc\\d\re\0', 2.5])).toBe('1\t\\N\ta\\tb\\nc\\\\d\\re\\0\t2.5\n');
    expect(tsvLine(['\\N', '中文'])).toBe('\\\\N\t中文\n');
  });

  it('quotes INSERT tuples', () => {
    expect(sqlTuple([1, null, "it's", 'a\\b\n'])).toBe("(1,NULL,'it\\'s','a\\\\b\\n')");
  });
});

const urls: string[] = [];
afterAll(async () => {
  for (const u of urls) await dropMysqlDb(u);
});

async function loader(method: MysqlMethod): Promise<{ l: MysqlLoader; url: string }> {
  const url = await freshMysqlDb(`seedload_${method}`);
  urls.push(url);
  const t = parseDbUrl(url);
  if (t.engine !== 'mysql') throw new Error('expected a mysql url');
  const l = new MysqlLoader(t, true, method);
  await l.begin();
  return { l, url };
}

async function read(url: string, sql: string): Promise<unknown[][]> {
  const t = parseDbUrl(url) as Extract<ReturnType<typeof parseDbUrl>, { engine: 'mysql' }>;
  const c = await mysql.createConnection({ ...poolOptions(t), connectionLimit: undefined } as mysql.ConnectionOptions);
  try {
    const [rows] = await c.query({ sql, rowsAsArray: true });
    return rows as unknown[][];
  } finally {
    await c.end();
  }
}

const META = {
  meta: {
    created_by: 'test',
    tool_version: '0',
    seed: 1,
    scale: 0,
    scenario: 'none',
    data_from: '2024-01-01',
    data_to: '2024-01-01',
    created_at: '2024-01-01 00:00:00',
  },
  events: [],
  manifest: [],
};

describe.skipIf(!mysqlAvailable).each(['auto', 'insert'] as const)('MySQL loader, method %s', (method) => {
  it('stores awkward text exactly and reports how it loaded', async () => {
    const { l, url } = await loader(method);
    expect(l.method).toMatch(method === 'auto' ? /^LOAD DATA LOCAL INFILE/ : /^multi-row INSERT/);
    const rows: Value[][] = NAMES.map((n, i) => [i + 1, n, i ? 1 : null, i ? 2 : 1, 1]);
    for (const r of rows) l.add('product_categories', r);
    await l.finish(META);
    expect(
      await read(
        url,
        'SELECT category_id, category_name, parent_category_id, category_level, is_active FROM product_categories ORDER BY category_id',
      ),
    ).toEqual(rows);
    expect(l.rowCounts.get('product_categories')).toBe(NAMES.length);
  });

  it('fails the load, and drops its tables, when the server would change a value', async () => {
    const { l, url } = await loader(method);
    l.add('product_categories', [1, 'x'.repeat(101), null, 1, 1]);
    const err = await l.flush(true).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TidelensError);
    expect(String((err as Error).message)).toMatch(/too long|truncat|warnings/i);
    await l.abort();
    expect(await read(url, 'SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()')).toEqual([
      [0],
    ]);
  });
});
