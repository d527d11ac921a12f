// explain_change's analysis off the event loop. After its SQL, one why-question spends tens of milliseconds
// of pure JavaScript per turn building cubes, searching segments and decomposing drivers (80 ms a turn at
// scale 1 in the server's CPU profile under eight concurrent questions); on the event loop that held every
// other request: /api/health's p95 was 98–147 ms. The pool runs the stages on a few threads instead.
//
// The threads open no database: each query is posted back here and run on the turn's own Db with the
// turn's signal, so the SQLite pool, MySQL's KILL QUERY, caps and deadlines behave exactly as in-process.
// A thread serves several jobs at once (they interleave at their queries); jobs past that wait in a
// bounded queue. Stopping a turn answers its caller at once and starts no further query for it; a thread
// that then stays busy past a grace period is terminated and replaced.
//
// The server installs the pool (installExplainPool); anything else (the CLI, the eval, tests) runs the
// stages in-process, with the same result.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TidelensError, type ErrorCode } from '../../errors.ts';
import type { RollupAt } from '../../rollup/coverage.ts';
import type { ToolContext, ToolResult } from '../types.ts';
import type { FromWorker, QueryReply, RunRequest, ToWorker, WireError } from './worker-protocol.ts';

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

/** One core for the event loop, the rest for analysis; at least one thread, a few at most. */
export function defaultThreads(cpus = availableParallelism()): number {
  return Math.max(1, Math.min(4, cpus - 1));
}

export interface ExplainPoolOptions {
  threads: number;
  /** Jobs one thread holds at once; they interleave while waiting for their queries. */
  perThread: number;
  /** Jobs waiting beyond this are refused at once (rate_limited) instead of queueing without end. */
  maxQueue: number;
  /** A stopped job's thread still busy this long after the stop is terminated and replaced. */
  abortGraceMs: number;
}

interface Job {
  id: number;
  input: unknown;
  rollup: RollupAt | null;
  ctx: ToolContext;
  resolve(r: ToolResult): void;
  reject(e: unknown): void;
  thread?: Thread;
  /** Answered (result, error or stop); a stopped job stays on its thread until the thread says it ended. */
  settled: boolean;
  /** The database's own error objects, by query id, rethrown as they are when the job fails with one. */
  queryErrors: Map<number, unknown>;
  onAbort?: () => void;
  graceTimer?: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
}

export class ExplainPool {
  private readonly opts: ExplainPoolOptions;
  private readonly threads = new Set<Thread>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor({
    threads = defaultThreads(),
    perThread = 8,
    maxQueue = 256,
    abortGraceMs = 10_000,
  }: Partial<ExplainPoolOptions> = {}) {
    this.opts = { threads, perThread, maxQueue, abortGraceMs };
  }

  /** Starts the threads now, so the first question does not wait for a thread to load the stages. */
  warm(): this {
    while (!this.closed && this.threads.size < this.opts.threads) this.spawn();
    return this;
  }

  run(input: unknown, rollup: RollupAt | null, ctx: ToolContext): Promise<ToolResult> {
    if (this.closed) return Promise.reject(new TidelensError('internal', 'the explain_change analysis pool is closed'));
    if (ctx.signal?.aborted) return Promise.reject(ctx.signal.reason);
    if (this.queue.length >= this.opts.maxQueue) {
      return Promise.reject(
        new TidelensError('rate_limited', 'the server is analysing too many questions at once; ask again in a moment'),
      );
    }
    return new Promise<ToolResult>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        input,
        rollup,
        ctx,
        resolve,
        reject,
        settled: false,
        queryErrors: new Map(),
      };
      const signal = ctx.signal;
      if (signal) {
        job.onAbort = () => this.stop(job, signal.reason);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Jobs waiting, jobs on threads, threads alive (for tests and the bench). */
  get stats(): { waiting: number; running: number; threads: number } {
    let running = 0;
    for (const t of this.threads) running += t.jobs.size;
    return { waiting: this.queue.length, running, threads: this.threads.size };
  }

  async close(): Promise<void> {
    this.closed = true;
    const closed = new TidelensError('internal', 'the explain_change analysis pool is closed');
    for (const job of this.queue.splice(0)) this.settle(job)?.reject(closed);
    const threads = [...this.threads];
    for (const t of threads) this.lost(t, closed);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const thread = this.leastBusy() ?? (this.threads.size < this.opts.threads ? this.spawn() : undefined);
      if (!thread) return;
      const job = this.queue.shift()!;
      job.thread = thread;
      thread.jobs.set(job.id, job);
      thread.worker.ref();
      const { ctx } = job;
      const req: RunRequest = {
        t: 'run',
        id: job.id,
        input: job.input,
        rollup: job.rollup,
        engine: ctx.db.engine,
        label: ctx.db.label,
        user: ctx.user,
        data: ctx.data,
        limits: ctx.limits,
      };
      thread.worker.postMessage(req satisfies ToWorker);
    }
  }

