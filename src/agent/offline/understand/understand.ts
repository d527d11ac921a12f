// Question (+ the conversation so far) → Intent: what each question says (mentions.ts), read in the light of
// the previous turn's intent, then completed with what each kind needs. Pure: the clock is never read.
import { dayCount, dayParts, monthStart } from '../../../calendar/index.ts';
import type { Language } from '../../../protocol/turn.ts';
import type { DataRange } from '../../../tools/types.ts';
import type { Dimension, Filters, Intent, Kind, Mentions, MetricId, Period } from '../intent.ts';
import { emptyMentions, languageOf, mentions } from './mentions.ts';
import { TOP_CATEGORIES } from './lexicon.ts';
import { filterSegment, shareDimension } from './share.ts';
import { defaultPeriod, shiftYears, stepBack } from './period.ts';
import { outsideData, withoutDeclinedForecast } from './outside-data.ts';

export { languageOf, mentions } from './mentions.ts';

/** The period a trend looks at when none is named: the last twelve whole months. */
function trailingYear(data: DataRange): Period {
  const last = defaultPeriod(data);
  const { y, m } = dayParts(last.start);
  const start = monthStart(y, m - 11);
  return { start: start < data.minDate ? data.minDate : start, end: last.end, grain: 'range' };
}

function granularityFor(p: Period): 'day' | 'week' | 'month' {
  const days = dayCount(p.start, p.end);
  return days <= 45 ? 'day' : days <= 120 ? 'week' : 'month';
}

/** Where "drill into X" looks next. */
function drillDimension(filters: Filters, changed: (keyof Filters)[]): Dimension {
  if (changed.includes('category'))
    return filters.category && TOP_CATEGORIES.has(filters.category) ? 'subcategory' : 'product';
  if (changed.includes('channel') || changed.includes('country') || changed.includes('device')) return 'category';
  return 'product';
}

const NEEDS_COMPARISON: Kind[] = ['compare', 'why', 'breakdown', 'top'];

function fresh(m: Mentions, data: DataRange): Intent {
  const base: Intent = {
    language: m.language,
    kind: m.kind ?? 'compare',
    metric: m.metrics[0] ?? 'net_sales',
    metrics: m.metrics.length ? m.metrics : ['net_sales'],
    period: m.period ?? (m.kind === 'trend' ? trailingYear(data) : defaultPeriod(data)),
    compare_to: m.compare_to ?? null,
    dimension: m.dimension ?? null,
    filters: m.filters,
    topN: m.topN ?? null,
    order: m.order ?? 'top',
    rankBy: m.rankBy ?? 'value',
    ...(m.toZero ? { toZero: true } : {}),
    ...(m.zeroDays ? { zeroDays: true } : {}),
    ...(m.dropOff ? { dropOff: true } : {}),
    ...(m.extreme ? { extreme: m.extreme } : {}),
    ...(m.setAside ? { setAside: m.setAside } : {}),
    ...(m.exclude ? { exclude: m.exclude } : {}),
    granularity: m.granularity ?? null,
    claim: m.claim ?? null,
    periodDefaulted: !m.period,
  };
  if (m.refuse) return { ...base, kind: 'refuse', refuse: m.refuse };
  if (m.unsupported)
    return {
      ...base,
      kind: 'unsupported',
      unsupported: m.unsupported,
      ...(m.lacking ? { lacking: m.lacking } : {}),
      ...(m.unknown ? { unknown: m.unknown } : {}),
      ...(m.unknownPlace ? { unknownPlace: true } : {}),
    };
  if (m.free) base.free = m.free;
  if (m.unmatched) base.unmatched = m.unmatched;
  if (m.share) base.share = m.share;
  if (m.share && m.compare_to) base.shareCompared = true;
  if (m.reasons) base.reasons = m.reasons;
  if (m.sql) return { ...base, kind: 'pasted_sql', sql: m.sql };
  if (m.alsoRefused) base.alsoRefused = m.alsoRefused;
  if (m.campaign && base.kind === 'campaigns') base.campaign = m.campaign;
  if (m.campaigns && base.kind === 'campaigns') base.campaigns = m.campaigns;
  if (m.eventPeriod && base.kind === 'compare') base.eventPeriod = m.eventPeriod;
  if (!m.analytical) return { ...base, kind: 'unsupported', unsupported: 'not_understood' };
  return complete(base, data);
}

