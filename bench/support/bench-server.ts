// What the loopback benches share: a small seeded warehouse when none is given, `tidelens serve` in its own
// process (so the load generator never shares the server's event loop), and a logged-in user's headers.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { processIo } from '../../src/cli/command.ts';
import { seedCommand } from '../../src/cli/commands/seed.ts';
import { openDb, parseDbUrl } from '../../src/db/index.ts';
import { UserRepo } from '../../src/server/auth/users.ts';

/** Nearest-rank percentile (with 20 samples, p95 is the maximum). */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : Number.NaN;
};

/** The given warehouse, or a scale-0.2 one seeded into `dir`. */
export async function warehouseFor(dir: string, dbUrl: string | undefined): Promise<string> {
  if (dbUrl) return dbUrl;
  const url = `sqlite:${join(dir, 'warehouse.db')}`;
  const quiet = { ...processIo, out: () => {}, err: () => {} };
  const t = performance.now();
  if ((await seedCommand.run(['--db', url, '--scale', '0.2', '--force'], quiet)) !== 0) throw new Error('seed failed');
  console.log(`seeded ${url} at scale 0.2 in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return url;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });

export interface BenchServer {
  url: string;
  close: () => Promise<void>;
}

/** `tidelens serve` on a free loopback port with the offline model and a store in `dir`; resolves once listening. */
export async function startBenchServer(dir: string, dbUrl: string, nodeArgs: string[] = []): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...nodeArgs, 'bin/tidelens.js', 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', dbUrl],
    {
      env: {
        ...process.env,
        TIDELENS_PROVIDER: 'offline',
        TIDELENS_STORE: 'sqlite',
        TIDELENS_STORE_PATH: join(dir, 'conversations.db'),
        TIDELENS_UI_DIR: join(dir, 'ui'),
        // The per-user question limit would turn a load test into a rate-limit test.
        TIDELENS_QUESTIONS_PER_MINUTE: '100000',
        // Every run logs in from 127.0.0.1, and the counters outlive a run on a reused warehouse file.
        TIDELENS_LOGIN_MAX_PER_ADDRESS: '10000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('is listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** A fresh analyst in the warehouse's app tables, logged in: the cookie header for its requests. */
export async function logInAnalyst(dbUrl: string, url: string): Promise<{ cookie: string }> {
  const appDb = await openDb(parseDbUrl(dbUrl));
  const name = `bench-${process.pid}`;
  const { password } = await new UserRepo(appDb).create(name, 'analyst');
  await appDb.close();
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, password }),
  });
  if (!login.ok) throw new Error(`log-in failed with ${login.status}: ${await login.text()}`);
  return { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}
