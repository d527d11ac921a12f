// One contract, four homes for the fleet's rate counters: memory, SQLite, MariaDB and DynamoDB (dynalite).
// Two "instances" are two separate connections (or clients) to the same place: their hits count as one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, parseDbUrl, type Db } from '../../src/db/index.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { DynamoBuckets } from '../../src/server/counters/dynamo.ts';
import { MemoryBuckets } from '../../src/server/counters/memory.ts';
import { COUNTERS_TABLE, sqlBuckets } from '../../src/server/counters/sql.ts';
import type { BucketStore } from '../../src/server/counters/types.ts';
import { WindowCounters } from '../../src/server/counters/window.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { startDynalite, type Dynalite } from './services.ts';

const W = 60_000;
let clock = 10 * W;
const now = () => clock;

/** Opens one instance's view of the shared counters. */
type Open = () => Promise<BucketStore>;

let dir: string;
let mysqlUrl: string | undefined;
let dyn: Dynalite;
const dbs: Db[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tl-counters-'));
  dyn = await startDynalite();
  if (mysqlAvailable) mysqlUrl = await freshMysqlDb('fleet_counters');
});
afterAll(async () => {
  for (const d of dbs) await d.close();
  await dyn?.close();
  if (mysqlUrl) await dropMysqlDb(mysqlUrl);
  rmSync(dir, { recursive: true, force: true });
});

const memory = new MemoryBuckets(now);
const backends: [string, boolean, () => Open][] = [
  ['memory', true, () => async () => memory],
  [
    'sqlite',
    true,
    () => {
      const path = join(dir, 'app.db');
      return async () => {
        const db = openSqlite(path, { create: true });
        dbs.push(db);
        return sqlBuckets(db, now);
      };
    },
  ],
  [
    'mariadb',
    mysqlAvailable,
    () => async () => {
      const db = await openDb(parseDbUrl(mysqlUrl!));
      dbs.push(db);
      return sqlBuckets(db, now);
    },
  ],
  [
    'dynamodb',
    true,
    () => {
      let table: Promise<string> | undefined;
      return async () => new DynamoBuckets(dyn.client(), await (table ??= dyn.table(`limits-${process.pid}`)), now);
    },
  ],
];

describe.each(backends)('%s counters', (name, available, make) => {
  let a: WindowCounters;
  let b: WindowCounters;
  beforeAll(async () => {
    if (!available) return;
    const open = make();
    a = new WindowCounters(await open(), now);
    b = new WindowCounters(await open(), now);
  });

  it.skipIf(!available)('counts concurrent hits from two instances as one limit', async () => {
    clock = 10 * W + 1000;
    const hits = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).hit(`q:${name}:burst`, W, 5));
    const results = await Promise.all(hits);
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    for (const r of results.filter((x) => !x.allowed)) expect(r.retryAfterMs).toBeGreaterThan(0);
  });

  it.skipIf(!available)('slides across the bucket boundary, and refusals are not counted', async () => {
    const key = `q:${name}:slide`;
    clock = 20 * W - 2000;
    for (let i = 0; i < 5; i++) await a.hit(key, W, 3);
    clock = 20 * W + 1000;
    // 3 allowed hits still weigh 3 × 59/60 in the new bucket: no room yet.
    expect((await b.hit(key, W, 3)).allowed).toBe(false);
    clock = 20 * W + W / 3 + 1000;
    expect((await b.hit(key, W, 3)).allowed).toBe(true);
    expect((await a.hit(key, W, 3)).allowed).toBe(false);
    clock = 22 * W + 1;
    expect((await a.hit(key, W, 3)).count).toBe(1);
  });

  it.skipIf(!available)('reset on one instance clears the key for the other', async () => {
    const key = `login-account:${name}`;
    clock = 30 * W;
    for (let i = 0; i < 4; i++) await a.hit(key, 15 * W, 4);
    expect((await b.hit(key, 15 * W, 4)).allowed).toBe(false);
    await b.reset(key, 15 * W);
    expect(await a.hit(key, 15 * W, 4)).toMatchObject({ allowed: true, count: 1 });
  });
});

describe.skipIf(!mysqlAvailable)('the SQL table', () => {
  it('is created when missing and keeps digests, not names or addresses', async () => {
    const db = await openDb(parseDbUrl(mysqlUrl!));
    dbs.push(db);
    const c = new WindowCounters(await sqlBuckets(db, now), now);
    await c.hit('login-address:203.0.113.7', W, 3);
    const r = await db.query(`SELECT k FROM ${COUNTERS_TABLE}`);
    for (const row of r.rows) expect(String(row.k)).toMatch(/^[0-9a-f]{64}$/);
  });
});
