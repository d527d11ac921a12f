// M4 (#14), database part: the 1 MB byte cap is counted while rows arrive, on MySQL and on SQLite, so a
// statement that would return hundreds of megabytes never sits whole in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../../test/support/mysql.ts';
import { openDb, parseDbUrl } from './index.ts';
import type { MysqlDb } from './mysql.ts';
import { openSqlite } from './sqlite.ts';
import type { QueryResult } from './types.ts';

const CAP = 1_000_000;
const jsonBytes = (r: QueryResult) => 2 + r.rows.reduce((n, row) => n + JSON.stringify(row).length + 1, 0);

/** Highest heap + buffer use seen while `work` runs, above what was in use when it started. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  global.gc?.();
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, 2);
  try {
    const value = await work();
    peak = Math.max(peak, used());
    return { value, peakMb: (peak - base) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

describe.skipIf(!mysqlAvailable)('MySQL byte cap while streaming', () => {
  let url: string;
  let db: MysqlDb;
  beforeAll(async () => {
    url = await freshMysqlDb('db_stream');
    db = (await openDb(parseDbUrl(url))) as MysqlDb;
  });
  afterAll(async () => {
    await db?.close();
    if (url) await dropMysqlDb(url);
  });

  it('M4: a 200 MB result stops at the cap with small peak memory, and the statement is killed', async () => {
    // 200 000 rows of 1000 characters: about 200 MB if buffered before the cap.
    const sql = "SELECT seq AS n, REPEAT('x', 1000) AS big FROM mysql.seq_1_to_200000";
    const { value: r, peakMb } = await peakGrowth(() => db.query(sql, [], { timeoutMs: 20_000, maxBytes: CAP }));
    expect(r.truncated).toBe(true);
    expect(jsonBytes(r)).toBeLessThanOrEqual(CAP);
    expect(r.rows.length).toBeGreaterThan(900);
    expect(peakMb).toBeLessThan(60);
    // The pool still answers, and nothing of the capped statement runs on.
    expect((await db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    const running = async () => {
      const q =
        'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST ' +
        "WHERE INFO LIKE '%seq_1_to_200000%' AND INFO NOT LIKE '%PROCESSLIST%'";
      return Number((await db.query(q)).rows[0]!.n);
    };
    // KILL QUERY is asynchronous on the server: the thread notices it at its next check, within moments (longer
    // when other test files keep the server busy).
    const deadline = Date.now() + 10_000;
    while ((await running()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await running()).toBe(0);
  }, 60_000);

  it('M4: under the cap the result is whole and not marked truncated', async () => {
    const r = await db.query('SELECT seq AS n FROM mysql.seq_1_to_100', [], { timeoutMs: 5000, maxBytes: CAP });
    expect(r.rows).toHaveLength(100);
    expect(r.truncated).toBeUndefined();
    expect(r.columns).toEqual(['n']);
  });
});

describe('SQLite byte cap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-cap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('M4: the same cap applies to SQLite queries, counted row by row', async () => {
    const db = openSqlite(join(dir, 'cap.db'), { create: true });
    const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
      SELECT i, printf('%.1000c', 'x') AS big FROM n`;
    const { value: r, peakMb } = await peakGrowth(() => db.query(sql, [], { maxBytes: CAP }));
    expect(r.truncated).toBe(true);
    expect(jsonBytes(r)).toBeLessThanOrEqual(CAP);
    expect(r.rows.length).toBeGreaterThan(900);
    expect(peakMb).toBeLessThan(60);
    await db.close();
  });
});
