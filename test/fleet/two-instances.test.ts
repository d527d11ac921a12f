// Two `tidelens serve` processes behind no load balancer but the test, sharing what a fleet shares: the app
// database on MariaDB (users, sessions) and the conversation table in DynamoDB (dynalite). Requests spread
// over both are limited as one (log-in failures, questions per minute), a session made on one works on the
// other, a conversation started on one continues on the other, and one killed mid-turn leaves the question
// for the others, and a stop sent to one instance stops the turn another one runs. A second pair keeps its
// conversations in SQLite, so its limits are counted in MariaDB.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaDdl } from '../../seed/ddl.ts';
import { processIo } from '../../src/cli/command.ts';
import { seedCommand } from '../../src/cli/commands/seed.ts';
import { openDb, parseDbUrl } from '../../src/db/index.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { UserRepo } from '../../src/server/auth/users.ts';
import { APP_TABLES } from '../../src/warehouse/schema.ts';
import { parseSse } from '../server/support.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { startInstance, type Instance } from './instance.ts';
import { DYNAMO_ENV, startDynalite, startHangingModel, type Dynalite } from './services.ts';

const PER_ACCOUNT = 4;
const PER_MINUTE = 3;
const USERS = ['ana', 'kim', 'lee', 'lou', 'quinn', 'quade', 'sam'] as const;
const password = (u: string) => `${u}-tidelens-Pass-8`;

let dir: string;
let appDbUrl: string;
let dyn: Dynalite;
let model: Awaited<ReturnType<typeof startHangingModel>> | undefined;
const fleets: Record<'dynamo' | 'mariadb' | 'doomed' | 'hung', Instance[]> = {
  dynamo: [],
  mariadb: [],
  doomed: [],
  hung: [],
};

async function prepare(): Promise<Record<string, string>> {
  dir = mkdtempSync(join(tmpdir(), 'tl-fleet-'));
  const warehouse = join(dir, 'warehouse.db');
  const quiet = { ...processIo, out: () => {}, err: () => {} };
  const seeded = seedCommand.run(['--db', `sqlite:${warehouse}`, '--scale', '0.02', '--force'], quiet);
  dyn = await startDynalite();
  const table = await dyn.table(`fleet-${process.pid}`);
  appDbUrl = await freshMysqlDb('fleet');
  const db = await openDb(parseDbUrl(appDbUrl));
  for (const s of schemaDdl('mysql', APP_TABLES)) await db.execute(s);
  const users = new UserRepo(db);
  for (const u of USERS) await users.create(u, 'analyst', password(u));
  await db.close();
  if ((await seeded) !== 0) throw new Error('seeding the warehouse failed');
  // The instances open the warehouse read-only (their app tables are on MariaDB): switch it to WAL first.
  await openSqlite(warehouse).close();
  // The API is what is under test: a placeholder page keeps the server from building the UI.
  mkdirSync(join(dir, 'ui'));
  writeFileSync(join(dir, 'ui', 'index.html'), '<!doctype html><title>fleet</title>');
  return {
    TIDELENS_DB: `sqlite:${warehouse}`,
    TIDELENS_APP_DB: appDbUrl,
    TIDELENS_PROVIDER: 'offline',
    TIDELENS_UI_DIR: join(dir, 'ui'),
    TIDELENS_LOGIN_MAX_PER_ACCOUNT: String(PER_ACCOUNT),
    TIDELENS_QUESTIONS_PER_MINUTE: String(PER_MINUTE),
    DYNAMO_TABLE: table,
    DYNAMO_ENDPOINT: dyn.endpoint,
    ...DYNAMO_ENV,
  };
}

