// The words tables and charts show beyond the vocabulary's channels and metrics: column names, the values
// tools put in cells (cause kinds, confidence, devices, customer types) and the drivers of a change.
// One lookup, termLabel, serves chart builders (server) and table headers and cells (UI).
import { CHANNEL_LABELS, type Labels, type Language, METRIC_LABELS, METRIC_UNITS, type Unit } from './vocabulary.ts';

const L = (en: string, zh: string): Labels => ({ en, zh });

/** Column ids the templates return and values they write into cells. */
export const TERM_LABELS: Readonly<Record<string, Labels>> = {
  rank: L('Rank', '排名'),
  kind: L('Kind', '类型'),
  segment: L('Segment', '细分'),
  title: L('Description', '说明'),
  effect: L('Effect', '影响'),
  share: L('Share', '占比'),
  confidence: L('Confidence', '可信度'),
  evidence: L('Evidence', '依据'),
  value: L('Value', '数值'),
  previous: L('Previous', '上期'),
  current: L('Current', '本期'),
  change: L('Change', '变化'),
  change_pct: L('Change %', '变化率'),
  contribution: L('Contribution', '贡献'),
  label: L('Label', '标签'),
  metric: L('Metric', '指标'),
  channel: L('Channel', '渠道'),
  storefront: L('Storefront', '店铺'),
  country: L('Country', '国家'),
  device: L('Device', '设备'),
  source: L('Traffic source', '流量来源'),
  source_type: L('Source type', '来源类型'),
  customer_type: L('Customer type', '客户类型'),
  category: L('Category', '品类'),
  subcategory: L('Subcategory', '子品类'),
  product: L('Product', '商品'),
  product_name: L('Product', '商品'),
  sku: L('SKU', 'SKU'),
  day: L('Day', '日期'),
  week: L('Week', '周'),
  month: L('Month', '月份'),
  quarter: L('Quarter', '季度'),
  period_start: L('Period', '时间'),
  cohort: L('First-order month', '首单月份'),
  customers: L('Customers', '客户数'),
  customer_share: L('Share of customers', '客户占比'),
  revenue: L('Revenue', '收入'),
  revenue_share: L('Share of revenue', '收入占比'),
  avg_orders: L('Orders per customer', '人均订单'),
  avg_revenue: L('Revenue per customer', '人均收入'),
  avg_recency_days: L('Days since last order', '距上次下单天数'),
  high_value_customers: L('High-value customers', '高价值客户'),
  stock_now: L('Stock now', '当前库存'),
  days_out_of_stock: L('Days out of stock', '缺货天数'),
  days_in_period: L('Days in period', '期间天数'),
  est_lost_units: L('Est. lost units', '估计损失件数'),
  est_lost_sales: L('Est. lost sales', '估计损失销售额'),
  rate_basis: L('Rate basis', '估算依据'),
  returns: L('Returns', '退货数'),
  reason: L('Reason', '原因'),
  top_reason: L('Top reason', '主要原因'),
  return_rate_previous: L('Return rate (previous)', '上期退货率'),
  return_rate_change_pp: L('Return rate change (pp)', '退货率变化(百分点)'),
  refunds_share_of_sales: L('Refunds / sales', '退款占销售额'),
  discounts: L('Discounts', '折扣金额'),
  campaign_id: L('Campaign ID', '活动编号'),
  campaign_name: L('Campaign', '营销活动'),
  campaign_type: L('Campaign type', '活动类型'),
  budget: L('Budget', '预算'),
  start_date: L('Start', '开始日期'),
  end_date: L('End', '结束日期'),
  baseline_daily: L('Baseline per day', '基线日均'),
  baseline_days: L('Baseline days', '基线天数'),
  baseline_note: L('Baseline note', '基线说明'),
  campaign_daily: L('Campaign per day', '活动期日均'),
  incremental_sales: L('Incremental sales', '增量销售额'),
  lift: L('Lift', '提升'),
  lift_measured_on: L('Lift measured on', '提升衡量口径'),
  roas: L('ROAS', '广告支出回报率'),
  roi: L('ROI', '投资回报率'),
  viewed: L('Viewed a product', '浏览商品'),
  carted: L('Added to cart', '加入购物车'),
  purchased: L('Purchased', '购买'),
  view_rate: L('View rate', '浏览率'),
  cart_rate: L('Cart rate', '加购率'),
  checkout_rate: L('Checkout rate', '结账率'),
  session_conversion: L('Session conversion', '会话转化率'),
  session_conversion_previous: L('Session conversion (previous)', '上期会话转化率'),
  stage: L('Stage', '环节'),
  group: L('Customers', '客户'),
  horizon: L('Within', '时间窗'),
  days: L('Days', '天数'),
  // Cause kinds and confidence in explain_change's table.
  stockout: L('Stock-out', '缺货'),
  campaign_start: L('Campaign start', '活动开始'),
  campaign_end: L('Campaign end', '活动结束'),
  price_increase: L('Price increase', '涨价'),
  price_decrease: L('Price decrease', '降价'),
  traffic_drop: L('Traffic drop', '流量下降'),
  traffic_surge: L('Traffic surge', '流量激增'),
  channel_outage: L('Channel outage', '渠道中断'),
  returns_spike: L('Returns spike', '退货激增'),
  rating_drop: L('Rating drop', '评分下降'),
  seasonality: L('Seasonality', '季节性'),
  mix_shift: L('Mix shift', '结构变化'),
  high: L('High', '高'),
  medium: L('Medium', '中'),
  low: L('Low', '低'),
  // Devices, customer types and traffic sources.
  desktop: L('Desktop', '桌面端'),
  mobile: L('Mobile', '移动端'),
  tablet: L('Tablet', '平板'),
  new: L('New', '新客'),
  returning: L('Returning', '老客'),
  direct: L('Direct', '直接访问'),
  search: L('Search', '搜索'),
  social: L('Social', '社交媒体'),
  email: L('Email', '邮件'),
  referral: L('Referral', '外链推荐'),
  paid_social: L('Paid social', '付费社交'),
  paid_search: L('Paid search', '付费搜索'),
  organic_search: L('Organic search', '自然搜索'),
  // RFM segments, funnel stages and the warehouse's return reasons.
  champions: L('Champions', '核心客户'),
  loyal: L('Loyal', '忠诚客户'),
  needs_attention: L('Needs attention', '需关注'),
  at_risk: L('At risk', '流失风险'),
  lost: L('Lost', '已流失'),
  sessions_stage: L('Sessions', '访问'),
  ordered: L('Ordered', '下单'),
  'Size too small': L('Size too small', '尺码偏小'),
  'Size too large': L('Size too large', '尺码偏大'),
  'Not as pictured': L('Not as pictured', '与图片不符'),
  'Quality issue': L('Quality issue', '质量问题'),
  'Changed my mind': L('Changed my mind', '不想要了'),
  'Arrived damaged': L('Arrived damaged', '到货破损'),
  // The drivers a change is split into.
  units_per_order: L('Units per order', '每单件数'),
  avg_unit_price: L('Average unit price', '平均单价'),
  'rate within segments': L('Rate within segments', '细分内比率变化'),
  'mix between segments': L('Mix between segments', '细分间结构变化'),
  total: L('Total', '合计'),
  increase: L('Increase', '增加'),
  decrease: L('Decrease', '减少'),
  event: L('Event', '事件'),
  everything: L('Everything', '全部'),
  user_level: L('User level', '会员等级'),
  days_of_cover: L('Days of cover', '可售天数'),
  period: L('Period', '时期'),
};

