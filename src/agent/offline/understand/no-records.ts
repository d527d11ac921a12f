// Parts of the business the warehouse keeps no records of, by family: customer service, carriers and customs, staff,
// the site's own uptime and speed, programmes the store keeps no list of (loyalty points, gift wrap, subscribers),
// product attributes the catalogue lacks (sizes, fabrics), the market as a whole and brands like ours. A question
// about one of them is answered with "I can't compute X" first, even when it also names a metric the tools have
// ("客服团队每人每天处理多少单" is no order count, "how far did the swimwear market grow" no sales trend). The data does
// date orders' shipping and delivery, so delivery times stay answerable; only the carrier, the parcel's journey and
// customs are unknown. Pure.

/** Each family, English and Chinese, as the question words it. */
const FAMILIES: RegExp[] = [
  // Customer service: contacts, complaints, tickets, response times.
  /\bcustomer (?:service|support|care)\b|\bsupport (?:team|tickets?|emails?|inbox|queue|agents?)\b|\bcomplaints?\b|\bhelp ?desk\b|\b(?:first )?response times?\b|客服|投诉|工单|售后咨询/i,
  // Carriers, parcels and customs: the order's journey after it ships.
  /\bcarriers?\b|\bcouriers?\b|\bparcels?\b|\bcustoms\b|\bimport duties\b|\blost (?:packages|shipments)\b|快递(?:公司)?|物流公司|承运商|包裹|丢件|清关|海关/i,
  // Staff: people, hours and pay.
  /\bpayroll\b|\bheadcount\b|\bover ?time hours?\b|\bovertime\b|\bemployees?\b|\bstaff(?:ing)?\b|\bwages?\b|\bsalar(?:y|ies)\b|员工|人力|加班|工资|薪资/i,
  // The site's own operation: uptime, outages, speed, app installs, what visitors typed into its search box.
  /\b(?:site|on-site|onsite|internal) search(?:es)?\b|\bsearch (?:terms|queries|keywords)\b|站内搜索|搜索(?:词|热词|关键词)|\buptime\b|\bdown ?time\b|\boutages?\b|\b(?:page|site) (?:load(?:ing)?|speed)\b|\bload(?:ing)? times?\b|\bapp (?:downloads?|installs?)\b|宕机|加载(?:速度|时间)|网站速度|打开速度|(?:APP|app|应用)(?:的)?下载/i,
  // Programmes and records the store does not keep: loyalty points, gift wrap, subscriber lists, fraud, ad creatives,
  // experiments, sourcing lead times.
  /\b(?:loyalty|reward|rewards|bonus) points\b|\bpoints (?:redeemed|earned|issued)\b|\bgift[- ]?wrap(?:ping|ped)?\b|\bsubscriber(?:s| list| count| base)\b|\b(?:email|newsletter|sms|mailing) list\b|\bfraud(?:ulent)?\b|\bchargebacks?\b|\b(?:ad )?creatives?\b|\ba\/b tests?\b|\bab tests?\b|\bsplit tests?\b|\blead times?\b|\bmoq\b|积分|礼品包装|礼盒包装|订阅(?:用户|人数|名单|数)|欺诈|拒付|(?:广告)?素材|(?:AB|A\/B)测试|交货周期|交期|生产周期|起订量/i,
  // Partners paid outside the campaigns table, and public events no table dates (a sports final is no campaign).
  /\baffiliates?(?: (?:commissions?|partners?|programs?|programmes?|sales|links?))?\b|\bolympics?\b|\bworld cup\b|\bsuper ?bowl\b|\bwimbledon\b|\beuros? 20\d\d\b|联盟营销|分销商|奥运(?:会)?|世界杯|欧洲杯|超级碗/i,
  // Messages the store sent: no table logs emails or texts sent, only the visits an email campaign brought.
  /\b(?:emails?|newsletters?|messages|sms|texts) (?:we |were |that were )?sent\b|\bsen[dt] (?:out )?(?:\d+ )?(?:marketing )?(?:emails|newsletters|sms|texts)\b|(?:发|发送)了?多少(?:封|条)?(?:营销)?(?:邮件|短信)|(?:邮件|短信)(?:的)?发送(?:量|数|次数)/i,
  // The brand's own accounts and footprint off the store: followers, likes, awareness, carbon.
  /\bfollowers?\b|\b(?:likes|shares|comments|views) (?:on|of) (?:our )?(?:posts?|videos?|reels?|stories)\b|\b(?:social|post|video) (?:engagement|reach)\b|\bengagement rates?\b|\bbrand (?:awareness|recognition|recall|equity)\b|\bcarbon\b|\bco2\b|\b(?:greenhouse|ghg) (?:gas )?emissions?\b|\bemissions\b|粉丝|点赞|关注(?:数|人数|量)|互动率|品牌(?:知名度|认知度|影响力)|碳(?:排放|足迹)|温室气体/i,
  // The market as a whole and brands like ours.
  /\b(?:total )?addressable market\b|\btam\b|\bmarket (?:size|growth|demand)\b|\b(?:peer|similar|comparable) brands\b|大盘|整个市场|行业规模|同类(?:\p{Script=Han}{0,4})?品牌/iu,
];

/**
 * What the catalogue does not hold about a product: sizes, fabrics, materials. A size named with returns ("returned
 * for size", "尺码问题退货") is a return reason, which the returns table does hold.
 */
const ATTRIBUTE =
  /\b(?:fabrics?|materials?|recycled[- ]fabric)\b|\b(?:which|what|each|per|by|every) sizes?\b|面料|材质|尺码/i;
const RETURNS = /\breturn|\bsent back\b|\bsizing\b|\bsize too\b|退/i;

/** The words of the question that name a part of the business no table records, if any. */
export function noRecords(q: string): string | undefined {
  for (const re of FAMILIES) {
    const m = re.exec(q);
    if (m) return m[0];
  }
  const attribute = ATTRIBUTE.exec(q);
  return attribute && !RETURNS.test(q) ? attribute[0] : undefined;
}
