// Product labels for ids a query ranked: sku, name (untrusted text from the data), sub-category and top category.
import { list, sql, type Fragment } from './fragment.ts';

export function productLabels(ids: number[]): Fragment {
  return sql`SELECT p.product_id, p.sku, p.product_name, c2.category_name AS subcategory,
    COALESCE(c1.category_name, c2.category_name) AS category
    FROM products p LEFT JOIN product_categories c2 ON c2.category_id = p.category_id
    LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id
    WHERE p.product_id IN ${list(ids)}`;
}

export interface ProductLabel {
  sku: string;
  product_name: string;
  subcategory: string | null;
  category: string | null;
}

export function labelMap(rows: Record<string, unknown>[]): Map<number, ProductLabel> {
  return new Map(
    rows.map((r) => [
      Number(r.product_id),
      {
        sku: String(r.sku),
        product_name: String(r.product_name),
        subcategory: (r.subcategory as string) ?? null,
        category: (r.category as string) ?? null,
      },
    ]),
  );
}
