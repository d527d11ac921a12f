// Which rollup tables the returns evidence reads (its numbers against the base query: test/rollup/explain.test.ts).
import { describe, expect, it } from 'vitest';
import type { RollupAt } from '../../rollup/coverage.ts';
import type { Filters } from '../filters.ts';
import { toQuery } from '../sql/fragment.ts';
import { rollupEvidence } from './evidence-rollup-sql.ts';

const at: RollupAt = { engine: 'mysql', database: 'shop', through: '2025-12-31' };

function returnsSql(a: { from: string; to: string }, b: { from: string; to: string }, filters: Filters = {}) {
  const f = rollupEvidence('returns', { window: { a, b }, dialect: 'mysql', filters }, at);
  return toQuery(f!).sql;
}

describe('returns evidence from the rollup', () => {
  const dec24 = { from: '2024-12-01', to: '2024-12-31' };
  const dec25 = { from: '2025-12-01', to: '2025-12-31' };

  it('reads whole months from the product lines as they are, under no filter or a channel or category', () => {
    for (const filters of [{}, { channel: ['amazon'] }, { category: 'Swimwear' }]) {
      const sql = returnsSql(dec24, dec25, filters);
      expect(sql).toContain('`shop_rollup`.`monthly_product_lines`');
      expect(sql).not.toContain('monthly_lines');
      expect(sql).not.toMatch(/GROUP BY/);
    }
  });

  it('sums whole weeks and odd days of the product lines and daily_lines', () => {
    const sql = returnsSql({ from: '2025-11-03', to: '2025-11-12' }, { from: '2025-12-01', to: '2025-12-10' });
    expect(sql).toContain('weekly_product_lines');
    expect(sql).toContain('`daily_lines`');
    expect(sql).toMatch(/GROUP BY u\.pb, u\.product_id, u\.channel/);
  });

  it('reads the lines under a filter the product lines do not keep', () => {
    for (const filters of [{ country: ['France'] }, { device: ['mobile'] }, { customerType: 'new' as const }]) {
      const sql = returnsSql(dec24, dec25, filters);
      expect(sql).toContain('monthly_lines');
      expect(sql).not.toContain('product_lines');
    }
  });
});
