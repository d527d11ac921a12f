// The dialect helpers must give the same values on both engines: checked by running them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, parseDbUrl } from '../../db/index.ts';
import { openSqlite } from '../../db/sqlite.ts';
import type { Db } from '../../db/types.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../../../test/support/mysql.ts';
import { addDays, bucket, dayOf, daysBetween, greatest, least, monthOf, weekOf, type Dialect } from './dialect.ts';
import { raw, sql, type Fragment } from './fragment.ts';

const CASES = [
  '2025-01-01 00:00:00',
  '2025-03-02 23:59:59',
  '2024-02-29 12:00:00',
  '2025-12-28 08:00:00',
  '2025-12-29 08:00:00',
  '2026-01-04 10:00:00',
];

function exprs(d: Dialect, v: Fragment) {
  return {
    day: dayOf(d, v),
    week: weekOf(d, v),
    month: monthOf(d, v),
    plus10: addDays(d, v, 10),
    minus30: addDays(d, v, -30),
    gap: daysBetween(d, sql`${'2024-12-25 18:00:00'}`, v),
    lo: least(d, sql`${'2025-02-01'}`, dayOf(d, v)),
    hi: greatest(d, sql`${'2025-02-01'}`, dayOf(d, v)),
  };
}

async function evaluate(db: Db, value: string) {
  const e = exprs(db.engine, sql`${value}`);
  const cols = Object.entries(e).map(([k, f]) => sql`${f} AS ${raw(k)}`);
  const q = sql`SELECT ${cols.reduce((a, b) => sql`${a}, ${b}`)}`;
  const [row] = (await db.query(q.sql, q.params)).rows;
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, typeof v === 'number' ? v : String(v)]));
}

describe('dialect helpers', () => {
  let sqlite: Db;
  let mysql: Db | undefined;
  let url: string | undefined;
  beforeAll(async () => {
    sqlite = openSqlite(':memory:');
    if (mysqlAvailable) {
      url = await freshMysqlDb('tools_dialect');
      mysql = await openDb(parseDbUrl(url));
    }
  });
  afterAll(async () => {
    await sqlite.close();
    await mysql?.close();
    if (url) await dropMysqlDb(url);
  });

  it('buckets and date arithmetic on SQLite', async () => {
    expect(await evaluate(sqlite, '2025-12-28 08:00:00')).toEqual({
      day: '2025-12-28',
      week: '2025-12-22',
      month: '2025-12-01',
      plus10: '2026-01-07',
      minus30: '2025-11-28',
      gap: 368,
      lo: '2025-02-01',
      hi: '2025-12-28',
    });
    expect((await evaluate(sqlite, '2025-12-29 08:00:00')).week).toBe('2025-12-29');
    expect((await evaluate(sqlite, '2024-02-29 12:00:00')).plus10).toBe('2024-03-10');
  });

  it.skipIf(!mysqlAvailable)('gives the same values on MariaDB', async () => {
    for (const c of CASES) expect(await evaluate(mysql!, c), c).toEqual(await evaluate(sqlite, c));
  });

  it('bucket() picks the grain', () => {
    expect(bucket('sqlite', 'month', raw('o.order_date')).sql).toContain("'-01'");
    expect(bucket('mysql', 'week', raw('o.order_date')).sql).toContain('WEEKDAY');
  });
});
