import { describe, expect, it } from 'vitest';
import { checkSentence } from '../guardrails/claims.ts';
import type { Finding } from '../protocol/index.ts';
import { expressionOf, isAdditive, sqlFindings } from './sql-findings.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-17' };
const whole = { truncated: false, data };
const payments = [
  { payment_method: 'Credit card', orders: 4210 },
  { payment_method: 'PayPal', orders: 2630 },
  { payment_method: 'Apple Pay', orders: 1160 },
];
const BY_METHOD = 'SELECT payment_method, COUNT(*) AS orders FROM orders GROUP BY payment_method ORDER BY 2 DESC';

describe('which columns add up', () => {
  it('reads the SELECT expression behind an alias', () => {
    expect(expressionOf(BY_METHOD, 'orders')).toBe('COUNT(*)');
    expect(expressionOf('SELECT c, ROUND(SUM(net_amount), 2) AS revenue FROM o GROUP BY c', 'revenue')).toBe(
      'ROUND(SUM(net_amount), 2)',
    );
  });

  it.each([
    [BY_METHOD, 'orders', true],
    ['SELECT c, SUM(net_amount) AS revenue FROM o GROUP BY c', 'revenue', true],
    ['SELECT c, SUM(CASE WHEN s = 1 THEN net_amount ELSE 0 END) AS paid FROM o GROUP BY c', 'paid', true],
    ['SELECT c, AVG(net_amount) AS revenue FROM o GROUP BY c', 'revenue', false],
    ['SELECT c, SUM(net_amount) / COUNT(*) AS revenue FROM o GROUP BY c', 'revenue', false],
    ['SELECT c, SUM(returned) AS return_rate FROM o GROUP BY c', 'return_rate', false],
    ['SELECT c, MAX(net_amount) AS biggest FROM o GROUP BY c', 'biggest', false],
  ])('%s: %s → %s', (sql, column, expected) => expect(isAdditive(sql, column)).toBe(expected));
});

