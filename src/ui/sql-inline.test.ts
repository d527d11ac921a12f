import { describe, expect, it } from 'vitest';
import { inlineParams, sqlLiteral } from './sql-inline.ts';

describe('inlineParams', () => {
  it('writes each value in for its placeholder, in order', () => {
    expect(inlineParams('SELECT a FROM t WHERE d >= ? AND d <= ? AND n > ?', ['2025-07-01', '2025-07-31', 3])).toBe(
      "SELECT a FROM t WHERE d >= '2025-07-01' AND d <= '2025-07-31' AND n > 3",
    );
  });

  it('quotes strings with embedded quotes doubled, so a value cannot end its literal', () => {
    expect(sqlLiteral("O'Brien'); DROP TABLE x; --")).toBe("'O''Brien''); DROP TABLE x; --'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(Number.NaN)).toBe('NULL');
    expect(sqlLiteral(true)).toBe('TRUE');
  });

  it('leaves question marks in literals, quoted names and comments alone', () => {
    const sql = 'SELECT \'?\' AS q, "a?" , `b?` -- why?\n FROM t /* ? */ WHERE x = ?';
    expect(inlineParams(sql, [1])).toBe('SELECT \'?\' AS q, "a?" , `b?` -- why?\n FROM t /* ? */ WHERE x = 1');
  });

  it('keeps a placeholder that has no value', () => {
    expect(inlineParams('x = ? AND y = ?', ['a'])).toBe("x = 'a' AND y = ?");
  });
});
