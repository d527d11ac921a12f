// The guard against a real MariaDB: the parser traps are real (the server executes what the parser
// drops), every allowed corpus statement runs and returns no personal value, and the time limit is
// enforced by the server.
import nsp from 'node-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMysql, type MysqlDb } from '../../src/db/mysql.ts';
import { parseDbUrl } from '../../src/db/url.ts';
import { isTidelensError } from '../../src/errors.ts';
import { checkSql } from '../../src/guardrails/sql-check.ts';
import { runSqlTool } from '../../src/tools/run-sql.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../../src/tools/types.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { allowed } from './corpus.ts';
import { PII_MARKER, plantedMysqlStatements } from './planted.ts';

const parser = new nsp.Parser();
const parsesAsUnion = (sql: string) =>
  Boolean((parser.astify(sql, { database: 'MySQL' }) as { _next?: unknown })._next);

describe.skipIf(!mysqlAvailable)('guard on MariaDB', () => {
  let url: string;
  let db: MysqlDb;
  const ctx = (timeoutMs = 10_000): ToolContext => ({
    db,
    user: { id: 'a', role: 'analyst' },
    data: { minDate: '2025-01-01', maxDate: '2025-01-03' },
    limits: { ...DEFAULT_LIMITS, timeoutMs },
  });

  beforeAll(async () => {
    url = await freshMysqlDb('guardrails');
    const t = parseDbUrl(url);
    if (t.engine !== 'mysql') throw new Error('expected a mysql url');
    db = await openMysql(t);
    for (const s of plantedMysqlStatements()) await db.pool.query({ sql: s.sql, values: s.values });
    // 3000 order items for a slow self-join (3000² / 2 comparisons, many seconds uncapped).
    const values = Array.from(
      { length: 3000 },
      (_, i) => `(${1000 + i}, ${1 + (i % 3)}, ${1 + (i % 3)}, ${1 + (i % 97)}, 9.5, 0)`,
    );
    await db.pool.query(
      `INSERT INTO order_items (order_item_id, order_id, product_id, quantity, unit_price, discount) VALUES ${values.join(',')}`,
    );
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    if (url) await dropMysqlDb(url);
  });

  it('trap: `--1` is arithmetic on the server but a comment to the parser', async () => {
    const [rows] = await db.pool.query('SELECT 1 --1 AS v');
    expect(Number((rows as { v: number }[])[0]!.v)).toBe(2);
    const attack = 'SELECT order_id FROM orders WHERE order_id = 1 --1 UNION SELECT email FROM users';
    expect(parsesAsUnion(attack)).toBe(false); // the parser never sees the UNION...
    const [leak] = await db.pool.query(attack);
    expect(JSON.stringify(leak)).toContain(PII_MARKER); // ...the server runs it
    expect(checkSql(attack, { dialect: 'mysql' })).toMatchObject({ verdict: 'reject', code: 'comment_trap' });
  });

  it('trap: version comments are dropped by the parser and executed by the server', async () => {
    for (const open of ['/*!', '/*M!']) {
      const attack = `SELECT order_id FROM orders ${open} UNION SELECT email FROM users */`;
      expect(parsesAsUnion(attack)).toBe(false);
      const [leak] = await db.pool.query(attack);
      expect(JSON.stringify(leak)).toContain(PII_MARKER);
      expect(checkSql(attack, { dialect: 'mysql' })).toMatchObject({ verdict: 'reject', code: 'version_comment' });
    }
  });

  it('trap: SELECT … INTO OUTFILE parses as a plain select; the guard checks `into`', () => {
    const sql = "SELECT order_id FROM orders INTO OUTFILE '/tmp/tidelens-x'";
    expect((parser.astify(sql, { database: 'MySQL' }) as { type: string }).type).toBe('select');
    expect(checkSql(sql, { dialect: 'mysql' })).toMatchObject({ verdict: 'reject', code: 'into' });
  });

  it('runs every allowed corpus statement without returning a personal value', async () => {
    for (const sql of allowed('mysql')) {
      const v = checkSql(sql, { dialect: 'mysql' });
      if (v.verdict !== 'allow') throw new Error(`${sql}: ${v.reason}`);
      const r = await db.query(v.sql, [], { timeoutMs: 5000 }).catch((e) => {
        throw new Error(`${sql}\n→ ${v.sql}\n${(e as Error).message}`);
      });
      expect(JSON.stringify(r.rows)).not.toContain(PII_MARKER);
    }
  }, 60_000);

  it('the server stops a slow statement at the time limit (query_timeout)', async () => {
    const slow =
      "SELECT COUNT(*) AS n FROM order_items a JOIN order_items b ON a.quantity <= b.quantity AND a.unit_price * b.quantity > 0 AND SHA2(CONCAT(a.order_item_id, b.order_item_id), 256) <> ''";
    const start = performance.now();
    let code: string | undefined;
    try {
      await runSqlTool.run({ sql: slow }, ctx(500));
    } catch (e) {
      code = isTidelensError(e) ? e.code : String(e);
    }
    const elapsed = performance.now() - start;
    expect(code).toBe('query_timeout');
    expect(elapsed).toBeLessThan(3000);
    const r = await runSqlTool.run({ sql: 'SELECT COUNT(*) AS n FROM orders' }, ctx());
    expect(r.rows).toEqual([{ n: 3 }]);
  }, 30_000);

  it('run_sql on MariaDB: rows, chart, and refusal', async () => {
    const r = await runSqlTool.run(
      { sql: 'SELECT channel, SUM(total_amount) AS s FROM orders GROUP BY channel ORDER BY channel' },
      ctx(),
    );
    expect(r.rows).toHaveLength(3);
    expect(r.charts).toHaveLength(1);
    await expect(
      runSqlTool.run({ sql: 'SET STATEMENT max_statement_time=0 FOR SELECT COUNT(*) FROM orders' }, ctx()),
    ).rejects.toMatchObject({ code: 'sql_rejected' });
  });
});
