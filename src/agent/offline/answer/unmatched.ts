// The first sentence of an answer whose question asked for a split nothing reads ("sales by colour", "哪个城市卖得最好"):
// it says the split cannot be made and what the answer gives instead, so the nearest answer is never a quiet stand-in.
import type { Intent } from '../intent.ts';
import { zh } from './read.ts';

const DIM_EN: Record<string, string> = {
  channel: 'by channel',
  country: 'by country',
  category: 'by category',
  subcategory: 'by sub-category',
  product: 'by product',
  device: 'by device',
  source: 'by traffic source',
  source_type: 'by source type',
  customer_type: 'new vs returning customers',
  campaign: 'by campaign',
};
const DIM_ZH: Record<string, string> = {
  channel: '按渠道',
  country: '按国家',
  category: '按品类',
  subcategory: '按子品类',
  product: '按产品',
  device: '按设备',
  source: '按流量来源',
  source_type: '按来源类型',
  customer_type: '按新老客',
  campaign: '按活动',
};

/** The lead naming the split asked for and the nearest answer given; empty when the question's split was read. */
export function unmatchedLead(i: Intent): string[] {
  const w = i.unmatched;
  if (!w) return [];
  const dim = i.kind === 'top' ? 'product' : i.kind === 'trend' ? null : i.dimension;
  if (zh(i.language)) {
    const what = dim ? `${DIM_ZH[dim] ?? dim}的结果` : i.kind === 'trend' ? '整体走势' : '整体合计';
    return [`我无法按“${w}”拆分或排名：数据里没有这个维度。以下是最接近的回答（${what}），不是按“${w}”的结果。`];
  }
  const what = dim
    ? `the figures ${DIM_EN[dim] ?? `by ${dim}`}`
    : i.kind === 'trend'
      ? 'the overall trend'
      : 'the total';
  return [
    `I can't split or rank this by “${w}”: the data has no such breakdown. Nearest answer instead: ${what}, not by ${w}.`,
  ];
}
