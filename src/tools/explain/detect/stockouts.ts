// Stock-outs: SKUs whose stock sat at zero on days of the current period (inventory_records.stock_after),
// more days than in the comparison period. Their lost sales are estimated in ../stockout-estimate.ts.
import type { Row } from '../../../db/types.ts';
import { addDaysTo, dayCount } from '../../../calendar/index.ts';
import { sql, type Fragment } from '../../sql/fragment.ts';
import type { DetectedEvent, Window } from './types.ts';

export const STOCKOUT_LABEL = 'evidence: stock-outs (inventory_records at zero stock)';

export function stockoutQuery(w: Window): Fragment {
  const from = addDaysTo(w.a.from < w.b.from ? w.a.from : w.b.from, -7);
  const to = addDaysTo(w.a.to > w.b.to ? w.a.to : w.b.to, 1);
  const zeroFrom = w.a.from < w.b.from ? w.a.from : w.b.from;
  return sql`SELECT ir.product_id, ir.change_date, ir.stock_after FROM inventory_records ir
    WHERE ir.product_id IN (SELECT z.product_id FROM inventory_records z WHERE z.stock_after = 0 AND z.change_date >= ${zeroFrom} AND z.change_date < ${to})
      AND ir.change_date >= ${from} AND ir.change_date < ${to}
    ORDER BY ir.product_id, ir.change_date, ir.record_id`;
}

/** Days of [from, to] whose closing stock was zero, from the ordered stock records of one SKU. */
export function zeroDays(records: Array<{ at: string; stock: number }>, from: string, to: string): string[] {
  const out: string[] = [];
  let k = 0;
  let level: number | null = null;
  for (let d = from; d <= to; d = addDaysTo(d, 1)) {
    const end = `${d} 23:59:59`;
    while (k < records.length && records[k]!.at <= end) level = records[k++]!.stock;
    if (level === 0) out.push(d);
  }
  return out;
}

/**
 * Whether the SKU's stock fell while staying above zero (it sold) before `day`, in the records we have
 * (from a week before the earlier period). A fall straight to zero is not evidence: a write-off looks alike.
 */
export function soldBefore(records: Array<{ at: string; stock: number }>, day: string): boolean {
  for (let k = 1; k < records.length && records[k]!.at < day; k++) {
    const now = records[k]!.stock;
    if (now > 0 && now < records[k - 1]!.stock) return true;
  }
  return false;
}

export interface StockoutInput {
  rows: Row[];
  window: Window;
  skuOf: (productId: number) => string;
  subcategoryOf: (productId: number) => string;
  /** Net sales per day of the SKU in the comparison period (for the lost-sales estimate). */
  dailySalesA: (productId: number) => number;
  growth: number;
}

export function detectStockouts(x: StockoutInput): DetectedEvent[] {
  const byProduct = new Map<number, Array<{ at: string; stock: number }>>();
  for (const r of x.rows) {
    const id = Number(r.product_id);
    let list = byProduct.get(id);
    if (!list) byProduct.set(id, (list = []));
    list.push({ at: String(r.change_date).slice(0, 19), stock: Number(r.stock_after) });
  }
  const hits: Array<{ id: number; days: string[]; lost: number }> = [];
  for (const [id, recs] of byProduct) {
    const zb = zeroDays(recs, x.window.b.from, x.window.b.to);
    const za = zeroDays(recs, x.window.a.from, x.window.a.to);
    if (zb.length < 2 || zb.length <= za.length + 1) continue;
    // A SKU with no sales in the comparison (new since, or out all of it) still lost sales if it was
    // selling before it went out; dropping it would split its stock-out into a part we name and a part
    // we don't. Its estimate here is zero: the run-rate estimate (../stockout-estimate.ts) sizes it.
    const rate = x.dailySalesA(id);
    if (rate <= 0 && !soldBefore(recs, zb[0]!)) continue;
    hits.push({ id, days: zb, lost: (zb.length - za.length) * Math.max(rate, 0) * x.growth });
  }
  if (!hits.length) return [];
  // One event per run of SKUs that went out together: the same first and last zero day (a shipment
  // held, a supplier). Two sub-categories out from the same day but back on different days are two
  // stock-outs, not one.
  const groups = new Map<string, typeof hits>();
  for (const h of hits) {
    const key = `${h.days[0]!}|${h.days.at(-1)!}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  return [...groups.values()].map((g) => {
    const first = g.map((h) => h.days[0]!).sort()[0]!;
    const last = g
      .map((h) => h.days.at(-1)!)
      .sort()
      .at(-1)!;
    const subs = [...new Set(g.map((h) => x.subcategoryOf(h.id)))];
    const lost = g.reduce((s, h) => s + h.lost, 0);
    const days = g.reduce((s, h) => s + h.days.length, 0);
    const skus = g.map((h) => x.skuOf(h.id));
    return {
      kind: 'stockout' as const,
      segment: { product: skus },
      title: `${g.length} SKU${g.length > 1 ? 's' : ''} of ${subs.join(', ')} at zero stock between ${first} and ${last}`,
      start: first,
      end: last,
      evidenceQuery: STOCKOUT_LABEL,
      facts: {
        skus: skus.join(', '),
        subcategories: subs.join(', '),
        sku_days_at_zero: days,
        period_days: dayCount(x.window.b.from, x.window.b.to),
        estimated_lost_sales: Math.round(lost * 100) / 100,
      },
    };
  });
}