beforeAll(async () => {
  if (!mysqlAvailable) return;
  const env = await prepare();
  const dynamo = { ...env, TIDELENS_STORE: 'dynamo' };
  const sqlite = (n: number) => ({ ...env, TIDELENS_STORE: 'sqlite', TIDELENS_STORE_PATH: join(dir, `conv-${n}.db`) });
  model = await startHangingModel();
  // A third member of the DynamoDB fleet whose model never finishes, to be killed mid-turn.
  const doomed = { ...dynamo, TIDELENS_PROVIDER: 'openai', OPENAI_BASE_URL: model.baseUrl, OPENAI_MODEL: 'hang' };
  const started = await Promise.allSettled([
    startInstance('dynamo-1', dynamo),
    startInstance('dynamo-2', dynamo),
    startInstance('mariadb-1', sqlite(1)),
    startInstance('mariadb-2', sqlite(2)),
    startInstance('doomed', doomed),
    // And one whose turns hang until stopped from another instance.
    startInstance('hung', doomed),
  ]);
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  fleets.dynamo = up.filter((i) => i.name.startsWith('dynamo'));
  fleets.mariadb = up.filter((i) => i.name.startsWith('mariadb'));
  fleets.doomed = up.filter((i) => i.name === 'doomed');
  fleets.hung = up.filter((i) => i.name === 'hung');
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  // Seven servers starting at once on a shared two-core machine.
}, 240_000);

