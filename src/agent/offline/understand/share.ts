// "What share of 2025 sales came from Amazon?", "2024年加拿大的销售额占比是多少？": a segment's share of the
// total. The segment is named like a filter, but a filter would answer with the segment's value alone (and
// compare_periods would quietly answer another question). It becomes the split instead: breakdown by the
// segment's dimension, whose share finding (segment ÷ total, computed in the tool) the answer leads with.
import { METRICS } from '../../../tools/metrics.ts';
import type { Dimension, Filters, Kind, Mentions } from '../intent.ts';
import {
  CATEGORIES,
  CATEGORY_PARENT,
  CHANNELS,
  COUNTRIES,
  DEVICES,
  type Entry,
  SOURCE_NAMES,
  SOURCE_TYPES,
  TOP_CATEGORIES,
} from './lexicon.ts';

/** Words that ask for a part of a whole. "%" alone does not: "sales up 5%" is a change. */
export const SHARE_ASK =
  /\b(?:share|percentage|proportion|fraction|portion|percent)\b|\bwhat\s*[%％]|[%％]\s+of\s+(?:our|the|all|total|\d{4})\b|[%％]\s+of\s+[^?.？。]{0,20}?\b(?:rev(?:enue)?|sales|orders|gmv|turnover)\b|\bhow much of\b|\bwhat part of\b|\b(?:slice|chunk|piece)\b|\b(?:what |whose |(?:['’]s|s['’]) )?cut of\b|\baccount(?:s|ed)? for\b|\bma(?:de|kes?) up\b|\bcontribut(?:ed|ion) to (?:the )?total\b|占比|比例|比重|份额|几成|百分之几|占(?:了)?(?:总|全部|整体|所有)?[^，。？?]{0,12}?(?:多少|几成|百分之|的?比)/i;

/** A percentage that is a change, not a part: "percentage change in Amazon sales", "by what percent did …". */
const CHANGE_PCT =
  /\b(?:percent(?:age)?|%)\s*(?:change|growth|increase|decrease|drop|decline|rise|fall|difference|points?)\b|\bby (?:what|how many) (?:percent|percentage|%)|\bin percent(?:age)? terms\b|增长率|增幅|降幅|跌幅|涨幅|变化率|百分点/i;

/** The filters a segment can be named by, with the dimension a breakdown splits it on. */
const SLOTS: { slot: keyof Filters; entries: Entry<string>[] }[] = [
  { slot: 'channel', entries: CHANNELS },
  { slot: 'country', entries: COUNTRIES },
  { slot: 'category', entries: CATEGORIES },
  { slot: 'device', entries: DEVICES },
  { slot: 'source', entries: SOURCE_NAMES },
  { slot: 'source_type', entries: SOURCE_TYPES },
];

/** A share question that points back at what was just shown. */
const POINTS_BACK = /\b(?:that|this|it|those|these)\b|这|那|其|它/i;

/** The previous turn's segment filter a "share of that" follow-up is about, in the order the slots are listed. */
export function filterSegment(filters: Filters): { slot: keyof Filters; value: string } | null {
  for (const { slot } of SLOTS) {
    const value = filters[slot];
    if (value) return { slot, value };
  }
  return null;
}

export const shareDimension = (slot: keyof Filters, value: string): Dimension => dimensionOf(slot, value);

/** Kinds a share question may have been read as before this: a value, a comparison or a split. */
const SHAREABLE: (Kind | undefined)[] = [undefined, 'compare', 'breakdown'];

function dimensionOf(slot: keyof Filters, value: string): Dimension {
  if (slot === 'category') return TOP_CATEGORIES.has(value) ? 'category' : 'subcategory';
  return slot as Dimension;
}

/** Where the question names `value` of a slot; the last such place, so "of US sales … from Amazon" reads right. */
function position(q: string, entries: Entry<string>[], value: string): number {
  let at = -1;
  for (const e of entries) {
    if (e.value !== value) continue;
    for (const m of q.matchAll(new RegExp(e.re.source, `${e.re.flags.replace('g', '')}g`))) at = Math.max(at, m.index);
  }
  return at;
}

/**
 * Reads a share-of-total question into `m`: kind breakdown, split by the segment's dimension, the segment moved
 * from the filters to `m.share`. The other filters stay ("what share of US sales came from Amazon": US is the
 * whole). Returns the kind to use, or the kind it was given when the question asks for no share.
 */
export function readShare(q: string, m: Mentions, kind: Kind | undefined): Kind | undefined {
  if (!SHAREABLE.includes(kind) || !SHARE_ASK.test(q) || CHANGE_PCT.test(q)) return kind;
  const metric = m.metrics[0] ?? 'net_sales';
  // A rate has no parts that add up to a whole; "share of customers who are new" is a metric of its own.
  if (!METRICS[metric].additive) return kind;
  const nested = nestedCategory(q);
  if (nested && (!m.dimension || m.dimension === 'category' || m.dimension === 'subcategory')) {
    // "what share of swimwear sales were bikinis": the parent is the whole, its sub-categories the parts.
    m.filters.category = nested.parent;
    m.dimension = 'subcategory';
    m.share = { dimension: 'subcategory', value: nested.part };
    return 'breakdown';
  }
  const named = SLOTS.flatMap(({ slot, entries }) => {
    const value = m.filters[slot];
    return value ? [{ slot, value, at: position(q, entries, value) }] : [];
  });
  if (!named.length) {
    // "what share of the total is that?": the segment is the one the previous turn was filtered on.
    if (!m.dimension && POINTS_BACK.test(q)) {
      m.shareOfFilter = true;
      m.analytical = true;
      return 'breakdown';
    }
    return kind;
  }
  // In Chinese the part is the one named right before 占; in English the last one named ("… came from Amazon").
  const zhAt = q.search(/占/);
  const before = zhAt >= 0 ? named.filter((n) => n.at >= 0 && n.at < zhAt) : [];
  const pool = before.length ? before : named;
  const part = pool.reduce((a, b) => (b.at > a.at ? b : a));
  const dimension = dimensionOf(part.slot, part.value);
  if (m.dimension && m.dimension !== dimension && m.dimension !== 'product') return kind;
  delete m.filters[part.slot];
  m.dimension = dimension;
  m.share = { dimension, value: part.value };
  return 'breakdown';
}

/**
 * "What share of swimwear sales were bikinis?", "泳装里比基尼占多少": a sub-category and the category it sits under,
 * each named in words of its own ("kids' swimwear" names one category, not Swimwear too).
 */
function nestedCategory(q: string): { parent: string; part: string } | null {
  const spans = CATEGORIES.flatMap((e) =>
    [...q.matchAll(new RegExp(e.re.source, `${e.re.flags.replace('g', '')}g`))].map((x) => ({
      value: e.value,
      from: x.index,
      to: x.index + x[0].length,
    })),
  );
  const own = spans.filter(
    (a) => !spans.some((b) => b !== a && b.from <= a.from && b.to >= a.to && b.to - b.from > a.to - a.from),
  );
  const values = new Set(own.map((x) => x.value));
  const parts = [...values].filter((v) => CATEGORY_PARENT[v] && values.has(CATEGORY_PARENT[v]));
  if (parts.length !== 1 || values.size !== 2) return null;
  return { parent: CATEGORY_PARENT[parts[0]], part: parts[0] };
}
