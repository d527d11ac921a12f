// A measure the question names that nothing in the reading places, found by where it stands rather than by a list
// of unknown measures: the head of a noun phrase ("our monthly payroll", "the 2025 revenue target", "over 30
// degrees") or a Chinese measure word ("打样费用", "职业分布", "清关…几天") whose noun no lexicon entry, table word or
// calendar word reads. Such a question would otherwise be answered with whatever known metric sits beside it (sales
// for "revenue target", the customer mix for "职业分布"): a quiet substitution. Pure: the question and the lexicon.
import {
  AD_RETURN,
  CLAIM_DOWN,
  CLAIM_UP,
  CLEAR_FILTERS,
  CUSTOMER_WORDS,
  DRILL,
  DROP_OFF,
  FOLLOW_UP_CUE,
  ORDER_BOTTOM,
  SPEND_ONLY,
  TOP,
  TOP_CUSTOMERS,
} from './lexicon.ts';
import { campaignNames } from './campaign-name.ts';
import { GENERAL, global, KNOWN_WORDS, LEXICONS } from './known-words.ts';

/**
 * Words that open a noun phrase: what follows them, up to a stop word, is a thing the question is about. "which",
 * "per" and "by" open a split, which unknown-split.ts names ("which postcode…", "revenue per colour").
 */
const OPENER =
  /^(?:our|the|my|their|its|your|any|each|every|total|average|avg|monthly|weekly|daily|yearly|annual|quarterly|what)$/i;

/** Words that end a noun phrase: prepositions, conjunctions, auxiliaries, pronouns and question words. */
const STOP =
  /^(?:in|on|at|by|for|from|to|of|over|under|during|since|until|vs|versus|than|with|without|into|across|through|between|per|about|after|before|and|or|but|so|that|which|who|what|when|where|why|how|whose|is|are|was|were|be|been|being|do|does|did|done|has|have|had|will|would|can|could|should|shall|may|might|must|we|i|you|they|it|he|she|us|them|me|this|these|those|there|here|not|no|if|as|like|because|although|though|unless|whether|cos|cuz|above|below|over|under|what's|whats|what’s|how's|hows|wat|via|out|back|once|yet|while|right|nothing|anything|something|sometime|whatsoever|literally|actually|kindly|please|pls|thanks|thank|then|too|up|down|off|away|again|ever|already|\|)$/i;

/** Common verbs: a phrase ends before them ("did the podcast sponsorship drive …"). */
const VERB =
  /^(?:want|wants|need|needs|give|gives|show|shows|tell|tells|know|knows|see|sees|look|looks|compare|compares|contribute|contributes|help|helps|say|says|think|thinks|ask|asks|mean|means|keep|keeps|let|lets|put|puts|bring|brings|drive|drives|hit|hits|land|lands|run|runs|go|goes|come|comes|make|makes|take|takes|get|gets|move|moves|perform|performs|paid|sent|spent|made|sold|bought|got|gotten|given|taken|seen|brought|held|kept|left|lost|won|set|shown|told|found|gone|went|came|ran|gave|took|saw|drove|driven|fell|rose|grew|led|hurt|wear|wears|use|uses|prefer|prefers|choose|chooses|pick|picks|place|places|placed|buy|buys|purchase|purchases|purchased|spend|spends)$/i;

/** An auxiliary opens its subject: "do parcels sit …", "what was site uptime …". */
const AUX = /^(?:did|does|do|has|have|had|will|would|can|could|should|is|are|was|were)$/i;
const COPULA = /^(?:is|are|was|were)$/i;
const ASKING = /^(?:what|which|how|long|often|much|many|when|where)$/i;

/**
 * Words of the analyst's own trade and plain modifiers: a phrase made of these and known words asks about the
 * business, a period or a chart, not about a measure the data lacks.
 */
