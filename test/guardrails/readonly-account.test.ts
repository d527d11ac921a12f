// The database is the second wall. With the SQL guard bypassed (statements go straight to db.query and
// db.execute), the assistant's account, made from the GRANTs that README.md quotes, still cannot read a
// personal column, an app table or an internal table, cannot write, lock, export files or see other
// sessions; and a statement that lifts its own time limit is killed by the watchdog on a second connection.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KILL_GRACE_MS } from '../../src/db/mysql-watchdog.ts';
import { openMysql, type MysqlDb } from '../../src/db/mysql.ts';
import { parseDbUrl } from '../../src/db/url.ts';
import { isTidelensError } from '../../src/errors.ts';
import { readOnlyGrants } from '../../src/warehouse/grants.ts';
import { checkSql } from '../../src/guardrails/sql-check.ts';
import { piiColumns } from '../../src/warehouse/schema.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { allowed } from './corpus.ts';
import { PII_MARKER, plantedMysqlStatements } from './planted.ts';

/** What a call came to: 'ran', or the TidelensError code it failed with. */
async function outcome(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ran',
    (e: unknown) => (isTidelensError(e) ? e.code : `not a TidelensError: ${String(e)}`),
  );
}

describe('the README quotes the generated grants', () => {
  it('has exactly the GRANT lines readOnlyGrants() makes, and nothing more', () => {
    const readme = readFileSync(new URL('../../src/guardrails/README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Database grants'));
    const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const quoted = block.split('\n').filter((l) => /^\s*(GRANT|REVOKE)\b/i.test(l));
    expect(quoted).toEqual(
      readOnlyGrants({ database: 'tidelens', user: 'tidelens_ro', host: '%' }).map((g) => `${g};`),
    );
  });
});

