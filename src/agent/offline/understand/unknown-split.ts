// A split or a ranking by something no tool splits by: "sales by colour", "which city ordered most", "按品牌看销量",
// "各个年龄段的订单". The reading finds no dimension there and would answer the total (or a product ranking) under the
// question's heading; the answer has to say first that it cannot split that way and what it gives instead. Found by
// class: the word after a split cue that no lexicon, table or calendar word covers. Pure.
import { DIMENSIONS } from './lexicon.ts';
import { known } from './unknown-measure.ts';

/** English split cues and the word they split by ("by colour", "per city", "which brand sold best"). */
const SPLIT_EN =
  /\b(?:split by|broken down by|break(?:down)? by|by|per|for each|each|across|which|what)\s+(?:the\s+|our\s+|customers?'?\s+|products?'?\s+|shoppers?'?\s+)?([a-z][a-z-]+)(?:\s+(groups?|brackets?|bands?|ranges?|levels?|sizes?|colou?rs?|codes?|types?|names?))?/gi;
/** "which X" asks to rank X only when a verb of selling or doing follows ("which brand sold", "which city had"). */
const WHICH_VERB =
  /^\s+(?:\w+\s+)?(?:sold|sells|sell|had|has|have|did|does|do|ordered|orders|bought|buys|brought|made|makes|drove|drives|generated|performed|got|gets|was|were|is|are|saw|sees|came|comes|contributed|spent|returned|hit|visited)\b/i;
/** Chinese split cues and the word they split by ("按颜色", "各个城市", "哪个品牌卖得最好"). */
const SPLIT_ZH =
  /(?:按照|按|各个|各|每一个|每个|哪个|哪些|哪一个|哪种|哪家|哪类)\s*(\p{Script=Han}{2,4}?)(?=的|分别|来看|看|统计|拆分|拆|卖|销|订单|下单|最|贡献|带来|有|占|分布|排|[，,？?。]|$)/gu;

/** Words after a cue that name no split: function words, amounts, ways of ranking, and splits the lexicon reads. */
const NOT_A_SPLIT =
  /^(?:far|then|now|how|much|many|far|end|mid|middle|itself|themselves|date|amount|value|values|count|number|percent|percentage|share|rank|ranking|total|totals|one|ones|of|other|others|way|ways|kind|kinds|sort|type|types|part|parts|segment|segments|piece|pieces|time|times|period|periods|half|halves|reason|reasons|step|steps|metric|metrics|figure|figures|source|sources|place|first|second|last|next|previous|prior|about|happened|changed|moved|caused|drove|went|made|was|were|is|are|did|does|do|has|had|have|can|could|should|would|will|if|it|that|this|these|those|them|they|we|you|i|a|an|to|in|on|at|for|with|from|vs|versus|versions?|far|contrast|comparison|default|hand|mistake|chance|else|week-day|weekday|weekdays|contribute|contributed|contributes|account|accounted|make|made|bring|brought|sell|sold|get|got|take|took|generate|generated|add|added|come|came|grow|grew|see|saw|give|gave|bring|cost|costs|pay|paid|spend|spent)$/i;

/** The words the tools split by (the dimensions), alone, as a split cue's word: known splits. */
const SPLIT_WORDS_EN =
  /^(?:channels?|platforms?|marketplaces?|storefronts?|countr(?:y|ies)|markets?|regions?|geograph(?:y|ies)|categor(?:y|ies)|sub-?categor(?:y|ies)|subcats?|lines?|devices?|sources?|referrers?|campaigns?|promos?|promotions?|payment|methods?|status(?:es)?|ratings?|stars?)$/i;
const SPLIT_WORDS_ZH =
  /^(?:销售)?(?:渠道|平台|国家|国(?!籍)|市场|地区|品类|类目|类别|分类|产品线|大类|一级类目|一级品类|子品类|子类目|二级品类|细分品类|设备|终端|来源|流量来源|来源类型|流量类型|活动|营销活动|支付方式|付款方式|状态|评分|原因|产品|商品|货|款|单品|月|月份|季度|周|星期|礼拜|天|日|年(?!龄))/;

/** Nouns a split word may qualify ("which calendar month", "each full week"). */
const KNOWN_NOUN =
  /^(?:days?|weeks?|months?|quarters?|years?|products?|items?|skus?|styles?|channels?|countr(?:y|ies)|markets?|categor(?:y|ies)|devices?|sources?|campaigns?|customers?|orders?)$/i;

/** The lexicon splits by the word when it follows a plain cue ("by X", "按X"). */
const splitsBy = (cued: string) => DIMENSIONS.some((e) => e.re.test(cued));

/** The word a question asks to split or rank by that nothing reads, as the question words it; else undefined. */
export function unknownSplit(q: string): string | undefined {
  for (const m of q.matchAll(SPLIT_EN)) {
    const cue = m[0].split(/\s+/)[0]!.toLowerCase();
    const word = m[1]!;
    if (NOT_A_SPLIT.test(word)) continue;
    if ((cue === 'which' || cue === 'what') && !WHICH_VERB.test(q.slice(m.index! + m[0].length))) continue;
    if (/^\d/.test(word)) continue;
    // "which calendar month", "each full week": a word before a noun the tools know qualifies that noun.
    const next = /^\s+([a-z]+)/i.exec(q.slice(m.index! + m[0].length))?.[1] ?? '';
    if (!m[2] && KNOWN_NOUN.test(next)) continue;
    const phrase = m[2] ? `${word} ${m[2]}` : word;
    if (!SPLIT_WORDS_EN.test(word) && !splitsBy(`by ${phrase}`) && !known(word)) return phrase;
  }
  for (const m of q.matchAll(SPLIT_ZH)) {
    const word = m[1]!;
    // "各位" (everyone), "各自", "各种": a greeting or a quantifier, no split.
    // "各是多少", "各占": a word that starts with a verb is no noun to split by.
    if (/^(?:位|自|种|样|类|项|方面|是|为|有|占|多|个|要|卖|都)/.test(word)) continue;
    if (!SPLIT_WORDS_ZH.test(word) && !splitsBy(`按${word}`) && !known(word)) return word;
  }
  return undefined;
}
