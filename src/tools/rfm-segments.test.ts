import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import {
  MIN_SEGMENT,
  planRfm,
  recencyThresholds,
  RfmSegmentsInput,
  rfmSegments,
  segmentOf,
  shapeRfm,
} from './rfm-segments.ts';
import type { ToolContext } from './types.ts';

describe('rfm_segments pieces', () => {
  it('scales recency tiers with the look-back', () => {
    expect(recencyThresholds(365)).toEqual([30, 91]);
    expect(recencyThresholds(30)).toEqual([7, 8]);
  });

  it('maps tiers to segments', () => {
    expect([
      segmentOf(3, 3),
      segmentOf(2, 2),
      segmentOf(3, 1),
      segmentOf(2, 1),
      segmentOf(1, 3),
      segmentOf(1, 1),
    ]).toEqual(['champions', 'loyal', 'new', 'needs_attention', 'at_risk', 'lost']);
  });

  it('never selects a customer id out of the inner queries', () => {
    const q = planRfm(RfmSegmentsInput.parse({}), 'mysql', { minDate: '2024-01-01', maxDate: '2025-12-31' }).query.sql;
    const outer = q.slice(0, q.indexOf('FROM'));
    expect(outer).not.toMatch(/user_id/);
    expect(q).toMatch(/GROUP BY s\.r_tier, s\.f_tier, s\.m_tier$/);
  });

  it('groups by customer through the date range, not by walking idx_orders_user_date, on MySQL', () => {
    const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };
    const my = planRfm(RfmSegmentsInput.parse({ period: 'last_year' }), 'mysql', data).query.sql;
    expect(my).toContain('FROM orders o IGNORE INDEX FOR GROUP BY (idx_orders_user_date) WHERE');
    const lite = planRfm(RfmSegmentsInput.parse({ period: 'last_year' }), 'sqlite', data).query.sql;
    expect(lite).not.toMatch(/IGNORE INDEX/);
  });

  it('suppresses averages for tiny segments', () => {
    const rows = shapeRfm([
      { r_tier: 3, f_tier: 3, m_tier: 3, customers: MIN_SEGMENT - 1, revenue: 900, orders: 20, recency_days: 4 },
    ]);
    expect(rows.find((r) => r.segment === 'champions')).toMatchObject({
      customers: MIN_SEGMENT - 1,
      revenue: null,
      avg_revenue: null,
    });
  });
});

describe('rfm_segments on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('covers every customer exactly once, as aggregates', async () => {
    const r = await rfmSegments.run(RfmSegmentsInput.parse({ period: 'all' }), ctx);
    const [d] = (await db.query("SELECT COUNT(DISTINCT user_id) AS n FROM orders WHERE order_status <> 'cancelled'"))
      .rows;
    expect(r.rows.reduce((a, x) => a + (x.customers as number), 0)).toBe(Number(d!.n));
    expect(r.columns).not.toContain('user_id');
    expect(JSON.stringify(r)).not.toMatch(/@example|user\d+/);
  });
});
