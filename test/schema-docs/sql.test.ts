// Every SQL in schema-docs/ (metric definitions and example answers) must run on both engines
// against the real DDL, touch no personal column, and agree with the metric definitions on real rows.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaDdl } from '../../seed/ddl.ts';
import { piiColumns } from '../../src/warehouse/schema.ts';
import { openDb } from '../../src/db/index.ts';
import { SqliteDb } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { parseDbUrl } from '../../src/db/url.ts';
import { readSchemaDocs } from '../../src/schema-docs/index.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';

const docs = readSchemaDocs();
const statements = [
  ...docs.metrics.map((m) => ({ name: `metric ${m.id}`, sql: m.sql })),
  ...docs.examples.filter((e) => e.sql).map((e) => ({ name: `example ${e.id}`, sql: e.sql! })),
];
const personal = [...piiColumns().entries()].flatMap(([, cols]) => [...cols]);

// A few July 2025 rows: two live orders, one cancelled, one return, two sessions.
const FIXTURE = [
  `INSERT INTO users VALUES (1,'u1','a@example.test','1','Female',30,'Austin','United States','2024-01-02','Gold',1,'search'),(2,'u2','b@example.test','2',NULL,NULL,'Paris','France','2024-03-04','Silver',1,'social')`,
  `INSERT INTO product_categories VALUES (1,'Swimwear',NULL,1,1),(2,'Bikinis',1,2,1)`,
  `INSERT INTO products VALUES (1,'SKU-1','Bikini A',2,'Tide','S1',30,30,10,5,'2024-01-01',1)`,
  `INSERT INTO traffic_sources VALUES (1,'Google','search',NULL)`,
  `INSERT INTO visit_logs VALUES (1,1,'s1','/','x','2025-07-03 10:00:00','mobile','10.0.0.1',60,1,'United States'),(2,NULL,'s2','/','x','2025-07-04 10:00:00','desktop','10.0.0.2',30,1,'France')`,
  `INSERT INTO orders VALUES
    (1,1,'2025-07-03 10:05:00',50,10,'Card','paid','addr','delivered','own_website','mobile','own_website','United States',1,'s1',1,'2025-07-04 00:00:00','2025-07-06 00:00:00'),
    (2,2,'2025-07-10 09:00:00',30,0,'Card','paid','addr','shipped','amazon','desktop','amazon','France',NULL,NULL,1,'2025-07-11 00:00:00',NULL),
    (3,2,'2025-07-12 09:00:00',90,0,'Card','voided','addr','cancelled','amazon','desktop','amazon','France',NULL,NULL,0,NULL,NULL)`,
  `INSERT INTO order_items VALUES (1,1,1,2,30,10),(2,2,1,1,30,0),(3,3,1,3,30,0)`,
  `INSERT INTO returns VALUES (1,1,1,'2025-07-09 00:00:00','size','refunded',25)`,
];

function expectRuns(getDb: () => Db) {
  for (const s of statements) {
    it(`${s.name} runs`, async () => {
      const r = await getDb().query(s.sql);
      expect(r.columns.length).toBeGreaterThan(0);
    });
  }
  it('metric SQL gives the documented numbers on a hand-checked fixture', async () => {
    const one = async (id: string) =>
      Object.values((await getDb().query(docs.metrics.find((m) => m.id === id)!.sql)).rows[0])[0];
    expect(Number(await one('net_sales'))).toBeCloseTo(80); // 50 + 30, cancelled 90 excluded
    expect(Number(await one('orders'))).toBe(2);
    expect(Number(await one('units'))).toBe(3);
    expect(Number(await one('aov'))).toBeCloseTo(40);
    expect(Number(await one('sessions'))).toBe(2);
    expect(Number(await one('conversion_rate'))).toBeCloseTo(0.5); // 1 own-site order / 2 sessions
    expect(Number(await one('return_rate'))).toBeCloseTo(0.5);
    expect(Number(await one('refunds'))).toBeCloseTo(25);
    expect(Number(await one('gross_margin'))).toBeCloseTo((80 - 30) / 80);
    expect(Number(await one('discount_rate'))).toBeCloseTo(10 / 90);
    expect(Number(await one('new_customer_share'))).toBeCloseTo(1);
  });
}

describe('schema-docs SQL', () => {
  it('touches no personal column', () => {
    for (const s of statements) {
      for (const col of personal) expect(s.sql, s.name).not.toMatch(new RegExp(`\\b${col}\\b`, 'i'));
    }
  });
  it('has SQL for most examples, in both languages', () => {
    expect(docs.examples.length).toBeGreaterThanOrEqual(20);
    expect(docs.examples.filter((e) => e.sql).length).toBeGreaterThanOrEqual(15);
    for (const e of docs.examples) expect(e.questionZh, e.id).toMatch(/[\u4e00-\u9fff]/);
  });
});

// The model copies these patterns into run_sql, so the guard must accept every one of them.
const GUARD = fileURLToPath(new URL('../../src/guardrails/sql-check.ts', import.meta.url));
const guard = existsSync(GUARD)
  ? ((await import(GUARD)) as {
      checkSql(sql: string, o: { dialect: 'mysql' | 'sqlite' }): { verdict: string; reason?: string };
    })
  : null;

describe.skipIf(!guard)('schema-docs SQL passes the run_sql guard', () => {
  for (const dialect of ['mysql', 'sqlite'] as const) {
    it(`on ${dialect}`, () => {
      for (const s of statements) {
        const v = guard!.checkSql(s.sql, { dialect });
        expect(v.verdict, `${s.name}: ${v.reason ?? ''}`).toBe('allow');
      }
    });
  }
});

describe('schema-docs SQL on SQLite', () => {
  let db: SqliteDb;
  beforeAll(async () => {
    db = new SqliteDb(new Database(':memory:'), 'sqlite::memory:');
    for (const s of [...schemaDdl('sqlite'), ...FIXTURE]) await db.execute(s);
  });
  afterAll(() => db.close());
  expectRuns(() => db);
});

describe.skipIf(!mysqlAvailable)('schema-docs SQL on MariaDB', () => {
  let db: Db;
  let url: string;
  beforeAll(async () => {
    url = await freshMysqlDb('schema_docs');
    db = await openDb(parseDbUrl(url));
    for (const s of [...schemaDdl('mysql'), ...FIXTURE]) await db.execute(s);
  });
  afterAll(async () => {
    await db?.close();
    if (url) await dropMysqlDb(url);
  });
  expectRuns(() => db);
});
