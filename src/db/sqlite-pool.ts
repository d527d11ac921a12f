// Warehouse queries off the event loop: better-sqlite3 is synchronous, so on the main thread one heavy
// aggregate froze every other request (three why-questions at once held a sidebar request for 1.5 s).
// Each thread has its own read-only connection; the main thread only posts SQL and receives rows.
//
// A query past its deadline, or whose turn was stopped, has its thread terminated and replaced, so the
// pool keeps answering. Worker.terminate() takes effect once SQLite hands a row back to JavaScript: a
// statement that streams rows stops at the next row, but a long aggregate keeps its (detached) thread busy
// until its current step returns. That is why run_sql keeps its SIGKILLed child process (sqlite-worker.ts):
// only a process kill stops the CPU at once, and run_sql is the one path that runs arbitrary SQL.
//
// Detached threads are capped (`maxDetached`, default the pool size): while that many still run out their
// statements, no replacement is started and new queries wait for a thread, so a burst of stopped or late
// heavy queries cannot grow the process to hundreds of threads all burning CPU. They are unreferenced, so
// they never keep a finished process alive (though Node still joins them at exit: a native step it is in
// ends first).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TidelensError } from '../errors.ts';
import type { QueryOptions, QueryResult } from './types.ts';
import { type PoolReply, type PoolRequest, WORKER_SOURCE } from './sqlite-pool-worker.ts';

/** Threads for a machine: one per core, at least two so one slow query never holds every other. */
export function defaultPoolSize(cpus = availableParallelism()): number {
  return Math.max(2, Math.min(8, cpus));
}

export interface SqlitePoolOptions {
  size: number;
  /** Terminated threads still finishing a statement, at most; past it no replacement starts. Default: size. */
  maxDetached?: number;
}

interface Job {
  req: PoolRequest;
  opts: QueryOptions;
  resolve(r: QueryResult): void;
  reject(e: unknown): void;
  /** Set while a thread runs it. */
  worker?: Worker;
  startedAt?: number;
  timer?: NodeJS.Timeout;
  onAbort?: () => void;
}

export class SqlitePool {
  private readonly alive = new Set<Worker>();
  /** Terminated while running a statement, not yet exited. */
  private readonly detached = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly opts: SqlitePoolOptions = { size: defaultPoolSize() },
  ) {}

  query(sql: string, params: unknown[], opts: QueryOptions): Promise<QueryResult> {
    if (this.closed) return Promise.reject(new TidelensError('db_error', 'the SQLite query pool is closed'));
    // A stopped turn starts no new statement.
    if (opts.signal?.aborted) return Promise.reject(opts.signal.reason);
    return new Promise((resolve, reject) => {
      const req: PoolRequest = { id: this.nextId++, sql, params, maxBytes: opts.maxBytes, maxRows: opts.maxRows };
      const job: Job = { req, opts, resolve, reject };
      if (opts.signal) {
        const signal = opts.signal;
        job.onAbort = () => this.cancel(job, signal.reason);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Queries waiting for a thread, and threads alive (for tests and the bench). */
  get stats(): { waiting: number; threads: number; busy: number; detached: number } {
    return {
      waiting: this.queue.length,
      threads: this.alive.size,
      busy: this.running.size,
      detached: this.detached.size,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const closed = new TidelensError('db_error', 'the SQLite query pool is closed');
    for (const job of this.queue.splice(0)) this.settle(job).reject(closed);
    for (const w of [...this.alive]) this.lost(w, closed);
  }

  private get maxDetached(): number {
    return this.opts.maxDetached ?? this.opts.size;
  }

  private pump(): void {
    while (this.queue.length) {
      const canSpawn = this.alive.size < this.opts.size && this.detached.size < this.maxDetached;
      const worker = this.idle.pop() ?? (canSpawn ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      job.worker = worker;
      job.startedAt = performance.now();
      // The deadline counts from the statement's start, as MySQL's max_statement_time does: under load the
      // wait for a thread is the turn's concern (its tool deadline aborts the signal), not the statement's.
      const timeoutMs = job.opts.timeoutMs;
      if (timeoutMs !== undefined) job.timer = setTimeout(() => this.cancel(job, timeoutError(timeoutMs)), timeoutMs);
      this.running.set(worker, job);
      worker.ref();
      worker.postMessage(job.req);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: this.path } });
    // Idle threads must not keep a finished CLI or test process alive; a running query holds its thread.
    worker.unref();
    this.alive.add(worker);
    worker.on('message', (reply: PoolReply) => this.finished(worker, reply));
    worker.on('error', (e) => this.lost(worker, new TidelensError('db_error', `SQLite: ${e.message}`)));
    worker.on('exit', () => this.lost(worker, new TidelensError('db_error', 'the SQLite query thread stopped')));
    return worker;
  }

  /**
   * Deadline or stop button. Waiting: it is dropped and never starts. Running: the caller gets its answer
   * now and the thread is terminated and replaced, so the pool keeps its size.
   */
  private cancel(job: Job, e: unknown): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.settle(job).reject(e);
    } else if (job.worker && this.running.get(job.worker) === job) {
      this.detach(job.worker, e);
    }
  }

  /**
   * A running thread whose answer nobody wants: its caller is answered now, and the thread is terminated. It
   * stops at SQLite's next row, or after the native step it is in; until it exits it counts against
   * maxDetached, and its exit lets the pool start a replacement.
   */
  private detach(worker: Worker, e: unknown): void {
    this.detached.add(worker);
    this.lost(worker, e);
    worker.unref();
    void worker.terminate().finally(() => {
      this.detached.delete(worker);
      if (!this.closed) this.pump();
    });
  }

  private finished(worker: Worker, reply: PoolReply): void {
    const job = this.running.get(worker);
    if (!job || job.req.id !== reply.id) return;
    this.running.delete(worker);
    this.idle.push(worker);
    worker.unref();
    this.settle(job);
    if (reply.ok) {
      const r: QueryResult = {
        columns: reply.columns,
        rows: reply.rows,
        elapsedMs: performance.now() - job.startedAt!,
      };
      if (reply.truncated) r.truncated = true;
      job.resolve(r);
    } else job.reject(new TidelensError(reply.code, reply.message));
    this.pump();
  }

  private settle(job: Job): Job {
    clearTimeout(job.timer);
    if (job.onAbort) job.opts.signal?.removeEventListener('abort', job.onAbort);
    return job;
  }

  private lost(worker: Worker, e: unknown): void {
    if (!this.alive.delete(worker)) return;
    const job = this.running.get(worker);
    if (job) {
      this.running.delete(worker);
      this.settle(job).reject(e);
    }
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    if (this.closed) void worker.terminate();
    else this.pump();
  }
}

function timeoutError(timeoutMs: number): TidelensError {
  return new TidelensError(
    'query_timeout',
    `the query ran past its ${timeoutMs} ms limit and was stopped; narrow the period or aggregate more`,
    { timeoutMs },
  );
}
