// One slip in a word the readers key on ("prodcuts", "stcok", "revnue", "preveiw"), fixed before a question is read,
// so a typo does not turn a stock-out question into a sales comparison. Only words of five letters or more, only
// towards the words below, never at the first letter, where ordinary words ("border", "tables") differ, and in a
// word of six letters or fewer only as two letters swapped. Pure.

const KEY_WORDS = [
  'products',
  'product',
  'orders',
  'sales',
  'sessions',
  'channels',
  'channel',
  'countries',
  'country',
  'categories',
  'category',
  'average',
  'margin',
  'stockouts',
  'stockout',
  'stock',
  'inventory',
  'revenue',
  'returns',
  'return',
  'refunds',
  'refund',
  'discounts',
  'discount',
  'conversion',
  'campaigns',
  'campaign',
  'customers',
  'customer',
  'preview',
  'splash',
  'holiday',
  'percentage',
  'abandonment',
  'quarter',
  'swimwear',
  'bikinis',
];

/** Optimal string alignment distance (an adjacent swap is one slip), stopping once it passes `max`. */
function slips(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function corrected(word: string): string {
  const low = word.toLowerCase();
  // "session", "bikini": the singular of a key word is spelled right, not a slip towards the plural.
  if (low.length < 5 || KEY_WORDS.includes(low) || KEY_WORDS.includes(`${low}s`)) return word;
  // A short key word takes only a swap ("stcok"): one letter changed makes another word too often ("stack").
  const swapped = (k: string) => k.length === low.length && [...k].sort().join('') === [...low].sort().join('');
  const hit = KEY_WORDS.find((k) => k[0] === low[0] && slips(low, k, 1) <= 1 && (k.length > 6 || swapped(k)));
  return hit ?? word;
}

/** The question with one-slip typos of the key words fixed; every other word as typed. */
export function fixWordTypos(q: string): string {
  return q.replace(/\b[A-Za-z]{5,}\b/g, corrected);
}