/** Fills in what each kind needs: a comparison, a granularity, a top-N. */
/** Metrics that are totals over orders, so "excluding X" is one WHERE condition away. */
const EXCLUDABLE: MetricId[] = ['net_sales', 'orders', 'aov'];

function complete(i: Intent, data: DataRange): Intent {
  const out = { ...i, filters: { ...i.filters } };
  if (out.period.end > data.maxDate) out.period = { ...out.period, end: data.maxDate };
  if (out.period.start < data.minDate) out.period = { ...out.period, start: data.minDate };
  if (!out.compare_to && NEEDS_COMPARISON.includes(out.kind)) out.compare_to = 'previous_period';
  if (out.kind === 'trend') out.granularity ??= granularityFor(out.period);
  if (out.kind === 'top') {
    out.topN ??= 10;
    out.dimension = out.dimension === 'category' || out.dimension === 'subcategory' ? out.dimension : 'product';
  }
  // One total with a value left out is a query of our own: no template filter says "not".
  if (out.exclude && out.kind === 'compare' && EXCLUDABLE.includes(out.metric)) {
    out.kind = 'free_sql';
    out.free = { subject: 'sales', by: null };
  }
  if (out.kind === 'breakdown' && !out.dimension) out.dimension = 'channel';
  if (out.dimension && out.kind === 'breakdown') {
    const slot = out.dimension === 'subcategory' ? 'category' : out.dimension;
    // Splitting by a dimension already pinned by a filter shows one row: look one level below instead.
    if (slot in out.filters && slot !== 'category') out.dimension = 'category';
    else if (slot === 'category' && out.filters.category)
      out.dimension = TOP_CATEGORIES.has(out.filters.category) ? 'subcategory' : 'product';
    if (out.dimension === 'product') out.kind = 'top';
    out.topN = out.kind === 'top' ? (out.topN ?? 10) : out.topN;
  }
  return out;
}

/**
 * The period of a follow-up: one step back by the unit it names ("the week before", "上个季度呢"), a new one named, the
 * same one a year back ("and last year?", and "去年同期呢" unless the previous turn compares), or the previous one.
 */
function followPeriod(
  m: Mentions,
  p: Intent,
): { period: Period; compare_to: Intent['compare_to']; newPeriod: boolean } {
  let period = p.period;
  let compare_to = p.compare_to;
  // A comparison already shows last year's figure beside this one: "去年同期呢" switches its base instead.
  const yearBack = m.sameTimeLastYear && !NEEDS_COMPARISON.includes(p.kind) ? -1 : m.shiftYear;
  const newPeriod = Boolean(m.period && !m.stepBack && !(yearBack && p.period.grain !== 'year'));
  if (m.stepBack) {
    period = stepBack(p.period, m.stepBack);
    if (compare_to && typeof compare_to !== 'string') compare_to = null;
  } else if (newPeriod && m.period) {
    period = m.period;
    if (compare_to && typeof compare_to !== 'string') compare_to = null;
  } else if (yearBack) {
    period = shiftYears(p.period, yearBack);
    if (compare_to && typeof compare_to !== 'string') compare_to = shiftYears(compare_to, yearBack);
  }
  if (m.compare_to && !(yearBack && m.sameTimeLastYear)) compare_to = m.compare_to;
  // "怎么比10月差？" after November 2024: a base without its year is the one before the period discussed.
  if (m.baseYearless && compare_to && typeof compare_to !== 'string')
    while (compare_to.start >= period.start) compare_to = shiftYears(compare_to, -1);
  // A step to another unit (a week before a month) is a period of its own: its trend picks its own grain.
  return { period, compare_to, newPeriod: newPeriod || Boolean(m.stepBack && period.grain !== p.period.grain) };
}