/** Ratio-valued columns beyond the metrics: shown as percentages. */
const RATIO_COLUMN = /(^|_)(share|rate|pct|lift|roi|conversion|contribution)(_|$)|_share_of_/;
const MONEY_COLUMN = /(^|_)(sales|revenue|refunds|discounts|budget|aov|price)(_|$)/;

/** "days_out_of_stock" → "Days out of stock": the last resort for an id no dictionary knows. */
export function humanize(id: string): string {
  const s = id.replace(/_+/g, ' ').trim();
  return s ? s[0]!.toUpperCase() + s.slice(1) : id;
}

/** A column id, metric, channel or cell value in `lang`; undefined when no dictionary knows it. */
export function knownTerm(id: string, lang: Language): string | undefined {
  if (Object.hasOwn(METRIC_LABELS, id)) return METRIC_LABELS[id as keyof typeof METRIC_LABELS][lang];
  if (Object.hasOwn(CHANNEL_LABELS, id)) return CHANNEL_LABELS[id as keyof typeof CHANNEL_LABELS][lang];
  if (Object.hasOwn(TERM_LABELS, id)) return TERM_LABELS[id]![lang];
  return undefined;
}

/** A column id in words, e.g. termLabel('days_out_of_stock', 'zh') = '缺货天数'. */
export function termLabel(id: string, lang: Language): string {
  return knownTerm(id, lang) ?? humanize(id);
}

/** Both languages of a term, for chart builders that carry both. */
export function termLabels(id: string): Labels {
  return { en: termLabel(id, 'en'), zh: termLabel(id, 'zh') };
}

/** How a column's numbers read, from its id: the metric's own unit, else by its name; undefined for plain numbers. */
export function columnUnit(id: string): Unit | undefined {
  if (Object.hasOwn(METRIC_UNITS, id)) return METRIC_UNITS[id as keyof typeof METRIC_UNITS];
  if (/_pp$/.test(id)) return undefined;
  if (RATIO_COLUMN.test(id)) return 'ratio';
  if (MONEY_COLUMN.test(id)) return 'money';
  return undefined;
}
