// The body of one warehouse query thread. Plain CommonJS evaluated by `new Worker(…, { eval: true })`: no
// TypeScript loader in the thread, so it starts in tens of milliseconds. Each thread opens its own read-only
// connection; the main thread only posts {id, sql, params, caps} and receives rows.
import { createRequire } from 'node:module';

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

/** Messages the thread sends back; `code` is a TidelensError code the pool rethrows with. */
export type PoolReply =
  | { id: number; ok: true; columns: string[]; rows: Record<string, unknown>[]; truncated: boolean }
  | { id: number; ok: false; code: 'sql_rejected' | 'db_error'; message: string };

export interface PoolRequest {
  id: number;
  sql: string;
  params: unknown[];
  maxBytes?: number;
  maxRows?: number;
}

/** Below the event loop's priority (0), so a busy core serves requests first. */
const QUERY_THREAD_NICE = 10;

// The same row loop as SqliteDb.query (sqlite.ts), so both paths return the same rows, caps and errors.
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(${JSON.stringify(driverPath)});
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('query_only = ON');
// The event loop answers every request; these threads only run aggregates. On a busy machine the kernel
// should give the loop the core first, so each thread lowers its own priority (Linux: a thread id is a pid
// to setpriority; elsewhere this is skipped).
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, ${QUERY_THREAD_NICE});
} catch {}
function run(m) {
  const stmt = db.prepare(m.sql);
  if (!stmt.reader) {
    return { ok: false, code: 'sql_rejected', message: 'only statements that return rows may run through query()' };
  }
  const columns = stmt.columns().map((c) => c.name);
  if (m.maxBytes === undefined && m.maxRows === undefined) {
    return { ok: true, columns, rows: stmt.all(...m.params), truncated: false };
  }
  const rows = [];
  let bytes = 2;
  for (const row of stmt.iterate(...m.params)) {
    bytes += JSON.stringify(row).length + 1;
    if ((m.maxBytes !== undefined && bytes > m.maxBytes) || (m.maxRows !== undefined && rows.length >= m.maxRows)) {
      return { ok: true, columns, rows, truncated: true };
    }
    rows.push(row);
  }
  return { ok: true, columns, rows, truncated: false };
}
parentPort.on('message', (m) => {
  let reply;
  try {
    reply = run(m);
  } catch (e) {
    reply = { ok: false, code: 'db_error', message: 'SQLite: ' + String((e && e.message) || e) };
  }
  parentPort.postMessage({ id: m.id, ...reply });
});
`;
