import { describe, expect, it } from 'vitest';
import type { RollupAt } from '../../rollup/coverage.ts';
import { buildChannelRollupQuery, narrowestMetricQuery } from './channel-rollup-query.ts';
import type { MetricQuery } from './metric-query.ts';

const at: RollupAt = { engine: 'mysql', database: 'shop', through: '2025-12-31' };
const year = [{ from: '2024-01-01', to: '2024-12-31' }];
const q = (over: Partial<MetricQuery>): MetricQuery => ({
  metrics: ['net_sales'],
  dims: ['month'],
  periods: year,
  filters: {},
  ...over,
});

describe('buildChannelRollupQuery (pure)', () => {
  it('reads net sales and orders from daily_channel_orders, sessions by month from monthly_sessions', () => {
    const built = buildChannelRollupQuery(q({ metrics: ['net_sales', 'orders', 'conversion_rate'] }), 'mysql', at)!;
    expect(built.fragment.sql).toContain('`shop_rollup`.`daily_channel_orders`');
    expect(built.fragment.sql).toContain('`shop_rollup`.`monthly_sessions`');
    expect(built.fragment.sql).not.toMatch(/daily_orders|daily_sessions|weekly_sessions/);
    expect(built.fragment.sql.split('?').length - 1).toBe(built.fragment.params.length);
  });

  it('binds filter values and keeps the channel and country filters', () => {
    const built = buildChannelRollupQuery(
      q({ dims: ['week', 'channel'], filters: { channel: ['amazon'], country: ["x'; DROP TABLE orders; --"] } }),
      'sqlite',
      { engine: 'sqlite', database: null, through: at.through },
    )!;
    expect(built.fragment.sql).not.toContain('DROP');
    expect(built.fragment.params).toContain('amazon');
    expect(built.fragment.sql).toContain('"rollup_daily_channel_orders"');
  });

  it('answers nothing the narrow tables do not keep', () => {
    expect(buildChannelRollupQuery(q({ metrics: ['units'] }), 'mysql', at)).toBeNull();
    expect(buildChannelRollupQuery(q({ dims: ['device'] }), 'mysql', at)).toBeNull();
    expect(buildChannelRollupQuery(q({ filters: { category: 'Swimwear' } }), 'mysql', at)).toBeNull();
    expect(buildChannelRollupQuery(q({ filters: { customerType: 'new' } }), 'mysql', at)).toBeNull();
    expect(buildChannelRollupQuery(q({ periods: [{ from: '2025-12-01', to: '2026-01-05' }] }), 'mysql', at)).toBeNull();
  });

  it('falls back to the wider rollups, then the base tables', () => {
    // Units are not in daily_channel_orders: the orders rollup (its monthly twin for a monthly series) holds them.
    expect(narrowestMetricQuery(q({ metrics: ['units'] }), 'mysql', at).fragment.sql).toMatch(
      /`(daily|monthly)_orders`/,
    );
    const base = narrowestMetricQuery(q({}), 'mysql', null);
    expect(base.rollup).toBe(false);
    expect(base.fragment.sql).toContain('FROM orders o');
  });
});
