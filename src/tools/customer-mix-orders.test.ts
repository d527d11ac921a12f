// "复购客户的订单占比", "what share of orders came from returning customers": the orders' split is a finding of its
// own, so a sentence about the share of orders is checked against orders, not against the share of customers.
import { describe, expect, it } from 'vitest';
import { customerMixFindings, shapeCustomerMix } from './customer-mix.ts';

const row = {
  k: null,
  customers: 100,
  new_customers: 60,
  repeat_customers: 10,
  orders: 150,
  new_orders: 60,
  net_sales: 4000,
  new_sales: 1500,
};

describe('customer_mix: orders by new and returning customers', () => {
  it('returning customers place every order that is not a first order', () => {
    const [x] = shapeCustomerMix(undefined, [row], null);
    expect(x).toMatchObject({ new_customer_orders: 60, returning_customer_orders: 90, returning_orders_share: 0.6 });
  });

  it('the orders share is a finding beside the customers and sales shares', () => {
    const shaped = shapeCustomerMix(undefined, [row], null);
    const orders = customerMixFindings(undefined, shaped).filter((f) => f.kind === 'share' && f.metric === 'orders');
    expect(orders.map((f) => (f.kind === 'share' ? [f.subject, f.share] : null))).toEqual([
      ['new', 0.4],
      ['returning', 0.6],
    ]);
  });

  it('rows without first-order counts state no orders split', () => {
    const { new_orders: _, ...old } = row;
    const [x] = shapeCustomerMix(undefined, [old], null);
    expect(x).not.toHaveProperty('returning_orders_share');
  });
});