/** Rates a why never explains by itself: naming one after a why asks for its value. */
const RATES: MetricId[] = [
  'conversion_rate',
  'return_rate',
  'aov',
  'discount_rate',
  'new_customer_share',
  'gross_margin',
];

function namesOtherRate(asked: MetricId[], explained: MetricId): boolean {
  return asked[0] !== explained && RATES.includes(asked[0]!);
}

/** The analysis of a follow-up, and what it is split by. */
function followKind(m: Mentions, p: Intent, filters: Filters, changed: (keyof Filters)[]) {
  let kind: Kind = p.kind;
  let dimension = p.dimension;
  if (m.kind && !(m.kind === 'compare' && !m.compare_to && !m.period)) kind = m.kind;
  // A follow-up after a why that asks how much of a metric asks for its value, not for another why; so does one
  // that names a rate the why did not explain ("desktop session conversion in that month?").
  else if (p.kind === 'why' && m.metrics.length && (m.asksAmount || namesOtherRate(m.metrics, p.metric)))
    kind = 'compare';
  else if (m.granularity) kind = 'trend';
  else if (m.dimension) kind = m.dimension === 'product' ? 'top' : 'breakdown';
  else if (m.topN) kind = 'top';
  // "and by category?" after a ratings question: the same query, grouped differently.
  let free = m.free ?? (kind === 'free_sql' ? p.free : undefined);
  if (
    p.kind === 'free_sql' &&
    (!m.kind || m.kind === 'breakdown' || m.kind === 'top') &&
    !m.metrics.length &&
    p.free &&
    (m.dimension === 'category' || m.dimension === 'subcategory' || m.dimension === 'product') &&
    p.free.subject === 'reviews'
  ) {
    kind = 'free_sql';
    free = { ...p.free, by: m.dimension };
  }
  if (m.dimension) dimension = m.dimension;
  else if (m.drill) {
    dimension = drillDimension(filters, changed);
    if (kind !== 'why' && kind !== 'trend') kind = dimension === 'product' ? 'top' : 'breakdown';
  } else if (kind !== p.kind && kind !== 'breakdown' && kind !== 'top') dimension = null;

  // A filter on the dimension being split by ("by channel" then "only Amazon?"): the split is answered.
  const slot = dimension === 'subcategory' ? 'category' : dimension;
  if (kind === 'breakdown' && slot && changed.includes(slot as keyof Filters) && !m.dimension && !m.drill) {
    kind = 'compare';
    dimension = null;
  }
  return { kind, dimension, free };
}

/** Kinds a follow-up cannot lean on. */
const STANDALONE: Kind[] = ['refuse', 'unsupported', 'schema', 'pasted_sql'];

