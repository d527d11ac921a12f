// Rows of a capped query as they arrive. mysql2's ordinary query() buffers the whole result before it
// returns, so a 200 MB result sat in memory before any byte cap could drop it. Here rows are counted while
// they stream in; at the cap the connection is paused, and the caller kills the statement and drops the
// connection, so memory stays near the cap whatever the statement would have produced.
import type { Connection as CoreConnection, FieldPacket } from 'mysql2';
import type mysql from 'mysql2/promise';
import type { Row } from './types.ts';

export interface RowCaps {
  /** Stop once the rows' JSON passes this many bytes (the rows before it are kept). */
  maxBytes?: number;
  maxRows?: number;
}

export interface Streamed {
  rows: Row[];
  fields: FieldPacket[];
  /** True when the cap stopped the stream: the statement may still run and the connection is paused. */
  truncated: boolean;
}

/** The size a row adds to the result as the tools measure it (JSON plus a separator). */
export function rowBytes(row: Row): number {
  return JSON.stringify(row).length + 1;
}

export function streamRows(
  conn: mysql.PoolConnection,
  sql: string,
  values: unknown[],
  caps: RowCaps,
): Promise<Streamed> {
  // The promise wrapper's typings call this the promise Connection; at run time it is the core one.
  const core = (conn as unknown as { connection: CoreConnection }).connection;
  return new Promise<Streamed>((resolve, reject) => {
    const rows: Row[] = [];
    let fields: FieldPacket[] = [];
    let bytes = 2;
    let done = false;
    const q = core.query({ sql, values });
    q.on('fields', (f: FieldPacket[]) => {
      fields = f;
    });
    q.on('result', (row: unknown) => {
      if (done) return;
      const r = row as Row;
      bytes += rowBytes(r);
      if (
        (caps.maxBytes !== undefined && bytes > caps.maxBytes) ||
        (caps.maxRows !== undefined && rows.length >= caps.maxRows)
      ) {
        done = true;
        core.pause();
        resolve({ rows, fields, truncated: true });
        return;
      }
      rows.push(r);
    });
    q.on('error', (e: Error) => {
      if (done) return;
      done = true;
      reject(e);
    });
    q.on('end', () => {
      if (done) return;
      done = true;
      resolve({ rows, fields, truncated: false });
    });
  });
}

/**
 * Drops a connection whose stream the cap paused. mysql2's destroy() only half-closes the socket (stream.end()),
 * so the server, still sending the rows nobody reads, blocks on the full socket until net_write_timeout (60 s)
 * with the killed statement's thread held; destroying the socket ends that write at once.
 */
export function dropPaused(conn: mysql.PoolConnection): void {
  conn.destroy();
  const core = (conn as unknown as { connection: { stream?: { destroy?: () => void } } }).connection;
  core.stream?.destroy?.();
}
