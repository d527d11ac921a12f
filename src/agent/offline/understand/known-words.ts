// What the offline reading already places: the lexicon's names, the words for what the tables hold, and the words
// that ask or qualify without naming a measure. A phrase is "known" when nothing else is left once these are blanked
// out; unknown-measure.ts and unplaced.ts judge the rest. Pure.
import {
  CATEGORIES,
  CHANNELS,
  COUNTRIES,
  CUSTOMER_TYPES,
  CUSTOMER_WORDS,
  DEVICES,
  DIMENSIONS,
  type Entry,
  GRANULARITY,
  KINDS,
  METRICS,
  RETURN_REASONS,
  SOURCE_NAMES,
  SOURCE_TYPES,
} from './lexicon.ts';

export const LEXICONS: Entry<unknown>[][] = [
  METRICS,
  CHANNELS,
  COUNTRIES,
  CATEGORIES,
  DEVICES,
  SOURCE_TYPES,
  SOURCE_NAMES,
  CUSTOMER_TYPES,
  DIMENSIONS,
  RETURN_REASONS,
  KINDS,
  GRANULARITY,
];

/**
 * Words for what the tables hold or how a manager counts it, beyond the lexicon's metric names: a measure phrase
 * holding one of these is answerable (or someone else's to read), never "unknown".
 */
export const KNOWN_WORDS =
  /\b(?:sell|sold|sales?|selling|orders?|ordered|buy|bought|purchases?|units?|pieces?|items?|products?|skus?|styles?|stock|inventory|revenue|money|dollars?|\$|spend|spent|made|make|earn(?:ed)?|customers?|buyers?|shoppers?|users?|people|visits?|visitors?|sessions?|traffic|clicks?|views?|carts?|checkouts?|returns?|returned|refunds?|refunded|discounts?|markdowns?|reviews?|ratings?|stars?|campaigns?|promos?|budgets?|prices?|costs?|margins?|profit|signups?|sign-ups?|registrations?|cancel(?:s|led|lations?)?|accounts?|payments?|methods?|statuse?s?|days?|weeks?|months?|quarters?|years?|times?|percent|share|rate|total|change|growth|difference|it|that|this|those|them|they|we|of|did|do|does|was|were|is|are)\b|销售|销量|卖|订单|下单|单量|件|商品|产品|库存|缺货|营业额|收入|金额|钱|花费|客户|顾客|买家|用户|访问|访客|流量|会话|加购|购物车|结账|退货|退款|退了|退回|退给|被退|折扣|优惠|评价|评分|好评|差评|取消|退单|活动|预算|价格|成本|毛利|利润|注册|支付|状态|天|周|月|季度|年|占比|比例|份额|增长|变化|这|那|它/i;

/** Words that ask for the business as a whole or qualify a measure without naming one. */
export const GENERAL =
  /^(?:the|a|an|our|my|its|their|your|of|per|and|or|to|on|us|we|you|average|avg|mean|median|total|overall|net|gross|new|returning|repeat|number|count|amount|value|level|size|ratio|rate|figure|figures|numbers|results?|performance|situation|picture|status|trend|trends|business|overview|summary|kpis?|metrics?|health|progress|growth|doing|going|look|looks|like|much|many|well|basket|order|top|best|worst|biggest|highest|lowest|most|least|got|get|gets|have|had|has|take|took|come|came|bring|brought|go|went|see|saw|each|every|all|any|some)$/i;

/** Abbreviations a manager uses that are no measure of their own; any other all-caps word is a measure asked by its acronym (CTR, LTV) and must be known like a word. */
export const ABBREVIATIONS =
  /^(?:US|USA|UK|EU|KPIS?|SKUS?|YOY|MOM|QOQ|WOW|YTD|MTD|QTD|FY|H[12]|Q[1-4]|OK|PLS|FYI|ASAP|TBH|IMO|AM|PM|USD|SQL|CSV|PDF|API|ID)$/;

/** `re` with the g flag, to blank every match. */
export const global = (re: RegExp): RegExp => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);

/** Every part of the phrase is known: the lexicon's names and the tables' words blanked out, nothing else left. */
export function known(phrase: string): boolean {
  let rest = phrase;
  const blank = (re: RegExp) => {
    rest = rest.replace(global(re), ' ');
  };
  for (const l of LEXICONS) for (const e of l) blank(e.re);
  blank(KNOWN_WORDS);
  blank(CUSTOMER_WORDS);
  const words = rest.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  // A capitalised word is a name (a product, a campaign): names are the lexicon's and outsider()'s to judge.
  const en = words.filter(
    (w) =>
      // A participle or an adverb qualifies a measure ("the spend allotted to …") without naming one.
      (/^[a-z][a-z']+$/.test(w) && w.length >= 3 && !GENERAL.test(w) && !/(?:ed|ly)$/.test(w)) ||
      (/^[A-Z]{2,5}$/.test(w) && !ABBREVIATIONS.test(w)),
  );
  // Chinese has no spaces: what is left after the known terms, two or more characters of it.
  const zh = words.filter((w) => /\p{Script=Han}{2,}/u.test(w.replace(/[的了和与及在是有个为率量数值额]/g, '')));
  return !en.length && !zh.length;
}
