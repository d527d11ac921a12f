import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import {
  planPriceChangeImpact,
  PriceChangeImpactInput,
  priceChangeImpact,
  priceWindowsSql,
  shapePriceChanges,
} from './price-change-impact.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('price_change_impact pieces', () => {
  it('binds the window, sku and limit', () => {
    const p = planPriceChangeImpact(
      PriceChangeImpactInput.parse({ sku: "SKU-2' --", window_days: 7, limit: 3 }),
      'mysql',
      data,
    );
    expect(p.query.params).toEqual(expect.arrayContaining(["SKU-2' --", 7, -7, 3]));
    expect(p.query.sql).not.toContain("SKU-2'");
  });

  it('sums the window of each change from the rollup with its days as constants, on its own channel', () => {
    const at = { engine: 'mysql' as const, database: 'shop', through: '2025-03-20' };
    const changes = [
      { change_id: 7, product_id: 2, change_day: '2025-02-01', channel: null },
      { change_id: 9, product_id: 5, change_day: '2025-03-01', channel: 'own_website' },
    ];
    const w = priceWindowsSql(changes, 7, undefined, at);
    expect(w.sql.match(/UNION ALL/g)).toHaveLength(1);
    expect(w.sql).toContain('`shop_rollup`.`daily_product_sales`');
    expect(w.sql).not.toContain('change_date');
    expect(w.params).toEqual(expect.arrayContaining([2, '2025-01-25', '2025-02-08', 5, '2025-02-22', 'own_website']));
    // A channel filter chose the channels already: a change's own channel is not added on top.
    expect(priceWindowsSql(changes, 7, ['amazon'], at).params).not.toContain('own_website');
    expect(w.sql.split('?').length - 1).toBe(w.params.length);
  });

  it('elasticity is the % change in daily units over the % change in price, on covered days', () => {
    const [r] = shapePriceChanges(
      [
        {
          change_id: 1,
          sku: 'S',
          product_name: 'P',
          change_day: '2025-03-15',
          old_price: 10,
          new_price: 11,
          units_before: 28,
          units_after: 12,
          revenue_before: 280,
          revenue_after: 132,
          channel: null,
          reason: 'x',
        },
      ],
      14,
      data,
    );
    expect(r).toMatchObject({
      days_before: 14,
      days_after: 6,
      daily_units_before: 2,
      daily_units_after: 2,
      units_change_pct: 0,
      elasticity: 0,
      price_change_pct: 0.1,
    });
    const [thin] = shapePriceChanges(
      [
        {
          change_id: 2,
          change_day: '2025-02-01',
          old_price: 10,
          new_price: 9,
          units_before: 3,
          units_after: 9,
          revenue_before: 30,
          revenue_after: 81,
        },
      ],
      14,
      data,
    );
    expect(thin!.elasticity).toBeNull();
  });
});

describe('price_change_impact on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('measures units before and after each change', async () => {
    const r = await priceChangeImpact.run(PriceChangeImpactInput.parse({ period: 'all' }), ctx);
    expect(r.rows.map((x) => x.sku)).toEqual(['SKU-2', 'SKU-5']);
    const [direct] = (
      await db.query(
        "SELECT SUM(oi.quantity) AS u FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE oi.product_id = 2 AND o.order_status <> 'cancelled' AND o.order_date >= '2025-01-18' AND o.order_date < '2025-02-01'",
      )
    ).rows;
    expect(r.rows[0]!.units_before).toBe(Number(direct!.u));
    expect(r.rows[1]!.channel).toBe('own_website');
  });
});
