// A question that asks for a measure the data has no input for, by class rather than by a list of such measures:
// "how many <X>", "what's our <X>", "<X>是多少" where X is no word the lexicon, the tables or the calendar know
// (a net promoter score, staff hours, call wait times), or a place the store does not sell in (a physical or
// pop-up shop, 线下门店). Answering with a known metric in its place would be a quiet substitution. Pure.
import { AD_RETURN } from './lexicon.ts';
import { GENERAL, global, known, LEXICONS } from './known-words.ts';
import { noRecords } from './no-records.ts';
import { unplaced } from './unplaced.ts';
import { untrackedMetric } from './untracked-metric.ts';

export { known };

/** The phrase a question asks to be measured, up to four words after the asking words. */
const ASK_EN = [
  /\bhow (?:many|much)\s+((?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)/i,
  /\bwhat(?:'s|’s| is| was| were| are)\s+(?:our|the|my|its|their)\s+((?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)/i,
];
/** "<X>是多少", "<X>有多少", "<X>多少": the words before the ask, after the period and the possessive. */
const ASK_ZH = /([\p{Script=Han}A-Za-z]{2,12}?)(?:是|有|为|大概|一共|总共)?多少/u;
const ZH_NOISE =
  /^(?:.*(?:年|月|季度|周|天|期间|以来))?(?:其中|这其中|当中)?(?:我们|咱们|公司|店铺|本店)?(?:的)?(?:一共|总共|合计|总计|大概|大约)?/u;

/** Places the store does not sell in: every channel is online (own site, Amazon, other marketplaces). */
const NO_SUCH_PLACE = [
  /\b(?:pop[- ]?up|brick[- ]and[- ]mortar|physical|high[- ]street|bricks|retail|outlet)\s+(?:stores?|shops?|locations?|outlets?|boutiques?)\b|线下(?:门店|店|渠道|店铺)?|实体店|门店|专柜|直播(?:带货|间|电商|销售)?|\blive[- ]?stream(?:ing|ed)?\b|\blive (?:shopping|selling|commerce)\b|\btv shopping\b/i,
  /\bin[- ]store\b|\bfoot ?traffic\b|\bwalk[- ]?ins?\b|\bwalked into\b|进店/i,
];

/** The words a question asks to be measured: after the asking words, an auxiliary's subject when one follows. */
function askedPhrase(q: string): string | undefined {
  const aux =
    /\bhow (?:much|many)\s+(?:did|do|does|was|were|is|are|has|have)\s+((?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)/i.exec(q);
  // "how much did shipping cost us": the subject and the cost it asks about; "how much did we make": the subject.
  if (aux)
    return aux[1]!
      .replace(/\s+(costs?)\b.*$/i, ' $1')
      .replace(
        /\s+(?:[a-z]+(?:ed|ght|ld|de|ok|ot|ve|me|ke|et|ll)|take|get|sell|earn|have|come|bring|see|go|went|had|place|buy|order|purchase|spend|make|do)\b.*$/i,
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
  for (const re of [...LEXICONS.flat().map((e) => e.re), AD_RETURN]) rest = rest.replace(global(re), ' ');
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
  if (recognised) return unknownRate(q) ?? elsewhere(q);
  const phrase = askedPhrase(q);
  if (phrase !== undefined) return phrase && !known(phrase) ? phrase : elsewhere(q);
  const zh = ASK_ZH.exec(q);
  if (zh) {
    const phrase = zh[1]!.replace(ZH_NOISE, '');
    if (phrase.length >= 2 && !known(phrase)) return phrase;
  }
  return unknownRate(q) ?? elsewhere(q);
}

/**
 * Beyond the asked phrase: a part of the business no table records, or a measure noun nothing reads. A named KPI no
 * tool computes (checkouts started, NPS) is untracked-metric.ts's to say, with its own nearest questions.
 */
const elsewhere = (q: string): string | undefined => (untrackedMetric(q) ? undefined : (noRecords(q) ?? unplaced(q)));
