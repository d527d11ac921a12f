// The words staff use, English and Chinese, mapped to the shared vocabulary (metric ids, channel values, ...).
// Order inside each list matters only for overlaps: longer phrases come first.
import type { Channel, CustomerType, Device, Dimension, Kind, Lacking, MetricId, SourceType } from '../intent.ts';

export interface Entry<T> {
  re: RegExp;
  value: T;
}

const e = <T>(re: RegExp, value: T): Entry<T> => ({ re, value });

export const METRICS: Entry<MetricId>[] = [
  // "share of orders that got returned", "被退货的订单占比": the return rate asked as a share of orders, not a split.
  e(
    /\breturn[- ]?rates?\b|\breturns?\s*(?:%|pct\b|percent(?:age)?\b)|\b(?:share|percent(?:age)?|%|proportion|fraction|rate) of (?:(?:the|our|all|[\w'-]+) ){0,2}(?:orders|purchases|sales) (?:that |which )?(?:got|get|gets|were|was|are|is|have been|had been|ended up|came) (?:sent )?(?:back|returned)\b|退货率|退货比例|(?:被)?退(?:货|回)的订单(?:的)?(?:占比|比例|比率)/i,
    'return_rate',
  ),
  // "session conversion rate", "会话转化率": the rate whole, so its first word is not read as the sessions metric.
  e(
    /\b(?:visits?|sessions?|visitors?|traffic)\s*(?:-?\s*to\s*-?|->|→|=>|-)\s*(?:orders?|purchases?|sales|buys?)(?: conversion(?: rates?)?)?\b|\b(?:visit|session|visitor|traffic|site|website)[- ]conversion(?: rates?)?\b|\bconversion(?: rates?)?\b|\b(?:visits?|sessions?|visitors?)\b[^.?]{0,30}\b(?:ended|end|ends|ending|resulted|result|results|led|lead|turned|turn) (?:in|into|to) (?:an? )?(?:purchases?|orders?|sales?|buys?)\b|\bconv\b\.?(?:\s*rates?\b)?|\bcvr\b|\bconvert(?:ed|s|ing)?\b|(?:会话|访问|访客|流量|网站|独立站)(?:到下单|下单)?(?:的)?转化率|转化率|转化/i,
    'conversion_rate',
  ),
  e(
    /\bnew[- ]customer (?:share|ratio|percentage|rate)\b|\b(?:share|percentage|proportion|fraction|ratio) of (?:new|first[- ]time) (?:customers|buyers|shoppers)\b|\b(?:share|percentage|proportion|fraction|%) of (?:our |the |all )?(?:customers|buyers|shoppers)\b.{0,40}\b(?:were|are|was|is) (?:new|first[- ]time)\b|\b(?:share|percentage|proportion|fraction|%) of (?:our |the |all )?(?:customers|buyers|shoppers)\b.{0,40}\b(?:ordering|buying|shopping|ordered|bought) (?:from us )?for the first time\b|\bhow many of (?:our |the )?(?:customers|buyers) (?:were|are) new\b|新客(?:户)?(?:占比|比例|比重|的占比)|新用户(?:占比|比例)|新客户所占|(?:首次|第一次|头一次)(?:下单|购买|购物|买东西|买)的?(?:客户|顾客|买家|用户|人)(?:的)?(?:占比|比例|比重|占多少|占了多少)|(?:客户|买家)中.{0,6}新客(?:户)?(?:占|比例|多少)/i,
    'new_customer_share',
  ),
  // An amount of money ("how much did we give away in discounts", "折扣总金额", "让利") before the rate.
  e(
    /\b(?:discount|markdown)(?:s|ing)? (?:amounts?|totals?|spend|spent|dollars|value|costs?|given)\b|\b(?:total|sum of|dollar|amount of|value of|cost of) (?:the |our |all )?(?:discount|markdown)s?(?: amounts?| given)?\b|\bdollars? (?:of|in|worth of) (?:discount|markdown)s?\b|(?:\$|\busd\b|\btotal\b|\bsum\b)[^?.？。]{0,30}?\b(?:discount|markdown)s?\b(?![- ]?(?:rates?|%|percent))|\b(?:how much|what)\b[^?.？。]{0,40}?\b(?:give|gave|given|giving|hand(?:ed)? out|spen[dt]|cost|lose|lost)\b[^?.？。]{0,20}?\b(?:discount|markdown)s?\b|\b(?:discount|markdown)s?\b(?=[^?.？。]{0,40}(?:\bin dollars\b|\bin \$|\bdollar amount\b|\bhow much money\b))|\bhow much\b[^?.？。]{0,12}?\b(?:discount|markdown)s?\b(?![- ]?(?:rates?|%|percent))|\bin (?:dollar terms|dollars|\$)[^?.？。]{0,60}?\b(?:discount|markdown)s?\b|折扣(?:总)?金额|折扣总额|让利|优惠(?:总)?金额|(?:折扣|优惠|打折)[^？?。]{0,8}(?:多少钱|多少美元|金额)|(?:给|让|送|发)(?:出去?)?了?(?:多少|几)(?:钱的?)?(?:折扣|优惠)(?!率)|(?:一共|总共|合计)[^？?。]{0,6}(?:折扣|优惠)(?!率)/i,
    'discounts',
  ),
  e(/\b(?:discount|markdown)[- ]?rates?\b|\b(?:discount|markdown)(?:ing|s)?\b|折扣率|折扣|优惠力度/i, 'discount_rate'),
  e(/\bgross margin\b|\bgross profit\b|\bmargins?\b|\bprofit(?:ability|s)?\b|毛利率|毛利|利润/i, 'gross_margin'),
  e(
    /\baov\b|\baverage order (?:value|size)\b|\bbasket size\b|\b(?:avg\.?|average) (?:basket|order|ticket|cart (?:size|value))\b|\bavg\.? order value\b|\b(?:spend|spent|revenue|sales|paid) per order\b|\bper order on average\b|客单价|平均订单金额|平均客单|平均(?:每|一)(?:单|笔)|(?:每|一)(?:单|笔)(?:订单)?平均|笔单价|(?:每|一)?(?:单|笔)均价/i,
    'aov',
  ),
  e(
    /\brefund(?:s|ed)?\b|\bmoney back\b|\b(?:money|cash|dollars|\$)\b[^.?]{0,20}\b(?:handed|hand|hands|gave|give|given|paid|pay|sent|send|refunded) back\b|\b(?:handed|gave|paid|sent) back (?:to )?(?:customers|buyers|shoppers)\b|\b(?:money|cash|dollars)\b[^.?]{0,20}\b(?:returned|paid out|given back|handed back) to (?:customers|buyers|shoppers)\b|\b(?:paid|pay|pays|paying) out (?:in|for|on) returns\b|\breimburs(?:e|ed|ements?)\b|退款|退(?:还|回)?(?:给|了)*(?:客户|顾客|买家|用户|消费者|客人)?(?:了)?(?:的)?(?:多少|几)?(?:钱|款|美元|美金)|退(?:了)?款|返还(?:给)?(?:客户|顾客|买家)?(?:了)?(?:多少|几)?(?:钱|款)/i,
    'refunds',
  ),
  e(
    /\bhow many (?:(?!orders?\b)[\w'-]+ ){1,4}(?:did|do|have|has|were|are|was) (?:we |they |you )?(?:sell|sold|ship|shipped|move|moved)\b|\bhow many (?:items|pieces|units|products)\b|\bunits?(?: sold)?\b|\bitems (?:sold|we sold)\b|\bnumber of (?:items|pieces|products) sold\b|\bquantit(?:y|ies)(?: sold)?\b|\bqty\b|\bpieces\b|\bvolume sold\b|销量|件数|(?:卖|售)(?:出|掉)?[去了]*(?:多少|几)件|多少件|几件|销售件数|销售数量|售出数量|出货量/i,
    'units',
  ),
  e(
    /\bsessions?\b|\btraffic\b|\bvisits?\b|\bvisitors?\b|\b(?:visited|came to|landed on|browsed) (?:the |our )?(?:web)?(?:site|store|shop)\b|流量|访问量|访问|访客|会话|客流/i,
    'sessions',
  ),
  e(
    /\bnumber of orders\b|\border (?:count|volume)s?\b|\borders\b|订单量|订单数|单量|下单量|下单(?:的)?(?:占比|比例|份额|比重)|(?:下|出)了?(?:多少|几)单|多少单|几单|订单/i,
    'orders',
  ),
  // "退的货", "退回来的", "被退了多少单": the verb split from its object still counts returns.
  // "stuff sent back", "what ppl were sending back": returns named by what the customer did.
  e(
    /\breturns\b|\breturned\b|\b(?:sent|sending|send|sends|shipped|shipping|mailed|mailing)(?: [\w'-]+){0,2} back\b|退货(?!原因)|退的货|退回(?:来)?的|被退(?:回|了)?/i,
    'return_rate',
  ),
  e(
    /\bnet sales\b|\bgross sales\b|\bsales\b|\brevenues?\b|\brev\b|\bturnover\b|\btakings\b|\btop[- ]line\b|\bgmv\b|\bincome\b|\bsell(?:ing|s)?\b|\bsold\b|\bearn(?:ed|ings)?\b|\b(?:pull(?:ed|s)?|br(?:ing|ings|ought)|t(?:ake|akes|ook)|rak(?:e|ed|es)) in\b|\bmake\b|\bmade\b|销售额|营收|营业额|收入|业绩|销售|卖了多少|流水|成交额/i,
    'net_sales',
  ),
];

export const CHANNELS: Entry<Channel>[] = [
  e(/\bamazon\b|亚马逊|\bamz\b/i, 'amazon'),
  e(
    /\bown[- ]?(?:web)?site\b|\bour (?:own )?(?:web)?site\b|\bonline store\b|\bwebsite\b|\bweb[- ]?(?:store|shop)\b|\b(?:web|site)(?= (?:orders?|sales|revenue|customers?|buyers?|shoppers?|channel|only)\b)|\bdtc\b|\bd2c\b|\bshopify\b|\bdirect[- ]to[- ]consumer\b|独立站|官网|自营站|自建站|自有网站/i,
    'own_website',
  ),
  e(
    /\bother marketplaces?\b|\bwalmart\b|\bebay\b|\betsy\b|其他平台|其它平台|其他电商平台|沃尔玛/i,
    'other_marketplace',
  ),
];

export const COUNTRIES: Entry<string>[] = [
  e(
    /\bUnited States\b|\bU\.S\.A?\.?(?![a-z])|\bUSA\b|\bUS\b|\bAmerica\b|\bAmericans?\b|\b[Tt]he States\b|\b[Ss]tateside\b|美国|美国站|美区/,
    'United States',
  ),
  e(/\bcanad(?:a|ian)s?\b|加拿大|加区/i, 'Canada'),
  e(
    /\bUnited Kingdom\b|\bUK\b|\bU\.K\.|\bGreat Britain\b|\bGB\b|\bBritain\b|\bBritish\b|\bBrits?\b|\bEngland\b|英国|英区/i,
    'United Kingdom',
  ),
  e(/\bfrance\b|\bfrench\b|法国|法区/i, 'France'),
  e(
    /\baustralia(?:n)?s?\b|\baussies?\b|\boz\b(?= (?:customers|shoppers|buyers|orders|sales|market))|澳大利亚|澳洲|澳区/i,
    'Australia',
  ),
];

/** The top-level categories; every other category name is a sub-category of one of them. */
export const TOP_CATEGORIES: ReadonlySet<string> = new Set([
  'Swimwear',
  'Apparel',
  'Jewelry & Accessories',
  'Hats',
  'Bags',
]);

/** The top-level category each sub-category the lexicon names sits under. */
export const CATEGORY_PARENT: Readonly<Record<string, string>> = {
  "Women's Swimsuits": 'Swimwear',
  "Men's Swim Trunks": 'Swimwear',
  "Kids' Swimwear": 'Swimwear',
  'Beach Accessories': 'Swimwear',
  Bikinis: 'Swimwear',
};

/** Category names exactly as the generator writes them (level 1 or level 2). */
export const CATEGORIES: Entry<string>[] = [
  e(/\bwomen'?s swim(?:suits?|wear)\b|女士泳衣|女式泳衣|女款泳衣|女泳衣/i, "Women's Swimsuits"),
  e(/\bmen'?s swim ?trunks\b|\bswim ?trunks\b|\bboard ?shorts\b|泳裤|男士泳裤/i, "Men's Swim Trunks"),
  e(/\bkids'? swim(?:wear|suits?)\b|\bchildren'?s swim(?:wear|suits?)\b|儿童泳衣|童装泳衣|儿童泳装/i, "Kids' Swimwear"),
  e(/\bbeach accessor(?:y|ies)\b|沙滩配件|海滩配件/i, 'Beach Accessories'),
  e(/\bbikinis?\b|比基尼/i, 'Bikinis'),
  e(/\bswim(?:wear|suits?)\b|\bbathing suits?\b|泳衣|泳装/i, 'Swimwear'),
  e(/\bjewe?l(?:le)?ry\b|\baccessories\b|首饰|饰品|珠宝/i, 'Jewelry & Accessories'),
  e(/\bapparel\b|\bclothing\b|\bclothes\b|服装|服饰/i, 'Apparel'),
  e(/\bhats?\b|\bcaps?\b|帽子/i, 'Hats'),
  e(/\bbags?\b|\btotes?\b|包包|箱包|包袋/i, 'Bags'),
];

export const DEVICES: Entry<Device>[] = [
  e(
    /\bmobile(?: phones?)?\b|\bsmart ?phones?\b|\bphones?\b(?! ?numbers?)|\biphones?\b|\bandroid\b|手机(?!号)|移动端|移动设备/i,
    'mobile',
  ),
  e(/\bdesktops?\b|\bpcs?\b|\blaptops?\b|\bcomputers?\b|电脑|桌面端|台式|PC端/i, 'desktop'),
  e(/\btablets?\b|\bipads?\b|平板/i, 'tablet'),
];

export const SOURCE_TYPES: Entry<SourceType>[] = [
  e(/\bpaid social\b|\bsocial ads?\b|付费社交|社交广告/i, 'paid_social'),
  e(/\bpaid search\b|\bsearch ads?\b|\bsem\b|\bppc\b|付费搜索|搜索广告/i, 'paid_search'),
  e(/\borganic search\b|\bseo\b|自然搜索/i, 'search'),
  e(/\bsocial(?: media)?\b|社交媒体|社交/i, 'social'),
  e(/\be-?mail(?: newsletter| campaigns?| marketing| traffic)?\b|\bnewsletter\b|邮件营销|邮件/i, 'email'),
  e(/\breferrals?\b|推荐流量|外链/i, 'referral'),
  e(/\bdirect traffic\b|直接访问|直接流量/i, 'direct'),
];

/** Named traffic sources, as in traffic_sources.source_name. */
export const SOURCE_NAMES: Entry<string>[] = [
  e(/\bgoogle\b|谷歌/i, 'Google'),
  e(/\bbing\b|必应/i, 'Bing'),
  e(/\bfacebook\b|\bfb\b|脸书/i, 'Facebook'),
  e(/\binstagram\b|\binsta\b|\big\b/i, 'Instagram'),
  e(/\bpinterest\b/i, 'Pinterest'),
  e(/\btiktok\b|抖音/i, 'TikTok'),
];

export const CUSTOMER_TYPES: Entry<CustomerType>[] = [
  e(
    /\bnew (?:customers?|buyers?|users?|shoppers?)\b|\bfirst[- ]time (?:customers?|buyers?|orders?|shoppers?)\b|\bfirst[- ](?:ever )?orders?\b|新客户?|新用户|首单|首次下单/i,
    'new',
  ),
  e(
    /\breturning (?:customers?|buyers?|users?)\b|\brepeat (?:customers?|buyers?)\b|\bexisting customers?\b|老客户?|回头客|复购客户|老用户/i,
    'returning',
  ),
];

/** "by X", "按X", "各X", "哪个X", "which customer country" (the dimension as the buyer's), "客单价最低的国家", "the channel with the most orders": a request to split by a dimension. */
const BY = String.raw`(?:\bby|\bper|\bacross|\bsplit by|\bbroken down by|\bbreak(?:down)? (?:it )?(?:down )?by|\bfor each|\beach|\bwhich|\bwhat|\bvarious|\bamong)\s+(?:of\s+(?=the\s|our\s))?(?:the\s+|our\s+|top\s+)?(?:(?:customer|buyer|shopper|client)(?:'s|s'|s)?\s+)?`;
const ZH_BY = '(?:按|分|各个|各|每一个|每个|哪个|哪些|哪一个|不同)';
const EXTREME_EN = String.raw`with the (?:highest|lowest|most|least|best|worst|biggest|smallest|largest|top)`;
const EXTREME_ZH = '(?:最高|最低|最多|最少|最好|最差|最大|最小|最强|最弱|垫底|领先)的';
// "category-wise", "channel-level", "country split": the dimension named with a suffix that splits by it.
const dim = (en: string, zh: string) =>
  new RegExp(
    `${BY}(?:${en})\\b|\\b(?:${en})[- ]?(?:wise|level)\\b|\\bthe (?:${en}) ${EXTREME_EN}\\b|${ZH_BY}(?:${zh})|${EXTREME_ZH}(?:${zh})|${ZH_BY}\\s*(?:${en})\\b`,
    'i',
  );

export const DIMENSIONS: Entry<Dimension>[] = [
  e(dim('(?:product )?sub-?categor(?:y|ies)|subcats?', '子品类|子类目|二级品类|二级类目|细分品类'), 'subcategory'),
  e(dim('sales channels?|channels?|platforms?|marketplaces?|storefronts?', '渠道|平台|销售渠道'), 'channel'),
  e(dim('countr(?:y|ies)|markets?|regions?|geograph(?:y|ies)', '国家|国|市场|地区'), 'country'),
  // "who's our biggest market", "our weakest channel": the segment at one end of a split, named without "which".
  e(
    /\b(?:biggest|largest|top|best|strongest|weakest|smallest|worst|leading|main|second[- ](?:biggest|largest|best))\s+(?:markets?|countr(?:y|ies)|regions?)\b/i,
    'country',
  ),
  e(
    /\b(?:biggest|largest|top|best|strongest|weakest|smallest|worst|leading|main|second[- ](?:biggest|largest|best))\s+(?:sales )?(?:channels?|platforms?|marketplaces?)\b/i,
    'channel',
  ),
  e(
    dim(
      '(?:product )?categor(?:y|ies)|product lines?|product types?',
      '品类|类目|类别|分类|产品线|大类|一级类目|一级品类|大品类',
    ),
    'category',
  ),
  e(dim('products?|skus?|items?|styles?', '产品|商品|SKU|款|单品'), 'product'),
  e(dim('devices?|device types?', '设备|终端'), 'device'),
  e(dim('(?:traffic )?source types?|traffic types?', '来源类型|流量类型|流量来源类型'), 'source_type'),
  e(dim('traffic sources?|sources?|referrers?', '来源|流量来源|流量渠道|引流渠道'), 'source'),
  e(dim('customer types?|new (?:vs\\.?|versus|and) returning(?: customers)?', '新老客|客户类型'), 'customer_type'),
  e(dim('campaigns?', '活动|营销活动'), 'campaign'),
  e(/\bnew (?:vs\.?|versus|and|or) (?:returning|repeat|existing)\b|新客和老客|新老客户?|新客与老客/i, 'customer_type'),
];

/**
 * Return reasons by what customers say, as words the reasons contain (returns_analysis totals the reasons that
 * contain them): "sizing" covers "Size too small" and "Size too large" in any warehouse that words them so.
 */
export const RETURN_REASONS: Entry<string>[] = [
  e(
    /\bsiz(?:e|es|ing)\b|\btoo (?:small|large|big|tight|loose)\b|\b(?:did(?:n't| not)|does(?:n't| not)) fit\b|\bfit(?:ting)? (?:issues?|problems?)\b|尺码|尺寸|偏大|偏小|太大|太小|不合身/i,
    'size',
  ),
  e(/\bdamag(?:e|ed)\b|\bbroken\b|\bdefective\b|破损|损坏|坏了/i, 'damaged'),
  e(/\bquality\b|质量/i, 'quality'),
  e(/\bchang(?:e|ed|ing) (?:of |their |my |his |her )?minds?\b|改变主意|不想要了?|后悔/i, 'changed my mind'),
  e(
    /\bnot as (?:pictured|described|shown|advertised)\b|\blook(?:s|ed)? different\b|与图片不符|和图片不一样|图不符|货不对板/i,
    'not as pictured',
  ),
];

const FLAT = String.raw`\bflat\b|\blevel with\b|\bunchanged\b|\bheld (?:steady|level)\b|\bin line with\b|持平|差不多|基本不变|没什么变化|变化不大|平稳`;
const MOVED = String.raw`\bwhat (?:changed|moved|shifted|was going on)\b|\bwhich \w+(?: \w+)? (?:offset|moved|changed|shifted|cancel(?:led)?)\b|\boffset(?:ting)? each other\b|\bcancel(?:led|ing|s)? (?:each other )?out\b|\bin the mix\b|\bmoving\b|\bshift(?:s|ed)?\b|内部|结构|抵消|此消彼长|有什么变化|有哪些变化|变动|底下|背后`;

/** A funnel step's losses: "drop-off", "abandonment", "流失率", "跳失". */
export const DROP_OFF =
  /\bdrop[- ]?offs?\b|\bdropping off\b|\babandon(?:ment|ed|s)?\b|\bfall[- ]?off\b|流失|跳失|放弃(?:购买|下单|结算)?/i;

/** Words that name an analysis rather than a metric. */
export const KINDS: Entry<Kind>[] = [
  e(
    /\breturn reasons?\b|\b(?:returns?|refunds?|returned (?:orders|items)) (?:split |broken down )?(?:by|per) (?:return )?reasons?\b|\breasons? (?:for|behind|given for) (?:the )?returns?\b|\breasons?\b.{0,30}\b(?:return(?:ed|s|ing)?|(?:send|sent|sending|ship(?:ped)?|mail(?:ed)?)(?: \w+){0,2} back)\b|\bwhy (?:do |did |are |were )?(?:customers|people|buyers|shoppers|they) (?:return|send)|\b(?:return(?:ed|s|ing)?|(?:send(?:s|ing)?|sent|ship(?:s|ped|ping)?|mail(?:s|ed|ing)?)(?: [\w'-]+){0,2} back)\b.{0,40}\breasons?\b|\breturns? analysis\b|退货原因|退货分析|退(?:货|回|掉).{0,10}(?:原因|理由|缘由)|为什么(?:会)?退(?:货|回|掉)|退(?:货|回|掉)[^，。？?]{0,10}(?:是)?(?:因为|由于|为了?)(?:啥|什么|哪些|哪个|哪种)/i,
    'returns',
  ),
  e(
    /\bwhy\b|\bwhat (?:caused|happened|drove|explains|is behind|was behind|went wrong)\b|\bwhat(?:'s|’s| is| was| lies| lay) (?:really )?behind\b|\bwhat (?:made|pushed|dragged|sent|brought)\b(?=[^?.]{0,60}\b(?:fall|fell|drop|dropped|decline|slide|slid|slip|dip|sink|sank|tank|slump|go down|went down|fall off|shrink|weaken|rise|rose|jump|spike|grow|climb|down|lower|higher)\w*)|\bwhat(?:'s|’s| is| was| has)? (?:been )?(?:pull(?:ed|ing|s)?|drag(?:ged|ging|s)?|knock(?:ed|ing|s)?|weigh(?:ed|ing|s)?) (?:\w+ ){0,4}?(?:down|lower|back|on)\b|\bwhat(?:'s|’s| is| was| has)? (?:been )?(?:hurt(?:ing|s)?|hamper(?:ed|ing|s)?|held back|holding back)\b|\breasons?\b|\bcauses?\b|\bexplain\b|\bdrivers?\b|\bhow come\b|\broot cause\b|\bdue to\b|\bunderneath\b|\bbeneath\b|\b(?:under|below) the (?:hood|surface)\b|\bwhat(?:'s| is| was) (?:going on|happening)\b|\b(?:did|has|have) anything (?:move|moved|shift(?:ed)?|change)\b|\bmov(?:e|ed|ing) (?:inside|within|underneath)\b|背后|底下|内部|发生了什么|有什么(?:变动|变化|异动)|有没有(?:变动|变化|异动)|为什么|为何|为啥|为嘛|(?:咋|怎么)(?:就|会|又)?(?:掉|降|跌|少|下滑|下跌|下降|减少|变少|变差)|原因|怎么回事|归因|拖累|拖了?后腿|咋回事|什么导致|怎么了/i,
    'why',
  ),
  // "Sales were flat year on year: which segments offset each other?": a flat total asked about what moved inside it.
  e(new RegExp(`(?:${FLAT})(?=.*?(?:${MOVED}))|(?:${MOVED})(?=.*?(?:${FLAT}))`, 'i'), 'why'),
  e(
    /\bfunnel\b|\badd[- ]to[- ]cart\b|\bcheckout rate\b|\bcart rate\b|\b(?:added|adds|adding|put|puts|putting|placed)\b(?: \w+){0,3} (?:to|in|into) (?:the |a |their )?(?:shopping )?(?:cart|basket)\b|\b(?:with|had|having) (?:a |an )?(?:filled |full )?(?:shopping )?(?:cart|basket)\b|\b(?:cart|basket) abandonment\b|\b(?:carts?|baskets?)\b(?=[^.?]{0,40}\b(?:turned|turn|converted|convert|became|become|ended up|end up|made it)\b)|\b(?:carts?|baskets?)\s*(?:[- ]to[- ]|\s+to\s+|→|->|=>|>)\s*(?:orders?|purchases?|checkouts?|buys?)\b|\b(?:visitors?|sessions?|users?|shoppers?|carts?|checkouts?)\b[^.?]{0,30}\bdrop(?:ped|ping|s)?[- ]?off\b|\bdrop[- ]?offs?\b(?=[^.?]{0,30}\b(?:carts?|checkouts?|funnel|steps?|visitors?|sessions?)\b)|\b(?:cart|checkout) abandon(?:ment|ed)?\b|(?:加购|下单|结算|购物车|访问|访客|漏斗)[^，。？?]{0,10}(?:流失|跳失)率?|(?:流失|跳失)率?(?=[^，。？?]{0,8}(?:加购|下单|结算|购物车))|(?:哪一?步|哪个?(?:环节|步骤))[^，。？?]{0,6}(?:流失|掉|跳出|丢)|(?:流失|跳出)[^，。？?]{0,6}(?:哪一?步|哪个?(?:环节|步骤))|\b(?:which|what) (?:funnel )?step\b|漏斗|加购|加入(?:了)?购物车|放入(?:了)?购物车|购物车|浏览(?:了|过)?(?:商品|产品|单品)|(?:商品|产品)(?:详情页?)?(?:的)?浏览(?:量|数|次数|率)?|\b(?:product|item)(?: detail)?(?: page)? views?\b|\b(?:viewed|viewing|views?) (?:a |an |the |any |our )?(?:products?|items?)\b|\badd[- ]to[- ]carts\b|\badds? to cart\b|\b(?:views?|viewed|browsed|looked at)\b(?=[^.?]{0,80}\b(?:purchases?|purchased|bought|buy|checkouts?|ended in an? (?:order|sale))\b)|浏览(?=[^。？?]{0,30}(?:下单|购买|买了|成交))/i,
    'funnel',
  ),
  e(
    /\bcampaigns?\b|\bpromotions?\b|\bpromos?\b|\broi\b|\bmarketing performance\b|营销活动|活动效果|促销|推广活动|活动/i,
    'campaigns',
  ),
  e(
    /\bprice (?:changes?|increases?|cuts?|drops?|hikes?)\b|\bpricing\b|\belasticity\b|\brepric(?:e|ing)\b|调价|价格变化|价格变动|涨价|降价|价格弹性/i,
    'price',
  ),
  e(
    /\bstock[- ]?outs?\b|\bout[- ]of[- ]stock\b|\boos\b|\b(?:run|ran|runs|running) out(?:ta)?\b|\b(?:run|ran|runs|running|went|go|goes|gone) dry\b|\bstock(?:ed)? out\b|\b(?:zero|0|no) (?:stock|inventory)\b|\bsell(?:s|ing)? out\b|\binventory\b|\bstock (?:levels?|status|situation|position|health|on hand|check|count|take|report|update)\b|\b(?:our|the) stock\b(?! (?:market|price))|\bdays? of (?:cover|supply)\b|\bin stock\b|\bsold out\b|\bempty shel(?:f|ves)\b|\b(?:run|ran|runs|running) short\b|\bshort (?:of|on) stock\b|\bshel(?:f|ves) (?:went |were |was |ran )?(?:empty|bare)\b|\bon[- ]hand\b|\b(?:0|zero|no|none) (?:units? )?(?:left|available)\b|库存|缺货|断货|售罄|售空|卖光|存货|没货|脱销|卖断货?|断档|卖空|无货|货(?:都|全)?齐|(?:SKU|sku|商品|货|产品|款|单品)[^，。？?]{0,6}断过|缺过货|断过货|断货过/i,
    'stock',
  ),
  e(
    /\bcohorts?\b|\bretention\b|\bretained\b|\b\d+[- ]?days? repeat\b|\brepeat(?: purchase)?(?: rate)? (?:with)?in (?:\d+|seven|thirty|ninety) days\b|\brepeat(?: purchase)? rate\b(?=[^?.]{0,60}\bfirst (?:order|purchase|bought)\b)|\bfirst (?:order|purchase)\b[^?.]{0,60}\brepeat(?: purchase)? rate\b|留存|同期群|\d+\s*天(?:内)?(?:的)?(?:复购|回购)|首单(?:客户|用户|顾客)?[^，。？?]{0,12}(?:复购|回购)/i,
    'cohort',
  ),
  e(/\brfm\b|\bcustomer segments?\b|\bsegmentation\b|\bcustomer tiers?\b|客户分层|用户分层|RFM/i, 'rfm'),
  e(
    /\brepeat (?:purchase )?rate\b|\bcustomer mix\b|\bnew (?:vs\.?|versus|and|or) (?:returning|repeat)\b|复购率|复购(?:情况|表现|水平|咋样|怎么样|如何)|新老客|客户结构|回购率/i,
    'customers',
  ),
  e(
    /\boverview\b|\bsummary\b|\bkpis?\b|\bhow (?:are|did|were|is) (?:we|it|things|the business) (?:doing|going|perform)|\bperformance\b|表现|概况|总览|整体情况/i,
    'compare',
  ),
  e(
    /\bschema\b|\bwhat (?:data|tables|columns)\b|\bwhich tables\b|\bwhat can you (?:do|answer)\b|\bwhat do you know\b|\bhelp\b|表结构|有哪些数据|有什么数据|你能做什么|能回答什么|数据表|帮助/i,
    'schema',
  ),
  e(
    /\btrends?\b|\btrending\b|\bover time\b|\btrajectory\b|\btime series\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bby (?:day|week|month)\b|\bper (?:day|week|month)\b|\beach (?:day|week|month)\b|趋势|走势|变化曲线|每天|每日|每周|每月|按天|按周|按月|逐月|逐日/i,
    'trend',
  ),
  e(
    /\bvs\.?\b|\bversus\b|\bcompared?\b|\bcomparison\b|\bagainst\b|\byoy\b|\bmom\b|\bqoq\b|\byear[- ]over[- ]year\b|\bmonth[- ]over[- ]month\b|\bchange[ds]?\b|对比|比较|相比|同比|环比|变化/i,
    'compare',
  ),
];

export const GRANULARITY: Entry<'day' | 'week' | 'month'>[] = [
  e(/\bdaily\b|\bby day\b|\bper day\b|\beach day\b|\bday by day\b|每天|每日|按天|按日|逐日|日度/i, 'day'),
  e(/\bweekly\b|\bby week\b|\bper week\b|\beach week\b|\bweek by week\b|每周|按周|逐周|周度/i, 'week'),
  e(/\bmonthly\b|\bby month\b|\bper month\b|\beach month\b|\bmonth by month\b|每个?月|按月|逐月|月度|分月/i, 'month'),
];

export const REFUSE_PERSONAL =
  /\be-?mail addresse?s?\b|\be-?mails\b|\be-?mail (?:lists?|contacts|database|export)\b|\b(?:mailing|contact|customer|phone) lists?\b|\bips\b|\b(?:which|what|top|the|by|per|each) ips?\b|\bip (?:list|logs?)\b|\b(?:customer|user|buyer|their|his|her)s?'? e-?mails?\b|\bphone numbers?\b|\b(?:phone|cell|mobile|tel)\s*(?:#|nos?\b\.?|nums?\b)(?!\s*of\b)|\btelephone\b|\bmobile numbers?\b|\bcontact (?:info|details|information)\b|\b(?:shipping|home|postal|mailing|street|ip) addresse?s?\b|\baddresses\b|\bpasswords?\b|\bpassword[_ ]hash(?:es)?\b|\bhash(?:es|ed)?\b|\btokens?\b|\bcredentials?\b|\bip_address\b|\busernames?\b|\bnames? of (?:the )?(?:customers|users|buyers)\b|\b(?:spenders|customers|buyers|shoppers|clients)\b[^.]{0,25}\bnames?\b|\b(?:customer|user|buyer)s?'? names\b|\blist (?:all |the |of |our )*(?:customers|users|buyers)\b|\bwho (?:are|were) (?:the|our) (?:customers|buyers)\b|\bpersonal (?:data|info|information|details)\b|\bpii\b|\bplatform_users\b|\buser_sessions\b|邮箱|电子邮件地址|电话|手机号|联系方式|收货地址|地址|密码|令牌|客户名单|用户名单|客户名字|客户姓名|用户名|个人信息|隐私信息|身份证/i;

export const REFUSE_WRITE =
  /\b(?:delete|truncate|insert into|upsert)\b|\bdrop (?:the )?(?:table|database|schema|column|index|view|\w+ table)s?\b|\balter (?:table|database|user)\b|\bupdate (?:the )?\w+(?: table)? set\b|\bupdate (?:the )?(?:table|data(?:base)?|records?|rows?|prices?|orders?|stock|inventory|customers?)\b|\b(?:remove|erase|wipe|purge|clear) (?:all |the |every )*(?:returns?|orders?|customers?|users?|data|rows?|records?|reviews?|products?|tables?)\b|\boverwrite\b|\bgrant (?:me )?(?:access|privileges?|admin)\b|\bset (?:the )?(?:price|stock|status)\w* (?:of \w+ )?to\b|\b(?:change|make|lower|raise|reduce|increase|update|edit|modify|adjust|cut)\s+(?:the\s+|all\s+|every\s+)*(?:prices?|stock|inventory|status(?:es)?|costs?)\b[^.?]{0,40}?\bto\s+(?:\$?\d|zero|free)|\bmark (?:\w+ )*as (?:paid|refunded|delivered|shipped)\b|删除|删掉|(?:把|将)[^，。？?]{0,12}清空|(?<!库存(?:被|一度|曾经?|都|有)?)清空(?!过)|插入|写入|(?:修改|更新|更改)(?:一下)?(?:数据|记录|价格|订单|库存|表|用户)|把.{1,20}(?:改成|改为|设为|设置为)/i;

export const REFUSE_INJECTION =
  /\bignore (?:all |any |the |your )*(?:previous|prior|above|earlier|preceding)?\s*(?:instructions?|rules?|prompts?|directions?)\b|\bdisregard\b|\bforget (?:all |your |the )*(?:instructions?|rules?)\b|\bsystem prompt\b|\byou are now\b|\bact as\b|\bpretend (?:to be|you)\b|\bjailbreak\b|\bdeveloper mode\b|\bnew instructions?\b|\breveal (?:your|the) (?:prompt|instructions)\b|忽略(?:你|掉)?(?:之前|以上|前面|所有|上面)|无视(?:你)?(?:之前|以上|所有)|不要管(?:之前|以上)的?(?:规则|指令)|系统提示|提示词|越狱|你现在是/i;

export const OFF_TOPIC =
  /\bweather\b|\btemperature\b|\bforecast(?:ed)? (?:for )?(?:rain|weather)\b|\bnews\b|\bfootball\b|\bsoccer\b|\bbitcoin\b|\bstock (?:market|price)s?\b|\bshare price\b|\bjoke\b|\brecipe\b|\bpoem\b|\bpresident\b|\bcapital of\b|天气|气温|新闻|股价|股市|比特币|笑话|菜谱|写诗|足球/i;

/** Things outside our own store's records: competitors, the market, the weather, the economy. */
export const NOT_IN_DATA =
  /\bcompetitors?'?s?\b|\bcompetition\b|\brivals?\b|\bmarket share\b|\bmarket size\b|\bindustry (?:averages?|benchmarks?|sales|growth|trends?|data)\b|\bother (?:brands|retailers|stores|companies)\b|\b(?:nike|adidas|speedo|shein|zara|h&m|decathlon|lululemon|roxy|billabong|quiksilver|seafolly|aerie|temu|uniqlo|patagonia)\b|\brain(?:y|ier|fall|ed|ing|s)?\b|\bsunn(?:y|ier)\b|\bheat ?waves?\b|\bcold snaps?\b|\bsnow(?:y|ed|ing|fall)?\b|\bcloudy\b|\bstorms?\b|\bhurricanes?\b|\bclimate\b|\bweather\b|\btemperatures?\b|\binflation\b|\bexchange rates?\b|\btariffs?\b|\bgdp\b|\bunemployment\b|竞争对手|竞品|对手|同行|耐克|阿迪达斯|阿迪|速比涛|希音|优衣库|迪卡侬|市场份额|市场规模|市场[^，。？?]{0,6}(?:份额|占有率)|市占率|行业(?:平均|均值|数据|增速|趋势)|其他品牌|别的品牌|天气|气温|下雨|雨天|降雨|暴雨|大雨|雷雨|晴天|高温|酷暑|炎热|热浪|台风|寒潮|降温|下雪|气候|通胀|汇率|关税/i;

export const FUTURE =
  /\bforecast\b|\bpredict(?:ion|ed|s)?\b|\bprojections?\b|\bwill (?:we|it|sales|revenue|orders|be)\b(?! (?:still )?(?:move|change|shift|be revised|get revised|go up|creep up|be final)\b)|\bnext (?:week|month|quarter|year)\b|\bgoing to (?:be|sell|make)\b|\bin the future\b|预测|预计|明年|下个月|下月|下季度|下个季度|将会|未来/i;

export const CLAIM_DOWN =
  /\b(?:drop(?:ped|s)?|f[ae]ll|falls|falling|declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|down|lower|worse|dip(?:ped)?|slump(?:ed)?|plung(?:e|ed)|tank(?:ed)?|shr[aiu]nk|weak(?:er)?|lost|los[et]|bad)\b|下降|下滑|下跌|减少|降低|跌|变差|少了|变少|萎缩|不好/i;

export const CLAIM_UP =
  /\b(?:r[io]se|rises|rising|grow|grew|grown|growth|increas(?:e|ed|es|ing)|up|higher|jump(?:ed)?|spik(?:e|ed)|surg(?:e|ed)|boost(?:ed)?|soar(?:ed)?|better|strong(?:er)?|improv(?:e|ed))\b|上涨|上升|增长|增加|提升|涨|多了|变多|变好|提高/i;

export const CLEAR_FILTERS =
  /\boverall\b|\bin total\b|\ball (?:channels|countries|categories|devices|markets)\b|\bwhole (?:business|company|store)\b|\bwithout (?:the )?filters?\b|整体|总体|全部|所有渠道|所有国家|不限/i;

export const TOP_CUSTOMERS =
  /\b(?:top|best|biggest|most valuable|vip|loyal)(?:\s+(?:\d+|ten|five|twenty|fifty|hundred))? (?:customers|buyers|clients|spenders|shoppers)\b|大客户|高价值客户|忠实客户|VIP客户/i;

export const CUSTOMER_WORDS = /\bcustomers?\b|\bbuyers?\b|\bshoppers?\b|客户|顾客|买家|用户数/i;

/** "got it.", "明白了。": an acknowledgement before a follow-up, which then starts after it. */
export const ACKNOWLEDGED =
  /^\s*(?:(?:got it|ok(?:ay)?|thanks?(?: you)?|cool|great|right|i see|understood|makes sense|perfect|nice)\b|明白了?|了解了?|好的?|懂了|知道了|嗯+|谢谢)[\s,.!;:，。！；：、]*/i;

export const FOLLOW_UP_CUE =
  /^\s*(?:and\b|but\b|what about|how about|what of|of (?:that|those|these|this|which)\b|out of (?:that|those|these)\b|same (?:for|but|thing)|only\b|just\b|now\b|then\b|ok(?:ay)?\b|also\b|drill|zoom|show (?:it|that|me that|this|them)|break (?:it|that|this) down|split (?:it|that)|which (?:products?|ones?|items?|skus?|channels?|countr(?:y|ies)|categor(?:y|ies))|by\b|per\b|for\b|in\b|excluding|without|那|那么|那个|再|只看|只|仅|换成|改看|按|如果是|还有|具体|哪些|其中|这其中|当中|其中的)|\b(?:that|the same) (?:month|quarter|week|year|day|period)\b|那个月|那个季度|那一周|当月|当季|当周|当时|(?:呢|吗)\s*[？?]?\s*$|\b(?:instead|too|as well|then|at (?:that|the) time|back then)\s*[?？.]?\s*$|\bthe same\b|同样|也是/i;

export const DRILL =
  /\bdrill(?:ing)? (?:down )?(?:into|in to|down (?:on|to))\b|\bzoom (?:in(?:to)?|on)\b|\bdig into\b|\blook (?:closer|deeper) (?:at|into)\b|\bdeeper into\b|下钻|深入看|细看|展开看|钻取/i;

export const ORDER_BOTTOM =
  /\bworst\b|\bbottom\b(?![- ]line)|\blowest\b|\bleast\b|\bweakest\b|\bslowest[- ]selling\b|\bunderperform(?:ing|ers)?\b|\bbiggest (?:drops?|declines?|losers?)\b|\bfell the most\b|\bdropped the most\b|\bdeclined the most\b|\bdecreased the most\b|\b(?:came|come|comes|finished|ranked|placed) last\b|\bin last place\b|最后一名|最差|最低|最少|卖得最差|垫底|倒数|拉胯|最烂|最惨|后\s*\d+|下滑最多|跌得最多|降幅最大/i;

export const TOP =
  /\b(?:sold|sell|sells|selling) (?:the )?(?:most|best)\b|\bmost (?:sold|popular|bought)\b|\btop[- ]selling\b|\btop\b(?![- ]line)|\bbest(?:[- ]selling|[- ]sellers?)?\b|\bhighest\b|\bmost popular\b|\bleading\b|\branking\b|\brank\b|\bbiggest\b|\blargest\b|\bworst\b|\bbottom\b(?![- ]line)|\blowest\b|\bwhich products\b|\bwhat products\b|前\s*(?:\d+|[一二三四五六七八九十两]+)(?!\s*个?(?:月|季度|周|星期|天|日|年))|最畅销|卖得最好|排名|排行|爆款|最好|最差|最多|最高|哪些产品|哪些商品|哪个产品|哪款/i;

/** Return on ad spend and its kin: the campaigns table has a budget per campaign, nothing finer. */
export const AD_RETURN =
  /\broas\b|\broi\b|\breturn on (?:ad(?:vertising)? )?(?:spend|investment)\b|\b(?:ad|advertising|marketing|media) (?:spend|budgets?)\b|\bspen[dt] on (?:ads|advertising|marketing)\b|\b(?:(?:earn(?:ed)?|ma[dk]e|w[io]n|pa(?:y|id)) back|dollar of|worth) (?:its |the |their )?budgets?\b|\b(?:per|each|every|for every|for each) (?:ad(?:vertising)? |marketing |budget |campaign )?dollar(?: (?:of budget|spent|we spent|invested|put in))?\b|(?:\bper|\beach|\bevery|\bfor every|\bfor each|\ba) \$\s?1\b(?: of (?:budget|spend|ad spend|marketing))?|\bspen[dt] on (?:[\w-]+ ){1,2}(?:ads|advertising|marketing)\b|\b(?:ad|advertising) spend\b|\b(?:ads?|advertising) (?:cost|costs|spending)\b|\brecoup(?:ed|s|ing)?\b|\bpa(?:y|ys|id) for (?:itself|themselves)\b|\bbr(?:eak|oke) even\b|\bcost of (?:the |our )?(?:ads|advertising)\b|\b(?:spend|spent|spending|budget|investment)\b[^.?]{0,30}\bworth (?:it|the money)\b|\bworth (?:the )?(?:spend|spending|money spent|budget|investment)\b|(?:预算|投入|花费|这笔钱)[^，。？?]{0,8}(?:值不值|值得|花得值|划算|回本)|回本|广告(?:支出)?回报率?|每(?:花|投|投入|花费)\s*(?:1|一)\s*(?:美元|美金|块钱?|元)|广告(?:上)?(?:一共|总共)?花了|投放(?:上)?(?:一共|总共)?花了|投放(?:费用|金额|花费|预算)|(?:收回|赚回)(?:了)?(?:活动)?预算|预算[^。？?]{0,16}(?:赚|挣|收)回(?:来)?(?:了)?(?:几|多少)倍|投产比|投资回报率?|广告(?:花费|支出|预算)/i;

/** Costs per click or per customer: no table holds clicks' cost or spend per customer acquired. */
export const SPEND_ONLY =
  /\bcost per (?:click|acquisition|mille|thousand)\b|\bcpc\b|\bcpm\b|\bcpa\b|\bcac\b|\bcustomer acquisition costs?\b|获客成本|点击成本|单次点击/i;

/** Inputs no table holds, each with the word that asks for it. */
export const LACKING: Entry<Lacking>[] = [
  // Prime Day moves every year and no table holds its dates: not a span that can be read off a calendar.
  e(/\bprime (?:big deal )?days?\b|prime\s*day|亚马逊会员日/i, 'event_dates'),
  e(
    /\bgoogle trends\b|\bsearch (?:interest|volume|trends?|popularity)\b|\bkeyword (?:volume|trends?)\b|谷歌趋势|搜索指数|百度指数|搜索热度/i,
    'search_trends',
  ),
  e(
    /\bsentiment\b|\bbrand (?:perception|buzz|mentions?)\b|\bsocial (?:media )?(?:buzz|mentions?|chatter|listening)\b|\b(?:what|how) (?:are )?people (?:say|saying|feel|talking)\b|舆情|情绪|社交媒体(?:上的?)?(?:评价|讨论|声量)|网友(?:怎么|如何)(?:说|看)/i,
    'sentiment',
  ),
  e(
    /\bnet (?:profit|income|margin|earnings)\b|\boperating (?:profit|income|margin)\b|\bebitda?\b|\bbottom line\b|\bprofit after (?:all )?(?:costs|expenses)\b|\bprofit after (?:[\w-]+ ){0,2}(?:shipping|postage|delivery|freight|fulfil?ment|fees?|commissions?)\b|\b(?:payment|processing|transaction|card|merchant|marketplace|referral|platform) (?:processing )?(?:fees?|commissions?)\b|\b(?:profits?|margins?|earnings|income) (?:after|net of|less|minus|excluding|once we take out) (?!(?:the )?(?:discounts?|refunds?|returns?|cogs|cost of goods)\b)[\w\s&-]{1,30}?\b(?:costs?|fees?|expenses?|charges?|commissions?|overheads?|salar(?:y|ies)|wages|rent|tax(?:es)?)\b|扣(?:掉|除|去)[^，。？?]{1,10}(?:费|成本|开支|工资|租金|税)(?:用)?(?:之)?后|手续费|佣金|平台费|\b(?:shipping|postage|delivery|freight|fulfil?ment) (?:costs?|fees?|expenses?|charges?)\b|\b(?:inventory |stock )?(?:holding|carrying|storage|warehousing) costs?\b|净利润|净利率|净利|营业利润|经营利润|运费|物流(?:费|成本)|快递费|配送(?:费|成本)/i,
    'net_profit',
  ),
  e(
    // Only about stock: "the warehouse's electricity" is some other unknown measure, and "data warehouse" is ours.
    /^(?=[\s\S]*(?:\bstock|\binventor|\bunits?\b|\bitems?\b|\bpieces\b|\bskus?\b|\bproducts?\b|\bholds?\b|\bleft\b|\bon hand\b|\bsitting\b|\bbikinis?\b|\bswim|库存|件|货|剩))[\s\S]*?(?:(?<!data )\bwarehouses\b|\b(?:each|every|per|by|which|one|a|our|the) (?:of (?:our|the) )?(?:warehouse|fulfil?ment cent(?:er|re)|distribution cent(?:er|re)|depot|stock location)\b(?! (?:staff|workers?|team|employees?|hours|shifts?))|\b(?:stock|inventory) (?:by|per|at each|in each) (?:location|site|store)\b|(?:各个?|每个|哪个|分|不同)仓(?:库)?|仓库(?!员工|人员|工人)|\bin[- ]transit\b|\binbound\b(?! (?:traffic|links?|calls?|visits?|sessions?|marketing))|\bon order from\b|\b(?:open )?purchase orders?\b|在途|采购单|到货中)/i,
    'locations',
  ),
];
