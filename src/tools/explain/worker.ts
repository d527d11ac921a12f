// The body of an explain_change analysis thread: runs the stages (cube building, segment search,
// decomposition, ranking, presentation) for jobs posted by worker-pool.ts. It opens no database: each
// query goes back to the event loop, which runs it on the turn's Db and posts the rows here. A thread
// serves several jobs at once, interleaved at their queries, so one job waiting for SQL never holds another.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { Db, QueryOptions, QueryResult } from '../../db/types.ts';
import { explainWith, type ExplainChangeInput } from '../explain-change.ts';
import type { ToolContext } from '../types.ts';
import type { DoneReply, FromWorker, QueryReply, RunRequest, ToWorker, WireError } from './worker-protocol.ts';

/** Below the event loop's priority (0): on a busy machine the kernel gives the loop the core first. */
const ANALYSIS_THREAD_NICE = 10;

/** A query's own error on its way back out, tagged so the pool rethrows the original object. */
class QueryFailed extends Error {
  constructor(
    readonly wire: WireError,
    readonly qid: number,
  ) {
    super(wire.message);
    this.name = wire.name;
  }
}

interface Waiting {
  resolve(r: QueryResult): void;
  reject(e: unknown): void;
}

const port = parentPort!;
const jobs = new Map<number, AbortController>();
const waiting = new Map<string, Waiting>();
let nextQid = 1;

try {
  // Linux: a thread id is a pid to setpriority; elsewhere this is skipped.
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), ANALYSIS_THREAD_NICE);
} catch {}

port.on('message', (m: ToWorker) => {
  if (m.t === 'run') void run(m);
  else if (m.t === 'abort') jobs.get(m.id)?.abort(new Error('the turn was stopped'));
  else answer(m);
});

function answer(m: QueryReply): void {
  const key = `${m.id}:${m.qid}`;
  const w = waiting.get(key);
  if (!w) return;
  waiting.delete(key);
  if (m.ok) w.resolve(m.result);
  else w.reject(new QueryFailed(m.error, m.qid));
}

async function run(req: RunRequest): Promise<void> {
  const ac = new AbortController();
  jobs.set(req.id, ac);
  const db: Db = {
    engine: req.engine,
    label: req.label,
    query(sql: string, params: unknown[] = [], opts: QueryOptions = {}) {
      if (ac.signal.aborted) return Promise.reject(ac.signal.reason);
      const qid = nextQid++;
      const q: FromWorker = {
        t: 'query',
        id: req.id,
        qid,
        sql,
        params,
        opts: { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, maxRows: opts.maxRows },
      };
      return new Promise<QueryResult>((resolve, reject) => {
        waiting.set(`${req.id}:${qid}`, { resolve, reject });
        port.postMessage(q);
      });
    },
    execute: () => Promise.reject(new Error('explain_change only reads')),
    close: async () => {},
  };
  const ctx: ToolContext = { db, user: req.user, data: req.data, limits: req.limits, signal: ac.signal };
  let reply: DoneReply;
  try {
    reply = {
      t: 'done',
      id: req.id,
      ok: true,
      result: await explainWith(req.input as ExplainChangeInput, ctx, req.rollup),
    };
  } catch (e) {
    reply = { t: 'done', id: req.id, ok: false, error: toWire(e) };
  } finally {
    jobs.delete(req.id);
  }
  try {
    port.postMessage(reply);
  } catch (e) {
    // A result that cannot be cloned is a programming error: say so rather than leave the job hanging.
    port.postMessage({ t: 'done', id: req.id, ok: false, error: toWire(e) } satisfies DoneReply);
  }
}

function toWire(e: unknown): WireError {
  if (e instanceof QueryFailed) return { ...e.wire, qid: e.qid };
  const err = e as { name?: unknown; message?: unknown; code?: unknown; details?: unknown };
  const out: WireError = {
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
  if (typeof err?.code === 'string') out.code = err.code;
  if (err?.details && typeof err.details === 'object') {
    try {
      out.details = structuredClone(err.details as Record<string, unknown>);
    } catch {}
  }
  return out;
}
