// `tidelens seed` through main(): bad input, unreachable or refusing servers, and the refusal to
// overwrite a database Tidelens did not create.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { captureIo } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'tl-seed-cli-'));

async function run(...argv: string[]) {
  const io = captureIo({});
  const code = await main(['seed', ...argv], io);
  return { code, out: io.outLines.join('\n'), err: io.errLines.filter((l) => !l.startsWith('seed: ')).join('\n') };
}

describe('tidelens seed: bad input gives one clear line and a non-zero exit', () => {
  it.each([
    [['--scale', 'abc'], /--scale must be a number/],
    [['--scale', '0'], /--scale must be a number above 0/],
    [['--seed', '1.5'], /--seed must be a whole number/],
    [['--from', '2024-02-30'], /--from "2024-02-30" is not a real calendar date/],
    [['--to', 'yesterday'], /--to "yesterday" is not a date/],
    [['--from', '2025-01-01', '--to', '2025-01-10'], /at least 60 days/],
    [['--from', '2025-01-01'], /outside the data span/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--db', 'postgres://x/y'], /unknown database address/],
    [['--scenario', '/nonexistent/s.json'], /cannot read scenario file/],
  ])('%j', async (argv, msg) => {
    // The case's own flags come last so they win over the default --db.
    const r = await run('--db', `sqlite:${join(dir, 'never.db')}`, '--scale', '0.01', ...(argv as string[]));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(msg);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('a scenario that fails validation names the field', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(
      f,
      JSON.stringify({
        name: 'x',
        target: {
          metric: 'net_sales',
          period: { from: '2025-07-01', to: '2025-07-31' },
          comparisons: [{ label: 'm', from: '2025-06-01', to: '2025-06-30' }],
        },
        events: [{ id: 'a', kind: 'stockout', start: '2025-07-01', end: '2025-07-10', segment: {}, magnitude: 1 }],
      }),
    );
    const r = await run('--scenario', f, '--db', `sqlite:${join(dir, 'never.db')}`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/events\.0\.segment: stockout needs segment\.skus or segment\.top/);
  });

  it('--help prints the usage', async () => {
    const io = captureIo();
    expect(await main(['seed', '--help'], io)).toBe(0);
    expect(io.outLines.join('\n')).toMatch(/^Usage: npx tidelens seed/);
  });
});

describe('tidelens seed: refuses a foreign SQLite database unless --force', () => {
  it('refuses, leaves the file alone, then rebuilds with --force', async () => {
    const path = join(dir, 'foreign.db');
    const db = new Database(path);
    db.exec('CREATE TABLE accounting (id INTEGER PRIMARY KEY, amount REAL)');
    db.close();
    const r = await run('--db', `sqlite:${path}`, '--scale', '0.01');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/holds tables Tidelens did not create \(accounting\); refusing .* --force/);
    const again = new Database(path, { readonly: true });
    expect(again.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([
      { name: 'accounting' },
    ]);
    again.close();
    const ok = await run('--db', `sqlite:${path}`, '--scale', '0.01', '--force');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/orders\s+[\d,]+/);
    // A Tidelens database is rebuilt without --force.
    expect((await run('--db', `sqlite:${path}`, '--scale', '0.01')).code).toBe(0);
  });
});

describe.runIf(mysqlAvailable)('tidelens seed on MySQL: errors and refusal', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const u of cleanup) {
      await dropMysqlDb(u);
      rmSync(`./data/${new URL(u).pathname.slice(1)}.manifest.json`, { force: true });
    }
    const c = await mysql.createConnection({ uri: process.env.TIDELENS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306' });
    await c.query("DROP USER IF EXISTS 'tl_seed_noprivs'@'%'");
    await c.query("DROP USER IF EXISTS 'tl_seed_noprivs'@'localhost'");
    await c.end();
  });

  it('an unreachable host', async () => {
    const r = await run('--db', 'mysql://root@127.0.0.1:1/tl_x', '--scale', '0.01');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot reach MySQL at 127\.0\.0\.1:1\/tl_x \(ECONNREFUSED\)/);
  });

  it('a wrong password', async () => {
    const r = await run('--db', 'mysql://tl_nobody:wrong@127.0.0.1:3306/tl_x', '--scale', '0.01');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused the user or password/);
    expect(r.err).not.toMatch(/wrong/);
  });

  it('a user without the privilege to create the database', async () => {
    const c = await mysql.createConnection({ uri: process.env.TIDELENS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306' });
    for (const host of ['%', 'localhost']) {
      await c.query(`DROP USER IF EXISTS 'tl_seed_noprivs'@'${host}'`);
      await c.query(`CREATE USER 'tl_seed_noprivs'@'${host}' IDENTIFIED BY 'pw'`);
    }
    await c.end();
    const r = await run('--db', 'mysql://tl_seed_noprivs:pw@127.0.0.1:3306/tl_seed_denied', '--scale', '0.01');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/lacks a privilege/);
  });

  it('refuses a database with foreign tables, rebuilds with --force', async () => {
    const url = await freshMysqlDb('seed_cli');
    cleanup.push(url);
    const c = await mysql.createConnection({ uri: url });
    await c.query('CREATE TABLE accounting (id INT PRIMARY KEY)');
    await c.end();
    const r = await run('--db', url, '--scale', '0.01');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/holds tables Tidelens did not create \(accounting\); refusing/);
    const ok = await run('--db', url, '--scale', '0.01', '--force');
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
  });
});
