// Refusals, "the data cannot answer" replies and suggested follow-up questions, in both languages.
// Suggestions carry no figures (only period names), so they never count as ungrounded numbers.
import { dayParts, isMonthStart, latestFullMonth, monthPeriod } from '../../../calendar/index.ts';
import type { DataRange } from '../../../tools/types.ts';
import { metricName, periodLabel } from './format.ts';
import type { Intent } from '../intent.ts';
import { lackingSuggestions, lackingText } from './lacking.ts';

const CAN_DO_EN =
  'I can answer questions about sales, orders, AOV, traffic and conversion, returns and refunds, margin, campaigns, prices, stock and customer segments, by channel, country, category, device or traffic source.';
const CAN_DO_ZH =
  '我可以回答关于销售额、订单量、客单价、流量和转化率、退货和退款、毛利、营销活动、调价、库存和客户分层的问题，并可按渠道、国家、品类、设备或流量来源拆分。';

export function refusal(i: Intent): string {
  const zh = i.language === 'zh';
  switch (i.refuse) {
    case 'personal_data':
      return zh
        ? '抱歉，我不能提供个人信息（如客户的邮箱、电话、地址、用户名或登录凭据），这些数据不会离开数据库。我可以给出汇总数据，例如各国家的客户数、新老客结构或 RFM 客户分层的人数和销售额。'
        : "Sorry, I can't share personal data such as customers' emails, phone numbers, addresses, usernames or login details: it never leaves the database. I can give aggregates instead, such as customers by country, new vs returning customers, or RFM segments with their counts and revenue.";
    case 'write':
      return zh
        ? '抱歉，我只能读取数据，不能删除、修改或新增任何记录。' + CAN_DO_ZH
        : "Sorry, I only read the data: I can't delete, change or add records. " + CAN_DO_EN;
    default:
      return zh
        ? '抱歉，我不能更改自己的工作规则，也不能透露内部指令。' + CAN_DO_ZH
        : "Sorry, I can't change how I work or reveal my instructions. " + CAN_DO_EN;
  }
}

/** One line for the refused part of a mixed request; the legitimate part is answered below it. */
export function partialRefusal(reason: NonNullable<Intent['refuse']>, lang: 'en' | 'zh'): string {
  const zh = lang === 'zh';
  if (reason === 'personal_data') {
    return zh
      ? '你请求中涉及个人信息的部分（客户的邮箱、电话、地址、用户名等）我不能提供，这部分已拒绝；下面只回答数据分析部分。'
      : "I can't include the personal data you asked for (customers' emails, phone numbers, addresses or usernames), so I refused that part; here is the rest of your question.";
  }
  if (reason === 'write') {
    return zh
      ? '我只能读取数据，不能修改或删除，这部分请求已拒绝；下面只回答数据分析部分。'
      : "I can't change or delete data (I only read it), so I refused that part; here is the rest of your question.";
  }
  return zh
    ? '请求中夹带的指令（改变规则、运行额外查询）我不会执行，这部分已拒绝；下面只回答数据分析部分。'
    : "I won't follow the extra instructions embedded in your message (changing my rules or running other queries), so I refused that part; here is the rest of your question.";
}

