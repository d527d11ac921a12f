// Question (+ the conversation so far) → Intent. Pure: the data's date range comes in, the clock is never read.
import type { Language } from '../../protocol/turn.ts';
import type { DataRange } from '../../tools/types.ts';
import type { Dimension, Filters, Intent, Kind, Mentions, MetricId, Period } from './intent.ts';
import {
  CATEGORIES, CHANNELS, CLAIM_DOWN, CLAIM_UP, CLEAR_FILTERS, COUNTRIES, CUSTOMER_TYPES, CUSTOMER_WORDS, DEVICES,
  DIMENSIONS, DRILL, FOLLOW_UP_CUE, FUTURE, GRANULARITY, KINDS, METRICS, NOT_IN_DATA, OFF_TOPIC, ORDER_BOTTOM, SOURCE_NAMES, SOURCE_TYPES, TOP, TOP_CUSTOMERS, type Entry,
} from './lexicon.ts';
import { freeShape } from './free-sql.ts';
import { screen } from './screen.ts';
import { anyNumber, NUMBER_WORD } from './numbers.ts';
import { defaultPeriod, parsePeriods, shiftYears } from './period.ts';
import { daysBetween, iso, parts } from './dates.ts';

const LEVEL1 = new Set(['Swimwear', 'Apparel', 'Jewelry & Accessories', 'Hats', 'Bags']);

export function languageOf(text: string): Language {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}

/** Every entry that matches, in the order it appears; matched text is blanked so an overlapping, looser entry cannot match it too. */
function matches<T>(entries: Entry<T>[], text: string): T[] {
  const hits: { value: T; pos: number }[] = [];
  let rest = text;
  for (const en of entries) {
    const g = new RegExp(en.re.source, en.re.flags.includes('g') ? en.re.flags : en.re.flags + 'g');
    const spans: [number, number][] = [];
    for (const m of rest.matchAll(g)) {
      if (!m[0]) continue;
      hits.push({ value: en.value, pos: m.index });
      spans.push([m.index, m[0].length]);
    }
    for (const [i, n] of spans) rest = rest.slice(0, i) + ' '.repeat(n) + rest.slice(i + n);
  }
  return hits.sort((a, b) => a.pos - b.pos).map((h) => h.value);
}

function first<T>(entries: Entry<T>[], text: string): T | undefined {
  return matches(entries, text)[0];
}

