// The corpus against the guard in both dialects, and every allowed statement executed on a planted SQLite
// warehouse: it must run and no personal marker may come back.
import { describe, expect, it } from 'vitest';
import { checkSql } from '../../src/guardrails/sql-check.ts';
import type { SqlDialect } from '../../src/guardrails/sql-types.ts';
import { allowed, rejected } from './corpus.ts';
import { PII_MARKER, plantedSqlite } from './planted.ts';

const dialects: SqlDialect[] = ['mysql', 'sqlite'];

describe.each(dialects)('corpus on %s', (dialect) => {
  it.each(allowed(dialect))('allows %s', (sql) => {
    const v = checkSql(sql, { dialect });
    expect(v.verdict === 'reject' ? `${v.code}: ${v.reason}` : 'allow').toBe('allow');
  });

  it.each(rejected(dialect).map((c) => [c.why, c.sql, c.code] as const))('rejects %s: %s', (_why, sql, code) => {
    const v = checkSql(sql, { dialect });
    expect(v.verdict === 'reject' ? v.code : `allowed as ${v.sql}`).toBe(code);
    if (v.verdict === 'reject') expect(v.reason.length).toBeGreaterThan(20);
  });
});

describe('allowed statements on a planted SQLite warehouse', () => {
  const db = plantedSqlite();
  it.each(allowed('sqlite'))('runs without personal values: %s', (sql) => {
    const v = checkSql(sql, { dialect: 'sqlite' });
    if (v.verdict !== 'allow') throw new Error(v.reason);
    const rows = db.prepare(v.sql).all();
    expect(JSON.stringify(rows)).not.toContain(PII_MARKER);
  });
});

it('has at least 150 statements', () => {
  const n = new Set([
    ...allowed('mysql'),
    ...allowed('sqlite'),
    ...rejected('mysql').map((c) => c.sql),
    ...rejected('sqlite').map((c) => c.sql),
  ]).size;
  expect(n).toBeGreaterThanOrEqual(150);
});
