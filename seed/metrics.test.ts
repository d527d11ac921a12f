// The manifest's new-customer share is the warehouse's (schema-docs/metrics/new_customer_share.md):
// new customers over distinct customers, each customer counted once however many orders they placed.
import { describe, expect, it } from 'vitest';
import { MetricSink } from './metrics.ts';

/** An orders row in src/warehouse/schema.ts column order. */
function order(id: number, user: number, day: string, first: 0 | 1, status = 'delivered'): unknown[] {
  return [
    id,
    user,
    `${day} 10:00:00`,
    50,
    0,
    'card',
    'paid',
    'x',
    status,
    'web',
    'mobile',
    'own_website',
    'US',
    null,
    null,
    first,
    null,
    null,
  ];
}

describe('MetricSink new_customer_share', () => {
  it('counts each customer once, new or returning', () => {
    const sink = new MetricSink([{ from: '2025-07-01', to: '2025-07-31' }], () => 0);
    const rows = [
      order(1, 7, '2025-07-02', 1), // customer 7's first order
      order(2, 7, '2025-07-09', 0), // and a repeat: still one new customer
      order(3, 8, '2025-07-03', 0),
      order(4, 8, '2025-07-20', 0),
      order(5, 9, '2025-07-21', 0, 'cancelled'), // not a customer in the period
    ];
    for (const r of rows) sink.add('orders', r as never);
    // 1 new of 2 customers, not 1 first order of 4 orders.
    expect(sink.value(0, 'new_customer_share')).toBe(0.5);
    expect(sink.value(0, 'orders')).toBe(4);
  });
});
