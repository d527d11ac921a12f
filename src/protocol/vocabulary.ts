// The product's words, declared once: sales channels, metrics, value units, user roles and the two
// answer languages, each with its English and Chinese label. The lowest layer: it imports only zod,
// so the UI, the agent and the tools can all use it. The enums are marked pure so a page that imports only
// the lists, labels or detectLanguage leaves zod out of its bundle.
import { z } from 'zod';

export const LANGUAGES = ['en', 'zh'] as const;
export const Language = /* @__PURE__ */ z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** A term in each answer language. */
export type Labels = Readonly<Record<Language, string>>;

export const CHANNELS = ['own_website', 'amazon', 'other_marketplace'] as const;
export const Channel = /* @__PURE__ */ z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const METRIC_IDS = [
  'net_sales',
  'orders',
  'units',
  'aov',
  'sessions',
  'conversion_rate',
  'return_rate',
  'refunds',
  'gross_margin',
  'discount_rate',
  'discounts',
  'new_customer_share',
] as const;
export const MetricId = /* @__PURE__ */ z.enum(METRIC_IDS);
export type MetricId = z.infer<typeof MetricId>;

export const UNITS = ['money', 'count', 'ratio'] as const;
export const Unit = /* @__PURE__ */ z.enum(UNITS);
export type Unit = z.infer<typeof Unit>;

/** Ordered by what they may do: each role may do what the ones before it may. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const Role = /* @__PURE__ */ z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LANGUAGE_LABELS: Readonly<Record<Language, Labels>> = {
  en: { en: 'English', zh: '英文' },
  zh: { en: 'Chinese', zh: '中文' },
};

export const CHANNEL_LABELS: Readonly<Record<Channel, Labels>> = {
  own_website: { en: 'Own website', zh: '独立站' },
  amazon: { en: 'Amazon', zh: '亚马逊' },
  other_marketplace: { en: 'Other marketplaces', zh: '其他平台' },
};

/** The terms staff use; src/tools/metrics.ts takes its labels from here. */
export const METRIC_LABELS: Readonly<Record<MetricId, Labels>> = {
  net_sales: { en: 'Net sales', zh: '销售额' },
  orders: { en: 'Orders', zh: '订单量' },
  units: { en: 'Units', zh: '销量(件数)' },
  aov: { en: 'Average order value', zh: '客单价' },
  sessions: { en: 'Sessions', zh: '访问量(会话数)' },
  conversion_rate: { en: 'Conversion rate', zh: '转化率' },
  return_rate: { en: 'Return rate', zh: '退货率' },
  refunds: { en: 'Refunds', zh: '退款金额' },
  gross_margin: { en: 'Gross margin', zh: '毛利率' },
  discount_rate: { en: 'Discount rate', zh: '折扣率' },
  discounts: { en: 'Discounts', zh: '折扣金额' },
  new_customer_share: { en: 'New-customer share', zh: '新客占比' },
};

/** How each metric's values read: an amount of money, a count, or a ratio shown as a percentage. */
export const METRIC_UNITS: Readonly<Record<MetricId, Unit>> = {
  net_sales: 'money',
  orders: 'count',
  units: 'count',
  aov: 'money',
  sessions: 'count',
  conversion_rate: 'ratio',
  return_rate: 'ratio',
  refunds: 'money',
  gross_margin: 'ratio',
  discount_rate: 'ratio',
  discounts: 'money',
  new_customer_share: 'ratio',
};

export const UNIT_LABELS: Readonly<Record<Unit, Labels>> = {
  money: { en: 'Amount', zh: '金额' },
  count: { en: 'Count', zh: '数量' },
  ratio: { en: 'Percentage', zh: '百分比' },
};

export const ROLE_LABELS: Readonly<Record<Role, Labels>> = {
  viewer: { en: 'Viewer', zh: '查看者' },
  analyst: { en: 'Analyst', zh: '分析师' },
  admin: { en: 'Administrator', zh: '管理员' },
};

