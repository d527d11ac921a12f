import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import {
  addShares,
  attributedQuery,
  CampaignPerformanceInput,
  campaignFindings,
  campaignPerformance,
  EARNED_BACK,
  liftOf,
  matchCampaigns,
  selectCampaigns,
  type Campaign,
} from './campaign-performance.ts';
import { attributedRollupSql } from './sql/campaign-rollup-sql.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-31' };
const c = (id: number, start: string, end: string): Campaign => ({
  campaign_id: id,
  campaign_name: `C${id}`,
  campaign_type: 't',
  channel: null,
  start_date: start,
  end_date: end,
  budget: 1000,
});

describe('campaign_performance pieces', () => {
  it('selects campaigns overlapping the period, or one by id or name', () => {
    const all = [c(1, '2025-01-10', '2025-01-20'), c(2, '2025-02-20', '2025-03-05')];
    expect(selectCampaigns(all, { from: '2025-01-15', to: '2025-02-01' }, undefined).map((x) => x.campaign_id)).toEqual(
      [1],
    );
    expect(selectCampaigns(all, { from: '2025-01-15', to: '2025-02-01' }, 'c2').map((x) => x.campaign_id)).toEqual([2]);
  });

  it('matches a named campaign by its words, preferring the one running in the period', () => {
    const named = (id: number, name: string, start: string, end: string) => ({
      ...c(id, start, end),
      campaign_name: name,
    });
    const all = [
      named(1, 'Summer Splash 2024', '2024-05-01', '2024-08-31'),
      named(2, 'Summer Splash 2025', '2025-05-01', '2025-06-30'),
      named(3, 'Black Friday 2025', '2025-11-27', '2025-12-01'),
    ];
    const y2025 = { from: '2025-01-01', to: '2025-12-31' };
    const ids = (q: string, p = y2025) => matchCampaigns(all, q, p).map((x) => x.campaign_id);
    expect(ids('summer-splash 2025')).toEqual([2]);
    expect(ids('Summer Splash')).toEqual([2]);
    expect(ids('Summer Splash', { from: '2023-01-01', to: '2023-12-31' })).toEqual([1, 2]);
    expect(ids('the Black Friday 2025 campaign')).toEqual([3]);
    expect(ids('black friday')).toEqual([3]);
    expect(ids('Cyber Monday')).toEqual([]);
  });

  it('states ROAS and ROI as rates of the budget, who earned it back, and the best and worst', () => {
    const rows = [
      { campaign_name: 'A', budget: 1000, net_sales: 1740, roas: 1.74 },
      { campaign_name: 'B', budget: 2000, net_sales: 1600, roas: 0.8 },
      { campaign_name: 'C', budget: 500, net_sales: 600, roas: 1.2 },
    ];
    const f = campaignFindings(rows, new Map([['A', 700]]), '2025');
    const roas = f.find((x) => x.kind === 'rate' && x.metric === 'roas' && x.subject === 'A');
    expect(roas).toMatchObject({ rate: 1.74, numerator: { value: 1740 }, denominator: { value: 1000 } });
    expect(f.find((x) => x.kind === 'rate' && x.metric === 'roi' && x.subject === 'A')).toMatchObject({ rate: 0.04 });
    expect(f.find((x) => x.kind === 'threshold')).toMatchObject({ condition: EARNED_BACK, items: ['A', 'C'] });
    expect(f.find((x) => x.kind === 'extreme' && x.which === 'lowest')).toMatchObject({ subject: { name: 'B' } });
    expect(f.find((x) => x.kind === 'ranking')).toMatchObject({ items: [{ name: 'A' }, { name: 'C' }, { name: 'B' }] });
  });

  it('lift compares campaign days with campaign-free days just before', () => {
    const daily = new Map<string, number>();
    for (let d = 1; d <= 31; d++) daily.set(`2025-01-${String(d).padStart(2, '0')}`, 100);
    for (let d = 10; d <= 19; d++) daily.set(`2025-02-${String(d).padStart(2, '0')}`, 150);
    const target = c(2, '2025-02-10', '2025-02-19');
    const l = liftOf(target, [target], daily, data, 28);
    expect(l.baseline_daily).toBeCloseTo((19 * 100 + 9 * 0) / 28, 2); // Feb 1-9 had no sales in this series
    expect(l.campaign_daily).toBe(150);
    const other = c(3, '2025-01-13', '2025-02-09'); // covers the whole window: falls back to all days
    expect(liftOf(target, [target, other], daily, data, 28).baseline_note).toMatch(/only 0 campaign-free days/);
  });

  it('binds campaign ids', () => {
    const q = attributedQuery([3, 5], { country: ['France'] });
    expect(q.fragment.params).toEqual(expect.arrayContaining([3, 5, 'France']));
  });
});