afterAll(async () => {
  await Promise.all(Object.values(fleets).flatMap((f) => f.map((i) => i.stop())));
  await model?.close();
  await dyn?.close();
  if (appDbUrl) await dropMysqlDb(appDbUrl);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const post = (i: Instance, path: string, body: unknown, cookie = '') =>
  fetch(`${i.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });

async function login(i: Instance, username: string): Promise<string> {
  const res = await post(i, '/api/auth/login', { username, password: password(username) });
  if (res.status !== 200) throw new Error(`log-in of ${username} on ${i.name}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** One question: how it ended ('rate_limit' whether refused by the route with 429 or by the turn) and its ids. */
async function ask(i: Instance, cookie: string, message: string, conversationId?: string) {
  const res = await post(i, '/api/chat', { message, ...(conversationId ? { conversationId } : {}) }, cookie);
  if (res.status === 429) return { stop: 'rate_limit', conversationId: undefined };
  expect(res.status).toBe(200);
  const events = parseSse(await res.text());
  const started = events.find((e) => e.event === 'turn_started')?.data as { conversationId: string } | undefined;
  const done = events.find((e) => e.event === 'done')?.data as { turn: { stopReason: string } } | undefined;
  return { stop: done?.turn.stopReason ?? 'no done event', conversationId: started?.conversationId };
}

describe.skipIf(!mysqlAvailable).each([
  ['DynamoDB', 'dynamo', 'lee', 'quinn'],
  ['MariaDB', 'mariadb', 'lou', 'quade'],
] as const)('two instances, limits counted in %s', (_where, fleet, account, asker) => {
  it('limits log-in failures spread over both instances as one', async () => {
    const [a, b] = fleets[fleet];
    const attempt = (i: Instance, username: string, pw = 'not-the-password') =>
      post(i, '/api/auth/login', { username, password: pw }).then((r) => r.status);
    // Taking turns: the first PER_ACCOUNT failures count on both, then the account is locked on both.
    const turns: number[] = [];
    for (let n = 0; n < PER_ACCOUNT + 2; n++) turns.push(await attempt(n % 2 ? a! : b!, account));
    expect(turns).toEqual([...Array(PER_ACCOUNT).fill(401), 429, 429]);
    for (const i of [a!, b!]) {
      const res = await post(i, '/api/auth/login', { username: account, password: password(account) });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // All at once: the counter is atomic, so no more guesses than the limit get through. (A name with no
    // account has one key; a real account's two keys can refuse a little early under a burst, never late.)
    const burst = Array.from({ length: 3 * PER_ACCOUNT }, (_, n) => attempt(n % 2 ? a! : b!, `ghost-${fleet}`));
    const statuses = await Promise.all(burst);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * PER_ACCOUNT);
  });

  it('limits questions per minute spread over both instances as one', async () => {
    const [a, b] = fleets[fleet];
    const cookie = await login(a!, asker);
    const asked = Array.from({ length: 2 * PER_MINUTE }, (_, n) => ask(n % 2 ? a! : b!, cookie, 'net sales by month'));
    const stops = (await Promise.all(asked)).map((r) => r.stop);
    expect(stops.filter((s) => s === 'rate_limit')).toHaveLength(PER_MINUTE);
    expect(stops.filter((s) => s !== 'rate_limit')).toEqual(Array(PER_MINUTE).fill('end_turn'));
  });
});

describe.skipIf(!mysqlAvailable)('two instances, shared sessions and conversations', () => {
  it('accepts a session made on one instance on the other, and ends it on both', async () => {
    const [a, b] = fleets.dynamo;
    const [c] = fleets.mariadb;
    const cookie = await login(a!, 'ana');
    for (const i of [b!, c!]) expect((await fetch(`${i.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    await post(b!, '/api/auth/logout', {}, cookie);
    expect((await fetch(`${a!.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('continues a conversation started on one instance on the other', async () => {
    const [a, b] = fleets.dynamo;
    const cookie = await login(b!, 'ana');
    const first = await ask(a!, cookie, 'net sales by month');
    expect(first.stop).toBe('end_turn');
    const second = await ask(b!, cookie, 'only Amazon?', first.conversationId);
    expect(second).toMatchObject({ stop: 'end_turn', conversationId: first.conversationId });
    const res = await fetch(`${a!.url}/api/conversations/${first.conversationId}`, { headers: { cookie } });
    const detail = (await res.json()) as { turns: { question: string }[] };
    expect(detail.turns.map((t) => t.question)).toEqual(['net sales by month', 'only Amazon?']);
  });

  it('keeps the question of a turn whose instance was killed mid-turn, and the conversation goes on elsewhere', async () => {
    const [doomed] = fleets.doomed;
    const [, b] = fleets.dynamo;
    const cookie = await login(b!, 'kim');
    const res = await post(doomed!, '/api/chat', { message: 'why did July drop?' }, cookie);
    const reader = res.body!.getReader();
    let seen = '';
    while (!/event: text/.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    const conversationId = /"conversationId":"([^"]+)"/.exec(seen)![1]!;
    await doomed!.kill();
    await reader.cancel().catch(() => {});
    const read = async () => {
      const r = await fetch(`${b!.url}/api/conversations/${conversationId}`, { headers: { cookie } });
      return ((await r.json()) as { turns: { question: string; status?: string }[] }).turns;
    };
    expect(await read()).toEqual([expect.objectContaining({ question: 'why did July drop?', status: 'running' })]);
    const next = await ask(b!, cookie, 'net sales by month', conversationId);
    expect(next).toMatchObject({ stop: 'end_turn', conversationId });
    expect((await read()).map((t) => t.question)).toEqual(['why did July drop?', 'net sales by month']);
  });
});

describe.skipIf(!mysqlAvailable)('a stop request', () => {
  it('sent to one instance stops the turn another instance runs', async () => {
    const [hung] = fleets.hung;
    const [, b] = fleets.dynamo;
    const cookie = await login(b!, 'sam');
    const res = await post(hung!, '/api/chat', { message: 'why did July drop?' }, cookie);
    const reader = res.body!.getReader();
    let seen = '';
    while (!/event: text/.test(seen)) seen += new TextDecoder().decode((await reader.read()).value);
    const { conversationId, turnId } = JSON.parse(/event: turn_started\ndata: (.*)\n/.exec(seen)![1]!) as {
      conversationId: string;
      turnId: string;
    };
    const stopped = await post(b!, `/api/chat/${turnId}/stop`, {}, cookie);
    expect(stopped.status).toBe(202);
    // The hanging model never answers: the stream ends only because the stop reached the turn.
    for (let r = await reader.read(); !r.done; r = await reader.read()) seen += new TextDecoder().decode(r.value);
    const done = parseSse(seen).find((e) => e.event === 'done')?.data as { turn: { stopReason: string } };
    expect(done.turn.stopReason).toBe('cancelled');
    const detail = await fetch(`${b!.url}/api/conversations/${conversationId}`, { headers: { cookie } });
    const turns = ((await detail.json()) as { turns: { status?: string }[] }).turns;
    expect(turns).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  }, 30_000);
});
