// Questions no template covers: the offline model writes one aggregate SELECT for run_sql (analysts), or says an
// analyst is needed (viewers). Also the customer-mix split and the units wording. Phrasings are our own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { checkSql } from '../../src/guardrails/sql-check.ts';
import { runTurnWithTranscript } from '../../src/agent/loop.ts';
import { createOfflineProvider } from '../../src/agent/offline/index.ts';
import { buildFreeSql } from '../../src/agent/offline/plan/free-sql.ts';
import { understand, understandAll } from '../../src/agent/offline/understand/understand.ts';
import { tools } from '../../src/tools/registry.ts';
import type { DataRange } from '../../src/tools/types.ts';
import { buildFixture } from './fixture.ts';

const cal = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('free-SQL shapes from the intent', () => {
  const cases: [string, { subject: string; by: string | null }][] = [
    ['Mean star rating of reviews per category in 2024', { subject: 'reviews', by: 'category' }],
    ['What did customers rate our products on average last quarter?', { subject: 'reviews', by: null }],
    ['Which products have the lowest ratings this year?', { subject: 'reviews', by: 'product' }],
    ['Rating distribution for March 2025', { subject: 'reviews', by: 'rating' }],
    ['2024年各品类的平均评分', { subject: 'reviews', by: 'category' }],
    ['上个月的评价打分平均多少', { subject: 'reviews', by: null }],
    ['Split 2024 orders by how customers paid: payment method mix please', { subject: 'orders', by: 'payment_method' }],
    ['2025年各支付方式的订单数', { subject: 'orders', by: 'payment_method' }],
    ['How many orders are in each order status for May 2025?', { subject: 'orders', by: 'order_status' }],
    ['2025年5月订单状态分布', { subject: 'orders', by: 'order_status' }],
    ['payment status breakdown for Q1 2025', { subject: 'orders', by: 'payment_status' }],
    ['How do shoppers typically pay for their orders in 2024?', { subject: 'orders', by: 'payment_method' }],
    ['What fraction of orders got cancelled in Q2 2025?', { subject: 'orders', by: 'order_status' }],
    ['2025年的订单取消率是多少', { subject: 'orders', by: 'order_status' }],
    ['customer satisfaction with bags this year', { subject: 'reviews', by: null }],
    ['How many people registered in March 2025?', { subject: 'signups', by: null }],
    ['2025年各国家新注册用户数', { subject: 'signups', by: 'country' }],
  ];
  for (const [q, shape] of cases) {
    it(q, () => {
      const i = understand(q, cal);
      expect(i.kind).toBe('free_sql');
      expect(i.free).toEqual(shape);
    });
  }

  it('keeps why-questions and template questions on their tools', () => {
    expect(understand('Why did sales drop in July?', cal).kind).toBe('why');
    expect(understand('sales by category in June', cal).kind).toBe('breakdown');
    expect(understand('What are customers saying in their reviews? show comments', cal).kind).not.toBe('free_sql');
  });

  it('writes SQL the guard allows on both engines, scoped to the period and the filters', () => {
    for (const q of [
      'average rating by product category in 2024 on Amazon',
      'payment methods used by Canadian customers in June 2025',
      'order status mix in 2025 on mobile',
      'lowest rated bikinis in 2025',
    ]) {
      const i = understand(q, cal);
      const { sql, unapplied } = buildFreeSql(i.free!, i);
      for (const dialect of ['sqlite', 'mysql'] as const)
        expect(checkSql(sql, { dialect, maxRows: 500 }).verdict).toBe('allow');
      expect(sql).toContain(`'${i.period.start}'`);
      expect(unapplied).toEqual([]);
    }
    const i = understand('payment methods for bikinis in 2025', cal);
    expect(buildFreeSql(i.free!, i).unapplied).toEqual(['category']);
  });
});

