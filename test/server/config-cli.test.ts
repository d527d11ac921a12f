// Start-up settings (one line per mistake) and the users command on a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_TABLES } from '../../src/warehouse/schema.ts';
import { schemaDdl } from '../../seed/ddl.ts';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/command.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { verifyPassword } from '../../src/server/auth/password.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { loadHttpConfig } from '../../src/server/http-config.ts';

describe('loadHttpConfig', () => {
  it('has safe defaults', () => {
    expect(loadHttpConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      cookieSecure: 'auto',
      trustProxy: false,
      sessionTtlMs: 12 * 3_600_000,
    });
  });

  it('reports every mistake on its own line, naming the variable', () => {
    let msg = '';
    try {
      loadHttpConfig({
        PORT: 'eighty',
        TIDELENS_COOKIE_SECURE: 'maybe',
        TIDELENS_TRUST_PROXY: 'si',
        TIDELENS_SESSION_HOURS: '0',
        TIDELENS_APP_DB: 'postgres://x',
      });
    } catch (e) {
      msg = (e as Error).message;
    }
    const lines = msg.split('\n').slice(1);
    expect(lines).toHaveLength(5);
    for (const v of [
      'PORT',
      'TIDELENS_COOKIE_SECURE',
      'TIDELENS_TRUST_PROXY',
      'TIDELENS_SESSION_HOURS',
      'TIDELENS_APP_DB',
    ]) {
      expect(lines.some((l) => l.includes(v))).toBe(true);
    }
  });
});

describe('tidelens users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-users-'));
  const path = join(dir, 'w.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (argv: string[], stdin = '') => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      isTty: false,
      env: { TIDELENS_DB: `sqlite:${path}` },
      stdin: async () => stdin,
    };
    const code = await main(['users', ...argv], io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('adds users with a generated or piped password, lists, changes roles and disables', async () => {
    const db = openSqlite(path, { create: true });
    for (const s of schemaDdl('sqlite', APP_TABLES)) await db.execute(s);
    await db.close();

    const added = await run(['add', 'maria', '--role', 'analyst']);
    expect(added.code).toBe(0);
    const generated = /password: (\S+)/.exec(added.out)![1]!;
    expect(generated).toHaveLength(20);
    expect((await run(['add', 'li', '--role', 'viewer', '--password-stdin'], 'a-long-piped-secret\n')).code).toBe(0);
    expect((await run(['add', 'maria', '--role', 'viewer'])).err).toMatch(/already exists/);
    expect((await run(['add', 'x', '--role', 'boss'])).code).toBe(2);
    expect((await run(['add', 'short', '--role', 'viewer', '--password-stdin'], 'tiny')).err).toMatch(/at least 12/);
    expect((await run(['set-role', 'li', '--role', 'analyst'])).code).toBe(0);
    expect((await run(['disable', 'maria'])).code).toBe(0);
    const list = (await run(['list'])).out;
    expect(list).toMatch(/maria\tanalyst\t.*\tdisabled/);
    expect(list).toMatch(/li\tanalyst/);

    const check = openSqlite(path);
    const repo = new UserRepo(check);
    expect(await verifyPassword(generated, (await repo.withHash('maria'))!.passwordHash)).toBe(true);
    expect(await verifyPassword('a-long-piped-secret', (await repo.withHash('li'))!.passwordHash)).toBe(true);
    expect((await repo.withHash('li'))!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    await check.close();
  }, 30_000);
});
