// Precomputed answers: the rows a template statement returns from the base tables, stored under a hash of its SQL
// and parameters (src/warehouse/rollup-schema.ts, ANSWERS_TABLE). A reader that would run a statement looks its
// hash up first; the same statement on the same data gives the same rows, so a hit is exact by construction, and
// a statement nobody precomputed (another period, filter or split, or changed SQL) simply misses.
import { createHash } from 'node:crypto';
import type { Row } from '../db/types.ts';
import { ANSWERS_TABLE, rollupTableRef } from '../warehouse/rollup-schema.ts';
import type { RollupAt } from './coverage.ts';

export interface Statement {
  sql: string;
  params: unknown[];
}

export function answerKey(s: Statement): string {
  return createHash('sha256')
    .update(JSON.stringify([s.sql, s.params]))
    .digest('hex');
}

/** The lookup of one statement's stored rows. */
export function answerLookup(at: Pick<RollupAt, 'engine' | 'database'>, s: Statement): Statement {
  return {
    sql: `SELECT rows_json FROM ${rollupTableRef(at.engine, at.database, ANSWERS_TABLE)} WHERE answer_key = ?`,
    params: [answerKey(s)],
  };
}

/** The stored rows, or null when the lookup found none. */
export function answerRows(found: Row[]): Row[] | null {
  const json = found[0]?.rows_json;
  return typeof json === 'string' ? (JSON.parse(json) as Row[]) : null;
}
