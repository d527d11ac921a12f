import { describe, expect, it } from 'vitest';
import { ROLLUP_TABLES } from '../warehouse/rollup-schema.ts';
import { dirtyDaysSql, insertSql } from './statements.ts';

const placeholders = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('rollup statements', () => {
  it('fill every table, whole or for some days, with one parameter per placeholder', () => {
    for (const engine of ['sqlite', 'mysql'] as const)
      for (const t of ROLLUP_TABLES) {
        const all = insertSql(t, engine, 'x');
        expect(all.params, t.name).toEqual([]);
        expect(placeholders(all.sql), t.name).toBe(0);
        const some = insertSql(t, engine, 'x', { from: '2025-02-01', to: '2025-02-08' });
        expect(placeholders(some.sql), `${t.name} ${engine}`).toBe(some.params.length);
      }
  });

  it("read a customer's earlier days before the range to tell their previous day, and keep the range's days", () => {
    const t = ROLLUP_TABLES.find((x) => x.name === 'daily_customers')!;
    const some = insertSql(t, 'mysql', 'x', { from: '2025-02-01', to: '2025-02-08' });
    // Orders before the range's end of the customers who ordered in it, then only the range's days.
    expect(some.sql).toContain('o.order_date < ? AND o.user_id IN (SELECT r.user_id FROM orders r');
    expect(some.sql).toMatch(/\) t WHERE t\.day >= \? GROUP BY/);
    expect(some.params.at(-1)).toBe('2025-02-01');
  });

  it('take one watermark id per source of dirty days', () => {
    expect(placeholders(dirtyDaysSql('sqlite'))).toBe(10);
  });
});
