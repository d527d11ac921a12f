// Near misses of tracked measures: wordings that named a measure the data holds but were read as another one
// (the customer counts, sessions, a period comparison, the average rating). Examples are my own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { buildFreeSql } from '../plan/free-sql.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const read = (q: string) => understand(q, data);

describe('money asked about buyers is an amount, not the customer counts', () => {
  it.each([
    'how much did we take in from buyers in Canada in 2024',
    'how much money came from shoppers in the UK in March 2025',
  ])('%s', (q) => {
    const i = read(q);
    expect(i.kind).not.toBe('customers');
    expect(i.metric).toBe('net_sales');
  });

  it.each([
    'cash we gave back to buyers in May 2025',
    'how much money did we pay back to shoppers in 2024',
    '25年3月总共退了几美元',
  ])('%s → refunds', (q) => {
    const i = read(q);
    expect(i.kind).not.toBe('customers');
    expect(i.metric).toBe('refunds');
  });

  it('counting customers is still the customer mix', () => {
    expect(read('how many customers did we have in May 2025').kind).toBe('customers');
  });
});

describe('sessions that led to an order are the conversion rate', () => {
  it.each(['what fraction of sessions led to an order in June 2025', 'visitors that turned into sales, May 2025'])(
    '%s',
    (q) => {
      expect(read(q).metric).toBe('conversion_rate');
    },
  );
});

describe('a payment method named is the free query by payment method', () => {
  it.each(['how many orders were settled through PayPal in 2025', '2024年用信用卡付款的订单有几单'])('%s', (q) => {
    expect(read(q)).toMatchObject({ kind: 'free_sql', free: { subject: 'orders', by: 'payment_method' } });
  });
});

describe('stars given and the count of one star level', () => {
  it('stars given on average are the reviews', () => {
    expect(read('24年买家打了几颗星').free).toEqual({ subject: 'reviews', by: null });
  });
  it.each(['2024年一星的评论一共几条', '25年有多少条三星评价'])('%s → split by rating', (q) => {
    expect(read(q)).toMatchObject({ kind: 'free_sql', free: { subject: 'reviews', by: 'rating' } });
  });
});

describe('gross profit asked as money is its own query, not the margin rate', () => {
  it.each(['24年上半年毛利一共多少钱', '2025年3月挣了多少毛利', 'total gross profit for Q2 2025 in dollars'])(
    '%s',
    (q) => {
      expect(read(q)).toMatchObject({ kind: 'free_sql', free: { subject: 'gross_profit', by: null } });
    },
  );
  it.each(['2025年3月毛利率多少', 'gross margin in Q2 2025'])('%s stays the rate', (q) => {
    expect(read(q).free).toBeUndefined();
  });
});

describe('the gross profit query', () => {
  it('subtracts product cost from discounted line revenue on orders that stand', () => {
    const i = read('2025年2月一共赚了多少毛利');
    const { sql } = buildFreeSql(i.free!, i);
    expect(sql).toContain('SUM(oi.quantity * oi.unit_price - oi.discount) - SUM(oi.quantity * p.cost)');
    expect(sql).toContain("o.order_status <> 'cancelled'");
    expect(sql).toContain("o.order_date >= '2025-02-01'");
  });
});