describe('attribution in shares', () => {
  it('splits the mapped orders by order id into disjoint shares', () => {
    const q = attributedQuery([3], {}, { index: 1, of: 2 });
    expect(q.fragment.sql).toContain('m.order_id % ? = ?');
    expect(q.fragment.params).toEqual(expect.arrayContaining([3, 2, 1]));
    expect(attributedQuery([3], {}, { index: 0, of: 1 }).fragment.sql).not.toContain('%');
  });

  it('adds the shares per campaign in whole cents, as one statement would sum them', () => {
    const added = addShares([
      [
        { campaign_id: 3, orders: 2, net_sales: '0.10', discounts: '1.00', cogs: '5.55' },
        { campaign_id: 4, orders: 1, net_sales: '9.99', discounts: null, cogs: '1.00' },
      ],
      [{ campaign_id: 3, orders: 1, net_sales: '0.20', discounts: '0.00', cogs: '4.45' }],
    ]);
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; the cents add to exactly 0.3.
    expect(added.get(3)).toEqual({ campaign_id: 3, orders: 3, net_sales: 0.3, discounts: 1, cogs: 10 });
    expect(added.get(4)).toEqual({ campaign_id: 4, orders: 1, net_sales: 9.99, discounts: 0, cogs: 1 });
  });
});

describe('campaign_performance on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('reports attributed sales, ROAS/ROI and lift per campaign', async () => {
    const r = await campaignPerformance.run(CampaignPerformanceInput.parse({ period: 'all' }), ctx);
    expect(r.rows.map((x) => x.campaign_name)).toEqual(['Winter Sale', 'Spring Launch']);
    const [direct] = (
      await db.query(
        "SELECT SUM(o.total_amount) AS s FROM order_campaign_map m JOIN orders o ON o.order_id = m.order_id WHERE m.campaign_id = 1 AND o.order_status <> 'cancelled'",
      )
    ).rows;
    expect(r.rows[0]!.net_sales).toBeCloseTo(Number(direct!.s), 2);
    expect(r.rows[0]!.roas).toBeCloseTo(Number(direct!.s) / 1500, 3);
    expect(r.rows[0]!.lift_measured_on).toBe('own_website');
    expect(r.untrustedText).toBe(true);
  });

  it('says so when no campaign matches', async () => {
    const r = await campaignPerformance.run(CampaignPerformanceInput.parse({ campaign: 'Nope' }), ctx);
    expect(r.rows).toEqual([]);
    expect(r.summary).toMatch(/No campaign matches "Nope"/);
  });
});

describe('attribution from the rollup', () => {
  const at = { engine: 'mysql' as const, database: 'shop', through: '2025-03-31' };
  it('reads daily_campaigns and daily_campaign_lines, pricing cost of goods at products.cost', () => {
    const q = attributedRollupSql([3, 5], {}, at, data)!;
    expect(q.sql).toContain('`shop_rollup`.`daily_campaigns`');
    expect(q.sql).toContain('`shop_rollup`.`daily_campaign_lines`');
    expect(q.sql).toContain('SUM(z.units * p.cost)');
    expect(q.params).toEqual([3, 5, 3, 5]);
  });
  it('leaves filtered attribution, and data past the rollup, to the base tables', () => {
    expect(attributedRollupSql([3], { country: ['Norway'] }, at, data)).toBeNull();
    expect(attributedRollupSql([3], {}, { ...at, through: '2025-03-30' }, data)).toBeNull();
    expect(attributedRollupSql([], {}, at, data)).toBeNull();
  });
});
