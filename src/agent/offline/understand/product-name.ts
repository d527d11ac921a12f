// "How much did the Coral Black One-Piece Swimsuit sell in June?": one product named by its catalogue name. Its
// figures are a query of our own (plan/free-sql.ts); the type word at the end of the name ("Swimsuit") is part of
// the name, not a category filter, so the answer is never its category's in its place.
import type { FreeShape, Mentions } from '../intent.ts';

/** The words a catalogue name ends in: a product type, never a product's own name. */
const TYPE_HEAD =
  /^(?:Swimsuit|Bikini|Set|Trunks|Briefs|Shorts|Cover-Up|Bag|Tote|Hat|Cap|Visor|Fedora|Sunglasses|Dress|Shirt|Top|Tee|Necklace|Choker|Anklet|Bracelet|Earrings|Wrap|Towel|Pouch)$/;

/**
 * Question, command and measure words, which stand capitalised before a name ("Show Coral Black ...") or in a
 * title-cased question ("Show Me The Best Selling Bikini Set"), never inside a catalogue name.
 */
const NOT_NAME =
  /^(?:How|What|Which|Why|When|Where|Show|Get|Give|List|Tell|Did|Does|Do|Was|Is|Were|Are|Me|My|We|Our|The|A|An|Of|For|In|On|At|To|By|And|Or|Vs|Best|Worst|Top|Most|Least|Selling|Sold|Total|Sales|Units|Orders|Revenue|Net)$/;

/** A run of capitalised words: letters, digits, hyphens and ampersands only, so the name is safe as a literal. */
const RUN = /(?<![A-Za-z0-9&'-])[A-Z][A-Za-z0-9-]*(?:[ ]+(?:[A-Z][A-Za-z0-9-]*|&))+(?![A-Za-z0-9&'-])/g;

/** What a name may hold before it goes into SQL (escaped besides). */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9 &-]*$/;

/**
 * The product a question names: 3 to 6 capitalised words ending in a product type ("Azure Leopard Plunge
 * Swimsuit"). A type alone ("Bikini Set", "Beach Bag") is a category-like phrase, and a capitalised phrase not
 * ending in a type ("Black Friday", "United Kingdom") is no product.
 */
export function productNamed(q: string): string | undefined {
  for (const run of q.matchAll(RUN)) {
    const words = run[0].split(/ +/);
    while (words.length > 3 && NOT_NAME.test(words[0]!)) words.shift();
    if (words.length < 3 || words.length > 6 || !TYPE_HEAD.test(words.at(-1)!)) continue;
    if (words.slice(0, -1).some((w) => NOT_NAME.test(w))) continue;
    const name = words.join(' ');
    if (SAFE_NAME.test(name)) return name;
  }
  return undefined;
}

/** Figures one product's own orders can give: sales, units and orders, with orders-level filters. */
const PRODUCT_METRICS = new Set(['net_sales', 'units', 'orders']);

/**
 * The product's own figures, when the rest of the question (read without the name) asks one total of sales,
 * units or orders over a period; anything else is left to the question's other reading.
 */
export function productShape(m: Mentions, name: string): FreeShape | undefined {
  if (m.refuse || m.unsupported || m.sql) return undefined;
  if (m.kind !== undefined && m.kind !== 'compare') return undefined;
  if (m.dimension || m.compare_to || m.exclude || m.share) return undefined;
  if (m.filters.category || m.filters.source || m.filters.source_type) return undefined;
  if (!m.metrics.every((x) => PRODUCT_METRICS.has(x))) return undefined;
  return { subject: 'product', by: null, name };
}
