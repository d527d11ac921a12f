// explain_change's claims as findings: the change itself, each cause's share of it (named the ways the answer
// names the cause: its category, campaign, country, source), and the SKUs a stock-out cause found at zero stock.
import type { Finding } from '../../protocol/index.ts';
import { changeOf } from '../findings.ts';
import type { Cause } from './causes.ts';
import type { ExplainChangeFacts } from './result.ts';

/** Segment dimensions whose values name a cause in words (SKU lists and channels are too broad or too many). */
const NAMING_DIMENSIONS = ['subcategory', 'category', 'country', 'source', 'device', 'customer_type'];
/** Evidence facts that name a cause: a campaign, a stock-out's sub-categories. */
const NAMING_FACTS = ['campaign', 'subcategories', 'subcategory', 'category'];

/** The names a cause goes by; a season-and-trend cause is "seasonality" or "the general trend". */
export function causeNames(c: Cause): string[] {
  const out = new Set<string>();
  for (const d of NAMING_DIMENSIONS) for (const v of c.segment[d] ?? []) out.add(v);
  for (const k of NAMING_FACTS) {
    const v = c.evidence.facts[k];
    if (typeof v === 'string') for (const s of v.split(/,\s*/)) if (s.trim()) out.add(s.trim());
  }
  // The season-and-trend cause, as the answers title it in either language.
  if (c.kind === 'seasonality') for (const n of ['seasonality', 'general trend', '季节', '整体趋势']) out.add(n);
  return [...out];
}

export interface CauseRow {
  cause: Cause;
  /** The effect and share as the rows state them (rounded). */
  effect: number | null;
  share: number | null;
}

export function explainFindings(change: ExplainChangeFacts, causes: CauseRow[]): Finding[] {
  const period = change.period.label;
  const out: Finding[] = [];
  const total = changeOf(period, change.a, change.b, { metric: change.metric, period, base: change.compare.label });
  if (total) out.push(total);
  for (const { cause, effect, share } of causes) {
    if (effect === null || share === null) continue;
    for (const subject of causeNames(cause))
      out.push({
        kind: 'share',
        metric: `${change.metric}_change`,
        period,
        subject,
        value: effect,
        total: change.delta,
        share,
      });
  }
  const stockouts = causes.map((x) => x.cause).filter((c) => c.kind === 'stockout' && c.segment.product?.length);
  if (stockouts.length) {
    const items = [...new Set(stockouts.flatMap((c) => c.segment.product!))];
    out.push({ kind: 'threshold', metric: 'stock', period, condition: 'out_of_stock', holds: true, items });
  }
  // "8 SKUs at zero stock", "a price rise on 3 SKUs": each cause over a list of SKUs counts them.
  for (const { cause } of causes) {
    const skus = cause.segment.product;
    if (!skus?.length) continue;
    const n = cause.evidence.facts.sku_count;
    const count = typeof n === 'number' ? n : skus.length;
    const stock = cause.kind === 'stockout';
    const condition = stock ? 'out_of_stock' : cause.kind;
    out.push({ kind: 'count', metric: stock ? 'stock' : change.metric, period, condition, count, items: skus });
  }
  return out;
}
