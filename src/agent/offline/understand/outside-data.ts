// Questions about what lies outside the data, by class rather than by wording: the future ("are sales expected to go
// up next summer", "接下来三个月会怎么走") and what-ifs ("if we cut prices, how many more would we sell"), the world outside the store (the industry, the economy, exchange rates,
// share prices, what people post on social media) and targets for a period still to come. Each is said first ("the
// data cannot answer that"), with the nearest questions it can answer, never answered with the latest month's figures
// in its place. Periods before or after the data are period.ts's to read. Also: a forecast turned down ("I don't need
// a forecast, just …", "不用预测") is no ask for one. Pure.
import type { Lacking, UnsupportedReason } from '../intent.ts';

export interface Outside {
  unsupported: Exclude<UnsupportedReason, 'not_understood'>;
  lacking?: Lacking;
  /** What the question names that no table holds, as it words it. */
  unknown?: string;
}

/** Why-words: "为什么会下降" asks about the past, whatever 会 says elsewhere. */
const WHY = /\bwhy\b|\bhow come\b|为什么|为何|怎么会|原因|导致/i;

/**
 * The future in English beyond lexicon.ts's FUTURE: expectations, spans still to come, "gonna", "likely to", and a
 * question that asks what something will be ("what will our AOV be", not "will you show me").
 */
