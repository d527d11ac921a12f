// Price changes between the two periods (price_changes, per channel or all channels): grouped into
// one event per day, channel, direction and recorded reason, named by the category they cover when
// they cover one. A change recorded for another reason on the same day (a routine cost increase on
// one SKU beside a category's price rise) is another decision: merged, it turned the category's move
// into a list of SKUs and mixed its size into the average.
import type { Row } from '../../../db/types.ts';
import { addDaysTo } from '../../../calendar/index.ts';
import { sql, type Fragment } from '../../sql/fragment.ts';
import type { Segment } from '../cube.ts';
import type { DetectedEvent, Window } from './types.ts';

export const PRICE_LABEL = 'evidence: price changes (price_changes)';

/** Changes that take effect after the earlier period's start and by the later period's end. */
export function priceQuery(w: Window): Fragment {
  const early = w.a.from < w.b.from ? w.a : w.b;
  const late = early === w.a ? w.b : w.a;
  return sql`SELECT pc.product_id, pc.change_date, pc.old_price, pc.new_price, pc.reason, pc.channel FROM price_changes pc
    WHERE pc.change_date > ${`${early.from} 00:00:00`} AND pc.change_date < ${addDaysTo(late.to, 1)}
    ORDER BY pc.change_date, pc.product_id`;
}

export interface Catalogue {
  skuOf(productId: number): string;
  categoryOf(productId: number): string;
  subcategoryOf(productId: number): string;
  /** SKUs per category and sub-category name, for "covers the whole category". */
  skusIn(level: 'category' | 'subcategory', name: string): string[];
}

function segmentFor(ids: number[], channel: string | null, cat: Catalogue): { segment: Segment; scope: string } {
  const skus = ids.map((id) => cat.skuOf(id));
  const chan: Segment = channel ? { channel: [channel] } : {};
  for (const level of ['category', 'subcategory'] as const) {
    const names = [...new Set(ids.map((id) => (level === 'category' ? cat.categoryOf(id) : cat.subcategoryOf(id))))];
    if (names.length !== 1) continue;
    const all = cat.skusIn(level, names[0]!);
    if (all.length && skus.length >= 0.9 * all.length)
      return { segment: { ...chan, [level]: names }, scope: names[0]! };
  }
  return { segment: { ...chan, product: skus }, scope: `${skus.length} SKU${skus.length > 1 ? 's' : ''}` };
}

/**
 * Each price event's own ratio per SKU (new ÷ old price, compounded over the event's rows): prices
 * held to a band ($5-$50) move by less than the average near its ends, and a range's sales lean to
 * its dearer products, so the average alone overstates what a repricing did to the money. Kept
 * beside the event (not in its facts, which are shown) for the effect estimates of price-effect.ts.
 */
const SKU_RATIOS = new WeakMap<DetectedEvent, Map<string, number>>();

export function skuPriceRatios(e: DetectedEvent): Map<string, number> | undefined {
  return SKU_RATIOS.get(e);
}

export function detectPriceChanges(rows: Row[], cat: Catalogue): DetectedEvent[] {
  // A price that went down and back up (a markdown and its restore) did not change between the periods.
  const net = new Map<string, number>();
  const keyOf = (r: Row) => `${r.product_id}|${r.channel ?? ''}`;
  for (const r of rows) net.set(keyOf(r), (net.get(keyOf(r)) ?? 1) * (Number(r.new_price) / Number(r.old_price)));
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (Math.abs(net.get(keyOf(r))! - 1) < 0.02) continue;
    const day = String(r.change_date).slice(0, 10);
    const up = Number(r.new_price) > Number(r.old_price);
    const key = `${day}|${r.channel ?? ''}|${up ? 'up' : 'down'}|${String(r.reason ?? '')}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: DetectedEvent[] = [];
  for (const [key, g] of groups) {
    const [day, channel, dir] = key.split('|') as [string, string, string];
    const ids = [...new Set(g.map((r) => Number(r.product_id)))];
    const pct = g.reduce((s, r) => s + Number(r.new_price) / Number(r.old_price) - 1, 0) / g.length;
    const { segment, scope } = segmentFor(ids, channel || null, cat);
    const reasons = [...new Set(g.map((r) => String(r.reason)))].join(', ');
    const ratios = new Map<string, number>();
    for (const r of g) {
      const sku = cat.skuOf(Number(r.product_id));
      ratios.set(sku, (ratios.get(sku) ?? 1) * (Number(r.new_price) / Number(r.old_price)));
    }
    const event: DetectedEvent = {
      kind: dir === 'up' ? 'price_increase' : 'price_decrease',
      segment,
      title: `Prices ${dir === 'up' ? 'raised' : 'cut'} ${(Math.abs(pct) * 100).toFixed(0)}% on ${scope}${channel ? ` on ${channel}` : ' on every channel'} from ${day} (${reasons})`,
      start: day,
      end: null,
      evidenceQuery: PRICE_LABEL,
      facts: {
        change_date: day,
        channel: channel || 'all',
        products: ids.length,
        average_change_pct: Math.round(pct * 1000) / 10,
        reason: reasons,
      },
    };
    SKU_RATIOS.set(event, ratios);
    out.push(event);
  }
  return out;
}
