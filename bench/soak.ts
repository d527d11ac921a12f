// Soak and fault run against a real server process, loopback only and bounded in time and clients:
// clients mix chats, stops (a turn aborted mid-stream), exports, list and read calls; once, the server is
// killed with SIGKILL mid-turn and started again on the same port. Afterwards every conversation must read
// back, no turn may be lost, and the turns in flight at the kill must read as interrupted. Exits 1 on a problem.
//   npx tsx bench/soak.ts [--seconds 60] [--clients 16] [--db sqlite:PATH] [--no-crash] [--seed 1]
//     [--mysql mysql://root@127.0.0.1:3306[/db]] [--dynamo]
// Without --db or --mysql it seeds a small SQLite warehouse (scale 0.1) in a temp folder. --mysql without a
// database name seeds a fresh one (dropped at the end); with one it is used as it is. --dynamo starts dynalite
// on loopback in this process and points the conversation store at it (TIDELENS_STORE=dynamo).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import mysql from 'mysql2/promise';
import { processIo } from '../src/cli/command.ts';
import { seedCommand } from '../src/cli/commands/seed.ts';
import { openDb, parseDbUrl } from '../src/db/index.ts';
import { UserRepo } from '../src/server/auth/users.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '16' },
    db: { type: 'string' },
    mysql: { type: 'string' },
    dynamo: { type: 'boolean', default: false },
    'no-crash': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});
const seconds = Math.min(Number(values.seconds), 300);
const clientCount = Math.min(Number(values.clients), 32);
const dir = mkdtempSync(join(tmpdir(), 'tl-soak-'));
const quiet = { ...processIo, out: () => {}, err: () => {} };

// A small seeded PRNG, so two runs with one --seed make the same choices in the same order per client.
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '-');

// ---- the warehouse and the store ------------------------------------------------------------------------

interface Target {
  dbUrl: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

async function seedInto(dbUrl: string, scale: string): Promise<void> {
  const t = performance.now();
  if ((await seedCommand.run(['--db', dbUrl, '--scale', scale, '--force'], quiet)) !== 0)
    throw new Error('seed failed');
  console.log(
    `seeded ${dbUrl.replace(/\/\/[^@]*@/, '//')} at scale ${scale} in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

async function warehouse(): Promise<Target> {
  if (values.mysql) {
    const url = new URL(values.mysql);
    if (url.pathname.length > 1) return { dbUrl: values.mysql, env: {}, cleanup: async () => {} };
    const name = `tidelens_soak_${process.pid}`;
    const admin = async (sql: string) => {
      const c = await mysql.createConnection({ uri: values.mysql });
      await c.query(sql);
      await c.end();
    };
    await admin(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    url.pathname = `/${name}`;
    const dbUrl = url.toString();
    await seedInto(dbUrl, '0.05');
    // The seeder writes the daily rollups into a companion database, `<database>_rollup`.
    const cleanup = async () => {
      await admin(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin(`DROP DATABASE IF EXISTS \`${name}_rollup\``);
    };
    return { dbUrl, env: {}, cleanup };
  }
  if (values.db) return { dbUrl: values.db, env: {}, cleanup: async () => {} };
  const dbUrl = `sqlite:${join(dir, 'warehouse.db')}`;
  await seedInto(dbUrl, '0.1');
  return { dbUrl, env: {}, cleanup: async () => {} };
}

async function store(): Promise<Target> {
  if (!values.dynamo) {
    return {
      dbUrl: '',
      env: { TIDELENS_STORE: 'sqlite', TIDELENS_STORE_PATH: join(dir, 'conversations.db') },
      cleanup: async () => {},
    };
  }
  // Test support, not the app: the same loopback dynalite the fleet tests use.
  const { startDynalite, DYNAMO_ENV } = await import('../test/fleet/services.ts');
  const d = await startDynalite();
  const table = await d.table(`soak-${process.pid}`);
  return {
    dbUrl: '',
    env: { ...DYNAMO_ENV, TIDELENS_STORE: 'dynamo', DYNAMO_ENDPOINT: d.endpoint, DYNAMO_TABLE: table },
    cleanup: () => d.close(),
  };
}

// ---- the server process ---------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });
}

class ServerProcess {
  child?: ChildProcess;
  readonly rssMb: number[] = [];
  private sampler?: NodeJS.Timeout;

  constructor(
    readonly port: number,
    readonly dbUrl: string,
    readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['bin/tidelens.js', 'serve', '--port', String(this.port), '--host', '127.0.0.1', '--db', this.dbUrl];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err = (err + d.toString()).slice(-4000);
        if (err.includes('is listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
    });
    clearInterval(this.sampler);
    this.sampler = setInterval(() => this.sample(), 1000);
  }

