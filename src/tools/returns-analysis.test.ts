import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { planReturnsAnalysis, reasonFindings, ReturnsAnalysisInput, returnsAnalysis } from './returns-analysis.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('returns_analysis builder', () => {
  it('dates reasons by return date and binds the category', () => {
    const p = planReturnsAnalysis(ReturnsAnalysisInput.parse({ category: 'Hats', period: '2025-02' }), 'sqlite', data);
    expect(p.reasons.sql).toContain('r.return_date >= ?');
    expect(p.reasons.params).toEqual(expect.arrayContaining(['Hats', '2025-02-01', '2025-03-01']));
    expect(p.caveats.join(' ')).toMatch(/whole order/);
  });

  it('reads product and category splits from the narrow rollups, not daily_lines or the base tables', () => {
    const at = { engine: 'sqlite' as const, database: null, through: '2025-03-20' };
    const plan = (input: Record<string, unknown>) =>
      planReturnsAnalysis(
        ReturnsAnalysisInput.parse({ period: { from: '2024-03-05', to: '2025-03-10' }, ...input }),
        'sqlite',
        {
          minDate: '2024-01-01',
          maxDate: '2025-03-20',
        },
        at,
      );
    for (const input of [{ by: 'product' }, { by: 'product', channel: 'amazon' }, { by: 'category' }, {}]) {
      const p = plan(input);
      expect(p.rollupThrough).toBe('2025-03-20');
      const rates = p.rates.map((r) => r.sql).join('\n');
      expect(rates, JSON.stringify(input)).toMatch(/"rollup_monthly_(product_sales|category_orders)"/);
      expect(rates, JSON.stringify(input)).not.toMatch(/rollup_daily_lines|FROM orders o/);
    }
    // An attribute the per-product table does not keep: the order counts come from the base tables.
    expect(plan({ by: 'product', country: 'France' }).rates[0]!.sql).toMatch(/FROM orders o/);
  });
});

describe('reasons totalled together', () => {
  const plan = (reasons?: string[]) =>
    planReturnsAnalysis(ReturnsAnalysisInput.parse({ period: '2025-02', reasons }), 'sqlite', data);
  const rows = [
    { reason: 'Fit: runs small', returns: 30, share: 0.3, refunds: 300 },
    { reason: 'Fit: runs large', returns: 20, share: 0.2, refunds: 200 },
    { reason: 'Late delivery', returns: 50, share: 0.5, refunds: 500 },
  ];

  it("states each reason's share and the combined share of the matching ones", () => {
    const f = reasonFindings(plan(['fit']), rows);
    expect(f).toContainEqual(expect.objectContaining({ kind: 'share', subject: 'Late delivery', share: 0.5 }));
    expect(f).toContainEqual(
      expect.objectContaining({ kind: 'share', subject: 'Fit: runs small + Fit: runs large', value: 50, total: 100 }),
    );
  });

  it('adds no combined finding without words, or when one reason matches', () => {
    expect(reasonFindings(plan(), rows).map((x) => (x.kind === 'share' ? x.subject : ''))).not.toContain(
      'Fit: runs small + Fit: runs large',
    );
    expect(reasonFindings(plan(['late']), rows)).toHaveLength(3);
  });
});

describe('returns_analysis on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('rates by category and the reason mix', async () => {
    const r = await returnsAnalysis.run(ReturnsAnalysisInput.parse({ period: 'all' }), ctx);
    expect(r.rows.map((x) => x.category).sort()).toEqual(['Hats', 'Swimwear']);
    const reasons = (r.data as { reasons: { returns: number; share: number }[] }).reasons;
    const [d] = (await db.query('SELECT COUNT(*) AS n FROM returns')).rows;
    expect(reasons.reduce((a, x) => a + x.returns, 0)).toBe(Number(d!.n));
    expect(r.untrustedText).toBe(true);
  });

  it('by channel matches the return_rate metric', async () => {
    const r = await returnsAnalysis.run(
      ReturnsAnalysisInput.parse({ period: 'all', by: 'channel', compare_to: '2025-01' }),
      ctx,
    );
    const own = r.rows.find((x) => x.channel === 'own_website')!;
    const [d] = (
      await db.query(`SELECT 1.0 * SUM(CASE WHEN EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id) THEN 1 ELSE 0 END) / COUNT(*) AS rate
      FROM orders o WHERE o.channel = 'own_website' AND o.order_status <> 'cancelled'`)
    ).rows;
    expect(own.return_rate).toBeCloseTo(Number(d!.rate), 4);
    expect(own.return_rate_previous).not.toBeNull();
  });

  it('a period inside the 30-day return window is still maturing; an older one is not', async () => {
    const late = await returnsAnalysis.run(ReturnsAnalysisInput.parse({ period: 'last_30_days' }), ctx);
    expect(late.findings!.find((f) => f.kind === 'maturity')).toMatchObject({
      metric: 'return_rate',
      after: '2025-02-18',
    });
    expect(late.summary).toMatch(/Still maturing: returns for orders after 2025-02-18 are still arriving.*lower bound/);
    const rank = late.findings!.find((f) => f.kind === 'ranking');
    expect(rank?.kind === 'ranking' && rank.items.map((x) => x.name)).toEqual(late.rows.map((x) => x.category));
    const jan = await returnsAnalysis.run(ReturnsAnalysisInput.parse({ period: '2025-01' }), ctx);
    expect(jan.findings!.some((f) => f.kind === 'maturity')).toBe(false);
    expect(jan.summary).not.toMatch(/Still maturing/);
  });
});
