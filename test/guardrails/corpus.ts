// Loads test/sql-corpus: statements that must pass, and attacks with the rejection code they must get.
import { readFileSync } from 'node:fs';
import type { RejectCode, SqlDialect } from '../../src/guardrails/sql-types.ts';

const dir = new URL('../sql-corpus/', import.meta.url);

function lines(file: string): string[] {
  return readFileSync(new URL(file, dir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('-- '));
}

export function allowed(dialect: SqlDialect): string[] {
  return [...lines('allow.common.sql'), ...lines(`allow.${dialect}.sql`)];
}

export interface RejectCase {
  why: string;
  code: RejectCode;
  sql: string;
  dialects?: SqlDialect[];
}

export function rejected(dialect: SqlDialect): RejectCase[] {
  const all = JSON.parse(readFileSync(new URL('reject.json', dir), 'utf8')) as RejectCase[];
  return all.filter((c) => !c.dialects || c.dialects.includes(dialect));
}
