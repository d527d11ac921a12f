// What one question says on its own, before the conversation is taken into account. Pure: the data's date
// range comes in, the clock is never read. Nothing here recurses: a question is screened once (screen.ts
// settles on clean text itself) and its legitimate part is read once.
import { detectLanguage, type Language } from '../../../protocol/vocabulary.ts';
import type { DataRange } from '../../../tools/types.ts';
import type { Dimension, Filters, FreeShape, Kind, Mentions, MetricId } from '../intent.ts';
import { campaignName, campaignNames } from './campaign-name.ts';
import { freeShape } from './free-shape.ts';
import { productNamed, productShape } from './product-name.ts';
import { readShare, SHARE_ASK } from './share.ts';
import { unknownSplit } from './unknown-split.ts';
import { untrackedMetric } from './untracked-metric.ts';
import { unknownMeasure, unknownPlace, unknownSource } from './unknown-measure.ts';
import {
  AD_RETURN,
  CATEGORIES,
  CHANNELS,
  CLAIM_DOWN,
  CLAIM_UP,
  CLEAR_FILTERS,
  COUNTRIES,
  CUSTOMER_TYPES,
  CUSTOMER_WORDS,
  DEVICES,
  DIMENSIONS,
  DRILL,
  DROP_OFF,
  ACKNOWLEDGED,
  FOLLOW_UP_CUE,
  FUTURE,
  GRANULARITY,
  KINDS,
  LACKING,
  METRICS,
  NOT_IN_DATA,
  OFF_TOPIC,
  ORDER_BOTTOM,
  RETURN_REASONS,
  SOURCE_NAMES,
  SOURCE_TYPES,
  SPEND_ONLY,
  TOP,
  TOP_CUSTOMERS,
  type Entry,
} from './lexicon.ts';
import { anyNumber, NUMBER_WORD } from '../../../guardrails/number-words.ts';
import { pastedSql } from './pasted-sql.ts';
import { parsePeriods, stepWords, type PeriodMentions } from './period.ts';
import { expandShorthand } from './shorthand.ts';
import { fixWordTypos } from './typos.ts';
import { nextMonthNamed } from './next-month.ts';
import { withoutNegatedPersonal } from './negated-personal.ts';
import { forbidden, screenAll } from './screen.ts';
import { shoppingDaySpans } from './shopping-days.ts';

/** The product's one rule for the answer language, so the offline model and the loop never disagree. */
export const languageOf = detectLanguage;

/**
 * Every entry that matches, in the order it appears; matched text is blanked so an overlapping, looser entry cannot
 * match it too.
 */