const PLAIN =
  /^(?:site|website|store|shop|business|company|brand|data|period|time|timeframe|window|span|range|question|breakdown|split|list|chart|graph|table|report|summary|view|picture|numbers?|figures?|stats?|statistics|metrics?|kpis?|results?|values?|amounts?|totals?|counts?|levels?|shares?|parts?|portion|piece|slice|bit|mix|ones?|thing|things|stuff|please|pls|thanks|ppl|profitable|profitability|worth|score|scores|chunk|chunks|fraction|fractions|percentage|percentages|proportion|proportions|pct|percent|ratio|ratios|calendar|flat|available|unavailable|zero|nil|sellers|seller|ad|ads|advertising|advert|adverts|rundown|meeting|boss|common|popular|frequent|rare|strong|weak|soft|busy|slow|fast|quick|good|bad|great|poor|fine|okay|ok|pace|point|past|whole|list|sub|way|kind|sort|type|types|group|groups|segment|segments|cut|bucket|buckets|side|end|start|beginning|half|halves|whole|rest|top|bottom|peak|low|high|best|worst|biggest|largest|smallest|highest|lowest|most|least|more|less|fewer|first|last|next|previous|prior|same|other|another|current|recent|latest|earlier|later|full|entire|overall|main|key|big|small|little|major|minor|typical|usual|normal|actual|real|exact|rough|ballpark|approximate|specific|particular|different|various|certain|single|double|whole|each|every|all|both|either|neither|few|several|many|much|some|any|own|only|just|also|still|even|again|really|very|quite|pretty|roughly|about|around|approximately|exactly|overall|combined|together|altogether|so far|far|hit|hits|number|week|weeks|month|months|day|days|year|years|quarter|quarters|date|dates|line|lines|trend|trends|change|changes|growth|drop|drops|rise|rises|jump|dip|decline|increase|decrease|difference|gap|lift|uplift|bump|impact|effect|performance|season|seasons|summer|winter|spring|autumn|fall|holiday|holidays|weekend|weekends|weekday|weekdays|morning|evening|night|market|markets|region|regions|country|countries|channel|channels|source|sources|device|devices|category|categories|line|range|collection|collections|team|people|folks|guys|everyone|anyone|somebody|someone|ago|decade|decades|century|centuries|january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)$/i;

/** The reading's own word lists beside the lexicons: rankings, directions, returns on budgets, follow-up cues. */
const READ: RegExp[] = [
  CUSTOMER_WORDS,
  KNOWN_WORDS,
  AD_RETURN,
  SPEND_ONLY,
  TOP,
  TOP_CUSTOMERS,
  ORDER_BOTTOM,
  CLAIM_DOWN,
  CLAIM_UP,
  CLEAR_FILTERS,
  DRILL,
  DROP_OFF,
  FOLLOW_UP_CUE,
];

/** The text with every word a lexicon entry or the reading's lists read blanked out. */
function blankRead(text: string): string {
  // A campaign's name ("the summer splash campaign") is the campaigns tool's to match, never an unknown measure.
  let rest = campaignNames(text).reduce((t, name) => t.split(name).join(' · '), text);
  for (const l of LEXICONS) for (const e of l) rest = rest.replace(global(e.re), ' · ');
  for (const re of READ) rest = rest.replace(global(re), ' · ');
  return rest;
}

/** A modifier by its form: superlatives, comparatives, adverbs, participles, ordinals and counts name no measure. */
const MODIFIER_FORM =
  /^(?:[a-z]+(?:est|ly|ing|ed)|[a-z]+er|second|third|fourth|fifth|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)$/i;

/** A number that is no year: "over 30 degrees", "5 tickets"; a year or a short year ("Jul 25") is the calendar's. */
const COUNT = /^(?!(?:19|20)\d\d$)\d[\d,.]*$/;
const PREPOSITION =
  /^(?:in|on|at|for|from|across|over|under|during|with|into|through|to|by|about|around|behind|after|before|since|until|via|between|among|throughout|within)$/i;
/** A count after these is a top-N ("top 10 decliners"), not a quantity of something. */
const RANK_WORD = /^(?:top|bottom|first|last|best|worst|biggest|largest|前|后)$/i;

