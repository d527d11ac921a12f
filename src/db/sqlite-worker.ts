// A time limit SQLite itself cannot give us: better-sqlite3 12 has no interrupt or progress-handler API,
// and a worker thread does not help (Worker.terminate() waits until the native sqlite3_step returns: a
// 5.5 s query kept its thread busy for the full 5.5 s after terminate, measured in README.md). So run_sql
// statements run in a warm child process with its own read-only connection, and at the deadline the parent
// SIGKILLs it: the CPU stops at once, and a fresh child is started for the next statement.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { TidelensError } from '../errors.ts';

export interface SandboxQuery {
  sql: string;
  timeoutMs: number;
  maxRows: number;
  /** Stop collecting once the rows' JSON exceeds this many bytes. */
  maxBytes: number;
  /** Aborting kills the child at once, as the deadline does. */
  signal?: AbortSignal;
}

export interface SandboxResult {
  columns: string[];
  rows: Record<string, unknown>[];
  elapsedMs: number;
  /** True when rows were dropped for the row or byte cap. */
  truncated: boolean;
}

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

// Plain CommonJS run with `node -e`: no TypeScript loader in the child, so it starts in about 80 ms.
const CHILD = `
const Database = require(${JSON.stringify(driverPath)});
const db = new Database(process.argv[1], { readonly: true, fileMustExist: true });
db.pragma('query_only = ON');
db.pragma('hard_heap_limit = ${256 * 1024 * 1024}');
process.on('message', (m) => {
  const start = performance.now();
  try {
    const stmt = db.prepare(m.sql);
    if (!stmt.reader) throw new Error('only statements that return rows may run');
    const columns = stmt.columns().map((c) => c.name);
    const rows = [];
    let bytes = 2, truncated = false;
    for (const row of stmt.iterate()) {
      bytes += JSON.stringify(row).length + 1;
      if (rows.length >= m.maxRows || bytes > m.maxBytes) { truncated = true; break; }
      rows.push(row);
    }
    process.send({ ok: true, columns, rows, truncated, elapsedMs: performance.now() - start });
  } catch (e) {
    process.send({ ok: false, message: String(e && e.message || e) });
  }
});
process.send({ ready: true });
`;

interface Pending {
  resolve(r: SandboxResult): void;
  reject(e: Error): void;
}

/** One warm child per database file; statements run one at a time. */
export class SqliteSandbox {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private pending?: Pending;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  query(q: SandboxQuery): Promise<SandboxResult> {
    const run = this.queue.then(() => this.runOne(q));
    this.queue = run.catch(() => {});
    return run;
  }

  private async runOne(q: SandboxQuery): Promise<SandboxResult> {
    const start = performance.now();
    const ready = this.start();
    const child = this.child!;
    // Only a running statement keeps the process alive; an idle child must not hold the CLI open.
    hold(child, true);
    try {
      await ready;
    } catch (e) {
      hold(child, false);
      throw e;
    }
    return new Promise<SandboxResult>((resolve, reject) => {
      const stop = (e: unknown) => {
        this.kill();
        this.start().catch(() => {}); // warm the replacement now rather than on the next statement
        q.signal?.removeEventListener('abort', onAbort);
        reject(e);
      };
      const onAbort = () => {
        clearTimeout(timer);
        stop(q.signal!.reason);
      };
      const timer = setTimeout(
        () => {
          stop(
            new TidelensError(
              'query_timeout',
              `the query ran past its ${q.timeoutMs} ms limit and was stopped; narrow the period or aggregate more`,
            ),
          );
        },
        Math.max(1, q.timeoutMs - (performance.now() - start)),
      );
      const done = () => {
        clearTimeout(timer);
        q.signal?.removeEventListener('abort', onAbort);
        hold(child, false);
      };
      this.pending = {
        resolve: (r) => {
          done();
          resolve(r);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      if (q.signal?.aborted) return onAbort();
      q.signal?.addEventListener('abort', onAbort, { once: true });
      child.send({ sql: q.sql, maxRows: q.maxRows, maxBytes: q.maxBytes });
    });
  }

  private start(): Promise<void> {
    if (this.child && this.ready) return this.ready;
    const child = spawn(process.execPath, ['-e', CHILD, this.path], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
    this.child = child;
    hold(child, false);
    this.ready = new Promise<void>((resolve, reject) => {
      child.on('message', (m: { ready?: boolean; ok?: boolean; message?: string } & SandboxResult) => {
        if (m.ready) return resolve();
        const p = this.pending;
        this.pending = undefined;
        if (!p) return;
        if (m.ok) p.resolve({ columns: m.columns, rows: m.rows, elapsedMs: m.elapsedMs, truncated: m.truncated });
        else p.reject(new TidelensError('db_error', `SQLite: ${m.message}`));
      });
      child.on('exit', () => {
        if (this.child === child) this.child = undefined;
        const err = new TidelensError(
          'db_error',
          `the SQLite query process stopped${stderr ? `: ${lastLine(stderr)}` : ''}`,
        );
        reject(err);
        const p = this.pending;
        this.pending = undefined;
        p?.reject(err);
      });
    });
    this.ready.catch(() => {});
    return this.ready;
  }

  private kill(): void {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    this.pending = undefined;
    child?.kill('SIGKILL');
  }

  close(): void {
    this.kill();
  }
}

/**
 * An idle child must not keep the process alive (a CLI run ends when its work does), so the child, its IPC
 * channel and its stderr pipe are all unreferenced between queries; a query in flight holds them.
 */
function hold(child: ChildProcess, on: boolean): void {
  const channel = (child as ChildProcess & { channel?: { ref(): void; unref(): void } }).channel;
  const stderr = child.stderr as (NodeJS.ReadableStream & { ref?(): void; unref?(): void }) | null;
  if (on) {
    child.ref();
    channel?.ref();
    stderr?.ref?.();
  } else {
    child.unref();
    channel?.unref();
    stderr?.unref?.();
  }
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).at(-1) ?? '';
}

const sandboxes = new Map<string, SqliteSandbox>();

/** The shared sandbox for a database file; killed children are replaced on the next call. */
export function sandboxFor(path: string): SqliteSandbox {
  let s = sandboxes.get(path);
  if (!s) {
    s = new SqliteSandbox(path);
    sandboxes.set(path, s);
  }
  return s;
}

/** Stops the sandbox of one database file, if it has one (the database is being closed). */
export function closeSandbox(path: string): void {
  sandboxes.get(path)?.close();
  sandboxes.delete(path);
}

export function closeSandboxes(): void {
  for (const s of sandboxes.values()) s.close();
  sandboxes.clear();
}
