// The parser runs in-process, so its worst case must be bounded before it starts: input length and
// parenthesis depth are capped by the raw scan, and the slowest shapes at the caps still parse quickly.
import { describe, expect, it } from 'vitest';
import { checkSql, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH } from './sql-check.ts';

const d = DEFAULT_MAX_DEPTH;
const shapes: Record<string, string> = {
  parens: `SELECT ${'('.repeat(d)}1${')'.repeat(d)}`,
  unclosed: `SELECT ${'('.repeat(d)}1`,
  functions: `SELECT ${'ABS('.repeat(d)}1${')'.repeat(d)}`,
  arithmetic: `SELECT ${'(1+'.repeat(d)}1${')'.repeat(d)}`,
  subqueries: `SELECT ${'(SELECT '.repeat(d)}1${')'.repeat(d)}`,
  derived: (() => {
    let s = 'SELECT 1 AS x';
    for (let i = 0; i < d - 1; i++) s = `SELECT x FROM (${s}) t${i}`;
    return s;
  })(),
  wide: `SELECT ${Array.from({ length: 900 }, (_, i) => `(order_id + ${i})`).join(',')} FROM orders`.slice(
    0,
    DEFAULT_MAX_LENGTH,
  ),
};

describe('parse budget', () => {
  it.each(Object.entries(shapes))('%s at the caps is decided within a second', (_name, sql) => {
    for (const dialect of ['mysql', 'sqlite'] as const) {
      const start = performance.now();
      checkSql(sql, { dialect });
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });

  it('rejects deeper nesting and longer input before parsing', () => {
    expect(checkSql(`SELECT ${'('.repeat(d + 1)}1${')'.repeat(d + 1)}`, { dialect: 'mysql' })).toMatchObject({
      verdict: 'reject',
      code: 'too_deep',
    });
    expect(
      checkSql(`SELECT COUNT(*) FROM orders WHERE channel IN ('${'x'.repeat(DEFAULT_MAX_LENGTH)}')`, {
        dialect: 'mysql',
      }),
    ).toMatchObject({ verdict: 'reject', code: 'too_long' });
    expect(checkSql('SELECT 1', { dialect: 'mysql', maxLength: 5 })).toMatchObject({
      verdict: 'reject',
      code: 'too_long',
    });
  });

  it('lowers a bigger LIMIT and keeps a smaller one', () => {
    expect(checkSql('SELECT order_id FROM orders LIMIT 5000', { dialect: 'mysql', maxRows: 100 })).toMatchObject({
      verdict: 'allow',
      limit: 100,
    });
    expect(checkSql('SELECT order_id FROM orders LIMIT 7', { dialect: 'sqlite' })).toMatchObject({
      verdict: 'allow',
      limit: 7,
    });
    const v = checkSql('SELECT order_id FROM orders LIMIT 10, 5000', { dialect: 'mysql', maxRows: 100 });
    expect(v.verdict === 'allow' && v.sql).toMatch(/LIMIT 10, 100$/);
    const u = checkSql('SELECT channel FROM orders UNION SELECT country FROM orders', {
      dialect: 'sqlite',
      maxRows: 10,
    });
    expect(u.verdict === 'allow' && u.sql).toMatch(/UNION SELECT "country" FROM "orders" LIMIT 10$/);
  });
});
