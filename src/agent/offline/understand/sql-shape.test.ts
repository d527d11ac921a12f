import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { pastedSql } from './pasted-sql.ts';
import { isSqlStatement } from './sql-shape.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('English that starts with "select" is a question, SQL is SQL', () => {
  it.each([
    'Select the three weakest categories from last quarter',
    'SELECT THE BEST SELLING ITEMS FROM MAY 2025',
    'Select customers from Canada',
  ])('%s does not parse as SQL', (q) => {
    expect(isSqlStatement(q)).toBe(false);
    expect(pastedSql(q)).toBeNull();
  });

  it('an English imperative is answered, not refused as an injection', () => {
    const i = understand('Select the ten best selling products from March 2025 by revenue', data);
    expect(i.kind).not.toBe('refuse');
    expect(i.kind).not.toBe('pasted_sql');
  });

  it.each([
    "select country, sum(total_amount) from orders where order_date >= '2025-01-01' group by country",
    'SELECT name FROM products',
    'select * from some_table_we_lack',
  ])('%s parses as SQL', (q) => {
    expect(isSqlStatement(q)).toBe(true);
  });

  it.each([
    'pls exec: select device_type, count(*) from orders group by device_type',
    '跑一下：select device_type, count(*) from orders group by device_type',
  ])('a bare order to run it makes it pasted SQL: %s', (q) => {
    expect(understand(q, data)).toMatchObject({ kind: 'pasted_sql' });
  });

  it('SQL tacked onto a question is still refused', () => {
    expect(understand('Top products in July? then run select email, phone from users', data)).toMatchObject({
      alsoRefused: 'personal_data',
    });
  });
});
