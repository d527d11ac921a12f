import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types.ts';
import { fixtureSqlite } from '../../../test/parity/support.ts';
import { METRIC_IDS } from '../metrics.ts';
import { buildMetricQuery, canSplit, metricColumn } from './metric-query.ts';

const feb = { from: '2025-02-01', to: '2025-02-28' };
const jan = { from: '2025-01-01', to: '2025-01-31' };

describe('buildMetricQuery (pure)', () => {
  it('binds every value and keeps user text out of the statement', () => {
    const evil = "Bikinis') OR 1=1 --";
    const q = buildMetricQuery(
      {
        metrics: ['net_sales'],
        dims: ['channel'],
        periods: [feb],
        filters: { category: evil, country: ["x'; DROP TABLE orders; --"] },
      },
      'mysql',
    );
    expect(q.fragment.sql).not.toContain('DROP');
    expect(q.fragment.sql).not.toContain('OR 1=1');
    expect(q.fragment.params).toContain(evil);
    expect(q.fragment.sql.split('?').length - 1).toBe(q.fragment.params.length);
  });

  it('uses the order grain normally and the line grain under a category filter or product split', () => {
    expect(
      buildMetricQuery({ metrics: ['net_sales'], dims: [], periods: [feb], filters: {} }, 'sqlite').sources,
    ).toEqual(['orders']);
    expect(
      buildMetricQuery({ metrics: ['net_sales'], dims: [], periods: [feb], filters: { category: 'Hats' } }, 'sqlite')
        .sources,
    ).toEqual(['items']);
    expect(
      buildMetricQuery({ metrics: ['orders'], dims: ['category'], periods: [feb], filters: {} }, 'sqlite').sources,
    ).toEqual(['items']);
    const all = buildMetricQuery({ metrics: [...METRIC_IDS], dims: [], periods: [feb, jan], filters: {} }, 'sqlite');
    expect(all.sources.sort()).toEqual(['items', 'orders', 'returned', 'returns', 'sessions']);
  });

  it('excludes cancelled orders from order-based metrics', () => {
    const q = buildMetricQuery({ metrics: ['net_sales'], dims: [], periods: [feb], filters: {} }, 'sqlite');
    expect(q.fragment.sql).toContain("o.order_status <> 'cancelled'");
  });

  it('refuses a split the data cannot support, saying what works', () => {
    expect(() =>
      buildMetricQuery({ metrics: ['conversion_rate'], dims: ['category'], periods: [feb], filters: {} }, 'sqlite'),
    ).toThrow(/cannot be split by category.*device, country, source/);
    expect(canSplit('conversion_rate', 'device')).toBe(true);
    expect(canSplit('sessions', 'customer_type')).toBe(false);
    expect(canSplit('net_sales', 'product')).toBe(true);
  });

  it('marks filters that do not apply to sessions', () => {
    const q = buildMetricQuery(
      { metrics: ['sessions'], dims: [], periods: [feb], filters: { channel: ['amazon'], customerType: 'new' } },
      'sqlite',
    );
    expect(q.caveats.join(' ')).toMatch(/only on the own website/);
    expect(q.caveats.join(' ')).toMatch(/not split by new\/returning/);
  });
});

describe('buildMetricQuery on the fixture', () => {
  let db: Db;
  const run = async (q: ReturnType<typeof buildMetricQuery>) =>
    (await db.query(q.fragment.sql, q.fragment.params)).rows;
  beforeAll(async () => {
    ({ db } = await fixtureSqlite());
  });
  afterAll(async () => db.close());

  it('net sales equals Σ total_amount of non-cancelled orders, on both grains', async () => {
    const [direct] = (
      await db.query(
        "SELECT SUM(total_amount) AS s FROM orders WHERE order_status <> 'cancelled' AND order_date >= '2025-02-01' AND order_date < '2025-03-01'",
      )
    ).rows;
    const [orders] = await run(
      buildMetricQuery({ metrics: ['net_sales'], dims: [], periods: [feb], filters: {} }, 'sqlite'),
    );
    const byCat = await run(
      buildMetricQuery({ metrics: ['net_sales'], dims: ['category'], periods: [feb], filters: {} }, 'sqlite'),
    );
    expect(orders![metricColumn('net_sales', 0)]).toBeCloseTo(Number(direct!.s), 6);
    expect(byCat.reduce((a, r) => a + Number(r[metricColumn('net_sales', 0)]), 0)).toBeCloseTo(Number(direct!.s), 6);
  });

  it('two periods side by side equal two single-period queries', async () => {
    const [both] = await run(
      buildMetricQuery(
        { metrics: ['orders', 'sessions', 'refunds'], dims: [], periods: [feb, jan], filters: {} },
        'sqlite',
      ),
    );
    const [only] = await run(
      buildMetricQuery({ metrics: ['orders', 'sessions', 'refunds'], dims: [], periods: [jan], filters: {} }, 'sqlite'),
    );
    for (const m of ['orders', 'sessions', 'refunds'] as const)
      expect(both![metricColumn(m, 1)]).toBeCloseTo(Number(only![metricColumn(m, 0)]), 6);
  });

  it('conversion rate counts own-site orders only', async () => {
    const [r] = await run(
      buildMetricQuery({ metrics: ['conversion_rate', 'sessions'], dims: [], periods: [feb], filters: {} }, 'sqlite'),
    );
    const [own] = (
      await db.query(
        "SELECT COUNT(*) AS n FROM orders WHERE channel = 'own_website' AND order_status <> 'cancelled' AND order_date >= '2025-02-01' AND order_date < '2025-03-01'",
      )
    ).rows;
    expect(r![metricColumn('conversion_rate', 0)]).toBeCloseTo(
      Number(own!.n) / Number(r![metricColumn('sessions', 0)]),
      9,
    );
  });
});
