// A small warehouse written straight into SQLite for the offline model's end-to-end tests: its own seeded
// random data over its own date range (not the default data), so answers cannot lean on known figures.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemaDdl } from '../../seed/ddl.ts';
import { rng } from '../../src/analysis/synthetic.ts';

export interface FixtureOptions {
  seed: number;
  minDate: string;
  maxDate: string;
  /** Orders per day on average. */
  perDay: number;
  /** Multiplies order volume in one month ("YYYY-MM"): < 1 plants a drop, > 1 a rise. */
  shock?: { month: string; factor: number };
}

/** The warehouse the e2e and findings tests share: data ending mid-August 2024, July 2024's orders down 55%. */
export const JULY_DROP: FixtureOptions = {
  seed: 42,
  minDate: '2023-03-01',
  maxDate: '2024-08-20',
  perDay: 5,
  shock: { month: '2024-07', factor: 0.45 },
};

const CATS: [string, string[]][] = [
  ['Swimwear', ["Women's Swimsuits", 'Bikinis', "Men's Swim Trunks", "Kids' Swimwear", 'Beach Accessories']],
  ['Apparel', ['Cover-ups', 'Dresses']],
  ['Jewelry & Accessories', ['Necklaces', 'Sunglasses']],
  ['Hats', ['Sun Hats']],
  ['Bags', ['Beach Bags']],
];
const COUNTRIES = [
  'United States',
  'United States',
  'United States',
  'Canada',
  'United Kingdom',
  'France',
  'Australia',
];
const DEVICES = ['mobile', 'mobile', 'desktop', 'tablet'];
const SOURCES: [string, string][] = [
  ['Direct', 'direct'],
  ['Google', 'search'],
  ['Instagram', 'social'],
  ['Email newsletter', 'email'],
  ['Referral', 'referral'],
];

