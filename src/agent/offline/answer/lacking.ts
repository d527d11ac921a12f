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
};

/** The first sentence of the answer: what is missing and what it stops. */
export function lackingText(l: Lacking, lang: 'en' | 'zh'): string {
  return TEXT[l][lang];
}

/** The nearest answerable questions, in the question's language. */
export function lackingSuggestions(l: Lacking, lang: 'en' | 'zh'): string[] {
  return TEXT[l].nearest.map(([en, zh]) => (lang === 'zh' ? zh : en));
}