/** What one question says on its own. */
export function mentions(question: string, data: DataRange): Mentions {
  const q = question.normalize('NFKC').trim();
  const language = languageOf(q);
  const m: Mentions = { language, metrics: [], filters: {}, followUpCue: false, drill: false, clearFilters: false, analytical: false };

  const screened = screen(q);
  if (screened.reason) {
    // Answer the legitimate part of a mixed request; refuse the rest out loud.
    const inner = screened.legit ? mentions(screened.legit, data) : null;
    const usable = inner && !inner.refuse && !inner.unsupported && inner.kind !== 'schema' && (inner.metrics.length > 0 || inner.kind !== undefined);
    return usable ? { ...inner, language, alsoRefused: screened.reason } : { ...m, refuse: screened.reason };
  }

  const periods = parsePeriods(q, data);
  if (periods.period) m.period = periods.period;
  if (periods.compare_to) m.compare_to = periods.compare_to;
  if (periods.lastYearBare) m.shiftYear = -1;

  m.metrics = [...new Set(matches(METRICS, q))];
  const dimensions = matches(DIMENSIONS, q);
  const loose = /\b(channel|country|category|device|product|source)[- ](?:breakdown|split|mix|shares?|comparison|performance|distribution)\b|(渠道|国家|品类|设备|产品|来源)(?:分布|占比|结构|对比|拆分|表现|排名)/i.exec(q);
  // "new vs returning customers by country": the customer split is the analysis, the country the grouping.
  if (dimensions.length) m.dimension = dimensions[0] === 'customer_type' && dimensions.length > 1 ? dimensions[1] : dimensions[0];
  else if (loose) {
    const w = (loose[1] ?? loose[2]).toLowerCase();
    const map: Record<string, Dimension> = { channel: 'channel', 渠道: 'channel', country: 'country', 国家: 'country', category: 'category', 品类: 'category', device: 'device', 设备: 'device', product: 'product', 产品: 'product', source: 'source', 来源: 'source' };
    m.dimension = map[w];
  }

  const f: Filters = {};
  f.channel = first(CHANNELS, q);
  f.country = first(COUNTRIES, q);
  f.category = first(CATEGORIES, q);
  f.device = first(DEVICES, q);
  f.source_type = first(SOURCE_TYPES, q);
  f.source = first(SOURCE_NAMES, q);
  if (!dimensions.includes('customer_type')) f.customer_type = first(CUSTOMER_TYPES, q);
  // "by channel, Amazon only" keeps the filter; a filter on the split dimension itself makes no sense.
  for (const k of Object.keys(f) as (keyof Filters)[]) if (f[k] === undefined) delete f[k];
  m.filters = f;

  const kinds = matches(KINDS, q);
  m.granularity = first(GRANULARITY, q);
  m.drill = DRILL.test(q);
  m.clearFilters = CLEAR_FILTERS.test(q);
  if (CLAIM_DOWN.test(q)) m.claim = 'down';
  else if (CLAIM_UP.test(q)) m.claim = 'up';

  const topN = new RegExp(String.raw`\b(?:top|best|bottom|worst|first|leading|highest|lowest|largest|biggest)\s+(${NUMBER_WORD})\b|(${NUMBER_WORD})\s+(?:best|top|worst|biggest)\b|[前后]\s*(\d+|[一二两三四五六七八九十]+)\s*(?:名|个|款|位)?`, 'i').exec(q);
  if (topN) m.topN = anyNumber(topN[1] ?? topN[2] ?? topN[3]) ?? undefined;
  if (ORDER_BOTTOM.test(q)) m.order = 'bottom';
  // "which sold the most" ranks by value even right after a why-question (where "which products?" ranks by change).
  if (/\b(?:sold|sell|sells|selling) (?:the )?(?:most|best)\b|\bbest[- ]sell(?:ing|ers?)\b|\btop[- ]selling\b|\bmost (?:popular|sold|bought)\b|最畅销|卖得最好|卖得最多|销量最高/i.test(q)) m.rankBy = 'value';
  if (/\bbiggest (?:drops?|declines?|gains?|changes?|movers?|losers?|winners?)\b|\b(?:fell|dropped|grew|rose) the most\b|\bmovers\b|下滑最多|跌得最多|降幅最大|增长最多|涨幅最大|变化最大/i.test(q)) m.rankBy = 'change';

  const isTop = TOP.test(q) && (m.dimension === undefined || m.dimension === 'product' || m.dimension === 'category' || m.dimension === 'subcategory');
  const rank: Kind[] = ['why', 'schema', 'funnel', 'cohort', 'rfm', 'returns', 'customers', 'campaigns', 'price', 'stock'];
  let kind: Kind | undefined = kinds.includes('returns') ? 'returns' : rank.find((k) => kinds.includes(k));
  if (TOP_CUSTOMERS.test(q) && kind !== 'why') kind = 'rfm';
  if (kind === 'schema' && (m.metrics.length || m.period)) kind = undefined;
  if (kind === 'returns' || (!kind && m.metrics[0] === 'return_rate' && (m.dimension === 'category' || m.dimension === 'subcategory' || m.dimension === 'product' || /reasons?|原因/i.test(q)))) kind = 'returns';
  if (!kind && (m.metrics[0] === 'new_customer_share' || m.dimension === 'customer_type')) kind = 'customers';
  // "orders (sales, units...) from new vs returning customers", "what share of orders came from returning
  // customers": that metric split by customer type, not the customer counts.
  const orderMetric = m.metrics.find((x) => x === 'orders' || x === 'net_sales' || x === 'units' || x === 'aov');
  const bothTypes = new Set(matches(CUSTOMER_TYPES, q)).size > 1;
  const shareOf = /\b(?:share|percentage|proportion|fraction|portion|%)\b|占比|比例|比重|多少比例/i.test(q) && matches(CUSTOMER_TYPES, q).length > 0;
  if ((bothTypes || shareOf) && !kind && orderMetric) kind = 'customers';
  if ((bothTypes || shareOf) && kind === 'customers' && !m.metrics.includes('new_customer_share')) {
    m.dimension = m.dimension && m.dimension !== 'customer_type' ? m.dimension : 'customer_type';
    delete f.customer_type;
  }
  if (kind === 'customers' && orderMetric && m.metrics[0] === orderMetric && !/repeat|复购|回购/i.test(q)) {
    kind = 'breakdown';
    if (m.dimension !== 'customer_type') m.dimension = 'customer_type';
    delete f.customer_type;
  }
  // "what share of customers were new": new customers are what is measured, not a filter.
  if (m.metrics.includes('new_customer_share')) delete f.customer_type;
  if (!kind && isTop) kind = 'top';
  // "which bikinis?", "哪些比基尼": the products behind it, ranked within whatever is already in scope.
  if ((!kind || kind === 'compare') && (m.dimension === undefined || m.dimension === 'product') && WHICH_ITEMS.test(q) && (f.category || /product|item|sku|style|ones|产品|商品|款|单品/i.test(q))) {
    kind = 'top';
    m.dimension = 'product';
  }
  if (!kind && (kinds.includes('trend') || m.granularity)) kind = 'trend';
  if (!kind && m.dimension && m.dimension !== 'product') kind = 'breakdown';
  if (!kind && m.dimension === 'product') kind = 'top';
  if (!kind && (kinds.includes('compare') || m.compare_to)) kind = 'compare';
  if (!kind && !m.metrics.length && CUSTOMER_WORDS.test(q)) kind = 'customers';
  // No template holds ratings, payment methods or statuses: those go to a query of our own.
  const free = kind === 'why' ? undefined : freeShape(q, m.dimension);
  if (free) {
    kind = 'free_sql';
    m.free = free;
  }
  if (kind) m.kind = kind;

  m.analytical = Boolean(m.clearFilters || m.rankBy || m.order || m.kind || m.metrics.length || m.period || m.dimension || Object.keys(f).length || m.topN || m.granularity || m.compare_to || m.drill);
  const offTopic = OFF_TOPIC.test(q);
  if (offTopic) return { ...m, unsupported: 'off_topic' };
  if (NOT_IN_DATA.test(q) || outsider(q)) return { ...m, unsupported: 'not_in_data' };
  if (FUTURE.test(q) || periods.future) return { ...m, unsupported: 'future' };
  if (periods.beforeData) return { ...m, unsupported: 'before_data' };

  const short = language === 'zh' ? q.replace(/[\s？?。!！]/g, '').length <= 8 : q.split(/\s+/).length <= 4;
  m.followUpCue = FOLLOW_UP_CUE.test(q) || m.drill || (short && !m.metrics.length);
  return m;
}

