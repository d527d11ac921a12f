// A second time limit for MySQL statements, enforced from outside the statement's own connection.
// The server-side limit (MariaDB max_statement_time, MySQL max_execution_time) is a session setting the
// statement can lift itself (`SET STATEMENT max_statement_time=0 FOR …`), and MySQL's covers only SELECT.
// The mysql2 `timeout` option only stops waiting: the statement keeps running on the server. So at the
// deadline we send `KILL QUERY <thread id>` on a connection of our own. An account may kill its own
// threads without PROCESS or SUPER, so the read-only account can do this (test/guardrails/readonly-account.test.ts).
import mysql from 'mysql2/promise';

/**
 * How long after the statement's own limit the watchdog waits before it kills. The server's limit fires
 * at timeoutMs and returns a clean "statement timeout" on the same connection; the grace keeps the
 * watchdog from racing that error on a healthy server, so it acts only when the server did not.
 */
export const KILL_GRACE_MS = 250;

/**
 * How long the watchdog waits, after the deadline, for the KILL to be sent and the statement to return.
 * Past that (the kill connection cannot connect, or the kill landed between two statements) the caller
 * gets its timeout anyway and the connection is thrown away, so no caller waits much past its limit.
 */
export const KILL_SETTLE_MS = 1000;

export type Watched<T> =
  | { kind: 'done'; result: PromiseSettledResult<T> }
  /** The deadline passed; `stopped` says whether the statement returned after the KILL. */
  | { kind: 'expired'; stopped: boolean; killError?: unknown };

/**
 * Waits for `work` up to `deadlineMs`; past it, calls `kill` once and waits up to `settleMs` more for
 * `work` to return. Never rejects, and leaves no timer behind.
 */
export async function watch<T>(
  work: Promise<T>,
  deadlineMs: number,
  kill: () => Promise<void>,
  settleMs = KILL_SETTLE_MS,
): Promise<Watched<T>> {
  const settled = settle(work);
  const first = await within(settled, deadlineMs);
  if (first !== TIMED_OUT) return { kind: 'done', result: first };

  let killError: unknown;
  const killed = kill().then(
    () => settled,
    (e: unknown) => {
      killError = e;
    },
  );
  const second = await within(killed, settleMs);
  return {
    kind: 'expired',
    stopped: second !== TIMED_OUT && killError === undefined,
    ...(killError === undefined ? {} : { killError }),
  };
}

/** The outcome of `p` as a value, so it can be awaited later without an unhandled rejection. */
export function settle<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
  return p.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

const TIMED_OUT = Symbol('timed out');

async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends KILL QUERY on a one-connection pool of its own, opened with the first timed statement. It must not share the
 * main
 * pool: when every main connection is busy with a runaway statement, a kill queued behind them would
 * wait for the very statements it is meant to stop.
 */
export class QueryKiller {
  private pool: mysql.Pool | undefined;
  constructor(private readonly options: mysql.PoolOptions) {}

  /**
   * Opens the kill connection ahead of need, when the first timed statement starts: by the time a kill is
   * needed the server may be at max_connections (runaway statements hold theirs) and refuse a new one.
   * A failure here is not an error; the kill itself tries again.
   */
  warm(): void {
    if (this.pool) return;
    this.connect()
      .query('SELECT 1')
      .catch(() => {});
  }

  async killQuery(threadId: number): Promise<void> {
    if (!Number.isSafeInteger(threadId) || threadId <= 0) throw new Error(`not a thread id: ${threadId}`);
    await this.connect().query(`KILL QUERY ${threadId}`);
  }

  private connect(): mysql.Pool {
    // mysql2 closes a free connection idle past idleTimeout (default 60 s) even under maxIdle; a day keeps
    // the one connection open between kills (the server's wait_timeout still ends it, and the pool reopens).
    this.pool ??= mysql.createPool({ ...this.options, connectionLimit: 1, maxIdle: 1, idleTimeout: 24 * 3600_000 });
    return this.pool;
  }

  async close(): Promise<void> {
    const p = this.pool;
    this.pool = undefined;
    await p?.end();
  }
}
