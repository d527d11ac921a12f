// When the rollup answers and when the base tables do: a pure check on the question, no database.
import { describe, expect, it } from 'vitest';
import { checkSql } from '../../src/guardrails/sql-check.ts';
import { coversPeriods, type RollupAt } from '../../src/rollup/index.ts';
import type { MetricId } from '../../src/tools/metrics.ts';
import type { Dimension } from '../../src/tools/sql/metric-query.ts';
import { buildRollupMetricQuery, metricQueryFor } from '../../src/tools/sql/rollup-query.ts';

const AT: RollupAt = { engine: 'sqlite', database: null, through: '2025-03-20' };
const PERIOD = [{ from: '2025-02-01', to: '2025-02-28' }];
const q = (metrics: MetricId[], dims: Dimension[] = [], filters = {}, periods = PERIOD) => ({
  metrics,
  dims,
  filters,
  periods,
});

describe('rollup coverage', () => {
  it('answers additive metrics by the dimensions it keeps', () => {
    expect(buildRollupMetricQuery(q(['net_sales', 'orders', 'aov'], ['week', 'channel']), 'sqlite', AT)).not.toBeNull();
    expect(
      buildRollupMetricQuery(q(['conversion_rate'], ['source_type'], { device: ['mobile'] }), 'sqlite', AT),
    ).not.toBeNull();
    expect(
      buildRollupMetricQuery(q(['net_sales', 'units'], ['product'], { category: 'Swimwear' }), 'sqlite', AT),
    ).not.toBeNull();
    expect(buildRollupMetricQuery(q(['refunds'], ['category']), 'sqlite', AT)).not.toBeNull();
    // Orders per category come from daily_category_orders, which keeps the channel beside them.
    expect(
      buildRollupMetricQuery(q(['return_rate', 'aov'], ['subcategory'], { channel: ['amazon'] }), 'sqlite', AT),
    ).not.toBeNull();
  });

  it('leaves to the base tables what does not add up or is not kept', () => {
    // Distinct customers do not add up over days: per bucket, or beside a filter daily_customers does not keep.
    expect(buildRollupMetricQuery(q(['new_customer_share'], ['week']), 'sqlite', AT)).toBeNull();
    expect(buildRollupMetricQuery(q(['new_customer_share'], [], { device: ['mobile'] }), 'sqlite', AT)).toBeNull();
    // An order's lines spread over products: order counts per product beside an attribute daily_product_sales
    // does not keep, under a category filter, over two category levels at once or beside an attribute
    // daily_category_orders does not keep do not add up.
    expect(buildRollupMetricQuery(q(['orders'], ['product'], { device: ['mobile'] }), 'sqlite', AT)).toBeNull();
    expect(buildRollupMetricQuery(q(['return_rate'], ['product', 'country']), 'sqlite', AT)).toBeNull();
    expect(buildRollupMetricQuery(q(['orders'], ['category', 'subcategory']), 'sqlite', AT)).toBeNull();
    expect(buildRollupMetricQuery(q(['orders'], ['category'], { device: ['mobile'] }), 'sqlite', AT)).toBeNull();
    expect(buildRollupMetricQuery(q(['orders'], ['category', 'country']), 'sqlite', AT)).toBeNull();
    expect(buildRollupMetricQuery(q(['orders'], ['category'], { category: 'Swimwear' }), 'sqlite', AT)).toBeNull();
    // One category's customers add up over a whole period only, and only without another filter.
    expect(
      buildRollupMetricQuery(q(['new_customer_share'], ['month'], { category: 'Bikinis' }), 'sqlite', AT),
    ).toBeNull();
    expect(
      buildRollupMetricQuery(q(['new_customer_share'], [], { category: 'Bikinis', channel: ['amazon'] }), 'sqlite', AT),
    ).toBeNull();
    // Not kept: campaigns (orders reach them through a map) and the user's level.
    expect(buildRollupMetricQuery(q(['net_sales'], [], { campaign: 1 }), 'sqlite', AT)).toBeNull();
    expect(buildRollupMetricQuery(q(['net_sales'], ['user_level']), 'sqlite', AT)).toBeNull();
    // A day past the watermark.
    expect(
      buildRollupMetricQuery(q(['net_sales'], [], {}, [{ from: '2025-03-01', to: '2025-03-21' }]), 'sqlite', AT),
    ).toBeNull();
    expect(coversPeriods(AT, [{ to: '2025-03-20' }])).toBe(true);
    expect(coversPeriods(AT, [{ to: '2025-03-21' }])).toBe(false);
  });

  it('counts orders per product from daily_product_sales, channel and category filters included', () => {
    for (const f of [{}, { channel: ['amazon'] }, { category: 'Swimwear' }]) {
      const built = buildRollupMetricQuery(q(['return_rate', 'net_sales'], ['product'], f), 'sqlite', AT);
      expect(built?.fragment.sql).toMatch(/"rollup_(daily|weekly|monthly)_product_sales"/);
      expect(built?.fragment.sql).not.toMatch(/"rollup_daily_lines"/);
    }
    expect(buildRollupMetricQuery(q(['orders'], ['category', 'product']), 'sqlite', AT)).not.toBeNull();
    // Per category, sales come from it too and orders from daily_category_orders.
    const cat = buildRollupMetricQuery(q(['return_rate', 'net_sales'], ['category']), 'sqlite', AT)?.fragment.sql;
    expect(cat).toMatch(/"rollup_monthly_product_sales"/);
    expect(cat).toMatch(/"rollup_monthly_category_orders"/);
    expect(cat).not.toMatch(/"rollup_daily_lines"/);
    // A long period reads its whole months and weeks from the coarse twins, its odd days from the daily table.
    const year = [{ from: '2024-03-05', to: '2025-03-10' }];
    const long = buildRollupMetricQuery(q(['units'], ['product'], {}, year), 'sqlite', AT)?.fragment.sql;
    expect(long).toMatch(/"rollup_monthly_product_sales"/);
    expect(long).toMatch(/"rollup_weekly_product_sales"/);
    expect(long).toMatch(/"rollup_daily_product_sales"/);
    const weekly = buildRollupMetricQuery(q(['units'], ['week', 'product'], {}, year), 'sqlite', AT)?.fragment.sql;
    expect(weekly).not.toMatch(/monthly_product_sales/);
  });

  it('answers every KPI under one category filter: orders per category, customers by their first day in it', () => {
    const all = q(['return_rate', 'conversion_rate', 'new_customer_share', 'aov'], [], { category: 'Bikinis' });
    const sql = buildRollupMetricQuery(all, 'sqlite', AT)?.fragment.sql;
    expect(sql).toMatch(/"rollup_daily_customers"/);
    expect(sql).toMatch(/"rollup_(daily|weekly|monthly)_category_orders"/);
    expect(sql).not.toMatch(/FROM orders|order_items/);
    // The customers of a period: rows whose previous day falls before its first day.
    expect(sql).toContain('x.prev_day IS NULL OR x.prev_day < ?');
    // Every order's customers over the period: level 0.
    expect(buildRollupMetricQuery(q(['new_customer_share']), 'sqlite', AT)?.fragment.sql).toContain(
      'x.level = 0 AND x.group_id IS NULL',
    );
    // Orders per filtered category, by day and channel too.
    expect(
      buildRollupMetricQuery(q(['orders'], ['month', 'channel'], { category: 'Bikinis' }), 'sqlite', AT),
    ).not.toBeNull();
  });

  it('takes the cost of goods per product and channel unless another order attribute is asked', () => {
    const plain = buildRollupMetricQuery(q(['gross_margin'], ['channel']), 'sqlite', AT)?.fragment.sql;
    expect(plain).toMatch(/"rollup_(daily|monthly|weekly)_product_sales"/);
    expect(plain).not.toMatch(/"rollup_daily_lines"/);
    const country = buildRollupMetricQuery(q(['gross_margin'], [], { country: ['France'] }), 'sqlite', AT);
    expect(country?.fragment.sql).toMatch(/"rollup_daily_lines"/);
  });

  it('falls back to the base query, and refuses what the base query refuses', () => {
    expect(metricQueryFor(q(['new_customer_share'], ['channel']), 'sqlite', AT).rollup).toBe(false);
    expect(metricQueryFor(q(['net_sales']), 'sqlite', AT).rollup).toBe(true);
    expect(metricQueryFor(q(['net_sales']), 'sqlite', null).rollup).toBe(false);
    expect(() => metricQueryFor(q(['sessions'], ['product']), 'sqlite', AT)).toThrow(/cannot be split by product/);
  });

  it('reads the rollup through a qualified MySQL name', () => {
    const built = buildRollupMetricQuery(q(['net_sales'], ['day']), 'mysql', {
      ...AT,
      engine: 'mysql',
      database: 'tidelens',
    });
    expect(built?.fragment.sql).toContain('`tidelens_rollup`.`daily_orders`');
  });
});

describe('run_sql and the rollup tables', () => {
  // They are not documented in schema-docs/ and their columns mean sums, not rows: the model would mix the two
  // grains. The templates read them; run_sql keeps to the documented analytics tables.
  it('rejects them on both engines', () => {
    expect(checkSql('SELECT day, net_sales FROM rollup_daily_orders', { dialect: 'sqlite' }).verdict).toBe('reject');
    expect(checkSql('SELECT day, net_sales FROM tidelens_rollup.daily_orders', { dialect: 'mysql' }).verdict).toBe(
      'reject',
    );
    expect(checkSql('SELECT day, net_sales FROM daily_orders', { dialect: 'mysql' }).verdict).toBe('reject');
  });
});