describe('sqlFindings', () => {
  it('states each label’s share of a count and the highest and lowest', () => {
    const fs = sqlFindings(BY_METHOD, ['payment_method', 'orders'], payments, whole);
    expect(fs).toContainEqual(expect.objectContaining({ kind: 'share', subject: 'Credit card', total: 8000 }));
    expect(fs).toContainEqual(
      expect.objectContaining({ kind: 'extreme', which: 'highest', subject: { name: 'Credit card', value: 4210 } }),
    );
    expect(fs).toContainEqual(
      expect.objectContaining({ kind: 'extreme', which: 'lowest', subject: { name: 'Apple Pay', value: 1160 } }),
    );
  });

  it('gives no shares of an average, of a top-N or of a result with a total row', () => {
    const avg = 'SELECT payment_method, AVG(net_amount) AS avg_order FROM orders GROUP BY payment_method';
    const rows = payments.map((r) => ({ payment_method: r.payment_method, avg_order: r.orders / 100 }));
    const kinds = (fs: Finding[]) => fs.map((f) => f.kind);
    expect(kinds(sqlFindings(avg, ['payment_method', 'avg_order'], rows, whole))).toEqual(['extreme', 'extreme']);
    expect(kinds(sqlFindings(`${BY_METHOD} LIMIT 2`, ['payment_method', 'orders'], payments, whole))).not.toContain(
      'share',
    );
    const withTotal = [...payments, { payment_method: 'Total', orders: 8000 }];
    expect(kinds(sqlFindings(BY_METHOD, ['payment_method', 'orders'], withTotal, whole))).not.toContain('share');
  });

  it('gives nothing for a cut result or another shape', () => {
    expect(sqlFindings(BY_METHOD, ['payment_method', 'orders'], payments, { truncated: true })).toEqual([]);
    const twoLabels = payments.map((r) => ({ ...r, country: 'US' }));
    expect(sqlFindings(BY_METHOD, ['payment_method', 'country', 'orders'], twoLabels, whole)).toEqual([]);
    expect(sqlFindings(BY_METHOD, ['payment_method', 'orders'], payments.slice(0, 1), whole)).toEqual([]);
  });

  it('names the extreme months, leaving out a month the data ends inside', () => {
    const sql = "SELECT DATE_FORMAT(order_date, '%Y-%m') AS month, SUM(net_amount) AS net_sales FROM orders GROUP BY 1";
    const rows = [
      { month: '2025-09', net_sales: 51_200.4 },
      { month: '2025-10', net_sales: 48_900.1 },
      { month: '2025-11', net_sales: 73_310.9 },
      { month: '2025-12', net_sales: 22_015.3 }, // the data ends on the 17th
    ];
    const fs = sqlFindings(sql, ['month', 'net_sales'], rows, whole);
    const ex = (which: string) => fs.find((f) => f.kind === 'extreme' && f.which === which);
    expect(ex('highest')).toMatchObject({ over: 'month', subject: { name: '2025-11' } });
    expect(ex('lowest')).toMatchObject({ subject: { name: '2025-10' }, excluded: [{ name: '2025-12' }] });
    // Months are periods: no "share" of a month.
    expect(fs.some((f) => f.kind === 'share')).toBe(false);
  });

  it('lets the claim check verify and contradict sentences about a run_sql result, in English and Chinese', () => {
    const fs = sqlFindings(BY_METHOD, ['payment_method', 'orders'], payments, whole);
    expect(checkSentence('Credit card made up 52.6% of orders.', fs)?.status).toBe('verified');
    expect(checkSentence('Credit card made up 45% of orders.', fs)?.status).toBe('contradicted');
    expect(checkSentence('PayPal 占订单的 32.9%。', fs)?.status).toBe('verified');
    expect(checkSentence('Apple Pay 的订单最多。', fs)?.status).toBe('contradicted');
    const months = sqlFindings(
      'SELECT month, SUM(net_amount) AS net_sales FROM monthly GROUP BY month',
      ['month', 'net_sales'],
      [
        { month: '2025-09', net_sales: 51_200.4 },
        { month: '2025-10', net_sales: 48_900.1 },
        { month: '2025-11', net_sales: 73_310.9 },
      ],
      whole,
    );
    expect(checkSentence('The highest month was 2025-11, with $73,310.90.', months)?.status).toBe('verified');
    expect(checkSentence('The highest month was 2025-09.', months)?.status).toBe('contradicted');
    expect(checkSentence('November 2025 was the highest month.', months)?.status).toBe('verified');
    expect(checkSentence('2025年9月的净销售额最高。', months)?.status).toBe('contradicted');
  });

  it('states shares of every count or sum column beside a share column the query computed itself', () => {
    const sql =
      'SELECT ship_country AS country, COUNT(*) AS orders, ROUND(COUNT(*) * 1.0 / (SELECT COUNT(*) FROM orders), 4) AS share, ' +
      'ROUND(SUM(total_amount), 2) AS revenue FROM orders GROUP BY ship_country ORDER BY orders DESC';
    const rows = [
      { country: 'Germany', orders: 600, share: 0.6, revenue: 30_000 },
      { country: 'France', orders: 300, share: 0.3, revenue: 20_000 },
      { country: 'Spain', orders: 100, share: 0.1, revenue: 50_000 },
    ];
    const fs = sqlFindings(sql, ['country', 'orders', 'share', 'revenue'], rows, whole);
    const shares = fs.filter((f) => f.kind === 'share');
    expect(shares.map((f) => f.metric)).toEqual(['orders', 'orders', 'orders', 'revenue', 'revenue', 'revenue']);
    expect(checkSentence('France: 300 orders, 30.00% share, $20,000 revenue', fs)?.status).toBe('verified');
    expect(checkSentence('Spain: 50% of revenue', fs)?.status).toBe('verified');
    expect(checkSentence('Spain: 10.00% 占比', fs)?.status).toBe('verified');
    expect(checkSentence('Germany: 45% share of orders', fs)?.status).toBe('contradicted');
    // Each column has its own extremes: Spain has the most revenue, Germany the most orders.
    expect(checkSentence('Spain brought the highest revenue.', fs)?.status).toBe('verified');
    expect(checkSentence('France was the top country.', fs)?.status).toBe('contradicted');
  });
});
