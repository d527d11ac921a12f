// The contract every tool implements: templates, run_sql, describe_schema, explain_change.
import type { z } from 'zod';
import type { Db, Row } from '../db/types.ts';
import type { ChartSpec, ExecutedQuery, Finding, Role } from '../protocol/index.ts';

// Wire types live in the protocol; re-exported so tool files keep importing them from here.
export type { ChartSpec, ExecutedQuery, Role };

export interface ToolUser {
  id: string;
  role: Role;
}

/** The data's own calendar: periods resolve against `maxDate`, never the wall clock. */
export interface DataRange {
  minDate: string; // YYYY-MM-DD
  maxDate: string; // YYYY-MM-DD
}

export interface ToolLimits {
  maxRows: number; // default 1000
  timeoutMs: number; // per statement
  maxBytes: number; // result cap for run_sql
}

export interface ToolContext {
  db: Db;
  user: ToolUser;
  data: DataRange;
  limits: ToolLimits;
  signal?: AbortSignal;
}

export interface ToolResult {
  columns: string[];
  rows: Row[];
  queries: ExecutedQuery[];
  /** A few lines with the key numbers, written for the model. */
  summary: string;
  charts: ChartSpec[];
  /** Tool-specific structured output (e.g. explain_change's drivers and causes). */
  data?: Record<string, unknown>;
  /**
   * Set when rows carry free text from the data (review comments, product names): fenced as untrusted for the model.
   */
  untrustedText?: boolean;
  /** What the rows say in claim form (extremes, shares, changes), for checking the answer's claims. */
  findings?: Finding[];
}

export interface Tool<S extends z.ZodType = z.ZodType> {
  name: string;
  /** Written for the model: when to use it and what it returns. */
  description: string;
  inputSchema: S;
  /** Roles allowed to call it; all roles when absent. */
  roles?: Role[];
  run(input: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}

export const DEFAULT_LIMITS: ToolLimits = { maxRows: 1000, timeoutMs: 10_000, maxBytes: 1_000_000 };

/** A tool as the model sees it: the JSON Schema is derived from the tool's zod input. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}
