// A question that needs an input the warehouse does not hold: the answer names the missing input first and
// offers the nearest questions the data can answer, instead of answering another question in its place.
import type { Lacking } from '../intent.ts';

interface Text {
  en: string;
  zh: string;
  /** The nearest answerable questions, English and Chinese, without figures. */
  nearest: [string, string][];
}

const TEXT: Record<Lacking, Text> = {
  event_dates: {
    en:
      "Prime Day has no fixed date (Amazon sets it each year) and the data does not hold its dates, so I can't " +
      'tell which days to count. Name the days as a date range and I will read that span.',
    zh: 'Prime Day（亚马逊会员日）没有固定日期，每年由亚马逊另定，数据中也没有它的日期，所以我无法确定该统计哪几天。请给出具体的起止日期，我就按这段时间来查。',
    nearest: [
      ['Sales by day in July', '按天看7月的销售额'],
      ['Amazon sales by week', '按周看亚马逊渠道的销售额'],
      ['Sales by channel last month', '上个月各渠道的销售额'],
    ],
  },
  ad_spend: {
    en:
      'The data has no ad spend by traffic source, country or product (budgets exist only per ' +
      "marketing campaign), so I can't compute ROAS, ROI or cost per click or per customer for that.",
    zh: '数据中没有按流量来源、国家或产品划分的广告花费（只有每个营销活动的预算），所以我无法计算这方面的 ROAS、ROI、单次点击成本或获客成本。',
    nearest: [
      ['ROAS and ROI of each campaign (from its budget)', '各营销活动的 ROAS 和 ROI（按活动预算计算）'],
      ['Sessions and conversion rate by traffic source', '各流量来源的访问量和转化率'],
      ['Sales by traffic source', '各流量来源的销售额'],
    ],
  },
  search_trends: {
    en: "The data has no search-interest data (such as Google Trends), so I can't show how often people searched.",
    zh: '数据中没有搜索热度数据（如谷歌趋势），所以我无法给出搜索热度。',
    nearest: [
      ['Sessions from Google by week', '按周看来自谷歌的访问量'],
      ['Conversion rate of search traffic', '搜索流量的转化率'],
      ['Sales trend by month', '按月看销售额走势'],
    ],
  },
  sentiment: {
    en: "The data has no social-media posts or sentiment scores, so I can't measure sentiment.",
    zh: '数据中没有社交媒体内容或情绪数据，所以我无法衡量舆情或情绪。',
    nearest: [
      ['Average review rating by category', '各品类的平均评分'],
      ['Lowest-rated products', '评分最低的产品'],
      ['Sessions from social traffic sources', '来自社交媒体的访问量'],
    ],
  },
  net_profit: {
    en:
      "The data has no shipping, overhead or marketing costs per order (only the cost of goods), so I can't " +
      'compute net profit; gross margin is the nearest measure it supports.',
    zh: '数据中没有运费、管理费用或按订单的营销成本（只有商品成本），所以我无法计算净利润；最接近的是毛利率。',
    nearest: [
      ['Gross margin by channel', '各渠道的毛利率'],
      ['Gross margin by category', '各品类的毛利率'],
      ['Refunds and return rate', '退款和退货率'],
    ],
  },
  locations: {
    en:
      'The data has no warehouses, stock locations or inbound shipments: stock is one figure per product ' +
      "(inventory_records), so I can't split it by warehouse or site, or say what is in transit or on order.",
    zh: '数据中没有仓库、库存地点或在途采购：每个商品只有一个库存数（inventory_records），所以我无法按仓库或地点拆分库存，也无法给出在途或已订购的数量。',
    nearest: [
      ['Stock now and days of cover per SKU', '各 SKU 的当前库存和可售天数'],
      ['Which products were out of stock last month', '上个月哪些商品缺过货'],
      ['Units sold by product', '各商品的销量'],
    ],
  },
  web_analytics: {
    en:
      "I can't compute bounce rate, time on site or page views per visit: none of my tools reads how long a visit " +
      'lasted or how many pages it viewed (the visit log keeps one row per session), so I report sessions and ' +
      'conversion instead of those.',
    zh: '我无法计算跳出率、停留时长或每次访问的浏览页数：我的工具都不读取访问时长或每次访问的页面数（访问日志每次会话只有一行），最接近的是访问量和转化率。',
    nearest: [
      ['Sessions by device and traffic source', '按设备和流量来源看访问量'],
      ['Conversion rate by month', '按月看转化率'],
      ['The funnel: sessions, product views, add to cart, orders', '转化漏斗：访问、浏览商品、加购、下单'],
    ],
  },
  checkout_step: {
    en:
      "I can't compute checkouts started: the behaviour log records product views and add-to-carts, not the " +
      'checkout step, so the funnel goes from add to cart straight to an order.',
    zh: '我无法统计发起结算（开始结账）的次数：行为日志只记录浏览商品和加购，没有结算这一步，所以漏斗从加购直接到下单。',
    nearest: [
      ['The funnel: sessions, product views, add to cart, orders', '转化漏斗：访问、浏览商品、加购、下单'],
      ['Cart-to-order rate by device', '按设备看加购到下单的转化率'],
    ],
  },
  ad_delivery: {
    en:
      "I can't compute impressions, click-through rate, CPM or email opens: the data has no ad-delivery or email " +
      'logs, only campaign budgets and dates and the sessions and orders each traffic source brought.',
    zh: '我无法计算曝光量、点击率、千次展示成本或邮件打开率：数据中没有广告投放或邮件发送记录，只有营销活动的预算和日期，以及各流量来源带来的访问和订单。',
    nearest: [
      ['ROAS and ROI of each campaign (from its budget)', '各营销活动的 ROAS 和 ROI（按活动预算计算）'],
      ['Sessions and conversion rate by traffic source', '各流量来源的访问量和转化率'],
      ['Sales by traffic source', '各流量来源的销售额'],
    ],
  },
  customer_value: {
    en:
      "I can't compute customer lifetime value, acquisition cost or churn: no tool follows a customer's spend " +
      'over their lifetime or spend per acquired customer, and the data has no cancellations of a customer ' +
      'relationship. Nearest: the new/returning mix, repeat-purchase rate and retention by cohort.',
    zh: '我无法计算客户终身价值、获客成本或流失率：没有工具计算每位客户整个生命周期的消费或每获取一位客户的花费，数据中也没有客户关系终止的记录。最接近的是新老客结构、复购率和按批次的留存。',
    nearest: [
      ['New vs returning customers and repeat-purchase rate', '新老客结构和复购率'],
      ['Retention by first-order month (cohorts)', '按首单月份的留存（批次）'],
      ['Average order value by month', '按月看客单价'],
    ],
  },
  satisfaction: {
    en:
      "I can't compute NPS or a customer-satisfaction score: the data has no survey answers. Nearest: product " +
      'reviews (star ratings) and return reasons.',
    zh: '我无法计算净推荐值（NPS）或客户满意度得分：数据中没有调查问卷的回答。最接近的是商品评价（星级评分）和退货原因。',
    nearest: [
      ['Average review rating by category', '各品类的平均评分'],
      ['Lowest-rated products', '评分最低的产品'],
      ['Return reasons', '退货原因分布'],
    ],
  },
  stock_flow: {
    en:
      "I can't compute inventory turnover or sell-through: no tool values average stock or stock received over a " +
      'period. Nearest: stock on hand, days of cover and stock-outs per SKU, and units sold.',
    zh: '我无法计算库存周转率或售罄率：没有工具计算一段时间内的平均库存或入库数量。最接近的是各 SKU 的当前库存、可售天数、缺货情况和销量。',
    nearest: [
      ['Stock now and days of cover per SKU', '各 SKU 的当前库存和可售天数'],
      ['Which products were out of stock last month', '上个月哪些商品缺过货'],
      ['Units sold by product', '各商品的销量'],
    ],
  },
};

/** The first sentence of the answer: what is missing and what it stops. */
export function lackingText(l: Lacking, lang: 'en' | 'zh'): string {
  return TEXT[l][lang];
}

/** The nearest answerable questions, in the question's language. */
export function lackingSuggestions(l: Lacking, lang: 'en' | 'zh'): string[] {
  return TEXT[l].nearest.map(([en, zh]) => (lang === 'zh' ? zh : en));
}
