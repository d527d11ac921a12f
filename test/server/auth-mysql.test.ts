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
    const app = createApp({ assistant: new ScriptedAssistant(), store, db, config: loadHttpConfig({ TIDELENS_UI_DIR: join(dir, 'ui') }), log: () => {} });
    const cookie = await login(app, 'ana', 'analyst-password-1');
    const me = await app.request('/api/me', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { username: 'ana', role: 'analyst' } });
    await app.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
    expect((await app.request('/api/me', { headers: { cookie } })).status).toBe(401);
    await users.update(b.user.id, { disabled: true });
    await expect(login(app, 'vic', b.password)).rejects.toThrow(/401/);
    await store.close();
  }, 30_000);
});