describe('customer mix and units wording', () => {
  it('reads "what share were new" as the new-customer share, not a filter on new customers', () => {
    for (const q of ['What proportion of our buyers in May 2025 were new?', '2025年5月的买家中新客比例是多少？']) {
      const i = understand(q, cal);
      expect(i.kind).toBe('customers');
      expect(i.metric).toBe('new_customer_share');
      expect(i.filters.customer_type).toBeUndefined();
    }
  });
  it('splits an orders-level metric by customer type', () => {
    for (const q of [
      'Revenue from new vs returning customers in April 2025',
      '2025年4月新老客户各贡献了多少订单？',
      'What portion of April 2025 revenue came from repeat buyers?',
      '2025年4月新客户和老客户分别下了几单？',
    ]) {
      const i = understand(q, cal);
      expect(i).toMatchObject({ kind: 'breakdown', dimension: 'customer_type' });
    }
  });
  it('groups the customer split by a second dimension without filtering on a customer type', () => {
    for (const q of ['new and returning customers per country for May 2025', '2025年5月各渠道的新老客户']) {
      const i = understand(q, cal);
      expect(i.kind).toBe('customers');
      expect(['country', 'channel']).toContain(i.dimension);
      expect(i.filters.customer_type).toBeUndefined();
    }
  });
  it('keeps a free-SQL question through its follow-ups', () => {
    const [, byCat, other] = understandAll(
      ['mean rating of reviews in 2025', 'split by category', 'and for 2024?'],
      cal,
    );
    expect(byCat).toMatchObject({ kind: 'free_sql', free: { subject: 'reviews', by: 'category' } });
    expect(other).toMatchObject({
      kind: 'free_sql',
      free: { subject: 'reviews', by: 'category' },
      period: { start: '2024-01-01' },
    });
  });
  it('maps item counts to units', () => {
    for (const q of [
      'How many pieces of swimwear did we ship in June 2025?',
      'How many hats were sold in 2024?',
      '2025年6月一共卖出去几件？',
      '上个月的销售数量',
    ]) {
      expect(understand(q, cal).metric).toBe('units');
    }
    expect(understand('how many orders did we sell last month', cal).metric).toBe('orders');
  });
});

describe('free SQL end to end on an unseen warehouse', () => {
  const data: DataRange = { minDate: '2023-05-01', maxDate: '2024-04-30' };
  let db: Db;
  beforeAll(() => {
    db = openSqlite(buildFixture({ seed: 7, ...data, perDay: 4 }));
  });
  afterAll(async () => {
    await db?.close();
  });
  const ask = (question: string, role: 'analyst' | 'viewer' = 'analyst') =>
    runTurnWithTranscript({
      question,
      history: [],
      user: { id: 'u', role },
      provider: createOfflineProvider(),
      tools,
      ctx: { db, data },
    }).then((r) => r.summary);

  it('an analyst gets the rating by category from run_sql, every figure grounded', async () => {
    const s = await ask('average star rating per category for reviews in Q1 2024');
    expect(s.steps.map((x) => x.tool)).toEqual(['run_sql']);
    expect(s.ungrounded).toEqual([]);
    const rows = s.tables[0].rows;
    expect(rows.length).toBeGreaterThan(1);
    expect(s.answer).toContain(String(rows[0].category));
    expect(s.answer).toContain(Number(rows[0].avg_rating).toFixed(2));
  });

  it('answers a Chinese payment-method question with counts and shares', async () => {
    const s = await ask('2024年3月各支付方式的订单量和占比');
    expect(s.steps.map((x) => x.tool)).toEqual(['run_sql']);
    expect(s.language).toBe('zh');
    expect(s.ungrounded).toEqual([]);
    for (const r of s.tables[0].rows) expect(s.answer).toContain(String(r.payment_method));
  });

  it('tells a viewer the question needs an analyst instead of answering something else', async () => {
    for (const q of ['average rating by category in 2024', '2024年各支付方式的订单数']) {
      const s = await ask(q, 'viewer');
      expect(s.steps).toEqual([]);
      expect(s.answer).toMatch(/analyst/i);
    }
  });

  it('prints both sides of the customer mix', async () => {
    const s = await ask('new vs returning customers in March 2024');
    expect(s.steps.map((x) => x.tool)).toEqual(['customer_mix']);
    expect(s.answer).toMatch(/New customers: [\d,]+ \(/);
    expect(s.answer).toMatch(/Returning customers: [\d,]+/);
    expect(s.ungrounded).toEqual([]);
  });
});
