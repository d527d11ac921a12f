// The takeaway lines' words, English and Chinese; plain objects (no signals), so the pure takeaway writer and its
// tests use them without a browser.

/** The takeaway lines written from a turn's findings (src/ui/takeaways.ts); figures arrive already rounded. */
export interface TakeawayWords {
  change: (metric: string, down: boolean, by: string, to: string, period: string, base: string | null) => string;
  flat: (metric: string, to: string, period: string) => string;
  fromZero: (metric: string, to: string, period: string) => string;
  cause: (name: string, share: string, effect: string) => string;
  /** The biggest cause when it is larger than the whole change: its effect, no share. */
  causeEffect: (name: string, effect: string) => string;
  outOfStock: (n: number, period: string) => string;
  noneOutOfStock: (period: string) => string;
  zeroNow: (n: number) => string;
  extreme: (over: string, high: string, highValue: string, low: string, lowValue: string, partial: number) => string;
  ranking: (top: boolean, by: string, name: string, value: string, fellToZero: number) => string;
  share: (name: string, share: string, metric: string) => string;
  rate: (metric: string, value: string) => string;
  maturing: (metric: string, period: string, after: string) => string;
  /** The grains and dimensions a comparison runs over. */
  over: Record<string, string>;
}

const periodIn = (p: string) => (p ? ` in ${p}` : '');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const TAKEAWAY_EN: TakeawayWords = {
  change: (m, down, by, to, p, base) =>
    `${m} ${down ? 'fell' : 'rose'} ${by} to ${to}${periodIn(p)}${base ? ` (${base})` : ''}.`,
  flat: (m, to, p) => `${m} was flat at ${to}${periodIn(p)}.`,
  fromZero: (m, to, p) => `${m} rose from zero to ${to}${periodIn(p)}.`,
  cause: (name, share, effect) => `Biggest cause: ${name}, ${share} of the change (${effect}).`,
  causeEffect: (name, effect) => `Biggest cause: ${name} (${effect}).`,
  outOfStock: (n, p) => `${plural(n, 'product', 'products')} ran out of stock${periodIn(p)}.`,
  noneOutOfStock: (p) => `No product ran out of stock${periodIn(p)}.`,
  zeroNow: (n) => `${plural(n, 'product is', 'products are')} at zero stock now.`,
  extreme: (over, hi, hv, lo, lv, partial) =>
    `Highest ${over}: ${hi} (${hv}); lowest: ${lo} (${lv})${partial ? `; ${plural(partial, 'partial one', 'partial ones')} left out` : ''}.`,
  ranking: (top, by, name, v, zero) =>
    `${top ? 'Top' : 'Bottom'} ${by}: ${name} (${v})${zero ? `; ${plural(zero, 'fell', 'fell')} to zero` : ''}.`,
  share: (name, share, m) => `${name}: ${share} of ${m.toLowerCase()}.`,
  rate: (m, v) => `${m}: ${v}.`,
  maturing: (m, p, after) =>
    `${m}${periodIn(p)} is still maturing (data after ${after} is still arriving): a lower bound.`,
  over: {
    day: 'day',
    week: 'week',
    month: 'month',
    quarter: 'quarter',
    year: 'year',
    channel: 'channel',
    country: 'country',
    category: 'category',
    subcategory: 'sub-category',
    device: 'device',
    campaign: 'campaign',
    product: 'product',
    source: 'source',
    customer_type: 'customer type',
  },
};

export const TAKEAWAY_ZH: TakeawayWords = {
  change: (m, down, by, to, p, base) => `${p}${m}${down ? '下降' : '上升'}${by}，至${to}${base ? `（${base}）` : ''}。`,
  flat: (m, to, p) => `${p}${m}持平，为${to}。`,
  fromZero: (m, to, p) => `${p}${m}从零升至${to}。`,
  cause: (name, share, effect) => `最大原因：${name}，占变化的${share}（${effect}）。`,
  causeEffect: (name, effect) => `最大原因：${name}（${effect}）。`,
  outOfStock: (n, p) => `${p}有${n}个商品断货。`,
  noneOutOfStock: (p) => `${p}没有商品断货。`,
  zeroNow: (n) => `目前有${n}个商品零库存。`,
  extreme: (over, hi, hv, lo, lv, partial) =>
    `最高的${over}：${hi}（${hv}）；最低：${lo}（${lv}）${partial ? `；不含${partial}个不完整的${over}` : ''}。`,
  ranking: (top, by, name, v, zero) =>
    `${top ? '排名第一' : '排名最后'}的${by}：${name}（${v}）${zero ? `；${zero}个降至零` : ''}。`,
  share: (name, share, m) => `${name}占${m}的${share}。`,
  rate: (m, v) => `${m}：${v}。`,
  maturing: (m, p, after) => `${p}的${m}仍在累积（${after}之后的数据尚未到齐），是下限。`,
  over: {
    day: '日',
    week: '周',
    month: '月',
    quarter: '季度',
    year: '年',
    channel: '渠道',
    country: '国家',
    category: '品类',
    subcategory: '子品类',
    device: '设备',
    campaign: '营销活动',
    product: '商品',
    source: '来源',
    customer_type: '客户类型',
  },
};