/** The question read in the light of the previous turn's intent. */
export function resolve(m: Mentions, previous: Intent | null, data: DataRange): Intent {
  const usable = previous && !STANDALONE.includes(previous.kind);
  const followUp =
    usable && !m.refuse && !m.unsupported && !m.sql && (m.followUpCue || !m.metrics.length) && m.analytical;
  if (!followUp || !previous) {
    // "那加拿大呢？" after a refusal still has nothing to lean on.
    return fresh(m, data);
  }
  const p = previous;
  const filters: Filters = m.clearFilters ? {} : { ...p.filters };
  const changed = Object.keys(m.filters) as (keyof Filters)[];
  for (const k of changed) (filters as Record<string, unknown>)[k] = m.filters[k];
  // "now excluding the US" after "US sales": the value left out is no longer the one kept.
  if (m.exclude && filters[m.exclude.slot] === m.exclude.value) delete filters[m.exclude.slot];
  // "and what share was Amazon?" after "sales on Amazon": the part asked about is no longer a filter. "What share of
  // the total is that?" asks about the segment the previous turn filtered on.
  const back = m.shareOfFilter ? filterSegment(filters) : null;
  const share = back ? { dimension: shareDimension(back.slot, back.value), value: back.value } : m.share;
  const shareSlot = share?.dimension === 'subcategory' ? 'category' : share?.dimension;
  if (shareSlot && shareSlot in filters) delete filters[shareSlot as keyof Filters];
  const shared: Mentions = share && !m.dimension ? { ...m, dimension: share.dimension } : m;
  // "去年同期呢？": the same analysis, a year back or against last year (followPeriod), not another kind.
  const sameAgain = m.sameTimeLastYear && m.kind === 'compare';
  const asked: Mentions = sameAgain ? { ...shared, kind: undefined } : shared;

  const { period, compare_to, newPeriod } = followPeriod(m, p);
  const { kind, dimension, free } = followKind(asked, p, filters, changed);

  const rankBy =
    m.rankBy ??
    (kind === 'top' && p.kind !== 'top' && (p.kind === 'why' || p.kind === 'compare') ? 'change' : p.rankBy);
  const order =
    m.order ??
    (kind === 'top' && rankBy === 'change' && p.claim === 'down' ? 'bottom' : p.kind === 'top' ? p.order : 'top');
  const granularity = kind === 'trend' ? (m.granularity ?? (newPeriod ? null : p.granularity)) : null;

  const merged: Intent = {
    language: m.language,
    kind,
    metric: m.metrics[0] ?? p.metric,
    metrics: m.metrics.length ? m.metrics : p.metrics,
    period,
    compare_to,
    dimension,
    filters,
    topN: m.topN ?? (kind === 'top' ? p.topN : null),
    order,
    rankBy,
    ...(m.toZero ? { toZero: true } : {}),
    ...(m.zeroDays ? { zeroDays: true } : {}),
    ...(m.dropOff ? { dropOff: true } : {}),
    ...(m.extreme ? { extreme: m.extreme } : {}),
    ...(m.setAside ? { setAside: m.setAside } : {}),
    ...(m.exclude ? { exclude: m.exclude } : {}),
    granularity,
    claim: m.claim ?? (kind === 'why' ? p.claim : null),
    periodDefaulted: !m.period && p.periodDefaulted,
    ...(kind === 'free_sql' && free ? { free } : {}),
    ...(m.alsoRefused ? { alsoRefused: m.alsoRefused } : {}),
    ...(m.unmatched ? { unmatched: m.unmatched } : {}),
    ...(kind === 'campaigns' && (m.campaign ?? p.campaign) ? { campaign: m.campaign ?? p.campaign } : {}),
    ...(share && kind === 'breakdown' ? { share } : {}),
    ...(share && kind === 'breakdown' && m.compare_to ? { shareCompared: true } : {}),
    ...(m.reasons && kind === 'returns' ? { reasons: m.reasons } : {}),
  };
  return complete(merged, data);
}

/**
 * Every user question of a conversation, in order, each read in the light of the one before. A question that
 * cannot be read at all is "not understood" and leaves the context as it was: one bad question never spoils
 * the ones after it.
 */
export function understandAll(questions: string[], data: DataRange): Intent[] {
  const out: Intent[] = [];
  let prev: Intent | null = null;
  for (const q of questions) {
    let i: Intent;
    try {
      i = resolve(read(q, data), prev, data);
    } catch {
      i = blankIntent(languageOf(q), data);
    }
    out.push(i);
    if (i.kind !== 'refuse' && i.kind !== 'unsupported') prev = i;
  }
  return out;
}

/** "Not understood", in the question's language: the intent of a question nothing could be read from. */
export function blankIntent(language: Language, data: DataRange): Intent {
  return fresh(emptyMentions(language), data);
}

export function understand(question: string, data: DataRange, previous: Intent | null = null): Intent {
  return resolve(read(question, data), previous, data);
}

/** What one question says, with what lies outside the data (outside-data.ts) said instead of answered. */
function read(question: string, data: DataRange): Mentions {
  const q = withoutDeclinedForecast(question);
  const m = mentions(q, data);
  if (m.refuse || m.sql || (m.unsupported && !m.unknown)) return m;
  const outside = outsideData(q.normalize('NFKC'));
  // A phrase no table reads ("下个旺季该备", "the economy") is said as what it is: the future, the market, the world.
  if (!outside) return m;
  const { unknown: _phrase, ...rest } = m;
  return { ...rest, ...outside };
}
