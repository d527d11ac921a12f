// How the answers write data values in Chinese (countries, categories, devices, customer and traffic types), in one
// place: the offline answer writes them, and the claim check reads them as names of the same findings.
// Countries and categories come from the vocabulary.
import { CATEGORY_LABELS, COUNTRY_LABELS, type Labels } from './vocabulary.ts';

const zhOf = (labels: Readonly<Record<string, Labels>>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.zh]));

export const VALUE_LABELS_ZH: Readonly<Record<string, string>> = {
  walmart: '沃尔玛',
  ebay: 'eBay',
  etsy: 'Etsy',
  ...zhOf(COUNTRY_LABELS),
  ...zhOf(CATEGORY_LABELS),
  desktop: '电脑端',
  mobile: '移动端',
  tablet: '平板',
  new: '新客',
  returning: '老客',
  direct: '直接访问',
  search: '自然搜索',
  social: '社交媒体',
  email: '邮件',
  referral: '外链推荐',
  paid_social: '付费社交',
  paid_search: '付费搜索',
};
