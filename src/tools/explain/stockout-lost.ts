// A stock-out's effect on a ratio the line cube measures (return rate, discount rate, gross margin),
// against the manifest's counterfactual: the same period with the SKUs in stock. What the SKUs sold
// on their days in stock stays as it is; the volume they lost (their expected volume, from their
// category's in-stock siblings, less what they sold) comes back at the rate they sold at in the
// comparison. Holding their whole period to the comparison × that growth instead also replaced their
// kept lines' rate by the comparison's: a few days in stock during a campaign, or a markdown since,
// then moved the metric as if the stock-out had (development seeds 199, 234, 252: discount rate,
// shares of the wrong sign). Pure.
import { totals, type MetricView } from './cube.ts';

/**
 * Effect (actual − counterfactual) on a ratio view of the SKUs' leaves `free`, whose expected period
 * volume is their comparison volume × `growth`. Null when the view is not a ratio or the SKUs sold
 * nothing in the comparison (no rate to put the lost volume back at).
 */
export function stockoutLostPartsEffect(view: MetricView, free: Uint8Array, growth: number): number | null {
  if (view.kind !== 'ratio' || !view.den) return null;
  const sku = { numA: 0, denA: 0, denB: 0 };
  for (let i = 0; i < view.n; i++) {
    if (!free[i]) continue;
    sku.numA += view.num.a[i]!;
    sku.denA += view.den.a[i]!;
    sku.denB += view.den.b[i]!;
  }
  if (!(sku.denA > 0)) return null;
  const lost = growth * sku.denA - sku.denB;
  const rate = sku.numA / sku.denA;
  const t = totals(view);
  const cfDen = t.denB + lost;
  return cfDen > 0 ? t.b - (t.numB + lost * rate) / cfDen : null;
}
