// The catalogue rows the cube is labelled with: products (SKU, sub-category, category, launch date)
// and traffic sources, and the views of them the detectors read.
import type { Row } from '../../db/types.ts';
import type { ProductInfo, SourceInfo } from './cube.ts';
import type { Catalogue } from './detect/prices.ts';

export function productsFrom(rows: Row[]): Map<number, ProductInfo> {
  return new Map<number, ProductInfo>(
    rows.map((r) => [
      Number(r.product_id),
      {
        sku: String(r.sku),
        subcategory: String(r.subcategory ?? '(none)'),
        category: String(r.category ?? '(none)'),
        created: r.create_time === null || r.create_time === undefined ? undefined : String(r.create_time).slice(0, 10),
      },
    ]),
  );
}

export function sourcesFrom(rows: Row[]): Map<number, SourceInfo> {
  return new Map<number, SourceInfo>(
    rows.map((r) => [
      Number(r.source_id),
      {
        name: String(r.source_name),
        type: String(r.source_type),
        campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
      },
    ]),
  );
}

export function catalogue(products: Map<number, ProductInfo>): Catalogue {
  const skus = { category: new Map<string, string[]>(), subcategory: new Map<string, string[]>() };
  for (const p of products.values()) {
    skus.category.set(p.category, [...(skus.category.get(p.category) ?? []), p.sku]);
    skus.subcategory.set(p.subcategory, [...(skus.subcategory.get(p.subcategory) ?? []), p.sku]);
  }
  return {
    skuOf: (id) => products.get(id)?.sku ?? `product ${id}`,
    categoryOf: (id) => products.get(id)?.category ?? '(unknown)',
    subcategoryOf: (id) => products.get(id)?.subcategory ?? '(unknown)',
    skusIn: (level, name) => skus[level].get(name) ?? [],
  };
}

/**
 * Yearly campaigns get a new traffic source each year ("… Summer Splash 2024", "… 2025"). When both
 * editions fall in the compared periods they are one source under one name, so a year-on-year
 * question sees the campaign running in both years rather than one ending and another starting.
 * Renames the sources in place (the cube is labelled after this) and returns old name → new name.
 */
export function aliasYearlyCampaigns(sources: Map<number, SourceInfo>, campaigns: Row[]): Map<string, string> {
  const alias = new Map<string, string>();
  const yearless = (s: string) => s.replace(/\s*\b(19|20)\d{2}\b/g, '').trim();
  const byKey = new Map<string, Set<number>>();
  for (const c of campaigns) {
    const key = yearless(String(c.campaign_name));
    byKey.set(key, (byKey.get(key) ?? new Set()).add(Number(c.campaign_id)));
  }
  for (const ids of byKey.values()) {
    if (ids.size < 2) continue;
    for (const s of sources.values()) {
      if (s.campaignId === null || !ids.has(s.campaignId)) continue;
      const name = `${yearless(s.name)} (yearly)`;
      alias.set(s.name, name);
      s.name = name;
    }
  }
  return alias;
}