export function unsupported(i: Intent, data: DataRange): string {
  const zh = i.language === 'zh';
  switch (i.unsupported) {
    case 'future':
      return zh
        ? `数据无法回答这个问题：数据只覆盖 ${data.minDate} 至 ${data.maxDate}，截止于 ${data.maxDate}，不包含未来或预测数据。我可以展示截至 ${data.maxDate} 的趋势或同比变化。`
        : `The data cannot answer that: it covers ${data.minDate} to ${data.maxDate} and ends at ${data.maxDate}, so it holds nothing about the future and I don't make forecasts. I can show the trend up to ${data.maxDate} or how it compares with last year.`;
    case 'before_data':
      return zh
        ? `数据无法回答这个问题：数据从 ${data.minDate} 开始，到 ${data.maxDate} 结束，更早的时期没有数据。`
        : `The data cannot answer that: it starts on ${data.minDate} (and ends at ${data.maxDate}), so there is nothing for that earlier period.`;
    case 'off_topic':
      return zh
        ? `数据无法回答这个问题：这超出了数据的范围，数据库只有本店的销售、订单、流量、商品、营销活动和退货数据（${data.minDate} 至 ${data.maxDate}），没有天气、新闻或市场行情等外部信息。` +
            CAN_DO_ZH
        : `The data cannot answer that: it is outside what the data covers, which is only the store's sales, orders, traffic, products, campaigns and returns (${data.minDate} to ${data.maxDate}), nothing external such as weather, news or markets. ` +
            CAN_DO_EN;
    case 'not_in_data':
      if (i.lacking) return lackingText(i.lacking, i.language) + (zh ? CAN_DO_ZH : ' ' + CAN_DO_EN);
      if (i.unknown && i.unknownPlace)
        return zh
          ? `我无法计算“${i.unknown}”的数字：数据中没有线下或实体店的记录，本店的销售全部在线上（官网、亚马逊和其他平台，${data.minDate} 至 ${data.maxDate}），我不会用线上的数字来代替。` +
              CAN_DO_ZH
          : `I can't compute figures for “${i.unknown}”: the data has no physical or in-store sales, every sale is online (own website, Amazon and other marketplaces, ${data.minDate} to ${data.maxDate}), and I won't answer with online figures in their place. ` +
              CAN_DO_EN;
      if (i.unknown)
        return zh
          ? `我无法计算“${i.unknown}”：数据中没有这方面的记录（只有本店线上的订单、流量、商品、营销活动、评价、库存和退货，${data.minDate} 至 ${data.maxDate}），我不会用别的指标来代替。` +
              CAN_DO_ZH
          : `I can't compute “${i.unknown}”: the data has no input for it (it holds only our online store's orders, traffic, products, campaigns, reviews, stock and returns, ${data.minDate} to ${data.maxDate}), and I won't answer with a different metric in its place. ` +
              CAN_DO_EN;
      return zh
        ? `数据无法回答这个问题：数据库只有本店自己的订单、流量、商品、营销活动、评价和退货数据（${data.minDate} 至 ${data.maxDate}），没有竞争对手、其他品牌、整体市场或天气等外部信息，我不会用本店的数字来代替。` +
            CAN_DO_ZH
        : `The data cannot answer that: it holds only our own store's orders, traffic, products, campaigns, reviews and returns (${data.minDate} to ${data.maxDate}), nothing about competitors, other brands, the wider market or the weather, and I won't substitute our own figures. ` +
            CAN_DO_EN;
    default:
      return zh
        ? '抱歉，我没有理解这个问题。' + CAN_DO_ZH + '例如可以问：'
        : "Sorry, I didn't understand that question. " + CAN_DO_EN + ' For example:';
  }
}

/** When working on a question went wrong inside the model: plain words, no internals, and a way on. */
export function trouble(language: 'en' | 'zh'): string {
  return language === 'zh'
    ? '抱歉，处理这个问题时出了点问题，我没能给出答案。请换个说法再问一次，或者问别的问题；这不影响对话里的其他问题。'
    : 'Sorry, something went wrong while I worked on that question, so I have no answer for it. Please rephrase it or ask another question; the rest of the conversation is not affected.';
}