  private sample(): void {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child!.pid}/status`, 'utf8'));
      if (m) this.rssMb.push(Number(m[1]) / 1024);
    } catch {
      // Between a kill and the restart there is no process to read.
    }
  }

  /** SIGKILL: no shutdown hook runs, as when the host dies. */
  async kill(): Promise<void> {
    const child = this.child!;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    const t = performance.now();
    child.kill('SIGTERM');
    // Bounded: a server that does not stop within 15 s is reported and killed, not waited for.
    // At 10 s SIGUSR2 first: run with NODE_OPTIONS=--report-on-signal and the server writes a diagnostic report
    // (its open handles and threads) of what held it.
    const report = setTimeout(() => child.kill('SIGUSR2'), 10_000);
    const late = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(report);
    clearTimeout(late);
    const how =
      child.signalCode === 'SIGKILL' || child.signalCode === 'SIGUSR2'
        ? 'did NOT stop within 10 s of SIGTERM and was killed'
        : 'stopped';
    console.log(`server ${how} (${ms(performance.now() - t)} after SIGTERM)`);
  }
}

// ---- what the clients record ----------------------------------------------------------------------------

interface TurnSeen {
  turnId: string;
  conversationId: string;
  client: number;
  ended: 'done' | 'stopped' | 'error' | 'cut';
  /** The server was killed while this turn was in flight. */
  atCrash: boolean;
  /** When the client stopped it (performance.now()). */
  stoppedAt?: number;
}

class Recorded {
  readonly latency = new Map<string, number[]>();
  readonly outcomes = new Map<string, number>();
  readonly turns = new Map<string, TurnSeen>();
  readonly inFlight = new Set<string>();
  readonly firstEvent: number[] = [];
  /** When the server was killed (performance.now()). */
  crashedAt?: number;

  time(route: string, ms: number): void {
    const xs = this.latency.get(route) ?? [];
    xs.push(ms);
    this.latency.set(route, xs);
  }

  count(route: string, code: string): void {
    const k = `${route} ${code}`;
    this.outcomes.set(k, (this.outcomes.get(k) ?? 0) + 1);
  }
}

const rec = new Recorded();

const QUESTIONS = [
  'Why did sales drop in July 2025?',
  'why did July drop?',
  'Top 10 products last quarter',
  '本月各渠道销售额对比',
  'sales by channel in 2025',
  'How did conversion change vs last year?',
  'Why did revenue fall last month?',
];

async function errorCode(r: Response): Promise<string> {
  const text = await r.text().catch(() => '');
  try {
    return `${r.status} ${(JSON.parse(text) as { code?: string }).code ?? ''}`.trim();
  } catch {
    return String(r.status);
  }
}

function networkCode(e: unknown): string {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err.name === 'AbortError') return 'aborted';
  return err.cause?.code ?? err.name ?? 'error';
}

// ---- clients --------------------------------------------------------------------------------------------

interface Client {
  n: number;
  headers: Record<string, string>;
  rnd: () => number;
  conversations: string[];
}

async function login(url: string, dbUrl: string, n: number): Promise<Client> {
  const appDb = await openDb(parseDbUrl(dbUrl));
  const name = `soak-${process.pid}-${n}`;
  const { password } = await new UserRepo(appDb).create(name, 'analyst');
  await appDb.close();
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, password }),
  });
  if (!r.ok) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  return { n, headers: { cookie }, rnd: prng(Number(values.seed) * 1000 + n), conversations: [] };
}

/** One turn; `stop` aborts it a random moment after its first event, as the stop button does. */
async function chat(url: string, c: Client, stop: boolean): Promise<void> {
  const route = stop ? 'POST /api/chat (stopped)' : 'POST /api/chat (turn)';
  const ac = new AbortController();
  const t = performance.now();
  const conversationId = c.conversations.length && c.rnd() < 0.5 ? c.conversations.at(-1) : undefined;
  const message = QUESTIONS[Math.floor(c.rnd() * QUESTIONS.length)]!;
  let turn: TurnSeen | undefined;
  let answered = false;
  try {
    const r = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { ...c.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ message, conversationId }),
      signal: ac.signal,
    });
    answered = true;
    if (!r.ok) return rec.count(route, await errorCode(r));
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (let x = await reader.read(); !x.done; x = await reader.read()) {
      buf += x.value;
      if (turn) continue;
      const m = /event: turn_started\ndata: (.+)\n/.exec(buf);
      if (!m) continue;
      const ev = JSON.parse(m[1]!) as { conversationId: string; turnId: string };
      turn = { turnId: ev.turnId, conversationId: ev.conversationId, client: c.n, ended: 'cut', atCrash: false };
      rec.turns.set(turn.turnId, turn);
      rec.inFlight.add(turn.turnId);
      rec.firstEvent.push(performance.now() - t);
      if (!c.conversations.includes(ev.conversationId)) c.conversations.push(ev.conversationId);
      if (stop) setTimeout(() => ac.abort(), 50 + c.rnd() * 1500);
    }
    const ended = buf.includes('event: done') ? 'done' : buf.includes('event: error') ? 'error' : 'cut';
    if (turn) turn.ended = ended;
    rec.count(route, ended === 'done' ? '200 done' : `200 ${ended}`);
  } catch (e) {
    const code = networkCode(e);
    if (turn) turn.ended = code === 'aborted' ? 'stopped' : 'cut';
    if (turn && code === 'aborted') turn.stoppedAt = performance.now();
    rec.count(route, code === 'aborted' ? 'stopped' : code);
    if (!answered) await pause(c, 250);
  } finally {
    if (turn) rec.inFlight.delete(turn.turnId);
    // Latency is that of answered requests; refused connections while the server is down are counted only.
    if (answered) rec.time(route, performance.now() - t);
  }
}

async function get(url: string, c: Client, path: string, route: string): Promise<void> {
  const t = performance.now();
  try {
    const r = await fetch(url + path, { headers: c.headers });
    if (r.ok) {
      await r.arrayBuffer();
      rec.count(route, String(r.status));
    } else rec.count(route, await errorCode(r));
    rec.time(route, performance.now() - t);
  } catch (e) {
    rec.count(route, networkCode(e));
    await pause(c, 250);
  }
}

/** A client retrying a server that is down waits a little, as a browser's reconnect would. */
function pause(c: Client, meanMs: number): Promise<void> {
  return new Promise((r) => setTimeout(r, meanMs / 2 + c.rnd() * meanMs));
}

async function act(url: string, c: Client): Promise<void> {
  const roll = c.rnd();
  const conv = c.conversations[Math.floor(c.rnd() * c.conversations.length)];
  if (roll < 0.35) return chat(url, c, false);
  if (roll < 0.5) return chat(url, c, true);
  if (roll < 0.65 && conv) {
    const format = (['md', 'html', 'csv'] as const)[Math.floor(c.rnd() * 3)];
    return get(url, c, `/api/conversations/${conv}/export?format=${format}`, 'GET /api/conversations/:id/export');
  }
  if (roll < 0.75 && conv) return get(url, c, `/api/conversations/${conv}`, 'GET /api/conversations/:id');
  await get(url, c, '/api/conversations', 'GET /api/conversations');
  // A person reads between list calls; without the pause sixteen clients would only measure the list.
  await pause(c, 300);
}

/** Kills the server while at least one turn is in flight, then starts it again on the same port. */
async function crash(server: ServerProcess): Promise<string> {
  const waitUntil = performance.now() + 15_000;
  while (rec.inFlight.size === 0 && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 20));
  for (const id of rec.inFlight) rec.turns.get(id)!.atCrash = true;
  const inFlight = rec.inFlight.size;
  rec.crashedAt = performance.now();
  await server.kill();
  const t = performance.now();
  await server.start();
  const back = ms(performance.now() - t);
  return `killed the server (SIGKILL) with ${inFlight} turns in flight; it was listening again after ${back}`;
}

// ---- integrity afterwards -------------------------------------------------------------------------------

interface TurnView {
  turnId: string;
  status?: 'running' | 'done' | 'interrupted';
}

/** Every conversation a client saw must list and read back, with every turn it saw started, in the right state. */
async function integrity(url: string, clients: Client[]): Promise<string[]> {
  const problems: string[] = [];
  const found = new Map<string, TurnView>();
  let conversations = 0;
  for (const c of clients) {
    const list = (await (await fetch(`${url}/api/conversations?limit=200`, { headers: c.headers })).json()) as {
      conversations: { id: string }[];
    };
    const listed = new Set(list.conversations.map((x) => x.id));
    for (const id of c.conversations) {
      conversations++;
      if (!listed.has(id)) problems.push(`conversation ${id} of client ${c.n} is not listed`);
      const r = await fetch(`${url}/api/conversations/${id}`, { headers: c.headers });
      if (!r.ok) {
        problems.push(`conversation ${id} reads ${r.status}`);
        continue;
      }
      for (const t of ((await r.json()) as { turns: TurnView[] }).turns) found.set(t.turnId, t);
    }
  }
  const tally = { seen: 0, done: 0, stopped: 0, interrupted: 0, running: 0 };
  const atCrash = new Map<string, number>();
  for (const t of rec.turns.values()) {
    tally.seen++;
    if (t.atCrash) {
      const k = found.get(t.turnId)?.status ?? (found.has(t.turnId) ? 'done' : 'lost');
      atCrash.set(k, (atCrash.get(k) ?? 0) + 1);
    }
    const stored = found.get(t.turnId);
    const status = stored?.status ?? 'done';
    const problem = !stored ? 'is lost' : misread(t, status);
    if (problem) problems.push(`turn ${t.turnId} (${t.atCrash ? 'cut by the kill' : t.ended}) ${problem}`);
    if (!stored) continue;
    if (status === 'interrupted') tally.interrupted++;
    else if (status === 'running') tally.running++;
    else if (t.ended === 'stopped') tally.stopped++;
    else tally.done++;
  }
  console.log(
    `integrity: ${conversations} conversations, ${tally.seen} turns seen started: ${tally.done} done, ` +
      `${tally.stopped} stopped, ${tally.interrupted} interrupted` +
      (tally.running ? `, ${tally.running} still running (shared store: interrupted after 10 min)` : '') +
      `; ${problems.length} problems`,
  );
  const cut = [...atCrash].map(([k, n]) => `${n} ${k}`).join(', ');
  console.log(`turns in flight at the kill now read: ${cut || 'none'}`);
  return problems;
}

/** What a turn must read as, by how it ended for the client; undefined when it reads right. */
function misread(t: TurnSeen, status: string): string | undefined {
  if (t.atCrash) {
    // It may have been stored as finished just before the kill. A shared store (DynamoDB) cannot tell a dead
    // server's turn from a live instance's, so it reads such a turn as running until it is 10 minutes old.
    if (status === 'interrupted' || status === 'done') return undefined;
    if (status === 'running' && values.dynamo) return undefined;
    return `reads ${status}`;
  }
  // A turn stopped just before the kill may not have had its end written yet: the kill cut it.
  const cutAfterStop = rec.crashedAt !== undefined && (t.stoppedAt ?? Infinity) <= rec.crashedAt;
  if (t.ended === 'stopped') {
    return ['cancelled', 'done'].includes(status) || (status === 'interrupted' && cutAfterStop)
      ? undefined
      : `reads ${status}`;
  }
  return status === 'done' ? undefined : `reads ${status}`;
}

function report(servers: ServerProcess): void {
  console.log('\nroute                                   n     p50       p95       max');
  for (const [route, xs] of [...rec.latency].sort()) {
    console.log(
      [
        route.padEnd(36),
        String(xs.length).padStart(5),
        ...[pct(xs, 50), pct(xs, 95), Math.max(...xs)].map((x) => ms(x).padStart(9)),
      ].join(' '),
    );
  }
  console.log(`first event of a turn: p50 ${ms(pct(rec.firstEvent, 50))}, p95 ${ms(pct(rec.firstEvent, 95))}`);
  console.log('\noutcomes by route and code');
  for (const [k, n] of [...rec.outcomes].sort()) console.log(`  ${k.padEnd(56)} ${n}`);
  const rss = servers.rssMb;
  console.log(
    `\nserver RSS: first ${rss[0]?.toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB, ` +
      `last ${rss.at(-1)?.toFixed(0)} MB`,
  );
}

// ---- main -----------------------------------------------------------------------------------------------

const wh = await warehouse();
const st = await store();
const server = new ServerProcess(await freePort(), wh.dbUrl, {
  ...st.env,
  TIDELENS_PROVIDER: 'offline',
  TIDELENS_UI_DIR: join(dir, 'ui'),
  // The per-user question limit would turn a soak into a rate-limit test; the export limit stays as shipped.
  TIDELENS_QUESTIONS_PER_MINUTE: '100000',
  // All clients log in from 127.0.0.1, and the counters outlive a run on a reused warehouse file.
  TIDELENS_LOGIN_MAX_PER_ADDRESS: '10000',
});
let failed = false;
try {
  await server.start();
  const clients = await Promise.all(Array.from({ length: clientCount }, (_, i) => login(server.url, wh.dbUrl, i)));
  // A third of the way in, so the restarted server (its start takes seconds) still sees most of the load.
  const crashAt = values['no-crash'] ? Infinity : (seconds * 1000) / 3;
  console.log(
    `${clientCount} clients for ${seconds} s against ${wh.dbUrl.replace(/\/\/[^@]*@/, '//')}, ` +
      `store ${st.env.TIDELENS_STORE}` +
      (values['no-crash'] ? '' : `; SIGKILL mid-turn at ${(seconds / 3).toFixed(0)} s`),
  );
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  const crashed = Number.isFinite(crashAt)
    ? new Promise((r) => setTimeout(r, crashAt)).then(() => crash(server))
    : Promise.resolve('no crash');
  await Promise.all([
    ...clients.map(async (c) => {
      while (performance.now() < end) await act(server.url, c);
    }),
    crashed.then((line) => console.log(line)),
  ]);
  console.log(`ran ${((performance.now() - start) / 1000).toFixed(1)} s (clients finish their last action)`);
  report(server);
  const problems = await integrity(server.url, clients);
  for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  failed = problems.length > 0;
} finally {
  await server.stop();
  await st.cleanup();
  await wh.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