const FUTURE_EN =
  /\b(?:is|are|be)\s+(?:\w+\s+){0,2}?(?:expected|projected|forecast(?:ed)?|predicted|likely|set|on track|poised)\s+to\b|\b(?:should|can|could|do) (?:we|i) expect\b|\bfor?e?cast(?:s|ing|ed)?\b|\bpredic\w*|\bproj(?:ection|ected)s?\b|\b(?:next|nxt) (?:yr|mo|qtr|wk)\b|\bnxt (?:year|month|quarter|week|season|summer)\b|\bproject(?:ing)? (?:our |the )?(?:sales|revenue|orders|demand|growth|aov|units)\b|\b(?:in|over|during|for|within) the (?:next|coming|upcoming|following)\s+(?:\d+|few|couple of|several|two|three|four|five|six|nine|twelve|eighteen)?\s*(?:days|weeks|months|quarters|years|seasons)\b|(?<!\bthe )\bnext (?:summer|spring|autumn|fall|winter|season|holiday season|holidays|christmas|easter|black friday|cyber monday|half|fiscal year|fy|\d+\s+(?:days|weeks|months|quarters|years)|(?:few|couple of|two|three|six|twelve) (?:days|weeks|months|quarters|years))\b|\b(?:the )?(?:coming|upcoming) (?:days|weeks|months|quarters?|years?|seasons?|summer|spring|autumn|fall|winter|holidays?|holiday season|christmas|black friday|sales?)\b|\bfrom (?:now|today) on\b|\b(?:a |one |\d+ )?(?:days?|weeks?|months?|years?) from now\b|\bgoing forward\b|\b(?:years?|months?|quarters?|weeks?|seasons?) ahead\b|\boutlook\b|\bgonna\b|\bgoing to (?:happen|look|grow|drop|fall|rise|hit|reach|land|end up|do|perform)\b|\blikely to (?:be|sell|grow|hit|reach|drop|fall|rise|increase|decrease|end|land)\b|\bwon['’]?t\b[^.?!]{0,30}\b(?:sell|grow|drop|recover|hit|reach)\b/i;

/** A question of what something will be: "what will our AOV be", "Will the UK overtake Canada", not "will you show me". */
const WILL_EN =
  /\b(?:what|how much|how many|how|when|which|where)\b[^.?!]{0,40}?\bwill\b(?!\s+(?:you|u|i)\b)|\bwill (?:our|the|my|total|net|aov|gross|conversion|traffic|returns?|demand|swimwear|bikinis?)\b|^\s*(?:and |so |but )?will\s+(?!you\b|u\b|i\b|ya\b)/i;
/** Whether figures already in the data will still change: a maturity question, answered from the data. */
const STILL_CHANGING =
  /\b(?:revised|revisions?|final|finali[sz]ed|settle|still (?:move|change|shift|grow|creep|go up))\b|\bwill (?:\w+ ){0,4}(?:move|change|shift|creep up)\b/i;

/** The future in Chinese beyond FUTURE: spans still to come, "会不会", "能做到多少", estimates and outlooks. */
const FUTURE_ZH =
  /接下来|今后|往后|日后|将来|后年|下一?(?:个)?(?:财年|年度|季节|夏天|夏季|春天|秋天|冬天|旺季|淡季|假期|假日季|黑五|圣诞)|明(?:天|日|夏|春|秋|冬)|有望|展望|前景|估算|预估|预判|推算|会不会(?!是|因为|由于)|能(?:不能)?(?:做到|达到|卖到|冲到|突破)|(?:目标|预算|计划|KPI|指标)[^，。？?]{0,8}(?:定|设|订)(?:多少|在|为|成)|定(?:个|一个)?(?:目标|KPI)|(?:目标|预算)(?:应该|该|定|设)(?:多少|多高)/i;

/** "会涨吗", "会怎么走": 会 before a change, read only where no why-word makes it the past. */
const WILL_ZH =
  /会(?:继续)?(?:涨|跌|增长|下降|下滑|上升|回升|好转|变好|变差|更好|更差|更高|更低|卖得|卖多少|怎么(?:走|样|变)|有多少|是多少|达到)/;

/** What-ifs: "if we raise prices, how many more would we sell", "如果降价10%能多卖多少": a model, not a record. */
const WHAT_IF_EN =
  /\b(?:what if|suppose|supposing|hypothetically|imagine if)\b|\bwhat (?:happens|would happen|will happen)\b[^.?!]{0,40}\bif\b|\bif (?:we|i|they)\b[^.?!]{0,60}\b(?:would|will|could|['’]d)\b|\b(?:would|could) (?:we|it|sales|revenue|orders|units|aov|conversion)\b[^.?!]{0,60}\bif\b|\bhow (?:much|many)\b[^.?!]{0,40}\bwould\b(?!\s+(?:you|u)\b)(?![^.?!]{0,25}\bhave\b)/i;
const WHAT_IF_ZH =
  /(?:如果|假如|假设|要是|倘若)[^。？?]{0,30}?(?:会|能|可以|将)(?:多|少|卖|增加|减少|提升|提高|下降|带来|怎样|怎么样|有多少|是多少|达到)/;

/** Targets for later: "set me a sales target", "what should our budget be". */
const TARGET_EN =
  /\b(?:set|recommend|suggest|propose|pick|give me)\b[^.?!]{0,30}\b(?:targets?|goals?|quotas?)\b|\bwhat should (?:our|the|my)\s+(?:\w+\s+){0,2}(?:targets?|goals?|budgets?|quotas?)\s+be\b/i;

/** The market as a whole, the industry and other sellers: nothing the store's own tables record. */
const MARKET =
  /\bindustry\b|\bsector\b|\b(?:e-?commerce|retail|market|category) (?:averages?|norms?|benchmarks?|medians?|standards?)\b|\bbenchmark(?:ed|s)? (?:against|vs|versus)\b|\b(?:the )?(?:overall|whole|wider|broader|entire|global|total) (?:swim(?:wear)?|bikini|beachwear|apparel|fashion|retail|e-?commerce|clothing|online )?market\b|\b(?:swim(?:wear)?|bikini|beachwear|apparel|fashion|e-?commerce|clothing) market\b|\bmarket (?:leaders?|trends?|conditions?|position|ranking|rank|average|prices?)\b|\bthe (?:[\w-]+ )?market['’]s\b|\b(?:everyone|everybody) else\b|\bother (?:[\w-]+ ){0,2}(?:brands|retailers|stores|shops|sellers|companies|merchants|businesses|players|labels|vendors)\b|\b(?:competing|rival|similar|peer|comparable|swimwear|bikini|beachwear|fashion|apparel|clothing|dtc|d2c) (?:[\w-]+ )?(?:brands|retailers|labels)\b|\bbrands like (?:us|ours)\b|\bour peers\b|\bwho else (?:sells|makes|offers|stocks)\b|\b(?:cost|costs|price[sd]?|charge[sd]?|sell(?:s|ing)? for|go(?:es)? for)\b[^.?!]{0,25}\belsewhere\b|\bat other (?:shops|stores|retailers|sites)\b|\b(?:normal|typical|usual|average|good|healthy|standard|decent)\b[^.?!]{0,30}\bfor (?:an? )?(?:online (?:shops?|stores?|retailers?|businesses?)|e-?commerce|(?:swimwear|fashion|apparel|clothing) (?:brands?|stores?|shops?|retailers?)|the industry|our industry|(?:a )?(?:brands?|stores?|shops?) like (?:us|ours))\b|一般(?:的)?电商|电商(?:的)?(?:平均|一般|通常|正常)|(?:泳装|泳衣|服装|服饰|同类|国外|国内|各大|主流)品牌|行业|业内|同行|友商|别家|其他(?:商家|卖家|店铺|店家|网店)|整个?[\p{Script=Han}]{0,4}市场|大环境|市场(?:行情|趋势|平均|排名|地位|格局|容量|价格)|(?:泳装|泳衣|服装|服饰|电商|跨境)市场/iu;

/** The economy, currencies and share prices: news, not the store's records. */
const WORLD =
  /\beconom(?:y|ic|ics)\b|\brecession\b|\bconsumer (?:confidence|sentiment|spending|price index)\b|\bcpi\b|\binterest rates?\b|\bcost[- ]of[- ]living\b|\bcurrenc(?:y|ies)\b|\bforex\b|\bfx rates?\b|\b(?:usd|eur|gbp|cad|aud|cny|rmb|dollar|euro|pound|yuan)s?\s*(?:to|\/|vs\.?|against|versus)\s*(?:the\s+)?(?:usd|eur|gbp|cad|aud|cny|rmb|dollar|euro|pound|yuan)s?\b|\bstock (?:prices?|quotes?|tickers?|markets?)\b|\bshare prices?\b|\bmarket cap(?:itali[sz]ation)?\b|\bnasdaq\b|\bs&p\b|\bdow jones\b|\belections?\b|\bpolitic(?:s|al)\b|\bwars?\b|\bpandemic\b|\bcovid\b|选举|大选|政治|战争|疫情|通货膨胀|经济|衰退|消费(?:者)?信心|(?<!购)物价|(?<![毛净])利率|加息|降息|股价|股票|美股|港股|A股|纳斯达克|道琼斯|标普|市值|汇率|外汇|美元兑|兑(?:美元|欧元|英镑|人民币)/i;

/** Where people post: not a traffic source's sessions, but what is said there. Amazon's reviews are ours. */
const PLATFORM_EN = String.raw`(?:instagram|insta|ig|tiktok|reddit|twitter|x|facebook|fb|pinterest|youtube|threads|social(?: media)?|socials|the internet|online forums?|forums?)`;
const SOCIAL_TALK = new RegExp(
  String.raw`\b(?:on|across)\s+${PLATFORM_EN}\b[^.?!]{0,40}\b(?:say(?:ing)?|said|think|thinks|feel|talk(?:ing)?|opinions?|comments?|feedback|buzz|mentions?|reactions?|posts?|posting)\b|\b(?:people|users|customers|folks|everyone|anyone|fans)\b[^.?!]{0,30}\b(?:say(?:ing)?|said|think|thinks|talk(?:ing)?|post(?:ing)?|comment(?:ing)?)\b[^.?!]{0,30}\b(?:on|across)\s+${PLATFORM_EN}\b|(?:小红书|微博|抖音|快手|[Bb]站|哔哩哔哩|知乎|ins|Instagram|TikTok|推特|脸书|Facebook|Reddit|油管|YouTube|社交媒体|社媒|网上|论坛)上?[^，。？?]{0,12}(?:评价|怎么说|怎么看|说什么|讨论|吐槽|口碑|评论|反馈|热度|声量|提到|提及)`,
  'i',
);

/** How often people searched for the brand: search engines' own figures, not the sessions they sent. */
const SEARCHES =
  /\b(?:people|users|shoppers|customers|folks|times|often|anyone|consumers)\b[^.?!]{0,25}\b(?:search(?:ed|es|ing)?|googl(?:ed|ing))\b(?! (?:traffic|sessions?|visits?|ads?|campaigns?))|\b(?:search(?:ed|es|ing)?|googl(?:ed|ing)) for (?:our|us|the brand|swimwear|bikinis?|["'“])|(?:搜索|搜)(?:我们|本店|品牌|我们的品牌)|搜索(?:量|次数|人数)|搜的人/i;

/** Standing elsewhere: search rankings and third-party ratings of the store (not our products' own reviews). */
const ELSEWHERE =
  /\bseo(?: (?:rank(?:ing|ings)?|positions?|scores?))?\b|\bsearch (?:engine )?(?:rank(?:ing|ings)?|positions?)\b|\brank(?:ing|ed)?\b[^.?!]{0,12}\b(?:on|in) (?:google|bing|search(?: results)?)\b|\b(?:google|bing) (?:rank(?:ing)?s?|positions?)\b|\bdomain (?:authority|rating)\b|\b(?:seller|store|shop|merchant|feedback) (?:ratings?|scores?)\b|\btrustpilot\b(?: (?:ratings?|scores?|reviews?))?|\bgoogle (?:reviews?|ratings?)(?: scores?)?\b|\byelp\b|(?:在)?(?:谷歌|百度|必应|搜索引擎)上?的?(?:搜索)?(?:排名|排第几|位置)|店铺(?:评级|评分|等级)|卖家(?:评级|评分)|商家评分/i;

/** Holidays no table dates: a country's public or school holidays, "which holidays", 暑假. A campaign is another thing. */
const HOLIDAYS =
  /\b(?:public|school|bank|national|federal|religious|local) (?:holidays?|vacations?|breaks?)\b|\bwhich (?:holidays|festivals)\b|\bholidays in (?:the )?(?:us|uk|usa|canada|australia|france|other countries|each country)\b|法定(?:节)?假日|公共假期|学校假期|寒暑假|暑假|寒假|哪些节日|哪个节日/i;

/** "I don't need a forecast", "no projections please", "不用预测": a forecast turned down, not asked for. */
const DECLINED_FORECAST =
  /\b(?:i |we )?(?:don['’]?t|do not|dont|no need to|won['’]?t) (?:need|want|ask for|care about|make)? ?(?:a |any )?(?:forecasts?|predictions?|projections?|estimates?)\b|\bno (?:forecasts?|predictions?|projections?)(?: (?:needed|please|pls|required))?\b|\bnot (?:a |any )?(?:forecasts?|predictions?|projections?)\b|(?:不用|不要|不需要|无需|别|不必|不是要?)(?:做|给)?(?:预测|预估|估算)/gi;

/** The question with a turned-down forecast blanked, so "forecast" in it asks for nothing. */
export function withoutDeclinedForecast(q: string): string {
  return q.replace(DECLINED_FORECAST, ' ');
}

/** What outside the data the question asks about, if anything: the future, the world, or what people post. */
export function outsideData(q: string): Outside | undefined {
  if (SOCIAL_TALK.test(q)) return { unsupported: 'not_in_data', lacking: 'sentiment' };
  if (SEARCHES.test(q)) return { unsupported: 'not_in_data', lacking: 'search_trends' };
  if (MARKET.test(q)) return { unsupported: 'not_in_data' };
  const elsewhere = ELSEWHERE.exec(q);
  if (elsewhere) return { unsupported: 'not_in_data', unknown: elsewhere[0].replace(/^在/, '') };
  const holiday = HOLIDAYS.exec(q);
  if (holiday) return { unsupported: 'not_in_data', unknown: holiday[0].replace(/^which\s+|^哪(?:些|个)/i, '') };
  if (WORLD.test(q)) return { unsupported: 'off_topic' };
  const why = WHY.test(q);
  if (WHAT_IF_EN.test(q) || WHAT_IF_ZH.test(q)) return { unsupported: 'future' };
  const willBe = WILL_EN.test(q) && !STILL_CHANGING.test(q);
  if (willBe || FUTURE_EN.test(q) || TARGET_EN.test(q) || FUTURE_ZH.test(q) || (!why && WILL_ZH.test(q)))
    return { unsupported: 'future' };
  return undefined;
}