/** Two to four questions that follow from this one. */
export function suggestions(i: Intent, data: DataRange): string[] {
  const zh = i.language === 'zh';
  const period = periodLabel(i.period.start, i.period.end, i.language);
  const m = metricName(i.metric, i.language);
  if (i.kind === 'unsupported' && i.lacking) return lackingSuggestions(i.lacking, i.language);
  if (i.kind === 'refuse' || i.kind === 'unsupported' || i.kind === 'pasted_sql') {
    const near = heldPeriod(i.period, data);
    const last = periodLabel(near.start, near.end, i.language);
    return zh
      ? [
          `${last}的销售额环比变化如何？`,
          `${last}各渠道的销售额`,
          `为什么${last}的销售额变化了？`,
          `${last}哪些产品卖得最好？`,
        ]
      : [
          `How did sales in ${last} compare with the month before?`,
          `Sales by channel in ${last}`,
          `Why did sales change in ${last}?`,
          `Which products sold best in ${last}?`,
        ];
  }
  const out: string[] = [];
  const add = (en: string, cn: string) => out.push(zh ? cn : en);
  if (i.kind === 'free_sql' && i.free) {
    const by = i.free.by;
    if (i.free.subject === 'reviews') {
      if (by !== 'category') add(`Average rating by category in ${period}`, `${period}各品类的平均评分`);
      if (by !== 'product') add(`Lowest-rated products in ${period}?`, `${period}评分最低的产品是哪些？`);
      if (by !== 'rating') add(`Star rating distribution in ${period}`, `${period}的评分分布`);
    } else {
      if (by !== 'payment_method') add(`Orders by payment method in ${period}`, `${period}各支付方式的订单数`);
      if (by !== 'order_status') add(`Orders by order status in ${period}`, `${period}的订单状态分布`);
      add(`Return reasons in ${period}`, `${period}的退货原因`);
    }
    if (!i.filters.channel) add(`Only Amazon?`, `只看亚马逊呢？`);
    return out.slice(0, 4);
  }
  if (i.kind === 'campaigns') {
    add(`Which campaign had the best ROAS in ${period}?`, `${period}哪个营销活动的 ROAS 最高？`);
    add(`Which campaign had the lowest ROAS in ${period}?`, `${period}哪个营销活动的 ROAS 最低？`);
    add(`Conversion funnel by device in ${period}`, `${period}按设备看转化漏斗`);
    add(`Why did net sales change in ${period}?`, `为什么${period}的销售额发生了变化？`);
    return out;
  }
  if (i.kind === 'funnel') {
    if (i.dimension !== 'device') add(`Conversion funnel by device in ${period}`, `${period}按设备看转化漏斗`);
    if (i.dimension !== 'source')
      add(`Conversion funnel by traffic source in ${period}`, `${period}按流量来源看转化漏斗`);
    add(`Why did the conversion rate change in ${period}?`, `为什么${period}的转化率发生了变化？`);
    add(`Campaign ROAS in ${period}`, `${period}各营销活动的 ROAS`);
    return out.slice(0, 4);
  }
  if (i.kind !== 'why') add(`Why did ${m} change in ${period}?`, `为什么${period}的${m}发生了变化？`);
  if (i.kind !== 'breakdown') add(`${cap(m)} by channel in ${period}`, `${period}按渠道看${m}`);
  else if (i.dimension !== 'country') add(`${cap(m)} by country in ${period}`, `${period}各国家的${m}`);
  if (i.kind !== 'top') add(`Which products drove it?`, `哪些产品变化最大？`);
  if (i.kind !== 'trend') add(`Show it by week`, `按周看走势`);
  else add(`And the same period last year?`, `去年同期呢？`);
  if (!i.filters.channel) add(`Only Amazon?`, `只看亚马逊呢？`);
  if (!i.compare_to || i.compare_to !== 'previous_year') add(`How does it compare with last year?`, `同比变化如何？`);
  void data;
  return out.slice(0, 4);
}

/**
 * The period follow-ups may name: the one asked about when the data holds it; else the nearest month the data holds in
 * full with the month before it too (the follow-ups compare with it): its second for a period reaching back before the
 * data, its latest for one reaching past it.
 */
function heldPeriod(p: { start: string; end: string }, data: DataRange): { start: string; end: string } {
  if (p.start < data.minDate) {
    const { y, m } = dayParts(data.minDate);
    const second = monthPeriod(y, (isMonthStart(data.minDate) ? m : m + 1) + 1);
    return { start: second.from, end: second.to };
  }
  if (p.end > data.maxDate) {
    const m = latestFullMonth(data);
    return { start: m.from, end: m.to };
  }
  return p;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
