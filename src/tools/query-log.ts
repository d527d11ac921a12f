import type { Row } from '../db/types.ts';
import type { ExecutedQuery, ToolContext } from './types.ts';

/** Runs a tool's queries under the context's limits and keeps what ran, for the result's `queries`. */
export class QueryLog {
  readonly queries: ExecutedQuery[] = [];
  constructor(private readonly ctx: ToolContext) {}

  async run(sql: string, params: unknown[] = [], label?: string): Promise<Row[]> {
    this.ctx.signal?.throwIfAborted();
    const r = await this.ctx.db.query(sql, params, { timeoutMs: this.ctx.limits.timeoutMs, signal: this.ctx.signal });
    this.queries.push({ label, sql, params, elapsedMs: r.elapsedMs, rowCount: r.rows.length });
    return r.rows;
  }

  /**
   * Independent statements at once: on MySQL each takes its own pool connection, so a tool's series and
   * totals cost the slower of the two rather than their sum (SQLite runs them one after another anyway).
   * The log keeps the order given, not the order they finished.
   */
  async runAll(specs: { sql: string; params?: unknown[]; label?: string }[]): Promise<Row[][]> {
    this.ctx.signal?.throwIfAborted();
    const results = await Promise.all(
      specs.map((q) =>
        this.ctx.db.query(q.sql, q.params ?? [], { timeoutMs: this.ctx.limits.timeoutMs, signal: this.ctx.signal }),
      ),
    );
    specs.forEach((q, i) =>
      this.queries.push({
        label: q.label,
        sql: q.sql,
        params: q.params ?? [],
        elapsedMs: results[i]!.elapsedMs,
        rowCount: results[i]!.rows.length,
      }),
    );
    return results.map((r) => r.rows);
  }
}
