// Logins with platform_users/user_sessions on MariaDB: the production path when TIDELENS_APP_DB is mysql://.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TABLES } from '../../src/warehouse/schema.ts';
import { schemaDdl } from '../../seed/ddl.ts';
import { openDb, parseDbUrl, type Db } from '../../src/db/index.ts';
import { createApp } from '../../src/server/app.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { loadHttpConfig } from '../../src/server/http-config.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { login, ScriptedAssistant } from './support.ts';
import { openTestStore } from './store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe.skipIf(!mysqlAvailable)('auth on MariaDB', () => {
  let url: string;
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    url = await freshMysqlDb('server_auth');
    db = await openDb(parseDbUrl(url));
    for (const s of schemaDdl('mysql', APP_TABLES)) await db.execute(s);
    dir = mkdtempSync(join(tmpdir(), 'tl-auth-mysql-'));
  });
  afterAll(async () => {
    await db?.close();
    if (url) await dropMysqlDb(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates users with distinct ids, logs in, checks the session, logs out', async () => {
    const users = new UserRepo(db);
    const a = await users.create('ana', 'analyst', 'analyst-password-1');
    const b = await users.create('vic', 'viewer');
    expect(b.user.id).toBe(a.user.id + 1);
    const store = await openTestStore(dir);
    const app = createApp({
      assistant: new ScriptedAssistant(),
      store,
      db,
      config: loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui') }),
      log: () => {},
    });
    const cookie = await login(app, 'ana', 'analyst-password-1');
    const me = await app.request('/api/me', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { username: 'ana', role: 'analyst' } });
    await app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    await users.update(b.user.id, { disabled: true });
    await expect(login(app, 'vic', b.password)).rejects.toThrow(/401/);
    await store.close();
  }, 30_000);

  it('M1: after a lockout, collation variants of the name get no extra guesses and cannot log in', async () => {
    const users = new UserRepo(db);
    await users.create('mia', 'analyst', 'mia-tidelens-Pass-8');
    const store = await openTestStore(dir);
    const config = loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui'), TIDELENS_LOGIN_MAX_PER_ACCOUNT: '5' });
    const app = createApp({ assistant: new ScriptedAssistant(), store, db, config, log: () => {} });
    const attempt = (username: string, password: string) =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    // The collation is what makes the variants dangerous: each one finds mia's row.
    expect((await users.withHash('ＭＩＡ'))?.username).toBe('mia');
    expect((await users.withHash('mïa'))?.username).toBe('mia');
    for (let i = 0; i < 5; i++) expect((await attempt('mia', 'wrong-password')).status).toBe(401);
    for (const variant of ['mia', 'mïa', 'mía', 'MIA', 'ＭＩＡ']) {
      expect((await attempt(variant, 'wrong-password')).status, variant).toBe(429);
    }
    expect((await attempt('ＭＩＡ', 'mia-tidelens-Pass-8')).status).toBe(429);
    await expect(users.create('MIA', 'viewer', 'other-tidelens-Pass-9')).rejects.toThrow(/already exists/);
    await store.close();
  }, 30_000);
});
