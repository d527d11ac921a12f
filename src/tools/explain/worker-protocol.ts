// Messages between the event loop and an explain_change analysis thread (worker-pool.ts ↔ worker.ts).
// The thread runs the stages; every query it needs is asked of the event loop, which runs it on the
// turn's own Db with the turn's signal, so caps, deadlines and KILL QUERY work as they do in-process.
import type { Engine, QueryResult } from '../../db/types.ts';
import type { RollupAt } from '../../rollup/coverage.ts';
import type { DataRange, ToolLimits, ToolResult, ToolUser } from '../types.ts';

export interface RunRequest {
  t: 'run';
  id: number;
  input: unknown;
  rollup: RollupAt | null;
  engine: Engine;
  label: string;
  user: ToolUser;
  data: DataRange;
  limits: ToolLimits;
}

/** The turn was stopped: the thread starts no further query for this job. */
export interface AbortRequest {
  t: 'abort';
  id: number;
}

export type QueryReply =
  | { t: 'rows'; id: number; qid: number; ok: true; result: QueryResult }
  | { t: 'rows'; id: number; qid: number; ok: false; error: WireError };

export type ToWorker = RunRequest | AbortRequest | QueryReply;

export interface QueryRequest {
  t: 'query';
  id: number;
  qid: number;
  sql: string;
  params: unknown[];
  opts: { timeoutMs?: number; maxBytes?: number; maxRows?: number };
}

export type DoneReply =
  | { t: 'done'; id: number; ok: true; result: ToolResult }
  | { t: 'done'; id: number; ok: false; error: WireError };

export type FromWorker = QueryRequest | DoneReply;

/**
 * An error as it crosses the thread boundary. `qid` is set when it is a query's own error passed through
 * unchanged, so the event loop can rethrow the very object the database threw.
 */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
  qid?: number;
}
