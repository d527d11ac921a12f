// Property: whatever SELECT is generated over the real schema (columns, aliases, expressions, subqueries,
// CTEs, UNION), a personal column used outside COUNT() is rejected, and an allowed statement, executed on
// the planted warehouse, returns no personal value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANALYTICS_TABLES, type Table } from '../../src/warehouse/schema.ts';
import { checkSql } from '../../src/guardrails/sql-check.ts';
import { PII_MARKER, plantedSqlite } from './planted.ts';

interface Gen {
  sql: string;
  /** True when a personal column appears anywhere except directly inside COUNT(). */
  leaks: boolean;
}

const withPii = ANALYTICS_TABLES.filter((t) => t.columns.some((c) => c.pii));
const tableArb = fc.oneof(fc.constantFrom(...withPii), fc.constantFrom(...ANALYTICS_TABLES));
const aliasArb = fc.constantFrom('x', 'email', 'phone', 'v1', 'shipping_address', 'total');

function columnArb(t: Table, q: string) {
  return fc.constantFrom(...t.columns).map((c) => ({ ref: `${q}${c.name}`, pii: Boolean(c.pii) }));
}

function exprArb(t: Table, q: string): fc.Arbitrary<Gen> {
  return columnArb(t, q).chain(({ ref, pii }) =>
    fc.constantFrom<Gen>(
      { sql: ref, leaks: pii },
      { sql: `LOWER(${ref})`, leaks: pii },
      { sql: `SUBSTR(${ref}, 1, 4)`, leaks: pii },
      { sql: `${ref} || '-'`, leaks: pii },
      { sql: `COALESCE(${ref}, 'none')`, leaks: pii },
      { sql: `CASE WHEN ${ref} IS NULL THEN 'none' ELSE ${ref} END`, leaks: pii },
      { sql: `LENGTH(${ref})`, leaks: pii },
      { sql: `MAX(${ref})`, leaks: pii },
      { sql: `MIN(${ref})`, leaks: pii },
      { sql: `GROUP_CONCAT(${ref})`, leaks: pii },
      { sql: `COUNT(DISTINCT ${ref})`, leaks: false },
      { sql: `COUNT(${ref})`, leaks: false },
      { sql: `(SELECT ${ref})`, leaks: pii },
    ),
  );
}

const selectArb: fc.Arbitrary<Gen & { width: number; bare: Gen }> = tableArb.chain((t) =>
  fc
    .record({
      qualified: fc.boolean(),
      items: fc.array(
        fc.tuple(
          fc.constant(t).chain((tt) => exprArb(tt, '')),
          fc.option(aliasArb),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      where: fc.option(columnArb(t, '')),
      order: fc.option(columnArb(t, '')),
    })
    .map(({ items, where, order }) => {
      const cols = items.map(([e, a], i) => `${e.sql} AS ${a ?? 'c'}${i}`);
      const bareLeaks = items.some(([e]) => e.leaks) || Boolean(where?.pii);
      const bare = `SELECT ${cols.join(', ')} FROM ${t.name}${where ? ` WHERE ${where.ref} IS NOT NULL` : ''}`;
      return {
        sql: `${bare}${order ? ` ORDER BY ${order.ref}` : ''}`,
        leaks: bareLeaks || Boolean(order?.pii),
        width: items.length,
        bare: { sql: bare, leaks: bareLeaks },
      };
    }),
);

const statementArb: fc.Arbitrary<Gen> = fc.oneof(
  selectArb,
  selectArb.map((s) => ({ sql: `SELECT * FROM (${s.sql}) d`, leaks: s.leaks })),
  selectArb.map((s) => ({ sql: `WITH c AS (${s.sql}) SELECT * FROM c`, leaks: s.leaks })),
  fc
    .tuple(selectArb, selectArb)
    .filter(([a, b]) => a.width === b.width)
    .map(([a, b]) => ({ sql: `${a.bare.sql} UNION ALL ${b.bare.sql}`, leaks: a.bare.leaks || b.bare.leaks })),
  selectArb.map((s) => ({ sql: `SELECT COUNT(*) AS n FROM orders WHERE EXISTS (${s.sql})`, leaks: s.leaks })),
);

describe('generated SELECTs never return a personal column', () => {
  const db = plantedSqlite();

  it('rejects every leak, and allowed statements return no personal value', () => {
    let allowedRan = 0;
    fc.assert(
      fc.property(statementArb, ({ sql, leaks }) => {
        for (const dialect of ['sqlite', 'mysql'] as const) {
          const v = checkSql(sql, { dialect });
          if (leaks) expect(v.verdict, `${dialect}: ${sql}`).toBe('reject');
          if (v.verdict !== 'allow' || dialect !== 'sqlite') continue;
          let rows: unknown[];
          try {
            rows = db.prepare(v.sql).all();
          } catch {
            continue; // a generated statement the engine refuses (e.g. an aggregate in a scalar subquery) leaks nothing
          }
          allowedRan += 1;
          expect(JSON.stringify(rows), v.sql).not.toContain(PII_MARKER);
        }
      }),
      { numRuns: 400, seed: 20240601 },
    );
    expect(allowedRan).toBeGreaterThan(50);
  });
});
