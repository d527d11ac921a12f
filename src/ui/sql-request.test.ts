import { describe, expect, it } from 'vitest';
import { COMPOSER_MAX, sqlRequest } from './sql-request.ts';

describe('sqlRequest', () => {
  it('fences the SQL after a lead-in in the UI language', () => {
    expect(sqlRequest(' SELECT 1 \n', 'en')).toBe('Run this SQL:\n```sql\nSELECT 1\n```');
    expect(sqlRequest('SELECT 1', 'zh')).toBe('运行这段 SQL：\n```sql\nSELECT 1\n```');
  });
  it('gives nothing when the request would not fit in the composer', () => {
    expect(sqlRequest(`SELECT '${'x'.repeat(COMPOSER_MAX)}'`, 'en')).toBeNull();
  });
});