describe.skipIf(!mysqlAvailable)('the read-only account on MariaDB, with the validator bypassed', () => {
  const user = `tl_ro_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let url: string;
  let owner: MysqlDb;
  let ro: MysqlDb;

  beforeAll(async () => {
    url = await freshMysqlDb('readonly_account');
    const t = parseDbUrl(url);
    if (t.engine !== 'mysql') throw new Error('expected a mysql url');
    owner = await openMysql(t);
    for (const s of plantedMysqlStatements()) await owner.pool.query({ sql: s.sql, values: s.values });
    await owner.execute(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    for (const g of readOnlyGrants({ database: t.database, user, host: '%' })) await owner.execute(g);
    ro = await openMysql({ ...t, user, password });
  }, 60_000);

  afterAll(async () => {
    await ro?.close();
    await owner?.execute(`DROP USER IF EXISTS '${user}'@'%'`);
    await owner?.close();
    if (url) await dropMysqlDb(url);
  });

  it('cannot read a personal column, an app table or an internal table, by any route', async () => {
    const reads = [
      'SELECT email FROM users',
      'SELECT * FROM users',
      'SELECT username, phone FROM users',
      'SELECT COUNT(DISTINCT email) AS n FROM users', // the guard allows this; the account does not
      "SELECT user_id FROM users WHERE email LIKE 'PII%'",
      'SELECT shipping_address FROM orders',
      'SELECT * FROM orders',
      'SELECT ip_address FROM visit_logs',
      'SELECT username, password_hash FROM platform_users',
      'SELECT token_hash, ip_address FROM user_sessions',
      'SELECT COUNT(*) AS n FROM user_sessions',
      'SELECT secret FROM _tidelens_events',
      'SELECT user, password FROM mysql.user',
      // the parser traps of mysql.test.ts, which leak as root
      'SELECT order_id FROM orders WHERE order_id = 1 --1 UNION SELECT email FROM users',
      'SELECT order_id FROM orders /*! UNION SELECT email FROM users */',
    ];
    for (const sql of reads) {
      const e = await ro.query(sql).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect([sql, isTidelensError(e) && e.code]).toEqual([sql, 'db_denied']);
      expect(String((e as Error).message)).not.toContain(PII_MARKER);
    }
    // No FILE privilege: LOAD_FILE reads nothing.
    expect((await ro.query("SELECT LOAD_FILE('/etc/hostname') AS f")).rows).toEqual([{ f: null }]);
  });

  it('cannot write, change the schema, lock tables or export a file', async () => {
    // execute() runs outside the read-only transaction, so only the grants stand in the way.
    const writes = [
      'INSERT INTO order_items (order_item_id, order_id, product_id, quantity, unit_price, discount) VALUES (99, 1, 1, 1, 1, 0)',
      'UPDATE orders SET total_amount = 0',
      'DELETE FROM orders',
      'TRUNCATE TABLE order_items',
      'CREATE TABLE leak (a INT)',
      'CREATE TEMPORARY TABLE leak (a INT)',
      'ALTER TABLE orders ADD COLUMN leak INT',
      'DROP TABLE orders',
      'LOCK TABLES orders READ',
      `GRANT SELECT ON users TO '${user}'@'%'`,
    ];
    for (const sql of writes) expect([sql, await outcome(ro.execute(sql))]).toEqual([sql, 'db_denied']);
    const outfile = `/tmp/tidelens-${user}.txt`;
    const into = `SELECT order_id FROM orders INTO OUTFILE '${outfile}'`;
    expect([into, await outcome(ro.query(into))]).toEqual([into, 'db_denied']);

    const after = await owner.query(
      'SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM order_items) AS items, (SELECT SUM(total_amount) FROM orders) AS total',
    );
    expect(after.rows).toEqual([{ orders: 3, items: 3, total: 63 }]);
    const leak = await owner.query(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'leak'",
    );
    expect(leak.rows).toEqual([{ n: 0 }]);
  });

  it("sees only its own threads (no PROCESS) and cannot kill another account's statement", async () => {
    const other = await owner.pool.getConnection();
    try {
      for (const sql of ['SHOW PROCESSLIST', 'SELECT * FROM information_schema.PROCESSLIST']) {
        const { rows } = await ro.query(sql);
        expect(rows.length).toBeGreaterThan(0);
        expect(new Set(rows.map((r) => r.User ?? r.USER))).toEqual(new Set([user]));
        expect(rows.map((r) => Number(r.Id ?? r.ID))).not.toContain(other.threadId);
      }
      await expect(ro.pool.query(`KILL QUERY ${other.threadId}`)).rejects.toMatchObject({
        code: 'ER_KILL_DENIED_ERROR',
      });
    } finally {
      other.release();
    }
  });

  it('runs the analytics the guard allows; the only refusals are statements that name a personal column', async () => {
    const personal = new Set([...piiColumns()].flatMap(([t, cols]) => [...cols].map((c) => `${t}.${c}`)));
    let ran = 0;
    let refused = 0;
    for (const sql of allowed('mysql')) {
      const v = checkSql(sql, { dialect: 'mysql' });
      if (v.verdict !== 'allow') throw new Error(`${sql}: ${v.reason}`);
      const namesPersonal = v.columns.some((c) => personal.has(c));
      const r = await ro.query(v.sql, [], { timeoutMs: 5000 }).catch((e: unknown) => e);
      if (namesPersonal) {
        expect([sql, isTidelensError(r) && r.code]).toEqual([sql, 'db_denied']);
        refused += 1;
      } else {
        if (r instanceof Error) throw new Error(`${sql}\n→ ${v.sql}\n${r.message}`);
        expect(JSON.stringify(r)).not.toContain(PII_MARKER);
        ran += 1;
      }
    }
    expect(ran).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0);
    const byChannel = await ro.query(
      'SELECT channel, SUM(total_amount) AS s FROM orders GROUP BY channel ORDER BY channel',
    );
    expect(byChannel.rows).toHaveLength(3);
    expect((await ro.query('SELECT country, COUNT(*) AS n FROM users GROUP BY country')).rows).toHaveLength(3);
  }, 60_000);

  describe('time limits', () => {
    const liftsItsLimit = 'SET STATEMENT max_statement_time=0 FOR SELECT SLEEP(5)';
    const runawaysOnServer = async () => {
      const { rows } = await owner.query(
        'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND INFO LIKE ?',
        [`%${liftsItsLimit}%`],
      );
      return Number(rows[0]!.n);
    };

    it('holds its kill connection open from the first timed statement, before any kill is needed', async () => {
      await ro.query('SELECT COUNT(*) AS n FROM orders', [], { timeoutMs: 500 });
      await expect
        .poll(
          async () => {
            const { rows } = await owner.query(
              'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?',
              [user],
            );
            return Number(rows[0]!.n);
          },
          { timeout: 3000 },
        )
        .toBeGreaterThanOrEqual(2); // the pool's connection and the kill connection
    });

    it('the validator rejects a statement that lifts its own time limit', () => {
      expect(checkSql(liftsItsLimit, { dialect: 'mysql' })).toMatchObject({ verdict: 'reject' });
      expect(
        checkSql('SET STATEMENT max_statement_time=0 FOR SELECT COUNT(*) FROM orders', { dialect: 'mysql' }),
      ).toMatchObject({ verdict: 'reject' });
    });

    it('the server stops an ordinary slow statement at the limit, before the watchdog would act', async () => {
      const start = performance.now();
      const e = await ro.query('SELECT SLEEP(5)', [], { timeoutMs: 500 }).catch((err: unknown) => err);
      const elapsed = performance.now() - start;
      expect(e).toMatchObject({ code: 'query_timeout' });
      expect((e as { details?: unknown }).details).toBeUndefined(); // the server's error, not the watchdog's
      expect(elapsed).toBeLessThan(500 + KILL_GRACE_MS);
    });

    it('the watchdog kills a statement that lifted its own limit, at the limit plus the grace', async () => {
      const start = performance.now();
      const e = await ro.query(liftsItsLimit, [], { timeoutMs: 500 }).catch((err: unknown) => err);
      const elapsed = performance.now() - start;
      expect(e).toMatchObject({ code: 'query_timeout', details: { stoppedBy: 'watchdog' } });
      expect(elapsed).toBeGreaterThanOrEqual(500 + KILL_GRACE_MS - 5);
      expect(elapsed).toBeLessThan(2000);

      // The statement is gone from the server, and the account's next statement runs.
      expect(await runawaysOnServer()).toBe(0);
      expect((await ro.query('SELECT COUNT(*) AS n FROM orders', [], { timeoutMs: 500 })).rows).toEqual([{ n: 3 }]);
    });

    it('kills even when every pooled connection is busy with a runaway statement', async () => {
      // The pool holds 8 connections; the 9th statement waits for one. Kills go over a connection of their
      // own, so all nine end at about 750 ms and 1500 ms instead of 5 s.
      const start = performance.now();
      const codes = await Promise.all(
        Array.from({ length: 9 }, () => outcome(ro.query(liftsItsLimit, [], { timeoutMs: 500 }))),
      );
      const elapsed = performance.now() - start;
      expect(codes).toEqual(Array(9).fill('query_timeout'));
      expect(elapsed).toBeLessThan(3000);
      expect(await runawaysOnServer()).toBe(0);
      expect((await ro.query('SELECT COUNT(*) AS n FROM orders')).rows).toEqual([{ n: 3 }]);
    }, 20_000);
  });
});
