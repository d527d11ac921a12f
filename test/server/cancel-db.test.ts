// M3: a stopped turn stops its statement in the database, not just the wait for it. The turn's signal
// reaches Db.query; on MariaDB the watchdog connection sends KILL QUERY at once, and the SQLite run_sql
// child is killed.
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMysql, type MysqlDb } from '../../src/db/mysql.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { sandboxFor } from '../../src/db/sqlite-worker.ts';
import type { Db, QueryOptions } from '../../src/db/types.ts';
import { dispatch, indexTools } from '../../src/tools/dispatch.ts';
import { tools } from '../../src/tools/registry.ts';
import { DEFAULT_LIMITS } from '../../src/tools/types.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MARK = `tl_cancel_${process.pid}`;

describe.skipIf(!mysqlAvailable)('cancel on MariaDB', () => {
  let url: string;
  let db: MysqlDb;
  let admin: mysql.Connection;
  beforeAll(async () => {
    url = await freshMysqlDb('cancel');
    const u = new URL(url);
    db = await openMysql({
      host: u.hostname,
      port: Number(u.port),
      user: u.username,
      password: '',
      database: u.pathname.slice(1),
      tls: false,
    });
    admin = await mysql.createConnection({ uri: process.env.TIDELENS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306' });
  });
  afterAll(async () => {
    await db?.close();
    await admin?.end();
    if (url) await dropMysqlDb(url);
  });

  const running = async () => {
    const [rows] = await admin.query(
      `SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND INFO NOT LIKE '%PROCESSLIST%'`,
      [`%${MARK}%`],
    );
    return (rows as unknown[]).length;
  };

  it('an abort after 1 s removes the statement from the process list within 1 s', async () => {
    const ac = new AbortController();
    const heavy = `SELECT SLEEP(30) AS ${MARK}`;
    const q = db.query(heavy, [], { timeoutMs: 60_000, signal: ac.signal });
    q.catch(() => {});
    await new Promise((r) => setTimeout(r, 1000));
    expect(await running()).toBe(1);
    const aborted = performance.now();
    ac.abort(new Error('stopped by the user'));
    await expect(q).rejects.toThrow('stopped by the user');
    await expect.poll(running, { timeout: 1000, interval: 50 }).toBe(0);
    expect(performance.now() - aborted).toBeLessThan(1000);
  });

  it('the pool still answers after a killed statement', async () => {
    const r = await db.query('SELECT 1 AS one');
    expect(r.rows).toEqual([{ one: 1 }]);
  });
});

describe('cancel on SQLite run_sql', () => {
  it('an abort kills the query child at once instead of running to the deadline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-cancel-'));
    const path = join(dir, 'w.db');
    const w = openSqlite(path, { create: true });
    await w.execute('CREATE TABLE t (x INTEGER)');
    await w.close();
    try {
      const ac = new AbortController();
      // A recursive count to a billion: seconds of CPU in the child.
      const sql =
        'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 1000000000) SELECT COUNT(*) FROM c';
      const sandbox = sandboxFor(path);
      const started = performance.now();
      const q = sandbox.query({ sql, timeoutMs: 30_000, maxRows: 10, maxBytes: 10_000, signal: ac.signal });
      setTimeout(() => ac.abort(new Error('stopped by the user')), 500);
      await expect(q).rejects.toThrow('stopped by the user');
      expect(performance.now() - started).toBeLessThan(2000);
      const again = await sandbox.query({ sql: 'SELECT 1 AS one', timeoutMs: 5000, maxRows: 10, maxBytes: 10_000 });
      expect(again.rows).toEqual([{ one: 1 }]);
    } finally {
      sandboxFor(path).close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the turn signal reaches every query', () => {
  it('dispatch hands it to run_sql and to the template tools through Db.query options', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const db: Db = {
      engine: 'mysql',
      label: 'fake',
      async query(sql: string, _params?: unknown[], opts?: QueryOptions) {
        // The rollup watermark lookup is cached across turns and bounded by its own time limit instead.
        if (/DATABASE\(\)|watermark/i.test(sql)) return { columns: [], rows: [], elapsedMs: 0 };
        seen.push(opts?.signal);
        return { columns: [], rows: [], elapsedMs: 0 };
      },
      async execute() {},
      async close() {},
    };
    const turn = new AbortController();
    const ctx = {
      db,
      user: { id: 'u', role: 'analyst' as const },
      data: { minDate: '2024-01-01', maxDate: '2025-12-31' },
      limits: DEFAULT_LIMITS,
      signal: turn.signal,
    };
    const map = indexTools(tools);
    await dispatch(map, { toolUseId: 'a', name: 'run_sql', input: { sql: 'SELECT order_id FROM orders' } }, ctx);
    await dispatch(map, { toolUseId: 'b', name: 'sales_trend', input: {} }, ctx);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const signal of seen) {
      expect(signal).toBeDefined();
      expect(signal!.aborted).toBe(false);
    }
    turn.abort();
    // The signal each query got follows the turn's (dispatch adds its own time limit to it).
    expect(seen.every((signal) => signal!.aborted)).toBe(true);
  });
});
