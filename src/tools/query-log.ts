import type { Row } from '../db/types.ts';
import type { ExecutedQuery, ToolContext } from './types.ts';

/** Runs a tool's queries under the context's limits and keeps what ran, for the result's `queries`. */
export class QueryLog {
  readonly queries: ExecutedQuery[] = [];
  constructor(private readonly ctx: ToolContext) {}

  async run(sql: string, params: unknown[] = [], label?: string): Promise<Row[]> {
    this.ctx.signal?.throwIfAborted();
    const r = await this.ctx.db.query(sql, params, { timeoutMs: this.ctx.limits.timeoutMs });
    this.queries.push({ label, sql, params, elapsedMs: r.elapsedMs, rowCount: r.rows.length });
    return r.rows;
  }
}