  private leastBusy(): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.threads) {
      if (t.jobs.size >= this.opts.perThread) continue;
      if (!best || t.jobs.size < best.jobs.size) best = t;
    }
    // A fresh thread beats sharing one while the pool may still grow.
    if (best && best.jobs.size > 0 && this.threads.size < this.opts.threads) return undefined;
    return best;
  }

  private spawn(): Thread {
    const worker = new Worker(WORKER_URL);
    const thread: Thread = { worker, jobs: new Map() };
    this.threads.add(thread);
    worker.on('message', (m: FromWorker) => this.message(thread, m));
    worker.on('error', (e) =>
      this.lost(thread, new TidelensError('internal', `explain_change analysis: ${e.message}`)),
    );
    worker.on('exit', () =>
      this.lost(thread, new TidelensError('internal', 'the explain_change analysis thread stopped')),
    );
    // Idle threads must not keep a finished process alive; a running job holds its thread. After the
    // listeners: the first 'message' listener references the thread again.
    worker.unref();
    return thread;
  }

  private message(thread: Thread, m: FromWorker): void {
    const job = thread.jobs.get(m.id);
    if (m.t === 'query') {
      if (!job) return;
      void this.query(thread, job, m.qid, m.sql, m.params, m.opts);
      return;
    }
    if (!job) return;
    thread.jobs.delete(m.id);
    clearTimeout(job.graceTimer);
    if (thread.jobs.size === 0) thread.worker.unref();
    const live = this.settle(job);
    if (live) {
      if (m.ok) live.resolve(m.result);
      else live.reject(fromWire(m.error, job));
    }
    this.pump();
  }

  private async query(
    thread: Thread,
    job: Job,
    qid: number,
    sql: string,
    params: unknown[],
    opts: { timeoutMs?: number; maxBytes?: number; maxRows?: number },
  ): Promise<void> {
    let reply: QueryReply;
    if (job.settled) {
      reply = { t: 'rows', id: job.id, qid, ok: false, error: { name: 'Error', message: 'the turn was stopped' } };
    } else {
      try {
        const result = await job.ctx.db.query(sql, params, { ...dropUndefined(opts), signal: job.ctx.signal });
        reply = { t: 'rows', id: job.id, qid, ok: true, result };
      } catch (e) {
        job.queryErrors.set(qid, e);
        reply = { t: 'rows', id: job.id, qid, ok: false, error: toWire(e) };
      }
    }
    if (this.threads.has(thread)) thread.worker.postMessage(reply satisfies ToWorker);
  }

  /**
   * The turn was stopped: its caller is answered now, a waiting job never starts, and a running one starts no
   * further query. The thread finishes the stage it is in; if it is still busy after the grace period it is
   * terminated (its other jobs fail) and replaced.
   */
  private stop(job: Job, reason: unknown): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    this.settle(job)?.reject(reason);
    const thread = job.thread;
    if (!thread?.jobs.has(job.id)) return;
    thread.worker.postMessage({ t: 'abort', id: job.id } satisfies ToWorker);
    job.graceTimer = setTimeout(() => {
      if (!thread.jobs.has(job.id)) return;
      this.lost(thread, new TidelensError('internal', 'the explain_change analysis thread was restarted; ask again'));
      void thread.worker.terminate();
    }, this.opts.abortGraceMs);
    job.graceTimer.unref();
  }

  /** Marks a job answered; returns it when it was still waiting for its answer. */
  private settle(job: Job): Job | undefined {
    if (job.settled) return undefined;
    job.settled = true;
    if (job.onAbort) job.ctx.signal?.removeEventListener('abort', job.onAbort);
    return job;
  }

  private lost(thread: Thread, e: unknown): void {
    if (!this.threads.delete(thread)) return;
    for (const job of thread.jobs.values()) {
      clearTimeout(job.graceTimer);
      this.settle(job)?.reject(e);
    }
    thread.jobs.clear();
    thread.worker.unref();
    if (!this.closed) this.pump();
  }
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toWire(e: unknown): WireError {
  const err = e as { name?: unknown; message?: unknown; code?: unknown };
  const out: WireError = {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
  if (typeof err?.code === 'string') out.code = err.code;
  return out;
}

/** The error the in-process path would have thrown: the database's own object, else a rebuilt one. */
function fromWire(w: WireError, job: Job): unknown {
  if (w.qid !== undefined && job.queryErrors.has(w.qid)) return job.queryErrors.get(w.qid);
  if (w.name === 'TidelensError' && w.code) return new TidelensError(w.code as ErrorCode, w.message, w.details);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

let installed: ExplainPool | null = null;

/** The server's pool: explain_change runs its stages there from now on (TIDELENS_EXPLAIN_THREADS=0: in-process). */
export function installExplainPool(env: NodeJS.ProcessEnv = process.env): ExplainPool | null {
  if (installed) return installed;
  const n = env.TIDELENS_EXPLAIN_THREADS;
  const threads = n === undefined || n === '' ? defaultThreads() : Number(n);
  if (!Number.isInteger(threads) || threads <= 0) return null;
  installed = new ExplainPool({ threads }).warm();
  return installed;
}

/** The installed pool, or null to run in-process. */
export function explainPool(): ExplainPool | null {
  return installed;
}

export async function closeExplainPool(): Promise<void> {
  const pool = installed;
  installed = null;
  await pool?.close();
}
