import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { BreakdownInput, breakdown, planBreakdown } from './breakdown.ts';
import { assertPureSpec } from './charts.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('breakdown builder', () => {
  it('requires a dimension from the allowlist', () => {
    expect(BreakdownInput.safeParse({}).success).toBe(false);
    expect(BreakdownInput.safeParse({ by: 'order_id' }).success).toBe(false);
    expect(BreakdownInput.safeParse({ by: 'country' }).success).toBe(true);
  });

  it('compares with the previous period by default', () => {
    const p = planBreakdown(BreakdownInput.parse({ by: 'country', period: '2025-02' }), 'mysql', data);
    expect(p.scope.compare).toMatchObject({ from: '2025-01-01', to: '2025-01-31' });
  });
});

describe('breakdown on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('shares add up to 1 and changes add up to the total change', async () => {
    const r = await breakdown.run(BreakdownInput.parse({ by: 'channel', period: '2025-02' }), ctx);
    const share = r.rows.reduce((a, x) => a + (x.share as number), 0);
    expect(share).toBeCloseTo(1, 3);
    const contribution = r.rows.reduce((a, x) => a + (x.contribution as number), 0);
    expect(contribution).toBeCloseTo(1, 3);
    expect(r.charts.map((c) => (c.mark as { type: string }).type)).toEqual(['bar', 'bar']);
    r.charts.forEach((c) => assertPureSpec(c));
  });

  it('a return rate split inside the returns window is marked still maturing; an old period is not', async () => {
    const late = await breakdown.run(
      BreakdownInput.parse({
        metric: 'return_rate',
        by: 'device',
        period: { from: ctx.data.maxDate, to: ctx.data.maxDate },
      }),
      ctx,
    );
    expect(late.findings!.some((f) => f.kind === 'maturity' && f.metric === 'return_rate')).toBe(true);
    expect(late.summary).toMatch(/Still maturing/);
    const old = await breakdown.run(
      BreakdownInput.parse({
        metric: 'return_rate',
        by: 'device',
        period: { from: ctx.data.minDate, to: ctx.data.minDate },
      }),
      ctx,
    );
    expect(old.findings!.some((f) => f.kind === 'maturity')).toBe(false);
  });

  it('labels products and flags their names as untrusted text', async () => {
    const r = await breakdown.run(BreakdownInput.parse({ by: 'product', period: '2025-02', limit: 3 }), ctx);
    expect(r.untrustedText).toBe(true);
    expect(r.rows).toHaveLength(4); // 3 + Other
    expect(String(r.rows[0]!.product)).toMatch(/^SKU-\d /);
  });

  it('lists a rate without an "Other" row', async () => {
    const r = await breakdown.run(
      BreakdownInput.parse({ by: 'device', metric: 'conversion_rate', period: '2025-02' }),
      ctx,
    );
    expect(r.rows.every((x) => x.share === null)).toBe(true);
    expect(r.rows).toHaveLength(3);
  });
});
