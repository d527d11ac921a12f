// SIGTERM ends `tidelens serve` cleanly and soon: after a load of why-questions (the analysis threads, the
// SQLite query threads and keep-alive sockets all used), and in the middle of turns and an export. The server
// runs as production runs it, in its own process; it must exit with code 0 within a bound and log `closed`.
// (Before: an export's chart thread kept the process alive after SIGTERM until it was killed.)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIo } from '../../src/cli/command.ts';
import { seedCommand } from '../../src/cli/commands/seed.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import { UserRepo } from '../../src/server/auth/users.ts';

/** The bound: closing the HTTP server, the pools and the stores takes well under this on an idle machine. */
const EXIT_WITHIN_MS = 15_000;
const WHY = ['why did July drop?', 'Why did revenue fall last month?', 'why did orders change in June 2025?'];

let dir: string;
let dbPath: string;
let password: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tl-shutdown-'));
  dbPath = join(dir, 'warehouse.db');
  const quiet = { ...processIo, out: () => {}, err: () => {} };
  expect(await seedCommand.run(['--db', `sqlite:${dbPath}`, '--scale', '0.1', '--force'], quiet)).toBe(0);
  const db = openSqlite(dbPath);
  password = (await new UserRepo(db).create('ana', 'analyst')).password;
  await db.close();
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  url: string;
  cookie: string;
  stdout: () => string;
}

async function serve(name: string): Promise<Served> {
  const child = spawn(process.execPath, ['bin/tidelens.js', 'serve', '--db', `sqlite:${dbPath}`], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TIDELENS_PROVIDER: 'offline',
      TIDELENS_STORE: 'sqlite',
      TIDELENS_STORE_PATH: join(dir, `${name}-conversations.db`),
      TIDELENS_UI_DIR: join(dir, 'ui'),
      TIDELENS_QUESTIONS_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${err}`)));
  });
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ana', password }),
  });
  expect(login.status).toBe(200);
  return { child, url, cookie: login.headers.get('set-cookie')!.split(';')[0]!, stdout: () => out };
}

/** One turn read to its end (or until the server goes away); resolves with the conversation id. */
async function ask(s: Served, message: string, onFirstEvent?: () => void): Promise<string | undefined> {
  try {
    const r = await fetch(`${s.url}/api/chat`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    });
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (let c = await reader.read(); !c.done; c = await reader.read()) {
      if (!buf) onFirstEvent?.();
      buf += c.value;
    }
    return /"conversationId":"([^"]+)"/.exec(buf)?.[1];
  } catch {
    return undefined; // the server closed the stream: expected for turns cut by SIGTERM
  }
}

/** SIGTERM, then how the process ended and how long it took. */
async function terminate(s: Served): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const t = performance.now();
  const ended = new Promise<{ code: number | null; signal: string | null }>((r) =>
    s.child.once('exit', (code, signal) => r({ code, signal })),
  );
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), EXIT_WITHIN_MS * 2);
  const how = await ended;
  clearTimeout(timer);
  return { ...how, ms: performance.now() - t };
}

function closedLine(out: string): { open: string[] } | undefined {
  for (const line of out.split('\n')) {
    if (!line.includes('"closed"')) continue;
    const e = JSON.parse(line) as { msg?: string; open?: string[] };
    if (e.msg === 'closed') return { open: e.open ?? [] };
  }
  return undefined;
}

describe('SIGTERM', () => {
  it('exits 0 within the bound after a load of why-questions', async () => {
    const s = await serve('after');
    const ids = await Promise.all(WHY.flatMap((q) => [ask(s, q), ask(s, q)]));
    expect(ids.filter(Boolean)).toHaveLength(6);
    // A keep-alive connection left open, as a browser leaves one.
    await fetch(`${s.url}/api/conversations`, { headers: { cookie: s.cookie } }).then((r) => r.text());
    const end = await terminate(s);
    expect(end, s.stdout().slice(-2000)).toMatchObject({ code: 0, signal: null });
    expect(end.ms).toBeLessThan(EXIT_WITHIN_MS);
    expect(closedLine(s.stdout())).toBeDefined();
  });

  it('exits 0 within the bound in the middle of turns and an export', async () => {
    const s = await serve('during');
    const first = await ask(s, WHY[0]!);
    let started = 0;
    let allStarted: () => void;
    const going = new Promise<void>((r) => (allStarted = r));
    const turns = Array.from({ length: 6 }, (_, i) =>
      ask(s, WHY[i % WHY.length]!, () => {
        if (++started === 6) allStarted();
      }),
    );
    const exported = fetch(`${s.url}/api/conversations/${first}/export?format=md`, {
      headers: { cookie: s.cookie },
    }).then(
      (r) => r.text(),
      () => '',
    );
    await going;
    const end = await terminate(s);
    await Promise.all([...turns, exported]);
    expect(end, s.stdout().slice(-2000)).toMatchObject({ code: 0, signal: null });
    expect(end.ms).toBeLessThan(EXIT_WITHIN_MS);
    expect(closedLine(s.stdout())).toBeDefined();
  });
});