/** What the store sells, in the words of its product names and sub-categories ("the new cover-ups", "our rash guards"). */
const GARMENT =
  /^(?:swimsuits?|swim|bikinis?|tankinis?|monokinis?|one|pieces?|trunks|briefs|shorts|boardshorts|dress(?:es)?|tops?|tees?|t|shirts?|tanks?|hoodies?|cover|covers|ups?|coverups?|kaftans?|caftans?|kimonos?|sarongs?|wraps?|rash|guards?|sets?|necklaces?|earrings?|bracelets?|anklets?|rings?|pendants?|sunglasses|shades|hats?|caps?|visors?|beanies?|totes?|pouch(?:es)?|towels?|bags?|accessories|jewell?ery|apparel|clothing|clothes|garments?|outfits?|styles?|colou?rways?|collections?)$/i;

/**
 * The noun phrases of an English question: the words after a determiner ("our", "the", "which"), an auxiliary
 * ("do parcels …", "was site uptime …"), a count, or at the very start ("affiliate commissions paid …"), up to a
 * stop word or punctuation.
 */
function phrases(q: string): string[][] {
  // Punctuation ends a phrase too: "worth its budget? give me ROAS".
  const tokens = q
    .replace(/[?!;:,()—–"“”]|\.(?=\s|$)/g, ' | ')
    .split(/[^\p{L}\p{N}'%$|-]+/u)
    .map((t) => t.replace(/^['-]+|['-]+$/g, ''))
    .filter(Boolean);
  const out: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // An auxiliary opens its subject only after a question word: "what was site uptime", "how long do parcels sit".
    const aux = AUX.test(t) && i > 0 && ASKING.test(tokens[i - 1]!);
    const count = COUNT.test(t) && !(i > 0 && RANK_WORD.test(tokens[i - 1]!));
    // "across the board", "for the board pack": a phrase after a preposition is a circumstance, not what is measured;
    // after "of" it is the measure's complement ("short of the sales goal").
    let k = i - 1;
    while (k >= 0 && OPENER.test(tokens[k]!)) k--;
    const circumstance = k >= 0 && PREPOSITION.test(tokens[k]!);
    if ((!OPENER.test(t) || circumstance) && !count && !aux) continue;
    const words: string[] = [];
    let j = i + 1;
    const ends = (w: string) => STOP.test(w) || VERB.test(w) || OPENER.test(w);
    while (j < tokens.length && words.length < 4 && !ends(tokens[j]!)) {
      words.push(tokens[j++]!);
    }
    // After "do", "did", "has", "will" the subject's verb follows it ("do parcels sit"), unless a known verb ended
    // the phrase already ("do return labels take"); after "was", "is" no verb follows.
    const verbEnded = j < tokens.length && VERB.test(tokens[j]!);
    if (aux && !COPULA.test(t) && !verbEnded && words.length > 1) words.pop();
    if (words.length) out.push(words);
  }
  return out;
}

/** The words of the text no lexicon entry or table word reads, lower-case; names (capitalised) are others' to judge. */
function unread(text: string): Set<string> {
  const words = blankRead(text)
    .split(/[^\p{L}\p{N}'-]+/u)
    .flatMap((w) => w.split('-'));
  return new Set(words.filter((w) => /^[a-z][a-z']{2,}$/.test(w)));
}

/** The English noun phrase whose words no reading places, as the question words it. */
function unplacedEnglish(q: string): string | undefined {
  const left = unread(q);
  for (const words of phrases(q)) {
    const parts = words.flatMap((w) => w.split('-'));
    // A word shaped like a superlative, an adverb or a participle ("slowest", "looking") names no measure.
    const odd = parts.filter(
      (w) => left.has(w) && !GENERAL.test(w) && !PLAIN.test(w) && !GARMENT.test(w) && !MODIFIER_FORM.test(w),
    );
    if (!odd.length) continue;
    // From the first unplaced word to the head, without a trailing participle ("our payroll running").
    const phrase = parts.slice(parts.indexOf(odd[0]!));
    while (phrase.length > 1 && MODIFIER_FORM.test(phrase[phrase.length - 1]!)) phrase.pop();
    return phrase.join(' ');
  }
  return undefined;
}

/**
 * Chinese measure words: a noun before one of these is what is measured (费用, 分布, 构成, 人数, 目标); a business
 * asked by 哪家…公司; an event or season used as the period (世界杯期间, 梅雨季), which no table dates.
 */
const ZH_MEASURE =
  /([^\s·]{2,6}?)(?:的)?(?:费用|开支|成本|分布|构成|时长|耗时|人数|次数|目标|完成率|量(?=是|有|多少|怎么|如何|[？?]|$))|哪家([^\s·]{1,4}?)(?:公司|机构|服务商)|([^\s·]{2,4}?)(?:期间|季(?!度))/gu;

/** Chinese words that qualify without naming a measure, and the calendar's words. */
const ZH_PLAIN =
  /我们|咱们|公司|店铺|本店|今年|去年|前年|明年|本月|上月|上个月|这个月|本季度|上季度|本周|上周|每天|每月|每周|每年|每人|每单|平均|一共|总共|大概|整体|总体|全部|所有|各个|各|每个|哪个|哪些|哪家|什么|怎么|怎样|情况|变化|趋势|期间|时候|市场|夏季|冬季|春季|秋季|夏天|冬天|旺季|淡季|当季|换季|黑五|黑色星期五|网一|活动|促销|大促|网站|官网|独立站|平台|年|月|季度|周|天|日|号|的|了|是|有|在|和|与|及|对|从|到|把|被|给|让|吗|呢|吧|啊|一下|看看|看|请|帮我|告诉我|分别|具体|主要|最|多|少|高|低|好|差|大|小|新|老|前|后|上|下|里|中|内|外|第|[一二三四五六七八九十两几\d]/gu;

/** What a run of words starts with that is not the thing measured: the period, the asker, a possessive. */
const ZH_LEAD = /^(?:[^\p{Script=Han}]|年|月|季度|今年|去年|我们|咱们|的)+/u;

function unplacedChinese(q: string): string | undefined {
  // The measure words themselves are read first only when a lexicon names them whole ("获客成本", "转化率").
  const text = blankRead(q);
  for (const m of text.matchAll(ZH_MEASURE)) {
    const noun = (m[1] ?? m[2] ?? m[3]!).replace(ZH_PLAIN, ' ');
    if (!/\p{Script=Han}{2,}/u.test(noun)) continue;
    // Said as the question words it: the whole run of words the match sits in, without the calendar before it.
    const run = new RegExp(`[^\\s·]*${m[0]}`, 'u').exec(text)![0];
    return run.replace(ZH_LEAD, '');
  }
  return undefined;
}

/**
 * A clause that tells the reader to disregard something ("ignore the noise in March and…", "forget the hype,",
 * "别管那些噪音，"): what it names is set aside, not asked about, so it is no measure the question wants.
 */
const DISREGARDED =
  /\b(?:ignore|ignoring|forget|forgetting|disregard|disregarding|never mind|nevermind|set(?:ting)? aside|skip(?:ping)?)\s+(?:the\s+|all\s+|any\s+|that\s+|those\s+|this\s+)?[^,.;!?]*?(?=\s*(?:,|;|\band\b|\bthen\b|\bjust\b|$))|(?:别管|不管|忽略|先不说|不用管|撇开)[^，,。；;]*?(?=[，,。；;]|$)/giu;

/** The measure or subject the question names that nothing reads, as the question words it; undefined when none. */
export function unplaced(q: string): string | undefined {
  const asked = q.replace(DISREGARDED, ' ');
  return /\p{Script=Han}/u.test(asked) ? unplacedChinese(asked) : unplacedEnglish(asked);
}