const WHICH_ITEMS = /\b(?:which|what)\s+(?:(?:of\s+)?(?:the|our|those|these)\s+)?(?:(?!(?:were|was|are|is|did|do|does|have|has|had|about|of)\b)[\w'-]+\s+){0,2}?(?:products?|items?|skus?|styles?|ones|bikinis?|swim ?suits?|swimwear|trunks|hats?|caps?|bags?|totes?|jewe?l(?:le)?ry|accessories|apparel|clothes|pieces)\b|哪些|哪款|哪几款|哪一款|哪个(?:产品|商品|款)|哪几个(?:产品|商品)/i;

// Capitalised words that are not a business: pronouns, periods, people groups.
const NOT_A_NAME =
  /^(?:we|i|you|it|they|our|the|this|that|these|those|what|which|who|how|everyone|everything|q[1-4]|[A-Z]{1,2}|today|yesterday|year|month|week|quarter|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|women|men|kids|children|girls|boys|ladies|mens|womens|store|shop|company|team|website|site)$/i;
const lexicons: Entry<unknown>[][] = [CHANNELS, COUNTRIES, CATEGORIES, DEVICES, SOURCE_TYPES, SOURCE_NAMES];

/** "How much did Zara sell", "Acme's revenue": a named business that is none of our channels, markets or sources. */
function outsider(q: string): boolean {
  const re = /\b(?:did|does|do|has|have)\s+([A-Z][\w&'-]*)\s+(?:sell|sold|make|made|earn|earned|generate|generated|do|perform|performed)\b|\b([A-Z][\w&-]*)['’]s\s+(?:sales|revenues?|orders|market share|prices?|traffic|customers|performance|numbers|turnover)\b/g;
  for (const m of q.matchAll(re)) {
    const name = m[1] ?? m[2];
    if (!NOT_A_NAME.test(name) && !lexicons.some((l) => l.some((e) => e.re.test(name)))) return true;
  }
  return false;
}

/** The period a trend looks at when none is named: the last twelve whole months. */
function trailingYear(data: DataRange): Period {
  const last = defaultPeriod(data);
  const { y, m } = parts(last.start);
  const start = iso(y, m - 11, 1);
  return { start: start < data.minDate ? data.minDate : start, end: last.end, grain: 'range' };
}

function granularityFor(p: Period): 'day' | 'week' | 'month' {
  const days = daysBetween(p.start, p.end) + 1;
  return days <= 45 ? 'day' : days <= 120 ? 'week' : 'month';
}

/** Where "drill into X" looks next. */
function drillDimension(filters: Filters, changed: (keyof Filters)[]): Dimension {
  if (changed.includes('category')) return filters.category && LEVEL1.has(filters.category) ? 'subcategory' : 'product';
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
    granularity: m.granularity ?? null,
    claim: m.claim ?? null,
    periodDefaulted: !m.period,
  };
  if (m.refuse) return { ...base, kind: 'refuse', refuse: m.refuse };
  if (m.unsupported) return { ...base, kind: 'unsupported', unsupported: m.unsupported };
  if (m.free) base.free = m.free;
  if (m.alsoRefused) base.alsoRefused = m.alsoRefused;
  if (!m.analytical) return { ...base, kind: 'unsupported', unsupported: 'not_understood' };
  return complete(base, data);
}

/** Fills in what each kind needs: a comparison, a granularity, a top-N. */
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
  if (out.kind === 'breakdown' && !out.dimension) out.dimension = 'channel';
  if (out.dimension && out.kind === 'breakdown') {
    const slot = out.dimension === 'subcategory' ? 'category' : out.dimension;
    // Splitting by a dimension already pinned by a filter shows one row: look one level below instead.
    if (slot in out.filters && slot !== 'category') out.dimension = 'category';
    else if (slot === 'category' && out.filters.category) out.dimension = LEVEL1.has(out.filters.category) ? 'subcategory' : 'product';
    if (out.dimension === 'product') out.kind = 'top';
    out.topN = out.kind === 'top' ? (out.topN ?? 10) : out.topN;
  }
  return out;
}

/** The question read in the light of the previous turn's intent. */
export function resolve(m: Mentions, previous: Intent | null, data: DataRange): Intent {
  const usable = previous && previous.kind !== 'refuse' && previous.kind !== 'unsupported' && previous.kind !== 'schema';
  const followUp = usable && !m.refuse && !m.unsupported && (m.followUpCue || !m.metrics.length) && m.analytical;
  if (!followUp || !previous) {
    // "那加拿大呢？" after a refusal still has nothing to lean on.
    return fresh(m, data);
  }
  const p = previous;
  const filters: Filters = m.clearFilters ? {} : { ...p.filters };
  const changed = Object.keys(m.filters) as (keyof Filters)[];
  for (const k of changed) (filters as Record<string, unknown>)[k] = m.filters[k];

  let period = p.period;
  let compare_to = p.compare_to;
  const newPeriod = Boolean(m.period && !(m.shiftYear && p.period.grain !== 'year'));
  if (newPeriod && m.period) {
    period = m.period;
    if (compare_to && typeof compare_to !== 'string') compare_to = null;
  } else if (m.shiftYear) {
    period = shiftYears(p.period, m.shiftYear);
    if (compare_to && typeof compare_to !== 'string') compare_to = shiftYears(compare_to, m.shiftYear);
  }
  if (m.compare_to) compare_to = m.compare_to;

  let kind: Kind = p.kind;
  let dimension = p.dimension;
  if (m.kind && !(m.kind === 'compare' && !m.compare_to && !m.period)) kind = m.kind;
  else if (m.granularity) kind = 'trend';
  else if (m.dimension) kind = m.dimension === 'product' ? 'top' : 'breakdown';
  else if (m.topN) kind = 'top';
  // "and by category?" after a ratings question: the same query, grouped differently.
  let free = m.free ?? (kind === 'free_sql' ? p.free : undefined);
  if (p.kind === 'free_sql' && (!m.kind || m.kind === 'breakdown' || m.kind === 'top') && !m.metrics.length && p.free && (m.dimension === 'category' || m.dimension === 'subcategory' || m.dimension === 'product') && p.free.subject === 'reviews') {
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

  const rankBy = m.rankBy ?? (kind === 'top' && p.kind !== 'top' && (p.kind === 'why' || p.kind === 'compare') ? 'change' : p.rankBy);
  const order = m.order ?? (kind === 'top' && rankBy === 'change' && p.claim === 'down' ? 'bottom' : p.kind === 'top' ? p.order : 'top');
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
    granularity,
    claim: m.claim ?? (kind === 'why' ? p.claim : null),
    periodDefaulted: !m.period && p.periodDefaulted,
    ...(kind === 'free_sql' && free ? { free } : {}),
    ...(m.alsoRefused ? { alsoRefused: m.alsoRefused } : {}),
  };
  return complete(merged, data);
}

/** Every user question of a conversation, in order, each read in the light of the one before. */
export function understandAll(questions: string[], data: DataRange): Intent[] {
  const out: Intent[] = [];
  let prev: Intent | null = null;
  for (const q of questions) {
    const i = resolve(mentions(q, data), prev, data);
    out.push(i);
    if (i.kind !== 'refuse' && i.kind !== 'unsupported') prev = i;
  }
  return out;
}

export function understand(question: string, data: DataRange, previous: Intent | null = null): Intent {
  return resolve(mentions(question, data), previous, data);
}
