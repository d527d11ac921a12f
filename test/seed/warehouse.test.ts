// The user's business rules and the coherence checks, as SQL on a small seeded warehouse, on SQLite
// and on MariaDB; then the same seed compared across the two engines, and each planted event.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, parseDbUrl, type Db } from '../../src/db/index.ts';
import { TABLES } from '../../src/warehouse/schema.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { dbChecksums, streamChecksums } from './checksum.ts';
import { TEST_SCALE, TEST_SEED, seedSmall } from './support.ts';

const dbs = new Map<string, Db>();
const urls = new Map<string, string>();
const manifests = new Map<string, unknown>();
let mysqlUrl = '';

beforeAll(async () => {
  const sqliteUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'tl-seed-')), 'w.db')}`;
  const r = await seedSmall(sqliteUrl);
  manifests.set('sqlite', JSON.parse(readFileSync(r.manifestPath, 'utf8')));
  dbs.set('sqlite', await openDb(parseDbUrl(sqliteUrl)));
  urls.set('sqlite', sqliteUrl);
  if (mysqlAvailable) {
    mysqlUrl = await freshMysqlDb('seed');
    const m = await seedSmall(mysqlUrl);
    manifests.set('mysql', JSON.parse(readFileSync(m.manifestPath, 'utf8')));
    rmSync(m.manifestPath, { force: true });
    dbs.set('mysql', await openDb(parseDbUrl(mysqlUrl)));
    urls.set('mysql', mysqlUrl);
  }
});

afterAll(async () => {
  for (const db of dbs.values()) await db.close();
  if (mysqlUrl) await dropMysqlDb(mysqlUrl);
});

const engines = ['sqlite', ...(mysqlAvailable ? ['mysql'] : [])];

async function one(db: Db, sql: string): Promise<Record<string, number>> {
  const r = await db.query(sql);
  return Object.fromEntries(Object.entries(r.rows[0]!).map(([k, v]) => [k, Number(v)]));
}

async function count(db: Db, sql: string): Promise<number> {
  return Number(Object.values((await db.query(sql)).rows[0]!)[0]);
}

const NET = "o.order_status <> 'cancelled'";

describe.each(engines)('business rules on %s', (engine) => {
  const db = () => dbs.get(engine)!;

  it('1. swimwear is 60-75% of revenue', async () => {
    const r = await one(
      db(),
      `SELECT SUM(CASE WHEN pc.category_name = 'Swimwear' THEN oi.quantity * oi.unit_price - oi.discount ELSE 0 END) / SUM(oi.quantity * oi.unit_price - oi.discount) AS share
      FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id
      JOIN product_categories c ON c.category_id = p.category_id JOIN product_categories pc ON pc.category_id = c.parent_category_id WHERE ${NET}`,
    );
    expect(r.share).toBeGreaterThan(0.6);
    expect(r.share).toBeLessThan(0.75);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM products p JOIN product_categories c ON c.category_id = p.category_id WHERE c.category_level <> 2',
      ),
    ).toBe(0);
  });

  it('2. every price is between $5 and $50', async () => {
    for (const sql of [
      'SELECT COUNT(*) FROM products WHERE current_price NOT BETWEEN 5 AND 50 OR original_price NOT BETWEEN 5 AND 50',
      'SELECT COUNT(*) FROM order_items WHERE unit_price NOT BETWEEN 5 AND 50',
      'SELECT COUNT(*) FROM price_changes WHERE old_price NOT BETWEEN 5 AND 50 OR new_price NOT BETWEEN 5 AND 50',
    ])
      expect(await count(db(), sql)).toBe(0);
  });

  it('3. US about 70% of customers and revenue, then Canada, UK, France, Australia', async () => {
    const users = (await db().query('SELECT country, COUNT(*) AS n FROM users GROUP BY country ORDER BY n DESC')).rows;
    const total = users.reduce((a, r) => a + Number(r.n), 0);
    expect(users.map((r) => r.country)).toEqual(['United States', 'Canada', 'United Kingdom', 'France', 'Australia']);
    expect(Number(users[0]!.n) / total).toBeGreaterThan(0.65);
    expect(Number(users[0]!.n) / total).toBeLessThan(0.75);
    const rev = await one(
      db(),
      `SELECT SUM(CASE WHEN o.country = 'United States' THEN o.total_amount ELSE 0 END) / SUM(o.total_amount) AS us FROM orders o WHERE ${NET}`,
    );
    expect(rev.us).toBeGreaterThan(0.62);
    expect(rev.us).toBeLessThan(0.78);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM orders o JOIN users u ON u.user_id = o.user_id WHERE u.country <> o.country',
      ),
    ).toBe(0);
  });

  it('4. revenue about 50% own website, 40% Amazon, 10% other marketplaces', async () => {
    const r = await one(
      db(),
      `SELECT SUM(CASE WHEN channel = 'own_website' THEN total_amount ELSE 0 END) / SUM(total_amount) AS own,
      SUM(CASE WHEN channel = 'amazon' THEN total_amount ELSE 0 END) / SUM(total_amount) AS amazon,
      SUM(CASE WHEN channel = 'other_marketplace' THEN total_amount ELSE 0 END) / SUM(total_amount) AS other FROM orders o WHERE ${NET}`,
    );
    expect(r.own).toBeGreaterThan(0.43);
    expect(r.own).toBeLessThan(0.57);
    expect(r.amazon).toBeGreaterThan(0.33);
    expect(r.amazon).toBeLessThan(0.47);
    expect(r.other).toBeGreaterThan(0.06);
    expect(r.other).toBeLessThan(0.14);
    const stores = (
      await db().query(
        "SELECT DISTINCT order_source FROM orders WHERE channel = 'other_marketplace' ORDER BY order_source",
      )
    ).rows.map((x) => x.order_source);
    expect(stores).toEqual(['ebay', 'etsy', 'walmart']);
  });

  it('5. sessions and own-site orders link to traffic sources; marketplace orders have neither', async () => {
    const types = (
      await db().query(
        'SELECT DISTINCT ts.source_type FROM visit_logs v JOIN traffic_sources ts ON ts.source_id = v.source_id ORDER BY 1',
      )
    ).rows.map((r) => r.source_type);
    expect(types).toEqual(['direct', 'email', 'paid_search', 'paid_social', 'referral', 'search', 'social']);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM visit_logs v LEFT JOIN traffic_sources ts ON ts.source_id = v.source_id WHERE ts.source_id IS NULL',
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        "SELECT COUNT(*) FROM orders WHERE channel <> 'own_website' AND (traffic_source_id IS NOT NULL OR session_id IS NOT NULL)",
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM orders o LEFT JOIN visit_logs v ON v.session_id = o.session_id
      WHERE o.channel = 'own_website' AND (v.log_id IS NULL OR v.source_id <> o.traffic_source_id OR v.user_id <> o.user_id OR SUBSTR(v.visit_time, 1, 10) <> SUBSTR(o.order_date, 1, 10))`,
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        "SELECT COUNT(*) FROM traffic_sources WHERE source_type IN ('paid_social', 'paid_search') AND campaign_id IS NULL",
      ),
    ).toBe(0);
  });

  it('6. seasonality: January above December, growth to July, decline from August', async () => {
    const rows = (
      await db().query(
        `SELECT SUBSTR(order_date, 1, 7) AS m, SUM(total_amount) AS s FROM orders o WHERE ${NET} GROUP BY SUBSTR(order_date, 1, 7)`,
      )
    ).rows;
    const m = Object.fromEntries(rows.map((r) => [r.m as string, Number(r.s)]));
    expect(m['2024-01']! / m['2024-12']!).toBeGreaterThan(1.15);
    expect(m['2025-01']! / m['2024-12']!).toBeGreaterThan(1.15);
    expect(m['2025-01']! / m['2025-12']!).toBeGreaterThan(1.15);
    // Small test scale: allow a few percent of noise month to month, but the shape must hold.
    const months2024 = ['01', '02', '03', '04', '05', '06', '07'].map((x) => m[`2024-${x}`]!);
    for (let i = 1; i < months2024.length; i++) expect(months2024[i]! / months2024[i - 1]!).toBeGreaterThan(0.95);
    expect(m['2024-07']! / m['2024-01']!).toBeGreaterThan(1.5);
    expect(m['2024-08']!).toBeLessThan(m['2024-07']! * 1.03);
    expect(m['2024-09']!).toBeLessThan(m['2024-08']!);
    expect(m['2024-10']!).toBeLessThan(m['2024-08']!);
    expect(m['2024-12']!).toBeLessThan(m['2024-10']!);
  });

  it('order totals equal items minus discounts', async () => {
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM orders o JOIN (SELECT order_id, SUM(quantity * unit_price) AS g, SUM(discount) AS d FROM order_items GROUP BY order_id) x ON x.order_id = o.order_id
      WHERE ABS(o.total_amount - (x.g - x.d)) > 0.005 OR ABS(o.discount_amount - x.d) > 0.005`,
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM orders o LEFT JOIN order_items oi ON oi.order_id = o.order_id WHERE oi.order_item_id IS NULL',
      ),
    ).toBe(0);
  });

  it('unit_price follows price_changes (per channel, NULL = every channel)', async () => {
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id
      WHERE ABS(oi.unit_price - COALESCE((SELECT pch.new_price FROM price_changes pch WHERE pch.product_id = oi.product_id AND pch.change_date <= o.order_date
        AND (pch.channel IS NULL OR pch.channel = o.channel) ORDER BY pch.change_date DESC, pch.change_id DESC LIMIT 1), p.original_price)) > 0.005`,
      ),
    ).toBe(0);
    expect(await count(db(), 'SELECT COUNT(*) FROM price_changes WHERE channel IS NOT NULL')).toBeGreaterThan(0);
  });

  it('stock follows inventory_records and sales; nothing sells at zero stock', async () => {
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM products p JOIN (SELECT product_id, SUM(quantity_change) AS s FROM inventory_records GROUP BY product_id) x
      ON x.product_id = p.product_id WHERE x.s <> p.stock_quantity`,
      ),
    ).toBe(0);
    expect(await count(db(), 'SELECT COUNT(*) FROM inventory_records WHERE stock_after < 0')).toBe(0);
    // stock_after is the running balance.
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM inventory_records ir WHERE ir.stock_after <> (SELECT SUM(i2.quantity_change) FROM inventory_records i2
      WHERE i2.product_id = ir.product_id AND i2.record_id <= ir.record_id)`,
      ),
    ).toBe(0);
    // Daily 'sale' records equal the units of non-cancelled orders that day.
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM (SELECT oi.product_id, SUBSTR(o.order_date, 1, 10) AS d, SUM(oi.quantity) AS q FROM order_items oi
      JOIN orders o ON o.order_id = oi.order_id WHERE ${NET} GROUP BY oi.product_id, SUBSTR(o.order_date, 1, 10)) s
      LEFT JOIN inventory_records ir ON ir.product_id = s.product_id AND ir.reason = 'sale' AND SUBSTR(ir.change_date, 1, 10) = s.d
      WHERE ir.record_id IS NULL OR -ir.quantity_change <> s.q`,
      ),
    ).toBe(0);
    const reasons = (await db().query('SELECT DISTINCT reason FROM inventory_records ORDER BY 1')).rows.map(
      (r) => r.reason,
    );
    expect(reasons).toEqual(['adjustment', 'restock', 'return', 'sale']);
  });

  it('campaign orders appear once per (order, campaign), inside the window, from the campaign source', async () => {
    expect(await count(db(), 'SELECT COUNT(*) FROM order_campaign_map')).toBeGreaterThan(0);
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM order_campaign_map ocm JOIN orders o ON o.order_id = ocm.order_id JOIN marketing_campaigns mc ON mc.campaign_id = ocm.campaign_id
      JOIN traffic_sources ts ON ts.source_id = o.traffic_source_id
      WHERE SUBSTR(o.order_date, 1, 10) < mc.start_date OR SUBSTR(o.order_date, 1, 10) > mc.end_date OR ts.campaign_id <> mc.campaign_id`,
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM (SELECT order_id, campaign_id FROM order_campaign_map GROUP BY order_id, campaign_id HAVING COUNT(*) > 1) x',
      ),
    ).toBe(0);
    // Campaign sources bring sessions only inside their window.
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM visit_logs v JOIN traffic_sources ts ON ts.source_id = v.source_id JOIN marketing_campaigns mc ON mc.campaign_id = ts.campaign_id
      WHERE SUBSTR(v.visit_time, 1, 10) < mc.start_date OR SUBSTR(v.visit_time, 1, 10) > mc.end_date`,
      ),
    ).toBe(0);
  });

  it('returns and reviews reference real items after delivery and span the whole range', async () => {
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM returns r JOIN orders o ON o.order_id = r.order_id LEFT JOIN order_items oi ON oi.order_item_id = r.order_item_id
      WHERE oi.order_id <> r.order_id OR oi.order_item_id IS NULL OR o.delivered_date IS NULL OR r.return_date <= o.delivered_date OR o.order_status = 'cancelled'`,
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM reviews rv JOIN orders o ON o.order_id = rv.order_id
      WHERE o.delivered_date IS NULL OR rv.review_date <= o.delivered_date OR rv.user_id <> o.user_id
      OR NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.order_id = rv.order_id AND oi.product_id = rv.product_id)`,
      ),
    ).toBe(0);
    expect(await count(db(), 'SELECT COUNT(DISTINCT SUBSTR(return_date, 1, 7)) FROM returns')).toBeGreaterThanOrEqual(
      20,
    );
    expect(await count(db(), 'SELECT COUNT(DISTINCT SUBSTR(review_date, 1, 7)) FROM reviews')).toBeGreaterThanOrEqual(
      20,
    );
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM orders o WHERE payment_status = 'refunded' AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.order_id AND r.refund_amount > 0)`,
      ),
    ).toBe(0);
  });

  it('the funnel in user_behaviors agrees with orders', async () => {
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.channel = 'own_website'
      AND NOT EXISTS (SELECT 1 FROM user_behaviors ub WHERE ub.session_id = o.session_id AND ub.product_id = oi.product_id AND ub.behavior_type = 'purchase')`,
      ),
    ).toBe(0);
    expect(await count(db(), "SELECT COUNT(*) FROM user_behaviors WHERE behavior_type = 'purchase'")).toBe(
      await count(
        db(),
        "SELECT COUNT(*) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.channel = 'own_website'",
      ),
    );
    const f = await one(
      db(),
      `SELECT SUM(CASE WHEN behavior_type = 'view' THEN 1 ELSE 0 END) AS v, SUM(CASE WHEN behavior_type = 'add_to_cart' THEN 1 ELSE 0 END) AS c,
      SUM(CASE WHEN behavior_type = 'purchase' THEN 1 ELSE 0 END) AS p FROM user_behaviors`,
    );
    expect(f.v).toBeGreaterThan(f.c);
    expect(f.c).toBeGreaterThan(f.p);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM user_behaviors ub LEFT JOIN visit_logs v ON v.session_id = ub.session_id WHERE v.log_id IS NULL',
      ),
    ).toBe(0);
  });

  it('cancelled orders exist (~3%), are voided and have no returns or reviews', async () => {
    const r = await one(db(), "SELECT AVG(CASE WHEN order_status = 'cancelled' THEN 1.0 ELSE 0 END) AS c FROM orders");
    expect(r.c).toBeGreaterThan(0.015);
    expect(r.c).toBeLessThan(0.05);
    expect(
      await count(
        db(),
        "SELECT COUNT(*) FROM orders WHERE order_status = 'cancelled' AND (payment_status <> 'voided' OR is_first_order = 1 OR shipped_date IS NOT NULL)",
      ),
    ).toBe(0);
  });

  it('orders come after their customer registered and their product launched', async () => {
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM orders o JOIN users u ON u.user_id = o.user_id WHERE SUBSTR(o.order_date, 1, 10) < u.registration_date',
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id WHERE SUBSTR(o.order_date, 1, 10) < p.create_time',
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        'SELECT COUNT(*) FROM visit_logs v JOIN users u ON u.user_id = v.user_id WHERE SUBSTR(v.visit_time, 1, 10) < u.registration_date',
      ),
    ).toBe(0);
  });

  it("is_first_order marks each customer's first non-cancelled order", async () => {
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM (SELECT user_id, SUM(is_first_order) AS f FROM orders WHERE order_status <> 'cancelled' GROUP BY user_id) x WHERE x.f <> 1`,
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM orders o WHERE o.is_first_order = 1 AND EXISTS (SELECT 1 FROM orders o2 WHERE o2.user_id = o.user_id
      AND o2.order_status <> 'cancelled' AND (o2.order_date < o.order_date OR (o2.order_date = o.order_date AND o2.order_id < o.order_id)))`,
      ),
    ).toBe(0);
  });

  it('personal data is invented and fits its columns; comments in English and Chinese; injection rows present', async () => {
    expect(
      await count(db(), "SELECT COUNT(*) FROM users WHERE email NOT LIKE '%@example.com' OR LENGTH(phone) > 32"),
    ).toBe(0);
    const comments = (await db().query('SELECT comment FROM reviews')).rows.map((r) => String(r.comment));
    expect(comments.some((c) => /[\u4e00-\u9fff]/.test(c))).toBe(true);
    expect(comments.some((c) => /^[\x20-\x7e]+$/.test(c))).toBe(true);
    expect(comments.some((c) => c.includes('Ignore previous instructions'))).toBe(true);
    expect(
      await count(db(), "SELECT COUNT(*) FROM products WHERE product_name LIKE '%Ignore previous instructions%'"),
    ).toBe(1);
    const addr = (await db().query('SELECT DISTINCT o.country FROM orders o')).rows.length;
    expect(addr).toBe(5);
  });

  it('every foreign key resolves', async () => {
    for (const t of TABLES) {
      for (const f of t.foreignKeys) {
        expect(
          await count(
            db(),
            `SELECT COUNT(*) FROM ${t.name} a LEFT JOIN ${f.references.table} b ON b.${f.references.column} = a.${f.column}
          WHERE a.${f.column} IS NOT NULL AND b.${f.references.column} IS NULL`,
          ),
          `${t.name}.${f.column}`,
        ).toBe(0);
      }
    }
  });

  it('holds exactly the rows the generator wrote (every value, escaping and Chinese text included)', async () => {
    const stream = await streamChecksums(TEST_SEED, TEST_SCALE);
    expect(await dbChecksums(urls.get(engine)!)).toEqual(stream);
  });

  it('writes the ground truth: meta row, events and manifest tables', async () => {
    const meta = (await db().query('SELECT * FROM _tidelens_meta')).rows;
    expect(meta).toHaveLength(1);
    expect(meta[0]).toMatchObject({ created_by: 'tidelens seed', seed: 7, scenario: 'default' });
    expect(await count(db(), 'SELECT COUNT(*) FROM _tidelens_events')).toBe(3);
    expect(await count(db(), 'SELECT COUNT(*) FROM _tidelens_manifest')).toBe(6);
  });
});

describe.each(engines)('default scenario events visible on %s', (engine) => {
  const db = () => dbs.get(engine)!;
  const manifest = () =>
    manifests.get(engine) as {
      value: number;
      events: { id: string; effect: number; product_ids: number[] }[];
      comparisons: { change: number }[];
    };

  it('the stocked-out best-selling bikinis sell nothing in July 2025 and are held at zero', async () => {
    const ids = manifest().events.find((e) => e.id === 'bikini-stockout')!.product_ids;
    expect(ids.length).toBe(8);
    const list = ids.join(',');
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE oi.product_id IN (${list})
      AND o.order_date >= '2025-07-01' AND o.order_date < '2025-08-01'`,
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE oi.product_id IN (${list})
      AND o.order_date >= '2025-06-01' AND o.order_date < '2025-07-01'`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM inventory_records WHERE product_id IN (${list}) AND reason = 'adjustment' AND stock_after = 0 AND SUBSTR(change_date, 1, 10) = '2025-07-01'`,
      ),
    ).toBe(8);
    // They are Bikinis, and the best sellers of that sub-category in the first half of 2025.
    const top = (
      await db().query(`SELECT oi.product_id FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products p ON p.product_id = oi.product_id
      JOIN product_categories c ON c.category_id = p.category_id WHERE c.category_name = 'Bikinis' AND o.order_date >= '2025-01-01' AND o.order_date < '2025-07-01'
      GROUP BY oi.product_id ORDER BY SUM(oi.quantity) DESC, oi.product_id LIMIT 12`)
    ).rows.map((r) => Number(r.product_id));
    expect(ids.filter((id) => top.includes(id)).length).toBeGreaterThanOrEqual(6);
  });

  it('the ended Instagram campaign brings no sessions after its end', async () => {
    const end = (
      await db().query(
        "SELECT mc.end_date, ts.source_id FROM marketing_campaigns mc JOIN traffic_sources ts ON ts.campaign_id = mc.campaign_id WHERE ts.source_name = 'Instagram Ads – Summer Splash 2025'",
      )
    ).rows[0]!;
    expect(end.end_date).toBe('2025-06-30');
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM visit_logs WHERE source_id = ${Number(end.source_id)} AND visit_time >= '2025-07-01'`,
      ),
    ).toBe(0);
    expect(
      await count(
        db(),
        `SELECT COUNT(*) FROM visit_logs WHERE source_id = ${Number(end.source_id)} AND visit_time >= '2025-06-01'`,
      ),
    ).toBeGreaterThan(0);
    // The 2024 flight ran its full course.
    expect(
      await count(
        db(),
        "SELECT COUNT(*) FROM visit_logs v JOIN traffic_sources ts ON ts.source_id = v.source_id WHERE ts.source_name = 'Instagram Ads – Summer Splash 2024' AND v.visit_time >= '2024-08-01'",
      ),
    ).toBeGreaterThan(0);
  });

  it('Amazon swimwear unit prices rise from July 2025; the own website keeps its prices', async () => {
    const q = (channel: string, from: string, to: string) =>
      one(
        db(),
        `SELECT AVG(oi.unit_price / p.original_price) AS r FROM order_items oi JOIN orders o ON o.order_id = oi.order_id
      JOIN products p ON p.product_id = oi.product_id JOIN product_categories c ON c.category_id = p.category_id JOIN product_categories pc ON pc.category_id = c.parent_category_id
      WHERE pc.category_name = 'Swimwear' AND o.channel = '${channel}' AND o.order_date >= '${from}' AND o.order_date < '${to}'`,
      );
    const before = await q('amazon', '2025-06-01', '2025-07-01');
    const after = await q('amazon', '2025-07-01', '2025-08-01');
    expect(after.r / before.r).toBeGreaterThan(1.1);
    const ownBefore = await q('own_website', '2025-06-01', '2025-07-01');
    const ownAfter = await q('own_website', '2025-07-01', '2025-08-01');
    expect(Math.abs(ownAfter.r / ownBefore.r - 1)).toBeLessThan(0.05);
    expect(
      await count(
        db(),
        "SELECT COUNT(*) FROM price_changes WHERE channel = 'amazon' AND change_date = '2025-07-01 00:00:00' AND reason = 'price increase'",
      ),
    ).toBeGreaterThan(20);
  });

  it('July 2025 falls against June 2025 and July 2024; the manifest matches the data', async () => {
    const m = await one(
      db(),
      `SELECT SUM(CASE WHEN order_date >= '2025-07-01' AND order_date < '2025-08-01' THEN total_amount ELSE 0 END) AS jul25,
      SUM(CASE WHEN order_date >= '2025-06-01' AND order_date < '2025-07-01' THEN total_amount ELSE 0 END) AS jun25,
      SUM(CASE WHEN order_date >= '2024-07-01' AND order_date < '2024-08-01' THEN total_amount ELSE 0 END) AS jul24 FROM orders o WHERE ${NET}`,
    );
    expect(m.jul25).toBeLessThan(m.jun25);
    expect(m.jul25).toBeLessThan(m.jul24);
    expect(manifest().value).toBeCloseTo(m.jul25, 1);
    for (const e of manifest().events) expect(e.effect, e.id).toBeLessThan(0);
  });
});

describe.runIf(mysqlAvailable)('determinism across engines', () => {
  it('the same seed gives the same rows on SQLite and MariaDB', async () => {
    for (const t of TABLES) {
      const nums = t.columns
        .filter((c) => ['int', 'decimal', 'bool'].includes(c.type.kind))
        .map((c) => `ROUND(SUM(${c.name}), 2) AS ${c.name}`);
      // Characters, not bytes: MySQL's LENGTH counts bytes.
      const texts = (len: string) =>
        t.columns
          .filter((c) => !['int', 'decimal', 'bool'].includes(c.type.kind))
          .map((c) => `SUM(${len}(${c.name})) AS len_${c.name}`);
      const sql = (len: string) =>
        `SELECT COUNT(*) AS n${[...nums, ...texts(len)].map((x) => ', ' + x).join('')} FROM ${t.name}`;
      const norm = (r: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, v === null ? null : Math.round(Number(v) * 100) / 100]),
        );
      const a = norm((await dbs.get('sqlite')!.query(sql('LENGTH'))).rows[0]!);
      const b = norm((await dbs.get('mysql')!.query(sql('CHAR_LENGTH'))).rows[0]!);
      expect(b, t.name).toEqual(a);
    }
  });
});