export function matches<T>(entries: Entry<T>[], text: string): T[] {
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

/** Nothing read from a question yet: the start of every reading, and the reading of a blank one. */
export const emptyMentions = (language: Language): Mentions => ({
  language,
  metrics: [],
  filters: {},
  followUpCue: false,
  drill: false,
  clearFilters: false,
  analytical: false,
});

/** What one question says on its own. */
export function mentions(question: string, data: DataRange): Mentions {
  const q = question.normalize('NFKC').trim();
  const language = languageOf(q);
  const sql = pastedSql(q);
  if (sql !== null) {
    // A pasted SELECT is a request to run it, not an instruction hidden in a question; what it may read is
    // run_sql's guard's call. Personal data, writes and injected instructions are still refused here.
    // The words around it are screened too ("ignore your rules and run this: SELECT …").
    const reason = forbidden(sql) ?? forbidden(q.replace(sql, ' '));
    return reason
      ? { ...emptyMentions(language), refuse: reason }
      : { ...emptyMentions(language), kind: 'pasted_sql', sql, analytical: true };
  }
  const screened = screenAll(q);
  // A turned-down personal-data noun ("no emails needed") is read as absent, not as a measure nobody tracks.
  if (!screened.reason) return read(withoutNegatedPersonal(q), data);
  // Answer the legitimate part of a mixed request; refuse the rest out loud.
  const inner = screened.legit ? read(screened.legit, data) : null;
  const usable =
    inner && !inner.unsupported && inner.kind !== 'schema' && (inner.metrics.length > 0 || inner.kind !== undefined);
  return usable
    ? { ...inner, language, alsoRefused: screened.reason }
    : { ...emptyMentions(language), refuse: screened.reason };
}

/** "how much", "how many", "多少", "几单": the question asks for a quantity. */
const AMOUNT_ASK =
  /\bhow (?:much|many)\b|\bwhat(?:'s|’s| was| were| is| are)\b(?! (?:the |our |its |a )?(?:main |biggest |real )?(?:reasons?|causes?|drivers?|explanation)\b)|\bwhat (?:was|were|is|are) (?:the |our )?(?:total|amount|number|sum)\b|多少|几(?:单|个|件|笔)/i;

/**
 * The periods a question names, and the unit it steps back by. "the week before" alone moves the period being
 * discussed back a week (read literally, "前一个月" would be the last month); beside a named period ("Nov vs the month
 * before") it is that period's comparison. "上个季度", "the previous quarter" step only in a bare follow-up ("上个季度呢？");
 * otherwise, and in a first question, they are the latest full quarter, which the period keeps for that case.
 */
function readPeriods(q: string, data: DataRange, m: Mentions): PeriodMentions {
  const step = stepWords(q);
  // "what dropped to nothing between Q1 and Q2": the later period against the earlier, not one span of both.
  const reading = { transition: TO_ZERO.test(q) || toZeroShape(q) };
  const full = parsePeriods(q, data, reading);
  if (!step) return full;
  const back = parsePeriods(step.rest, data, reading);
  if (back.period) return full;
  if (step.alsoNamed) {
    const bare = FOLLOW_UP_CUE.test(q.replace(ACKNOWLEDGED, '')) || !matches(METRICS, q).length;
    // "和上个季度比": the base of a comparison, not a step.
    if (!bare || (full.compare_to && !back.compare_to)) return full;
    m.stepBack = step.unit;
    return full;
  }
  m.stepBack = step.unit;
  return back;
}

/** The usual retail sales events, which campaigns are named after. */
const SALES_EVENT =
  /\bblack friday\b|\bcyber monday\b|\bsummer (?:sale|splash)\b|\bholiday (?:sale|gifts?)\b|\bnew year(?:'s)? sale\b|\bspring (?:sale|preview)\b|黑五|黑色星期五|网一|双十一|双11/i;

/** Kinds whose answer is a total, a split or a ranking: the ones a split by an unknown word would be answered by quietly. */
const SPLIT_KINDS: Kind[] = ['compare', 'top', 'breakdown', 'trend', 'customers'];

/** "by units", "in terms of revenue", "按销量": the measure a ranking is made on, named after the ranking words. */
const BY_MEASURE =
  /\b(?:by|in terms of|measured by|ranked by|on)\s+((?:[\w'-]+\s+)?[\w'-]+)|按(\p{Script=Han}{2,4})/giu;

/** "what sold best in Q2 by units": the metric named by "by" leads; "sold" only said what was ranked. */
function rankedMetricFirst(q: string, metrics: MetricId[]): MetricId[] {
  if (metrics.length < 2) return metrics;
  for (const m of q.matchAll(BY_MEASURE)) {
    const named = matches(METRICS, m[1] ?? m[2]!)[0];
    if (named && metrics.includes(named)) return [named, ...metrics.filter((x) => x !== named)];
  }
  return metrics;
}

/**
 * A question already screened. One product named by its catalogue name ("units of Azure Leopard Plunge Swimsuit
 * sold in 2024") is read without the name: its type word sets no category, and one total of it is asked of the
 * product's own orders. Any other reading keeps the question as it was.
 */
function read(typed: string, data: DataRange): Mentions {
  const name = productNamed(typed);
  if (name) {
    const rest = readPlain(typed.replace(name, ' '), data);
    const free = productShape(rest, name);
    if (free) return { ...rest, kind: 'free_sql', free, analytical: true };
  }
  return readPlain(typed, data);
}

/** A question already screened: its periods, metrics, dimension, filters and kind. */
function readPlain(typed: string, data: DataRange): Mentions {
  const q = shoppingDaySpans(nextMonthNamed(fixWordTypos(expandShorthand(typed))), data);
  const m = emptyMentions(languageOf(typed));
  const periods = readPeriods(q, data, m);
  if (periods.period) m.period = periods.period;
  if (periods.compare_to) m.compare_to = periods.compare_to;
  if (periods.baseYearless) m.baseYearless = true;
  if (periods.sameTimeLastYear) m.sameTimeLastYear = true;
  if (periods.lastYearBare) m.shiftYear = -1;
  m.metrics = rankedMetricFirst(q, [...new Set(matches(METRICS, q))]);
  if (AMOUNT_ASK.test(q)) m.asksAmount = true;
  const dimensions = matches(DIMENSIONS, q);
  const sideBySide = namedTwice(q);
  const dimension = dimensionOf(q, dimensions) ?? sideBySide;
  if (dimension) m.dimension = dimension;
  m.filters = filtersOf(q, dimensions, m);
  if (sideBySide) delete m.filters[sideBySide];
  readSignals(q, m);
  const kind = kindOf(q, m);
  if (kind) m.kind = kind;
  trendAroundFocus(m);
  campaignReturn(q, m);
  const f = m.filters;
  m.analytical = Boolean(
    m.clearFilters ||
      m.rankBy ||
      m.order ||
      m.kind ||
      m.metrics.length ||
      m.period ||
      m.dimension ||
      Object.keys(f).length ||
      m.exclude ||
      m.topN ||
      m.granularity ||
      m.compare_to ||
      m.stepBack ||
      m.drill,
  );
  const out = verdict(q, m, periods);
  // "sales by colour", "哪个城市卖得最好": a split nothing reads is answered by its nearest, and the answer says so first.
  if (!out.unsupported && (!out.kind || SPLIT_KINDS.includes(out.kind))) {
    const unmatched = unknownSplit(q);
    if (unmatched) out.unmatched = unmatched;
  }
  // "how did Black Friday 2025 go", "黑五效果怎么样": a sales event named with no metric asks how that campaign did.
  if (!out.unsupported && !out.refuse && !out.kind && !out.metrics.length && SALES_EVENT.test(q)) {
    out.kind = 'campaigns';
    out.analytical = true;
  }
  const event = eventPeriod(q, out);
  if (event) return { ...out, kind: 'compare', eventPeriod: event, analytical: true };
  if (out.kind !== 'campaigns') return out;
  const several = campaignNames(q);
  if (several.length > 1) return { ...out, campaigns: several, ...campaignYears(several, data) };
  const campaign = campaignName(q);
  return campaign ? { ...out, campaign } : out;
}

/** "during", "over", "while … ran", "期间", "那几天": a named campaign used as the span of time asked about. */
const EVENT_SPAN =
  /\b(?:during|over|throughout|while|across|in the (?:window|days?|week) of|on)\b|期间|那几天|那段时间|那周|的时候|当天|几天/i;
/** Asked about the campaign itself: its return, its budget, how it did, not the store's sales in its days. */
const CAMPAIGN_ITSELF =
  /\broas\b|\broi\b|\breturn on\b|\bbudget\b|\bpay (?:for|off)\b|\bperform|\bwork(?:ed)?\b|\beffect|\battribut|投产|回报|预算|效果|回本|归因|表现/i;
const EVENT_METRICS: MetricId[] = ['net_sales', 'orders', 'units', 'aov'];

/**
 * "how much did we sell over Black Friday 2024", "黑五活动期间卖了多少钱": the store's sales in the campaign's days,
 * not the year's, nor the campaign's attributed return. The dates are the campaigns table's, read by a tool.
 */
function eventPeriod(q: string, m: Mentions): string | undefined {
  if (m.unsupported || m.refuse || m.dimension || m.kind === 'why' || m.kind === 'trend') return undefined;
  if (!EVENT_SPAN.test(q) || CAMPAIGN_ITSELF.test(q)) return undefined;
  const asked = m.metrics.length ? m.metrics.every((x) => EVENT_METRICS.includes(x)) : /卖了|销售|sell|sold/i.test(q);
  if (!asked || !SALES_EVENT.test(q)) return undefined;
  const name = campaignName(q);
  return name && /\b20\d\d\b/.test(name) ? name : undefined;
}

/**
 * "最近半年退货率走势，12月是不是偏低", "trend over H2 2025, was October the dip?": a trend over a span with a unit
 * inside it named as the one to look at is the trend over the whole span, not a trend of that unit against the span.
 */
function trendAroundFocus(m: Mentions): void {
  const span = m.compare_to;
  if (m.kind !== 'trend' || !m.period || !span || typeof span === 'string') return;
  if (
    span.start <= m.period.start &&
    span.end >= m.period.end &&
    (span.start < m.period.start || span.end > m.period.end)
  ) {
    m.period = span;
    delete m.compare_to;
  }
}

/** "profitable after COGS", "make money", "赚钱了吗", "扣除成本后": a return on what was spent, when a campaign is named. */
const PROFIT_ASK =
  /\bprofitable\b|\bprofit(?:s)? after\b|\b(?:make|made|making|lose|lost|losing) money\b|\bin the (?:black|red)\b|赚钱|亏钱|亏了|盈利|扣除成本|扣掉成本/i;

/** A named campaign asked whether it made money is its ROI, not a sales comparison or an unread question. */
function campaignReturn(q: string, m: Mentions): void {
  if (m.kind && m.kind !== 'compare') return;
  if (!PROFIT_ASK.test(q) || !campaignName(q)) return;
  m.kind = 'campaigns';
  m.analytical = true;
}

/**
 * Campaigns of different years named together ("Summer Splash 2024 vs 2025") are looked up over all those years,
 * not the last year written with the first as its comparison.
 */
function campaignYears(names: string[], data: DataRange): Pick<Mentions, 'period'> | undefined {
  const years = names.map((n) => /\b(20\d\d)\b/.exec(n)?.[1]).filter((y): y is string => Boolean(y));
  if (new Set(years).size < 2) return undefined;
  const sorted = [...years].sort();
  const start = `${sorted[0]}-01-01` < data.minDate ? data.minDate : `${sorted[0]}-01-01`;
  const last = `${sorted[sorted.length - 1]}-12-31`;
  return { period: { start, end: last > data.maxDate ? data.maxDate : last, grain: 'range' } };
}

const LOOSE_DIMENSION =
  /\b(channel|country|category|device|product|source)[- ](?:breakdown|split|mix|shares?|comparison|performance|distribution)\b|(渠道|国家|品类|设备|产品|来源)(?:分布|占比|结构|对比|拆分|表现|排名)/i;
const LOOSE_MAP: Record<string, Dimension> = {
  channel: 'channel',
  渠道: 'channel',
  country: 'country',
  国家: 'country',
  category: 'category',
  品类: 'category',
  device: 'device',
  设备: 'device',
  product: 'product',
  产品: 'product',
  source: 'source',
  来源: 'source',
};

function dimensionOf(q: string, dimensions: Dimension[]): Dimension | undefined {
  // "new vs returning customers by country": the customer split is the analysis, the country the grouping.
  if (dimensions.length)
    return dimensions[0] === 'customer_type' && dimensions.length > 1 ? dimensions[1] : dimensions[0];
  const loose = LOOSE_DIMENSION.exec(q);
  return loose ? LOOSE_MAP[(loose[1] ?? loose[2]).toLowerCase()] : undefined;
}

/**
 * "Did Amazon beat our own site?", "美国和加拿大哪个卖得多": two values of one dimension named side by side ask
 * for a comparison across it, answered by splitting by that dimension, not by filtering to the first one named.
 */
function namedTwice(q: string): 'channel' | 'country' | 'category' | 'device' | undefined {
  const lists = [
    ['channel', CHANNELS],
    ['country', COUNTRIES],
    ['category', CATEGORIES],
    ['device', DEVICES],
  ] as const;
  for (const [dim, entries] of lists) if (new Set(matches<unknown>(entries, q)).size >= 2) return dim;
  return undefined;
}

const SET_ASIDE = [
  ['channel', CHANNELS],
  ['country', COUNTRIES],
  ['device', DEVICES],
] as const;
const ASIDE_WORDS = String.raw`(?:\b(?:after|besides|beside|apart from|aside from|other than|excluding|except(?: for)?|outside(?: of)?|not counting|leaving out|ignoring|beyond)\s+(?:the\s+|our\s+)?|除了|除去|不算|不含|排除)`;

/** Words that leave a value out of a single figure ("excluding the US", "non-Amazon", "除了美国以外"). */
const EXCLUDE_WORDS = String.raw`(?:\b(?:excluding|exclude|except(?: for)?|other than|outside(?: of)?|not counting|leaving out|without|minus|apart from|aside from|besides)\s+(?:the\s+|our\s+)?|\bnon-?\s?|除了|除去|除|不算|不含|不包括|不计|排除|去掉|剔除|扣除)`;

function excluded(q: string, entries: readonly { re: RegExp }[]): boolean {
  return entries.some((e) =>
    new RegExp(`${caseless(EXCLUDE_WORDS)}(?:${e.re.source})`, e.re.flags.replace('g', '')).test(q),
  );
}

/**
 * The lead words in either case ("Apart from the US"), whatever the flags of the value's own pattern: a country
 * pattern is case-sensitive so that "us" the pronoun is not the US. Escapes (\b, \s) are kept as they are.
 */
function caseless(src: string): string {
  return src.replace(/\\.|[a-z]/g, (c) => (c.length === 2 ? c : `[${c}${c.toUpperCase()}]`));
}

/** A value of the split named right after "after", "besides", "除了": set aside, so the split ranks the rest. */
function setAside(q: string, entries: readonly { re: RegExp }[]): boolean {
  return entries.some((e) =>
    new RegExp(`${caseless(ASIDE_WORDS)}(?:${e.re.source})`, e.re.flags.replace('g', '')).test(q),
  );
}

function filtersOf(q: string, dimensions: Dimension[], m: Mentions): Filters {
  const f: Filters = {};
  f.channel = first(CHANNELS, q);
  f.country = first(COUNTRIES, q);
  f.category = first(CATEGORIES, q);
  f.device = first(DEVICES, q);
  f.source_type = first(SOURCE_TYPES, q);
  f.source = first(SOURCE_NAMES, q);
  if (!dimensions.includes('customer_type')) f.customer_type = first(CUSTOMER_TYPES, q);
  // "after the US, who's our biggest market", "除了美国哪个国家最高": the value set aside is not a filter on the split.
  for (const [slot, entries] of SET_ASIDE) {
    const value = f[slot];
    if (value && dimensions.includes(slot) && setAside(q, entries)) {
      m.setAside = value;
      delete f[slot];
    } else if (value && !dimensions.includes(slot) && excluded(q, entries)) {
      // "Amazon sales excluding the US": the US is left out, never the only country counted.
      m.exclude = { slot, value };
      delete f[slot];
    }
  }
  // "by channel, Amazon only" keeps the filter; a filter on the split dimension itself makes no sense.
  for (const k of Object.keys(f) as (keyof Filters)[]) if (f[k] === undefined) delete f[k];
  return f;
}

const TOP_N = new RegExp(
  String.raw`\b(?:top|best|bottom|worst|first|leading|highest|lowest|largest|biggest)\s+(${NUMBER_WORD})\b|(${NUMBER_WORD})\s+(?:best|top|worst|biggest)\b|[前后]\s*(\d+|[一二两三四五六七八九十]+)(?!\s*个?(?:月|季度|周|星期|天|日|年))\s*(?:名|个|款|位)?|(?:最好|最高|最多|最差|最低|最少|最畅销|最大)的?\s*(\d+|[一二两三四五六七八九十]+)\s*(?:个|款|件|种|名|位|家|样)`,
  'i',
);
const BY_VALUE =
  /\b(?:top|best)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b(?!\s+(?:\w+\s+)?(?:movers|losers|decliners|fallers|gainers|risers|drops|declines)\b)|\b(?:sold|sell|sells|selling) (?:the )?(?:most|best)\b|\bbest[- ]sell(?:ing|ers?)\b|\btop[- ]selling\b|\bmost (?:popular|sold|bought)\b|最畅销|卖得最好|卖得最多|销量最高|(?:销售额|营收|收入)最高|(?:销量|销售额|营收)前\s*(?:\d+|[一二三四五六七八九十]+)/i;
const BY_CHANGE =
  /\bbiggest (?:drops?|declines?|gains?|changes?|movers?|losers?|winners?)\b|\b(?:fell|fall|dropped|drop|grew|grow|rose|rise|declined|decline|decreased|decrease|increased|increase|shrank|shrink|jumped|jump) (?:the )?most\b|\bmovers\b|下滑最多|跌得最多|降幅最大|增长最多|涨幅最大|变化最大|下降最多|减少最多|增加最多|涨得最多/i;
// "sold in June but nothing in July": the products whose sales fell to zero, ranked by change.
const TO_ZERO =
  /\b(?:fell|fall|dropped|drop|went|gone|go) (?:down )?to zero\b|(?:->|→|=>)\s*(?:0|zero|nothing|nil)\b(?![.,]?\d|%)|(?:完全|彻底|就|都)?没(?:有)?(?:订)?单了|(?<![\d.])[0零]\s*单(?![价量])|\bzero sales\b|\bno sales\b|\bsold nothing\b|\bstopped selling\b|\bdid(?:n't| not) sell\b|\bnot sell(?:ing)?\b|\bnothing in\b|\bflat-?lined?\b|\b(?:to|sold|selling) nothing\b|\bzeroed(?: out)?\b|\bdried up\b|\b(?:zero|0|nil) (?:units|sales|orders|revenue)\b|\bno (?:units|orders|sales) at all\b|\b(?:did|sold|had|made|moved|recorded|registered|booked|shipped)\s+(?:literally\s+|absolutely\s+|exactly\s+|just\s+)?(?:0|zero|nothing|nil|none)\b(?![.,]?\d|%)|\bno sales whatsoever\b|\bnot (?:a|one) (?:single )?(?:unit|sale|order)\b|\b(?:sales? )?(?:vanish(?:ed|es)?|disappear(?:ed|s)?|evaporat(?:ed|es))\b|\b(?:went|go|goes|gone|going) (?:quiet|silent|dead|cold|dark)\b|\b(?:zip|zilch|nada)\b|(?:一|1)\s*(?:件|单|个|笔)\s*(?:订单|销量|销售|生意)\s*(?:都|也)\s*没|(?:销量|销售额?|订单)(?:直接|完全|彻底|全)?没了|颗粒无收|无人问津|挂零|零成交|没开张|吃鸭蛋|(?:一|1)\s*(?:件|单|个|笔)\s*(?:都|也)?\s*没(?:有)?(?:卖|售|出|成交)?|(?:卖|跌|掉|降|减)(?:到|至|成)了?\s*(?:零|0)(?![.\d])|清零|归零|零销(?:量|售)|销(?:量|售额?)\s*(?:为|是|变成|等于)\s*(?:零|0)(?![.\d])|停(?:止)?(?:销售|卖了)|没(?:有)?(?:卖出|销量)/i;
// "which week had the lowest sales": one bucket of a series, not a product ranking.
const WHICH_BUCKET: [RegExp, 'day' | 'week' | 'month' | 'quarter'][] = [
  [
    /\b(?:which|what) (?:(?:calendar|single|one|particular|individual)\s+)?day\b(?! of the week)|\b(?:weakest|strongest|slowest|worst|best|lowest|highest|busiest|quietest|biggest|smallest|peak|top)(?:[- ](?:selling|performing|grossing|earning|revenue))? (?:full |whole |complete |calendar |single )?(?:sales |revenue )?day\b|哪一?天|哪一日|(?:最(?:差|低|少|弱|高|好|多|强)|垫底)的(?:完整的?|整)?(?:一|那一?)天/i,
    'day',
  ],
  [
    /\b(?:which|what) (?:(?:calendar|full|whole|single|one|particular|individual|complete)\s+)?week\b(?![- ]over)|\b(?:weakest|strongest|slowest|worst|best|lowest|highest|busiest|quietest|biggest|smallest|peak|top)(?:[- ](?:selling|performing|grossing|earning|revenue))? (?:full |whole |complete |calendar |single )?(?:sales |revenue )?week\b|\b(?:rank|sort|order|line up|put)(?:ing|ed)? (?:the |our |all (?:the )?)?weeks\b|哪一?周|哪个星期|哪一个星期|哪一?个?礼拜|(?:最(?:差|低|少|弱|高|好|多|强)|垫底)的(?:完整的?|整)?(?:一|那一?)个?礼拜|(?:最(?:差|低|少|弱|高|好|多|强)|垫底)的(?:完整的?|整)?(?:一|那一?)(?:周|个星期)/i,
    'week',
  ],
  [
    /\b(?:which|what) (?:(?:calendar|full|whole|single|one|particular|individual|complete)\s+)?month\b(?![- ]over)|\b(?:weakest|strongest|slowest|worst|best|lowest|highest|busiest|quietest|biggest|smallest|peak|top)(?:[- ](?:selling|performing|grossing|earning|revenue))? (?:full |whole |complete |calendar |single )?(?:sales |revenue )?month\b|\b(?:rank|sort|order|line up|put)(?:ing|ed)? (?:the |our |all (?:the )?)?months\b|哪一?个月|哪个月份|最低的月份|最高的月份|几月|(?:最(?:差|低|少|弱|高|好|多|强)|垫底)的(?:完整的?|整)?(?:一|那一?)个月|(?:最(?:差|低|少|弱|高|好|多|强)|垫底)的月(?=$|[\s，。？?！!]|是)/i,
    'month',
  ],
  [
    /\b(?:which|what) (?:(?:calendar|full|whole|single|one|particular)\s+)?quarter\b(?![- ]over)|\b(?:weakest|strongest|slowest|worst|best|lowest|highest|busiest|quietest|biggest|smallest|peak|top)(?:[- ](?:selling|performing))? quarter\b|\b(?:rank|sort|order|line up|put)(?:ing|ed)? (?:the |our |all (?:the )?)?quarters\b|哪一?个季度|哪个季度|哪一季|(?:最(?:差|低|少|弱|高|好|多|强)|垫底)的(?:完整的?|整)?(?:一|那一?)个?季度/i,
    'quarter',
  ],
];

/**
 * The shape of a fell-to-zero question, whatever its idiom ("flat nothing", "dropped off entirely", "断了销路"):
 * it asks which products, names two months, and says none, nothing or no more of the later one. Items and two
 * periods without a word of absence ("which products grew in April vs March") are a ranking by change instead.
 */
const ITEMS_ASKED =
  /\b(?:which|what|any|list|name|show)\b[^?.]{0,30}\b(?:products?|skus?|items?|styles?|lines?)\b|\b(?:products?|skus?|items?|styles?)\b[^?.]{0,20}\b(?:which|that|whose)\b|哪些|哪几|哪款|哪个(?:商品|产品|SKU)|(?:商品|产品|SKU|单品|款)(?:有哪些|是哪些|列出)/i;
const ABSENCE =
  /\b(?:nothing|none|zero|nil|no (?:sales|units|orders|revenue|more|longer)|not (?:a |one |any )|(?:entirely|completely|altogether)|off (?:a cliff|entirely|completely))\b|没有任何|没(?:有)?(?:了)?(?:销量|销售|成交|订单|卖出)|断了?(?:销路|货源)?|(?:销量|销售额?|成交)(?:为|是)?(?:零|0)|(?:零|0)(?:销量|成交)|无(?:销量|成交|人购买)|不再(?:卖|销售|有)/i;
const MONTH_NAMES =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{1,2}\s*月/gi;

function toZeroShape(q: string): boolean {
  return ITEMS_ASKED.test(q) && ABSENCE.test(q) && (q.match(MONTH_NAMES) ?? []).length >= 2;
}

/** "which country had the lowest …", "the channel with the most …", "…最高的品类": one segment at an end is asked for. */
const SEGMENT_EXTREME =
  /\b(?:which|what) (?:country|channel|category|sub-?category|device|source|market|platform|region)\b[^?.]{0,40}\b(?:highest|lowest|most|least|best|worst|biggest|smallest|largest|top)\b|\bthe (?:country|channel|category|device|source|market|platform) with the (?:highest|lowest|most|least|best|worst|biggest|smallest|largest)\b|(?:最高|最低|最多|最少|最好|最差|最大|最小|垫底)的(?:国家|渠道|品类|类目|设备|来源|平台|市场)|(?:最高|最低|最多|最少|最好|最差|最大|最小|垫底|倒数第一)[^，。？?]{0,6}哪个(?:国家|渠道|品类|类目|设备|来源|平台|市场)|哪个\s*(?:channel|country|market|category|device|platform|source)s?\b[^，。？?]{0,12}(?:最高|最低|最多|最少|最好|最差|最大|最小|垫底)|哪个(?:国家|渠道|品类|类目|设备|来源|平台|市场)[^，。？?]{0,12}(?:拉胯|最烂|最惨|最猛|最火|最旺|最牛)|哪个(?:国家|渠道|品类|类目|设备|来源|平台|市场)[^，。？?]{0,12}(?:最高|最低|最多|最少|最好|最差|最大|最小)/i;

/** A day with nothing sold asked about: "any day with zero orders", "哪天一单都没有". */
const ZERO_DAYS =
  /\b(?:any|which|what|how many) days?\b[^?.]{0,40}\b(?:zero|no|0|nil) (?:orders|sales|units|revenue)\b|\bdays? (?:without (?:any )?(?:orders|sales)|(?:with|that had|having) (?:zero|no|0) (?:orders|sales|units))\b|\bzero[- ](?:order|sales) days?\b|(?:哪(?:一)?天|有几天|哪几天|某一?天|有一?天)[^，。？?]{0,10}(?:一\s*单\s*都没有?|没有?(?:订单|出单|成交|销售|销量)|零单|0\s*单|挂零|没开张)|(?:一\s*单\s*都没有?|没有?(?:订单|出单|成交)|零单|0\s*单|挂零|没开张)的(?:日子|天)/i;

/** Grain, drill, "overall", the direction taken for granted, and how a ranking is asked for. */
function readSignals(q: string, m: Mentions): void {
  const granularity = first(GRANULARITY, q);
  if (granularity) m.granularity = granularity;
  m.drill = DRILL.test(q);
  m.clearFilters = CLEAR_FILTERS.test(q);
  if (CLAIM_DOWN.test(q)) m.claim = 'down';
  else if (CLAIM_UP.test(q)) m.claim = 'up';
  const topN = TOP_N.exec(q);
  if (topN) m.topN = anyNumber(topN[1] ?? topN[2] ?? topN[3] ?? topN[4]) ?? undefined;
  if (ORDER_BOTTOM.test(q)) m.order = 'bottom';
  // "which sold the most" ranks by value even right after a why-question (where "which products?" ranks by change).
  if (BY_VALUE.test(q)) m.rankBy = 'value';
  if (BY_CHANGE.test(q)) m.rankBy = 'change';
  if (DROP_OFF.test(q)) m.dropOff = true;
  if (SEGMENT_EXTREME.test(q)) m.extreme = ORDER_BOTTOM.test(q) ? 'lowest' : 'highest';
  // "any day in May with zero orders": days of the series, not products that fell to zero.
  if (ZERO_DAYS.test(q)) {
    m.zeroDays = true;
    m.granularity = 'day';
  } else if (TO_ZERO.test(q) || toZeroShape(q)) {
    m.rankBy = 'change';
    m.order = 'bottom';
    m.toZero = true;
  }
  const bucket = WHICH_BUCKET.find(([re]) => re.test(q));
  if (bucket && !m.granularity) m.granularity = bucket[1];
}

const RANK: Kind[] = [
  'why',
  'schema',
  'funnel',
  'cohort',
  'rfm',
  'returns',
  'customers',
  'campaigns',
  'price',
  'stock',
];
/** A count of the customers themselves ("number of buyers", "客户数"), not something they bought. */
const CUSTOMER_COUNT =
  /\b(?:how many|number of|count of|counts? (?:of|the))\s+(?:(?:unique|distinct|different|the)\s+)?(?:customers|buyers|shoppers|clients)\b|\b(?:customer|buyer|shopper|client) counts?\b|(?:客户|顾客|买家|用户)(?:数|人数|数量)|多少(?:个|位|名)?(?:下单|下过单|购买过?|买过东西)?的?(?:客户|顾客|买家)/i;
/** Customers named by having ordered ("下单客户", "customers who ordered"): the order word qualifies, it is not the metric. */
const BUYER_QUALIFIED =
  /(?:下单|下过单|购买过?|购物|买过东西)的?(?:客户|顾客|买家|用户)|\b(?:customers|buyers|shoppers) (?:who|that) (?:ordered|bought|purchased|placed (?:an )?orders?)\b/i;
const MONEY_ASK = /\bhow much\b(?! of\b)|\bin dollars\b|多少钱|多少美元|金额/i;
const SHARE_WORDS = /\b(?:share|percentage|proportion|fraction|portion|%)\b|占比|比例|比重|多少比例/i;

/** The analysis a question asks for, when it names one; may move the dimension or drop a customer filter. */
function kindOf(q: string, m: Mentions): Kind | undefined {
  const f = m.filters;
  const isTop =
    TOP.test(q) &&
    (m.dimension === undefined ||
      m.dimension === 'product' ||
      m.dimension === 'category' ||
      m.dimension === 'subcategory');
  const kinds = matches(KINDS, q);
  let kind: Kind | undefined = kinds.includes('returns') ? 'returns' : RANK.find((k) => kinds.includes(k));
  if (TOP_CUSTOMERS.test(q) && kind !== 'why') kind = 'rfm';
  if (kind === 'schema' && (m.metrics.length || m.period)) kind = undefined;
  const returnsDim = m.dimension === 'category' || m.dimension === 'subcategory' || m.dimension === 'product';
  // "returns because of sizing": the reasons asked about are totalled by returns_analysis.
  const reasons = [...new Set(matches(RETURN_REASONS, q))];
  const aboutReturns = kind === 'returns' || m.metrics.includes('return_rate') || m.metrics.includes('refunds');
  if (reasons.length && aboutReturns && (!kind || kind === 'returns' || kind === 'why' || kind === 'compare')) {
    m.reasons = reasons;
    kind = 'returns';
  }
  if (kind === 'returns' || (!kind && m.metrics[0] === 'return_rate' && (returnsDim || /reasons?|原因/i.test(q))))
    kind = 'returns';
  if (!kind && (m.metrics[0] === 'new_customer_share' || m.dimension === 'customer_type')) kind = 'customers';
  kind = customerKind(q, m, kind);
  // "what share of customers were new": new customers are what is measured, not a filter.
  if (m.metrics.includes('new_customer_share')) delete f.customer_type;
  if (!kind && WHICH_BUCKET.some(([re]) => re.test(q))) kind = 'trend';
  if (m.zeroDays && (!kind || kind === 'top' || kind === 'compare' || kind === 'trend')) {
    kind = 'trend';
    // "一单都没有", "zero-order days": orders are what is counted unless sales are named.
    if (!m.metrics.length) m.metrics.push(/sales|revenue|销售|销量/i.test(q) ? 'net_sales' : 'orders');
  }
  if ((!kind || kind === 'compare') && m.toZero && (m.dimension === undefined || m.dimension === 'product')) {
    kind = 'top';
    m.dimension = 'product';
  }
  if (!kind && isTop) kind = 'top';
  // "which bikinis?", "哪些比基尼": the products behind it, ranked within whatever is already in scope.
  const items = (m.dimension === undefined || m.dimension === 'product') && WHICH_ITEMS.test(q);
  if (
    (!kind || kind === 'compare') &&
    items &&
    (f.category || /product|item|sku|style|ones|产品|商品|款|单品/i.test(q))
  ) {
    kind = 'top';
    m.dimension = 'product';
  }
  if (!kind && (kinds.includes('trend') || m.granularity)) kind = 'trend';
  // "how many customers per country": the customer counts, split where customer_mix can split them.
  const qualifierOnly = m.metrics.length > 0 && m.metrics.every((x) => x === 'orders') && BUYER_QUALIFIED.test(q);
  if (
    !kind &&
    (!m.metrics.length || qualifierOnly) &&
    CUSTOMER_COUNT.test(q) &&
    !MONEY_ASK.test(q) &&
    (m.dimension === 'country' || m.dimension === 'channel' || m.dimension === 'device')
  ) {
    kind = 'customers';
    if (qualifierOnly) m.metrics = [];
  }
  if (!kind && m.dimension && m.dimension !== 'product') kind = 'breakdown';
  if (!kind && m.dimension === 'product') kind = 'top';
  if (!kind && (kinds.includes('compare') || m.compare_to)) kind = 'compare';
  // "how much did customers spend": an amount of money asked, so sales, not the customer counts.
  if (!kind && !m.metrics.length && CUSTOMER_WORDS.test(q) && !MONEY_ASK.test(q)) kind = 'customers';
  // No template holds ratings, payment methods or statuses: those go to a query of our own.
  // "sold in May, nothing in June" is a product ranking whatever else the words brush against.
  const free = kind === 'why' || m.toZero ? undefined : (quarterly(q, m, kind) ?? freeShape(q, m.dimension));
  if (free) {
    m.free = free;
    return 'free_sql';
  }
  if (m.granularity === 'quarter' && (!kind || kind === 'compare')) kind = 'trend';
  return readShare(q, m, kind);
}

/**
 * "orders (sales, units...) from new vs returning customers", "what share of orders came from returning
 * customers": that metric split by customer type, not the customer counts.
 */
function customerKind(q: string, m: Mentions, kind: Kind | undefined): Kind | undefined {
  const f = m.filters;
  const orderMetric = m.metrics.find((x) => x === 'orders' || x === 'net_sales' || x === 'units' || x === 'aov');
  const types = matches(CUSTOMER_TYPES, q);
  const split = new Set(types).size > 1 || ((SHARE_WORDS.test(q) || SHARE_ASK.test(q)) && types.length > 0);
  if (split && !kind && orderMetric) kind = 'customers';
  if (split && kind === 'customers' && !m.metrics.includes('new_customer_share')) {
    m.dimension = m.dimension && m.dimension !== 'customer_type' ? m.dimension : 'customer_type';
    delete f.customer_type;
  }
  // "复购" asks about repeat buying itself; English "repeat buyers" names the returning side of the split.
  if (kind === 'customers' && orderMetric && m.metrics[0] === orderMetric && !/复购|回购/.test(q)) {
    kind = 'breakdown';
    if (m.dimension !== 'customer_type') m.dimension = 'customer_type';
    delete f.customer_type;
  }
  return kind;
}

/** "each quarter", "每个季度": sales or orders per quarter are a query of our own; a rate or a category, a quarterly trend. */
const QUARTERLY =
  /\b(?:each|every|per|by) quarter\b|\bquarter[- ]by[- ]quarter\b|\bquarterly\b|\bfor all (?:four|4) quarters\b|每个?季度|按季度?|各(?:个)?季度|分季度|逐季/i;

function quarterly(q: string, m: Mentions, kind: Kind | undefined): FreeShape | undefined {
  if (!QUARTERLY.test(q) || (kind && kind !== 'trend' && kind !== 'compare')) return undefined;
  // Only what the orders table sums by itself: a category or a rate per quarter is sales_trend's, by quarter.
  if (m.metrics.some((x) => x !== 'net_sales' && x !== 'orders') || m.filters.category) {
    m.granularity = 'quarter';
    return undefined;
  }
  return { subject: 'orders', by: 'quarter' };
}

/** Questions the data cannot answer, and whether the question leans on the previous turn. */
function verdict(q: string, m: Mentions, periods: PeriodMentions): Mentions {
  const lacking = adSpend(q, m) ?? first(LACKING, q);
  if (lacking) return { ...m, unsupported: 'not_in_data', lacking };
  // "did the hot weather lift cover-up sales": our own figures against an outside input, not small talk.
  if (OFF_TOPIC.test(q) && !(m.metrics.length && NOT_IN_DATA.test(q))) return { ...m, unsupported: 'off_topic' };
  if (NOT_IN_DATA.test(q) || outsider(q)) return { ...m, unsupported: 'not_in_data' };
  const place = unknownPlace(q);
  if (place) return { ...m, unsupported: 'not_in_data', unknown: place, unknownPlace: true };
  const source = unknownSource(q);
  if (source) return { ...m, unsupported: 'not_in_data', unknown: source };
  const unknown = unknownMeasure(q, m.metrics.length > 0 || m.kind !== undefined);
  if (unknown) return { ...m, unsupported: 'not_in_data', unknown };
  // A named KPI no tool computes, even beside a metric the tools have ("how's our NPS trending", "客户终身价值").
  const untracked = untrackedMetric(q);
  if (untracked) return { ...m, unsupported: 'not_in_data', lacking: untracked };
  if (FUTURE.test(q) || periods.future) return { ...m, unsupported: 'future' };
  if (periods.beforeData) return { ...m, unsupported: 'before_data' };
  const short = m.language === 'zh' ? q.replace(/[\s？?。!！]/g, '').length <= 8 : q.split(/\s+/).length <= 4;
  m.followUpCue =
    FOLLOW_UP_CUE.test(q.replace(ACKNOWLEDGED, '')) || m.drill || Boolean(m.stepBack) || (short && !m.metrics.length);
  return m;
}

const CAMPAIGN_WORDS = /\bcampaigns?\b|\bpromo(?:tion)?s?\b|\bflights?\b|活动|推广/i;
const AD_PRODUCT = /\bads\b|\bsponsored\b|\badvertising\b|站内广告|广告(?!支出回报|回报|预算)|投放/i;
/** Ad platforms that are none of our traffic sources: their spend is theirs, never a campaign budget. */
const AD_PLATFORM =
  /\b(?:meta|youtube|snapchat|snap|twitter|x ads|linkedin|reddit|pinterest|tiktok|bing|criteo|taboola|outbrain|weibo|wechat|baidu|xiaohongshu|red ?note)\b|小红书|微博|微信|百度|快手|[bB]站|哔哩哔哩|直通车|知乎/i;
const NO_BUDGET: Dimension[] = ['source', 'source_type', 'country', 'category', 'subcategory', 'product', 'device'];

/**
 * ROAS, ROI, ad spend: budgets exist per campaign (and a campaign may target a channel), so those go to the
 * campaigns template; asked of a traffic source, a country or a product there is no spend to divide by.
 */
function adSpend(q: string, m: Mentions): 'ad_spend' | undefined {
  const ret = AD_RETURN.test(q);
  const spend = SPEND_ONLY.test(q);
  if (!ret && !spend) return undefined;
  const f = m.filters;
  const unbudgeted =
    f.source ||
    f.source_type ||
    f.country ||
    f.category ||
    f.device ||
    (m.dimension && NO_BUDGET.includes(m.dimension));
  // "Amazon sponsored ads", "Google ads", "小红书投放": an ad product's or platform's own spend, which no table holds.
  const adProduct = (f.channel || f.source || AD_PLATFORM.test(q)) && AD_PRODUCT.test(q);
  if (spend || ((unbudgeted || adProduct) && !CAMPAIGN_WORDS.test(q))) return 'ad_spend';
  m.kind = 'campaigns';
  m.analytical = true;
  return undefined;
}

const WHICH_ITEMS =
  /\b(?:which|what)\s+(?:(?:of\s+)?(?:the|our|those|these)\s+)?(?:(?!(?:were|was|are|is|did|do|does|have|has|had|about|of)\b)[\w'-]+\s+){0,2}?(?:products?|items?|skus?|styles?|ones|bikinis?|swim ?suits?|swimwear|trunks|hats?|caps?|bags?|totes?|jewe?l(?:le)?ry|accessories|apparel|clothes|pieces)\b|哪些|哪款|哪几款|哪一款|哪个(?:产品|商品|款)|哪几个(?:产品|商品)/i;

// Capitalised words that are not a business: pronouns, periods, people groups.
const NOT_A_NAME =
  /^(?:we|i|you|it|they|our|the|this|that|these|those|what|which|who|how|everyone|everything|q[1-4]|[A-Z]{1,2}|today|yesterday|year|month|week|quarter|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|women|men|kids|children|girls|boys|ladies|mens|womens|store|shop|company|team|website|site)$/i;
const lexicons: Entry<unknown>[][] = [CHANNELS, COUNTRIES, CATEGORIES, DEVICES, SOURCE_TYPES, SOURCE_NAMES];

/** "How much did Zara sell", "Acme's revenue": a named business that is none of our channels, markets or sources. */
function outsider(q: string): boolean {
  const re =
    /\b(?:did|does|do|has|have)\s+([A-Z][\w&'-]*)\s+(?:sell|sold|make|made|earn|earned|generate|generated|do|perform|performed)\b|\b([A-Z][\w&-]*)['’]s\s+(?:[a-z][\w-]*\s+){0,2}(?:sales|revenues?|orders|market share|prices?|traffic|customers|performance|numbers|turnover)\b/g;
  for (const m of q.matchAll(re)) {
    const name = m[1] ?? m[2];
    if (!NOT_A_NAME.test(name) && !lexicons.some((l) => l.some((e) => e.re.test(name)))) return true;
  }
  return false;
}
