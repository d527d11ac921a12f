import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaDdl } from '../../seed/ddl.ts';
import { ANALYTICS_TABLES } from '../warehouse/schema.ts';
import { openDb } from '../db/index.ts';
import { SqliteDb } from '../db/sqlite.ts';
import type { Db } from '../db/types.ts';
import { parseDbUrl } from '../db/url.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../../test/support/mysql.ts';
import { describeSchema, DescribeSchemaInput } from './describe-schema.ts';
import { DEFAULT_LIMITS, type ToolContext } from './types.ts';

// Personal values planted in the data: none may appear in any result.
const SECRETS = ['mermaid.secret@example.test', 'Coral Reef Lane 7', '203.0.113.77', 'secret_handle', '+1-555-0199'];
const FIXTURE = [
  `INSERT INTO users VALUES (1,'secret_handle','mermaid.secret@example.test','+1-555-0199','Female',30,'Austin','United States','2024-01-02','Gold',1,'search'),
    (2,'u2','b@example.test','2',NULL,NULL,'Paris','France','2024-03-04','Gold',1,'social'),
    (3,'u3','c@example.test','3','Male',41,'Leeds','United Kingdom','2024-03-04','Silver',0,'search')`,
  `INSERT INTO traffic_sources VALUES (1,'Google','search',NULL)`,
  `INSERT INTO visit_logs VALUES (1,1,'s1','/','x','2025-07-03 10:00:00','mobile','203.0.113.77',60,1,'United States')`,
  `INSERT INTO orders VALUES (1,1,'2025-07-03 10:05:00',50,10,'PayPal','paid','Coral Reef Lane 7','delivered','own_website','mobile','own_website','United States',1,'s1',1,NULL,NULL)`,
];

function ctxFor(db: Db): ToolContext {
  return {
    db,
    user: { id: 'test', role: 'analyst' },
    data: { minDate: '2024-01-01', maxDate: '2025-12-31' },
    limits: DEFAULT_LIMITS,
  };
}

function expectNoSecrets(result: unknown) {
  const text = JSON.stringify(result);
  for (const s of SECRETS) expect(text).not.toContain(s);
}

function suite(getDb: () => Db) {
  const run = (input: unknown) => describeSchema.run(DescribeSchemaInput.parse(input), ctxFor(getDb()));

  it('with no input lists every analytics column, personal ones marked unavailable, without querying', async () => {
    const r = await run({});
    expect(r.rows.length).toBe(ANALYTICS_TABLES.reduce((n, t) => n + t.columns.length, 0));
    expect(r.queries).toEqual([]);
    const email = r.rows.find((x) => x.table === 'users' && x.column === 'email')!;
    expect(email).toMatchObject({ personal: true, values: null });
    expect(email.meaning).toMatch(/^Personal data, not available/);
    expect(r.summary).toMatch(/Personal columns \(not available\): .*users\.email/);
    expect(r.summary).not.toMatch(/platform_users|user_sessions|_tidelens_/);
  });

  it('describes one table with its row count and the values present in categorical columns', async () => {
    const r = await run({ table: 'Users' });
    expect(r.rows.map((x) => x.column)).toContain('user_level');
    expect(r.summary).toMatch(/^users: .* 3 rows\./);
    expect(r.rows.find((x) => x.column === 'user_level')!.values).toBe('in the data: Gold (2), Silver (1)');
    expect(r.rows.find((x) => x.column === 'country')!.values).toMatch(/United States, Canada/);
    expect(r.untrustedText).toBe(true);
    expect(r.queries[0].sql).toBe('SELECT COUNT(user_id) AS n FROM users');
    for (const q of r.queries) expect(q.sql).not.toMatch(/\b(email|phone|username)\b/);
    expectNoSecrets(r);
  });

  it('never leaks personal values for any table', async () => {
    for (const t of ANALYTICS_TABLES) expectNoSecrets(await run({ table: t.name }));
  });

  it('describes a metric by id, name or Chinese term', async () => {
    const r = await run({ metric: 'net_sales' });
    expect(r.rows[0]).toMatchObject({
      metric: 'net_sales',
      date: 'orders.order_date',
      filter: "o.order_status <> 'cancelled'",
    });
    expect(r.summary).toMatch(/cancelled: excluded/);
    expect(r.summary).toMatch(/refunds: not subtracted/);
    expect((await run({ metric: '客单价' })).rows[0].metric).toBe('aov');
    expect((await run({ metric: 'Conversion rate' })).rows[0].metric).toBe('conversion_rate');
  });

  it('explains business terms in English and Chinese', async () => {
    expect((await run({ term: '同比' })).rows[0]).toMatchObject({
      kind: 'glossary',
      maps_to: 'compare_to:previous_year',
    });
    expect((await run({ term: '独立站' })).rows[0].maps_to).toBe('filter:orders.channel=own_website');
    expect((await run({ term: '销售额' })).rows[0].maps_to).toBe('metric:net_sales');
    expect((await run({ term: '比基尼' })).summary).toMatch(/Bikinis/);
    const none = await run({ term: 'zzqx' });
    expect(none.rows).toEqual([]);
    expect(none.summary).toMatch(/No documented term matches "zzqx"/);
  });

  it('combines table and term in one answer', async () => {
    const r = await run({ table: 'orders', term: '环比' });
    expect(r.rows.some((x) => x.column === 'channel')).toBe(true);
    expect(r.rows.some((x) => x.maps_to === 'compare_to:previous_period')).toBe(true);
  });

  it('refuses app and generator tables and names the real ones for an unknown table', async () => {
    await expect(run({ table: 'platform_users' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run({ table: '_tidelens_events' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run({ table: 'customers' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/Tables: users, product_categories/),
    });
    await expect(run({ metric: 'ctr' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/Metrics: net_sales/),
    });
  });
}

describe('describe_schema', () => {
  it('rejects unknown input keys', () => {
    expect(DescribeSchemaInput.safeParse({ tabel: 'orders' }).success).toBe(false);
  });

  describe('on SQLite', () => {
    let db: SqliteDb;
    beforeAll(async () => {
      db = new SqliteDb(new Database(':memory:'), 'sqlite::memory:');
      for (const s of [...schemaDdl('sqlite'), ...FIXTURE]) await db.execute(s);
    });
    afterAll(() => db.close());
    suite(() => db);
  });

  describe.skipIf(!mysqlAvailable)('on MariaDB', () => {
    let db: Db;
    let url: string;
    beforeAll(async () => {
      url = await freshMysqlDb('describe_schema');
      db = await openDb(parseDbUrl(url));
      for (const s of [...schemaDdl('mysql'), ...FIXTURE]) await db.execute(s);
    });
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });
    suite(() => db);
  });
});
