import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { CustomerMixInput, customerMix, customerMixQuery } from './customer-mix.ts';
import type { ToolContext } from './types.ts';

describe('customer_mix builder', () => {
  it('joins users only for user_level and binds filters', () => {
    const p = { from: '2025-02-01', to: '2025-02-28' };
    expect(customerMixQuery(p, {}, 'country').fragment.sql).not.toContain('users u');
    const q = customerMixQuery(p, { country: ['France'] }, 'user_level').fragment;
    expect(q.sql).toContain('LEFT JOIN users u');
    expect(q.params).toContain('France');
  });

  it('groups by customer through the date range on MySQL, with or without the users join', () => {
    const p = { from: '2025-01-01', to: '2025-12-31' };
    for (const by of [undefined, 'country', 'user_level'] as const) {
      expect(customerMixQuery(p, {}, by, 'mysql').fragment.sql).toContain(
        'FROM orders o IGNORE INDEX FOR GROUP BY (idx_orders_user_date)',
      );
      expect(customerMixQuery(p, {}, by, 'sqlite').fragment.sql).not.toContain('IGNORE INDEX');
    }
  });
});

describe('customer_mix on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('counts new and returning customers and the repeat rate', async () => {
    const r = await customerMix.run(CustomerMixInput.parse({ period: '2025-02' }), ctx);
    const [row] = r.rows;
    const [d] = (
      await db.query(`SELECT COUNT(DISTINCT user_id) AS c, COUNT(DISTINCT CASE WHEN is_first_order = 1 THEN user_id END) AS n
      FROM orders WHERE order_status <> 'cancelled' AND order_date >= '2025-02-01' AND order_date < '2025-03-01'`)
    ).rows;
    expect(row).toMatchObject({
      customers: Number(d!.c),
      new_customers: Number(d!.n),
      returning_customers: Number(d!.c) - Number(d!.n),
    });
    expect(row!.repeat_rate as number).toBeGreaterThan(0);
    expect(JSON.stringify(r.rows)).not.toMatch(/user_id|@example/);
  });

  it('states the new and returning shares of customers and of net sales as findings', async () => {
    const r = await customerMix.run(CustomerMixInput.parse({ period: '2025-02' }), ctx);
    const [row] = r.rows;
    const share = (metric: string, subject: string) =>
      r.findings!.find((f) => f.kind === 'share' && f.metric === metric && f.subject === subject);
    expect(share('customers', 'new')).toMatchObject({ value: row!.new_customers, total: row!.customers });
    expect(share('net_sales', 'returning')).toMatchObject({ value: row!.returning_customer_sales });
    const by = await customerMix.run(CustomerMixInput.parse({ period: '2025-02', by: 'user_level' }), ctx);
    expect(by.findings!.filter((f) => f.kind === 'rate' && f.metric === 'new_customer_share')).toHaveLength(3);
  });

  it('splits by user level with a comparison', async () => {
    const r = await customerMix.run(
      CustomerMixInput.parse({ period: '2025-02', by: 'user_level', compare_to: 'previous_period' }),
      ctx,
    );
    expect(r.rows.map((x) => x.user_level).sort()).toEqual(['gold', 'regular', 'silver']);
    expect(r.columns).toContain('repeat_rate_previous');
  });
});
