// Questions no template covers (review ratings, payment methods, order and payment status...): the small set
// of shapes the offline model understands (a measure over one documented table, optionally grouped by one of
// its columns). plan/free-sql.ts turns a shape into SQL; answer/free-sql.ts reads the result back.
import type { FreeBy, FreeShape, FreeSubject } from '../intent.ts';

const REVIEWS =
  /\bwhat (?:do|did|does) (?:customers|people|buyers|shoppers) think (?:of|about)\b|\bcustomer satisfaction\b|\bsatisfaction (?:score|rating)s?\b|满意度|\b(?:ratings?|reviews?|review scores?|star ratings?|stars)\b|(?<!\b(?:return|conversion|discount|refund|cart|checkout|growth|purchase|cancellation|click|open|bounce|order|tax|exchange)[- ])\b(?:rate|rated|rating) (?:our|the|their|its|these|this|products?|items?|us)\b|\b(?:highest|lowest|best|worst|top|poorly|badly|well)[- ]rated\b|评分|评价|好评|差评|星级|打分|口碑|打[^，。？?]{0,4}星|几颗星|(?<!星期)[一二三四五1-5]星(?!期)/i;
const RATING_SPLIT =
  /\b(?:rating|star) (?:distribution|breakdown|mix)\b|\bby (?:rating|stars?)\b|\b(?:how many|number of) (?:\d|one|two|three|four|five)[- ]star\b|评分分布|星级分布|几星|各星级|[一二三四五1-5]星[^，。？?]{0,8}(?:多少|几)(?:条|个|次)|(?:多少|几)(?:条|个)[一二三四五1-5]星/i;
const ATTRIBUTES: { re: RegExp; subject: FreeSubject; by: FreeBy }[] = [
  {
    re: /\bpayment (?:methods?|types?|options?)\b|\bpaid (?:with|by|via|using)\b|\bhow (?:do|did|does) (?:[\w']+ ){0,3}pay\b|\b(?:apple|google|amazon) ?pay\b|\bpaypal\b|\bcredit[- ]cards?\b|苹果支付|信用卡|怎么(?:付款|支付|付钱)|用什么(?:付款|支付)|支付方式|付款方式|支付手段|付款渠道/i,
    subject: 'orders',
    by: 'payment_method',
  },
  { re: /\bpayment status(?:es)?\b|支付状态|付款状态/i, subject: 'orders', by: 'payment_status' },
  {
    re: /\border status(?:es)?\b|\bfulfil?ment status(?:es)?\b|订单状态|履约状态|\bcancel(?:led|lation)s?\b.{0,25}\b(?:rate|share|percentage|proportion|ratio)\b|\b(?:rate|share|percentage|proportion|fraction|portion|ratio|%|how many) of (?:our |the |all )?(?:orders )?(?:(?:were|was|got|are|get) )?cancel+(?:ed|ations?)\b|\bhow many orders (?:were|got|are|get) cancel+ed\b|取消率|退单率|(?:一共|总共|共)?取消了(?:多少|几)(?:单|笔|个?订单)|(?:多少|几)(?:单|笔|个)?订单?被?取消了?|取消(?:的)?订单(?:占比|比例|数)|(?:订单)?被取消/i,
    subject: 'orders',
    by: 'order_status',
  },
  { re: /\breturn status(?:es)?\b|退货状态|退货处理状态/i, subject: 'returns', by: 'return_status' },
];
const SIGNUPS =
  /\bsign(?:ed)?[- ]?ups?\b|\bregistrations?\b|\bregistered\b(?!\s+(?:[\w-]+\s+){0,2}(?:sales|orders|revenue|units|returns|sessions|visits|purchases)\b)|\bnew (?:accounts?|members?)\b|\bjoined\b|注册/i;
const LEVELS = /\b(?:user|member(?:ship)?|customer|loyalty) (?:levels?|tiers?)\b|会员等级|用户等级/i;

/**
 * Gross profit asked as an amount of money ("一共赚了多少毛利", "gross profit in dollars"): no tool returns it
 * (compare_periods gives the margin rate), so it is a query of our own rather than the rate in its place.
 */
const GROSS_PROFIT_AMOUNT =
  /\b(?:how much|total|dollars?|amount of)\b[^.?]{0,30}\bgross profits?\b(?![- ]?(?:margins?|rates?|%|percent))|\bgross profits?\b[^.?]{0,20}(?:\bin dollars\b|\bin \$|\bamount\b|\btotal\b)|(?:赚|挣)了?[^，。？?]{0,6}毛利(?!率)|毛利(?!率)[^，。？?]{0,6}(?:多少钱|多少美元|金额|总额|一共|总共|合计)|(?:一共|总共|合计)[^，。？?]{0,8}毛利(?!率)|毛利额/i;

/** A review question that is really about reading comments: the comments themselves are not aggregated. */
const COMMENTS =
  /\bcomments?\b|\bwhat (?:are|do|did) (?:customers|people|they) (?:say|saying|write|writing)\b|说了什么|评论内容/i;

/** The free-SQL shape a question names, if any. Dimensions already parsed (category, product) come in. */
export function freeShape(q: string, dimension: string | undefined): FreeShape | undefined {
  if (GROSS_PROFIT_AMOUNT.test(q)) return { subject: 'gross_profit', by: null };
  for (const a of ATTRIBUTES) if (a.re.test(q)) return { subject: a.subject, by: a.by };
  if (SIGNUPS.test(q))
    return { subject: 'signups', by: LEVELS.test(q) ? 'user_level' : dimension === 'country' ? 'country' : null };
  if (REVIEWS.test(q) && !COMMENTS.test(q)) {
    const by: FreeBy | null = RATING_SPLIT.test(q)
      ? 'rating'
      : dimension === 'category' || dimension === 'subcategory' || dimension === 'product'
        ? dimension
        : null;
    return { subject: 'reviews', by };
  }
  return undefined;
}