/**
 * The countries the data holds, by the name the warehouse stores (the values stay as stored in data and SQL;
 * only what a reader sees is translated).
 */
export const COUNTRY_LABELS: Readonly<Record<string, Labels>> = {
  'United States': { en: 'United States', zh: '美国' },
  Canada: { en: 'Canada', zh: '加拿大' },
  'United Kingdom': { en: 'United Kingdom', zh: '英国' },
  France: { en: 'France', zh: '法国' },
  Australia: { en: 'Australia', zh: '澳大利亚' },
};

/** Product categories, top level and sub-categories, by the name the catalogue stores. */
export const CATEGORY_LABELS: Readonly<Record<string, Labels>> = {
  Swimwear: { en: 'Swimwear', zh: '泳衣' },
  "Women's Swimsuits": { en: "Women's Swimsuits", zh: '女士泳衣' },
  Bikinis: { en: 'Bikinis', zh: '比基尼' },
  "Men's Swim Trunks": { en: "Men's Swim Trunks", zh: '男士泳裤' },
  "Kids' Swimwear": { en: "Kids' Swimwear", zh: '儿童泳衣' },
  'Beach Accessories': { en: 'Beach Accessories', zh: '沙滩配件' },
  Apparel: { en: 'Apparel', zh: '服装' },
  'Cover-Ups': { en: 'Cover-Ups', zh: '罩衫' },
  'Beach Dresses': { en: 'Beach Dresses', zh: '沙滩裙' },
  'Tops & Tees': { en: 'Tops & Tees', zh: '上衣' },
  Shorts: { en: 'Shorts', zh: '短裤' },
  'Jewelry & Accessories': { en: 'Jewelry & Accessories', zh: '首饰配饰' },
  Necklaces: { en: 'Necklaces', zh: '项链' },
  'Bracelets & Anklets': { en: 'Bracelets & Anklets', zh: '手链与脚链' },
  Earrings: { en: 'Earrings', zh: '耳环' },
  Sunglasses: { en: 'Sunglasses', zh: '太阳镜' },
  Hats: { en: 'Hats', zh: '帽子' },
  'Sun Hats': { en: 'Sun Hats', zh: '遮阳帽' },
  'Bucket Hats': { en: 'Bucket Hats', zh: '渔夫帽' },
  Caps: { en: 'Caps', zh: '棒球帽' },
  Bags: { en: 'Bags', zh: '包袋' },
  'Beach Bags': { en: 'Beach Bags', zh: '沙滩包' },
  'Tote Bags': { en: 'Tote Bags', zh: '托特包' },
  Pouches: { en: 'Pouches', zh: '收纳袋' },
};

/** A country's or category's name in `lang`; a name the vocabulary does not know is returned as it is. */
export function dataValueLabel(v: string, lang: Language): string {
  const known = Object.hasOwn(COUNTRY_LABELS, v)
    ? COUNTRY_LABELS[v]
    : Object.hasOwn(CATEGORY_LABELS, v)
      ? CATEGORY_LABELS[v]
      : undefined;
  return known ? known[lang] : v;
}

/** A member's label in `lang`, e.g. labelOf(CHANNEL_LABELS, 'amazon', 'zh') = '亚马逊'. */
export function labelOf<K extends string>(labels: Readonly<Record<K, Labels>>, id: K, lang: Language): string {
  return labels[id][lang];
}

/**
 * The language to answer in: Chinese when the text has any Han character, English otherwise. A Chinese
 * question routinely carries English names (Amazon, SKU codes, "Q2"); an English one rarely carries Han
 * characters, so one is enough. Script=Han also covers the CJK extensions and compatibility ideographs that
 * a \u4e00-\u9fff range misses; CJK punctuation alone (？，) is not Chinese text.
 */
export function detectLanguage(text: string): Language {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
