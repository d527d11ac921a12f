// The common filters as SQL conditions, per fact source. Aliases are fixed: o = orders, oi = order_items,
// v = visit_logs, r = returns. Filters that cannot apply to a source (a session has no product or customer
// type) add a caveat instead of silently changing the meaning.
//
// Marketplace orders (Amazon, Walmart, eBay, Etsy) have no session and no traffic source:
// - channel: orders by orders.channel; sessions only exist for own_website, so a marketplace-only channel
//   filter leaves zero sessions (conversion rate is then undefined, not 0) and says so;
// - device: orders.device_type is recorded on every order, so it filters marketplace orders too;
// - source / source_type: only own-website orders carry one, so these keep own-website orders only (said in
//   the summary); campaign: orders through order_campaign_map (any channel), sessions through the
//   campaign's traffic sources.
import type { Filters } from '../filters.ts';
import { join, list, raw, sql, type Fragment } from './fragment.ts';

export interface Scoped {
  conds: Fragment[];
  caveats: string[];
}

/** product_ids in a category, matched by its own name or its parent's (top-level) name, ignoring case. */
export function categoryProductIds(category: string): Fragment {
  return sql`SELECT pf.product_id FROM products pf JOIN product_categories cf ON cf.category_id = pf.category_id
    LEFT JOIN product_categories cpf ON cpf.category_id = cf.parent_category_id
    WHERE LOWER(cf.category_name) = LOWER(${category}) OR LOWER(cpf.category_name) = LOWER(${category})`;
}

export function campaignIds(campaign: number | string): Fragment {
  return typeof campaign === 'number'
    ? sql`SELECT mcf.campaign_id FROM marketing_campaigns mcf WHERE mcf.campaign_id = ${campaign}`
    : sql`SELECT mcf.campaign_id FROM marketing_campaigns mcf WHERE LOWER(mcf.campaign_name) = LOWER(${campaign})`;
}

function sourceIds(f: Filters): Fragment | null {
  const conds: Fragment[] = [];
  if (f.source) conds.push(sql`LOWER(tsf.source_name) = LOWER(${f.source})`);
  if (f.sourceType) conds.push(sql`tsf.source_type IN ${list(f.sourceType)}`);
  if (!conds.length) return null;
  return sql`SELECT tsf.source_id FROM traffic_sources tsf WHERE ${join(conds, ' AND ')}`;
}

export interface OrderScope {
  /** `oi` is in scope: category filters apply to the line, not the whole order. */
  lines?: boolean;
  /** The lines are returned items (returns source): order-level returns have no line. */
  returnedLines?: boolean;
  /**
   * SQLite only: match the line's product with `+oi.product_id` so the planner cannot probe
   * idx_items_product (product_id, order_id) once per order and per category product (a year of Bikinis
   * took 190 ms that way); it walks orders by date and tests each line against the category list (20 ms).
   */
  sqliteLineHint?: boolean;
}

/**
 * Conditions on orders o (and lines oi when in scope). Non-cancelled is NOT included: callers add it where it applies.
 */
export function orderConditions(f: Filters, scope: OrderScope = {}): Scoped {
  const conds: Fragment[] = [];
  const caveats: string[] = [];
  if (f.channel) conds.push(sql`o.channel IN ${list(f.channel)}`);
  if (f.country) conds.push(sql`o.country IN ${list(f.country)}`);
  if (f.device) conds.push(sql`o.device_type IN ${list(f.device)}`);
  const src = sourceIds(f);
  if (src) {
    conds.push(sql`o.traffic_source_id IN (${src})`);
    caveats.push('a traffic-source filter keeps own-website orders only (marketplace orders have no traffic source)');
  }
  if (f.campaign !== undefined) {
    conds.push(
      sql`EXISTS (SELECT 1 FROM order_campaign_map mf WHERE mf.order_id = o.order_id AND mf.campaign_id IN (${campaignIds(f.campaign)}))`,
    );
  }
  if (f.customerType) conds.push(raw(f.customerType === 'new' ? 'o.is_first_order = 1' : 'o.is_first_order = 0'));
  if (f.category) {
    if (scope.lines) {
      conds.push(
        sql`${raw(scope.sqliteLineHint ? '+oi.product_id' : 'oi.product_id')} IN (${categoryProductIds(f.category)})`,
      );
      if (scope.returnedLines)
        caveats.push(`returns recorded for a whole order (no order line) are not attributed to ${f.category}`);
    } else {
      conds.push(
        sql`EXISTS (SELECT 1 FROM order_items oif WHERE oif.order_id = o.order_id AND oif.product_id IN (${categoryProductIds(f.category)}))`,
      );
      caveats.push(`category ${f.category}: whole orders that contain at least one ${f.category} item`);
    }
  }
  return { conds, caveats };
}

/** Conditions on visit_logs v. Sessions exist only on the own website. */
export function sessionConditions(f: Filters): Scoped {
  const conds: Fragment[] = [];
  const caveats: string[] = [];
  if (f.channel && !f.channel.includes('own_website')) {
    conds.push(raw('1 = 0'));
    caveats.push('sessions exist only on the own website, so a marketplace-only channel filter leaves no sessions');
  }
  if (f.country) conds.push(sql`v.country IN ${list(f.country)}`);
  if (f.device) conds.push(sql`v.device_type IN ${list(f.device)}`);
  const src = sourceIds(f);
  if (src) conds.push(sql`v.source_id IN (${src})`);
  if (f.campaign !== undefined) {
    conds.push(
      sql`v.source_id IN (SELECT tsc.source_id FROM traffic_sources tsc WHERE tsc.campaign_id IN (${campaignIds(f.campaign)}))`,
    );
  }
  if (f.category) caveats.push('sessions are not filtered by category (a visit has no single product)');
  if (f.customerType) caveats.push('sessions are not split by new/returning customer (visits are often anonymous)');
  return { conds, caveats };
}
