// The rollup's accounts on MariaDB, made from the generated GRANTs: the writer builds and refreshes the rollup
// but cannot touch the warehouse or read personal columns; the assistant's account reads the rollup and
// cannot write it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, parseDbUrl, type Db } from '../../src/db/index.ts';
import { isTidelensError } from '../../src/errors.ts';
import { buildFull, refresh, rollupFor } from '../../src/rollup/index.ts';
import { openRollupWriter } from '../../src/rollup/writer.ts';
import { readOnlyGrants, rollupReadGrants, rollupWriterGrants } from '../../src/warehouse/grants.ts';
import { rollupSchemaName } from '../../src/warehouse/rollup-schema.ts';
import { dropMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { fixtureMysql } from '../parity/support.ts';

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ran',
    (e: unknown) => (isTidelensError(e) ? e.code : String(e)),
  );
}

describe('rollup grants', () => {
  it('are one SELECT on the rollup schema for the assistant, and a schema of its own for the writer', () => {
    const a = { database: 'tidelens', user: 'tidelens_ro', host: '%' };
    expect(rollupReadGrants(a)).toEqual([`GRANT SELECT ON tidelens_rollup.* TO 'tidelens_ro'@'%'`]);
    const w = rollupWriterGrants({ ...a, user: 'tidelens_rollup' });
    expect(w[0]).toBe(
      `GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX ON tidelens_rollup.* TO 'tidelens_rollup'@'%'`,
    );
    expect(w.slice(1).every((g) => g.startsWith('GRANT SELECT'))).toBe(true);
    expect(w.join('\n')).not.toMatch(/shipping_address|ip_address/);
    expect(() => rollupWriterGrants({ ...a, database: 'x; DROP' })).toThrow();
  });
});

describe.skipIf(!mysqlAvailable)('rollup accounts on MariaDB', () => {
  const writer = `tl_rw_${randomBytes(4).toString('hex')}`;
  const reader = `tl_ro_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let url: string;
  let owner: Db;
  let ro: Db;

  beforeAll(async () => {
    ({ db: owner, url } = await fixtureMysql('rollup_grants'));
    const t = parseDbUrl(url);
    if (t.engine !== 'mysql') throw new Error('expected a mysql url');
    for (const [user, grants] of [
      [writer, rollupWriterGrants({ database: t.database, user: writer, host: '%' })],
      [
        reader,
        [
          ...readOnlyGrants({ database: t.database, user: reader, host: '%' }),
          ...rollupReadGrants({ database: t.database, user: reader, host: '%' }),
        ],
      ],
    ] as const) {
      await owner.execute(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
      for (const g of grants) await owner.execute(g);
    }
    ro = await openDb({ ...t, user: reader, password });
  }, 60_000);

  afterAll(async () => {
    await ro?.close();
    for (const u of [writer, reader]) await owner?.execute(`DROP USER IF EXISTS '${u}'@'%'`);
    await owner?.close();
    if (url) await dropMysqlDb(url);
  });

  it('the writer builds and refreshes; the reader reads the rollup and cannot write it', async () => {
    const t = parseDbUrl(url);
    if (t.engine !== 'mysql') throw new Error('expected a mysql url');
    const w = await openRollupWriter({ ...t, user: writer, password });
    try {
      const full = await buildFull(w);
      expect(full.rowCounts.get('daily_orders')).toBeGreaterThan(0);
      // Every stored answer filled: the writer may read what they split by (users.user_level) …
      expect(full.answers.skipped).toEqual([]);
      // … and still no personal column.
      expect(await code(w.rows('SELECT email FROM users LIMIT 1'))).toBe('db_denied');
      expect((await refresh(w, { since: '2025-03-01' })).mode).toBe('refresh');
      expect(await code(w.run('DELETE FROM orders WHERE order_id = 1'))).toBe('db_denied');
      expect(await code(w.rows('SELECT shipping_address FROM orders LIMIT 1'))).toBe('db_denied');
    } finally {
      await w.close();
    }
    expect((await rollupFor(ro))?.through).toBe('2025-03-20');
    const schema = rollupSchemaName(t.database);
    expect(await code(ro.execute(`DELETE FROM ${schema}.daily_orders`))).toBe('db_denied');
  }, 60_000);
});
