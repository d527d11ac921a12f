// A question that asks for a measure the data has no input for, by class rather than by a list of such measures:
// "how many <X>", "what's our <X>", "<X>是多少" where X is no word the lexicon, the tables or the calendar know
// (a net promoter score, staff hours, call wait times), or a place the store does not sell in (a physical or
// pop-up shop, 线下门店). Answering with a known metric in its place would be a quiet substitution. Pure.
import {
  AD_RETURN,
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

const LEXICONS: Entry<unknown>[][] = [
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
const KNOWN_WORDS =
  /\b(?:sell|sold|sales?|selling|orders?|ordered|buy|bought|purchases?|units?|pieces?|items?|products?|skus?|styles?|stock|inventory|revenue|money|dollars?|\$|spend|spent|made|make|earn(?:ed)?|customers?|buyers?|shoppers?|users?|people|visits?|visitors?|sessions?|traffic|clicks?|views?|carts?|checkouts?|returns?|returned|refunds?|refunded|discounts?|markdowns?|reviews?|ratings?|stars?|campaigns?|promos?|budgets?|prices?|costs?|margins?|profit|signups?|sign-ups?|registrations?|cancel(?:s|led|lations?)?|accounts?|payments?|methods?|statuse?s?|days?|weeks?|months?|quarters?|years?|times?|percent|share|rate|total|change|growth|difference|it|that|this|those|them|they|we|of|did|do|does|was|were|is|are)\b|销售|销量|卖|订单|下单|单量|件|商品|产品|库存|缺货|营业额|收入|金额|钱|花费|客户|顾客|买家|用户|访问|访客|流量|会话|加购|购物车|结账|退货|退款|折扣|优惠|评价|评分|好评|差评|取消|退单|活动|预算|价格|成本|毛利|利润|注册|支付|状态|天|周|月|季度|年|占比|比例|份额|增长|变化|这|那|它/i;

/** The phrase a question asks to be measured, up to four words after the asking words. */
const ASK_EN = [
  /\bhow (?:many|much)\s+((?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)/i,
  /\bwhat(?:'s|’s| is| was| were| are)\s+(?:our|the|my|its|their)\s+((?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)/i,
];
/** "<X>是多少", "<X>有多少", "<X>多少": the words before the ask, after the period and the possessive. */
const ASK_ZH = /([\p{Script=Han}A-Za-z]{2,12}?)(?:是|有|为|大概|一共|总共)?多少/u;
const ZH_NOISE = /^(?:.*(?:年|月|季度|周|天|期间|以来))?(?:我们|咱们|公司|店铺|本店)?(?:的)?/u;

/** Places the store does not sell in: every channel is online (own site, Amazon, other marketplaces). */
const NO_SUCH_PLACE = [
  /\b(?:pop[- ]?up|brick[- ]and[- ]mortar|physical|high[- ]street|bricks|retail|outlet)\s+(?:stores?|shops?|locations?|outlets?|boutiques?)\b|线下(?:门店|店|渠道|店铺)?|实体店|门店|专柜|直播(?:带货|间|电商|销售)?|\blive[- ]?stream(?:ing|ed)?\b|\blive (?:shopping|selling|commerce)\b|\btv shopping\b/i,
  /\bin[- ]store\b|\bfoot ?traffic\b|\bwalk[- ]?ins?\b|\bwalked into\b|进店/i,
];

/** Words that ask for the business as a whole or qualify a measure without naming one. */
const GENERAL =
  /^(?:the|a|an|our|my|its|their|your|of|per|and|or|to|on|us|we|you|average|avg|mean|median|total|overall|net|gross|new|returning|repeat|number|count|amount|value|level|size|ratio|rate|figure|figures|numbers|results?|performance|situation|picture|status|trend|trends|business|overview|summary|kpis?|metrics?|health|progress|growth|doing|going|look|looks|like|much|many|well|basket|order|top|best|worst|biggest|highest|lowest|most|least|got|get|gets|have|had|has|take|took|come|came|bring|brought|go|went|see|saw|each|every|all|any|some)$/i;

/** Abbreviations a manager uses that are no measure of their own; any other all-caps word is a measure asked by its acronym (CTR, LTV) and must be known like a word. */
const ABBREVIATIONS =
  /^(?:US|USA|UK|EU|KPIS?|SKUS?|YOY|MOM|QOQ|WOW|YTD|MTD|QTD|FY|H[12]|Q[1-4]|OK|PLS|FYI|ASAP|TBH|IMO|AM|PM|USD|SQL|CSV|PDF|API|ID)$/;

/** Every part of the phrase is known: the lexicon's names and the tables' words blanked out, nothing else left. */
export function known(phrase: string): boolean {
  let rest = phrase;
  const blank = (re: RegExp) => {
    rest = rest.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), ' ');
  };
  for (const l of LEXICONS) for (const e of l) blank(e.re);
  blank(KNOWN_WORDS);
  blank(CUSTOMER_WORDS);
  const words = rest.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  // A capitalised word is a name (a product, a campaign): names are the lexicon's and outsider()'s to judge.
  const en = words.filter(
    (w) =>
      (/^[a-z][a-z']+$/.test(w) && w.length >= 3 && !GENERAL.test(w)) ||
      (/^[A-Z]{2,5}$/.test(w) && !ABBREVIATIONS.test(w)),
  );
  // Chinese has no spaces: what is left after the known terms, two or more characters of it.
  const zh = words.filter((w) => /\p{Script=Han}{2,}/u.test(w.replace(/[的了和与及在是有个为率量数值额]/g, '')));
  return !en.length && !zh.length;
}

/** The words a question asks to be measured: after the asking words, an auxiliary's subject when one follows. */
function askedPhrase(q: string): string | undefined {
  const aux =
    /\bhow (?:much|many)\s+(?:did|do|does|was|were|is|are|has|have)\s+((?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)/i.exec(q);
  // "how much did shipping cost us": the subject and the cost it asks about; "how much did we make": the subject.
  if (aux)
    return aux[1]!
      .replace(/\s+(costs?)\b.*$/i, ' $1')
      .replace(
        /\s+(?:[a-z]+(?:ed|ght|ld|de|ok|ot|ve|me|ke|et|ll)|take|get|sell|earn|have|come|bring|see|go|went|had)\b.*$/i,
        '',
      );
  for (const re of ASK_EN) {
    const m = re.exec(q);
    if (m)
      return m[1]!.replace(
        /\s+(?:looking|like|in|for|during|over|this|last|did|do|does|was|were|by|at|from|on)\b.*$/i,
        '',
      );
  }
  return undefined;
}

/** The place the question names that the store does not sell in, as the question words it. */
export function unknownPlace(q: string): string | undefined {
  for (const re of NO_SUCH_PLACE) {
    const place = re.exec(q);
    if (place) return place[0];
  }
  return undefined;
}

/**
 * Sources and kinds of sales no table records: influencers, KOLs, creators; gift cards, subscriptions, wholesale;
 * a marketplace's own standing (Buy Box share, best-seller rank), which only the marketplace reports; contacts with
 * customer service (chats, tickets, 客服咨询), which no table logs.
 * Traffic sources are ad platforms, search, email and referrals, and every order is a retail order of products; sales
 * "from KOL partnerships" or "of gift cards" would be some other figure under their name.
 */
const UNTRACKED_SOURCE =
  /\b(?:influencers?|kols?|(?:content )?creators?|ugc|brand ambassadors?)\b(?:[- ](?:partnerships?|collabs?|collaborations?|posts?|campaigns?|marketing|deals?))?|(?:KOL|KOC|达人|网红|博主|主播)(?:合作|带货|推广|种草|投放)?|种草|\bgift ?cards?\b|\bsubscriptions?\b|\bwholesale\b|\bb2b\b|\bmemberships? fees?\b|礼品卡|购物卡|储值卡|订阅|批发|会员费|\bcustomer (?:service|support) (?:chats?|calls?|tickets?|contacts?)\b|\bsupport (?:chats?|tickets?)\b|客服(?:在线)?(?:咨询|聊天|工单|来电)|\bbuy ?box\b|\bbest ?sellers? rank(?:ing)?\b|\bbsr\b|黄金购物车/i;

/** The source of sales the question names that the data does not record, as the question words it. */
export function unknownSource(q: string): string | undefined {
  return UNTRACKED_SOURCE.exec(q)?.[0];
}

/** "<X> rate", "<X>率": a rate is a measure even beside a known name ("the newsletter's open rate"). */
const RATE_EN = /\b([a-z][\w'-]*)\s+rates?\b/gi;
const RATE_ZH = /(\p{Script=Han}{2})率/gu;

/** A rate the question asks for whose qualifier no lexicon or table knows: asked for by name, never substituted. */
function unknownRate(q: string): string | undefined {
  // A rate the lexicon names whole ("广告支出回报率", "add-to-cart rate") is known before its last words are read.
  let rest = q;
  for (const re of [...LEXICONS.flat().map((e) => e.re), AD_RETURN])
    rest = rest.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), ' ');
  for (const re of [RATE_EN, RATE_ZH]) {
    for (const m of rest.matchAll(re)) {
      // "the average rate", "a higher rate": a qualifier that names no measure leaves nothing to judge.
      if (m[1]!.split('-').every((w) => GENERAL.test(w) || /^(?:higher|lower|better|worse)$/i.test(w))) continue;
      if (!known(m[0])) return m[0];
    }
  }
  return undefined;
}

/** "what did <X> cost us", "how much does <X> cost": the cost of X, whatever else the question names. */
const COST_ASK =
  /\b(?:what|how much)\s+(?:did|does|do|has|have|is|was|were)\s+((?:[a-z][\w'-]*\s+){0,4}?[a-z][\w'-]*)\s+cost(?:s|ing)?\b/i;

/** A cost of something no table prices ("return shipping labels", "packaging"): the thing as the question words it. */
function unknownCost(q: string): string | undefined {
  const m = COST_ASK.exec(q);
  if (!m) return undefined;
  const phrase = m[1]!.replace(/^(?:the|our|all|those|these|its|their)\s+/i, '');
  return known(phrase) ? undefined : `${phrase} cost`;
}

/** `recognised`: the question already names a metric or an analysis, so its ask is that one's. */
export function unknownMeasure(q: string, recognised: boolean): string | undefined {
  // A known name beside the ask ("Black Friday's open rate") does not make the rate it asks for known.
  const cost = unknownCost(q);
  if (cost) return cost;
  if (recognised) return unknownRate(q);
  const phrase = askedPhrase(q);
  if (phrase !== undefined) return phrase && !known(phrase) ? phrase : undefined;
  const zh = ASK_ZH.exec(q);
  if (zh) {
    const phrase = zh[1]!.replace(ZH_NOISE, '');
    if (phrase.length >= 2 && !known(phrase)) return phrase;
  }
  return unknownRate(q);
}
