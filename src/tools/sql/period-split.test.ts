import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Row } from '../../db/types.ts';
import { fixtureSqlite } from '../../../test/parity/support.ts';
import { buildMetricQuery, type MetricQuery } from './metric-query.ts';
import { buildPerPeriod, mergePeriodRows } from './period-split.ts';

const q = (over: Partial<MetricQuery>): MetricQuery => ({
  metrics: ['net_sales', 'return_rate'],
  dims: ['channel'],
  periods: [
    { from: '2025-02-01', to: '2025-02-28' },
    { from: '2025-01-01', to: '2025-01-31' },
  ],
  filters: {},
  ...over,
});

describe('mergePeriodRows', () => {
  it('fills a group a period lacks as the combined statement would: 0 for sums, null for ratios', () => {
    const merged = mergePeriodRows(q({}), [
      [{ k_channel: 'amazon', net_sales__0: 10, return_rate__0: 0.5 }],
      [{ k_channel: 'own_website', net_sales__0: 7, return_rate__0: 0.25 }],
    ]);
    expect(merged).toEqual([
      { k_channel: 'amazon', net_sales__0: 10, return_rate__0: 0.5, net_sales__1: 0, return_rate__1: null },
      { k_channel: 'own_website', net_sales__0: 0, return_rate__0: null, net_sales__1: 7, return_rate__1: 0.25 },
    ]);
  });

  it('without dimensions returns one row even over no data', () => {
    expect(mergePeriodRows(q({ dims: [] }), [[], []])).toEqual([
      { net_sales__0: 0, return_rate__0: null, net_sales__1: 0, return_rate__1: null },
    ]);
  });
});

describe('per-period statements on the fixture', () => {
  let db: Db;
  beforeAll(async () => ({ db } = await fixtureSqlite()));
  afterAll(async () => db.close());

  const norm = (rows: Row[]) =>
    rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v]),
        ),
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it.each([
    ['by channel', q({})],
    [
      'by product, a period with no data',
      q({
        dims: ['product'],
        periods: [
          { from: '2025-03-01', to: '2025-03-31' },
          { from: '2024-12-01', to: '2024-12-31' },
        ],
      }),
    ],
    [
      'totals, all KPIs',
      q({
        dims: [],
        metrics: [
          'net_sales',
          'orders',
          'aov',
          'sessions',
          'conversion_rate',
          'refunds',
          'gross_margin',
          'new_customer_share',
        ],
      }),
    ],
    ['by category with a filter', q({ dims: ['category'], filters: { channel: ['own_website'] } })],
  ])('give the same rows as one two-period statement: %s', async (_, query) => {
    const combined = buildMetricQuery(query, 'sqlite').fragment;
    const expected = (await db.query(combined.sql, combined.params)).rows;
    const parts = await Promise.all(
      buildPerPeriod(query, 'sqlite').map(async (b) => (await db.query(b.fragment.sql, b.fragment.params)).rows),
    );
    expect(norm(mergePeriodRows(query, parts))).toEqual(norm(expected));
  });
});