export function buildFixture(o: FixtureOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'tidelens-offline-'));
  const path = join(dir, 'warehouse.db');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  for (const stmt of schemaDdl('sqlite')) db.exec(stmt);
  const r = rng(o.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const ins = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    db.prepare(
      `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) VALUES (${cols.map(() => '?').join(',')})`,
    ).run(...cols.map((c) => row[c] as never));
  };

  db.transaction(() => {
    let catId = 1;
    const leaf: number[] = [];
    for (const [top, kids] of CATS) {
      const parent = catId++;
      ins('product_categories', {
        category_id: parent,
        category_name: top,
        parent_category_id: null,
        category_level: 1,
        is_active: 1,
      });
      for (const k of kids) {
        leaf.push(catId);
        ins('product_categories', {
          category_id: catId++,
          category_name: k,
          parent_category_id: parent,
          category_level: 2,
          is_active: 1,
        });
      }
    }
    const products: { id: number; price: number }[] = [];
    for (let p = 1; p <= 30; p++) {
      const price = Math.round((15 + r() * 70) * 100) / 100;
      products.push({ id: p, price });
      ins('products', {
        product_id: p,
        sku: `SKU-${1000 + p}`,
        product_name: `Style ${p}`,
        category_id: p <= 12 ? leaf[p % 5] : pick(leaf),
        brand: 'Tide',
        supplier: 'S1',
        original_price: price,
        current_price: price,
        cost: Math.round(price * 0.4 * 100) / 100,
        stock_quantity: 50,
        create_time: o.minDate,
        is_active: 1,
      });
    }
    SOURCES.forEach(([name, type], k) =>
      ins('traffic_sources', { source_id: k + 1, source_name: name, source_type: type, campaign_id: null }),
    );
    for (let u = 1; u <= 200; u++) {
      ins('users', {
        user_id: u,
        username: `u${u}`,
        email: `u${u}@example.com`,
        phone: '000',
        gender: null,
        age: null,
        city: 'X',
        country: pick(COUNTRIES),
        registration_date: o.minDate,
        user_level: 'regular',
        is_active: 1,
        user_source: 'web',
      });
    }
    // A second stream for columns added later (payment methods, reviews), so the order data stays as it was.
    const r2 = rng(o.seed + 7919);
    const PAY = ['credit_card', 'paypal', 'apple_pay', 'amazon_pay'];
    let reviewId = 1;
    const seen = new Set<number>();
    let orderId = 1;
    let itemId = 1;
    let logId = 1;
    let returnId = 1;
    for (let t = Date.parse(o.minDate); t <= Date.parse(o.maxDate); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      const factor = o.shock && day.startsWith(o.shock.month) ? o.shock.factor : 1;
      const n = Math.max(0, Math.round(o.perDay * factor * (0.6 + r() * 0.8)));
      for (let s = 0; s < n * 8; s++) {
        ins('visit_logs', {
          log_id: logId,
          user_id: null,
          session_id: `s${logId}`,
          page_url: '/',
          referrer_url: null,
          visit_time: `${day} 10:00:00`,
          device_type: pick(DEVICES),
          ip_address: '0.0.0.0',
          stay_duration: 30,
          source_id: 1 + Math.floor(r() * SOURCES.length),
          country: pick(COUNTRIES),
        });
        logId++;
      }
      for (let k = 0; k < n; k++) {
        const user = 1 + Math.floor(r() * 200);
        const channel = r() < 0.55 ? 'own_website' : r() < 0.75 ? 'amazon' : 'other_marketplace';
        const source =
          channel === 'own_website'
            ? 'own_website'
            : channel === 'amazon'
              ? 'amazon'
              : pick(['walmart', 'ebay', 'etsy']);
        const cancelled = r() < 0.04;
        const lines = 1 + Math.floor(r() * 2);
        let total = 0;
        const items: Record<string, unknown>[] = [];
        for (let l = 0; l < lines; l++) {
          const p = pick(products);
          const qty = 1 + Math.floor(r() * 2);
          items.push({
            order_item_id: itemId++,
            order_id: orderId,
            product_id: p.id,
            quantity: qty,
            unit_price: p.price,
            discount: 0,
          });
          total += qty * p.price;
        }
        const first = !cancelled && !seen.has(user);
        if (first) seen.add(user);
        ins('orders', {
          order_id: orderId,
          user_id: user,
          order_date: `${day} 12:00:00`,
          total_amount: Math.round(total * 100) / 100,
          discount_amount: 0,
          payment_method: PAY[Math.floor(r2() * PAY.length)],
          payment_status: 'paid',
          shipping_address: 'x',
          order_status: cancelled ? 'cancelled' : 'delivered',
          order_source: source,
          device_type: pick(DEVICES),
          channel,
          country: pick(COUNTRIES),
          traffic_source_id: channel === 'own_website' ? 1 + Math.floor(r() * SOURCES.length) : null,
          session_id: channel === 'own_website' ? `s${Math.max(1, logId - 1 - k)}` : null,
          is_first_order: first ? 1 : 0,
          shipped_date: null,
          delivered_date: null,
        });
        for (const it of items) ins('order_items', it);
        if (!cancelled && r2() < 0.15) {
          ins('reviews', {
            review_id: reviewId++,
            order_id: orderId,
            product_id: items[0].product_id,
            user_id: user,
            rating: 1 + Math.floor(r2() * 5),
            comment: 'ok',
            review_date: `${day} 18:00:00`,
          });
        }
        if (!cancelled && r() < 0.06) {
          ins('returns', {
            return_id: returnId++,
            order_id: orderId,
            order_item_id: items[0].order_item_id,
            return_date: `${day} 15:00:00`,
            return_reason: 'size',
            return_status: 'refunded',
            refund_amount: Math.round(Number(items[0].unit_price) * 100) / 100,
          });
        }
        orderId++;
      }
    }
  })();
  db.close();
  return path;
}
