import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { CohortRetentionInput, cohortRetention, planCohortRetention, shapeCohorts } from './cohort-retention.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('cohort_retention pieces', () => {
  it('a horizon counts only customers observed long enough', () => {
    const p = planCohortRetention(CohortRetentionInput.parse({ period: 'all' }), 'sqlite', data);
    // first order before maxDate + 1 − h
    expect(p.query.params).toEqual(expect.arrayContaining(['2025-03-14', '2025-02-19', '2024-12-21']));
    expect(planCohortRetention(CohortRetentionInput.parse({}), 'mysql', data).query.sql).toContain('DATEDIFF(');
  });

  it('rates are null when nobody is eligible yet', () => {
    const [r] = shapeCohorts([
      {
        cohort: '2025-03-01',
        customers: 4,
        eligible_7: 4,
        repeat_7: 1,
        eligible_30: 0,
        repeat_30: 0,
        eligible_90: 0,
        repeat_90: 0,
      },
    ]);
    expect(r).toMatchObject({ cohort: '2025-03', repeat_7d: 0.25, repeat_30d: null, repeat_90d: null });
  });
});

describe('cohort_retention on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('groups first orders by month and measures repeats', async () => {
    const r = await cohortRetention.run(CohortRetentionInput.parse({ period: 'all' }), ctx);
    expect(r.rows.map((x) => x.cohort)).toEqual(['2025-01', '2025-02', '2025-03']);
    const [d] = (
      await db.query(
        "SELECT COUNT(*) AS n FROM orders WHERE is_first_order = 1 AND order_status <> 'cancelled' AND substr(order_date, 1, 7) = '2025-01'",
      )
    ).rows;
    expect(r.rows[0]!.customers).toBe(Number(d!.n));
    for (const x of r.rows)
      expect((x.repeat_7d as number | null) ?? 0).toBeLessThanOrEqual(((x.repeat_30d as number | null) ?? 1) + 1e-9);
  });

  it('names each window by its length in days, so an answer naming a window is grounded in the result', async () => {
    const r = await cohortRetention.run(CohortRetentionInput.parse({ period: 'all' }), ctx);
    expect(r.summary).toMatch(/Repeat windows: 7, 30 and 90 days/);
  });
});
