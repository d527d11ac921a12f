// "sales in Sept 2025 and then nothing the next month", "25年9月有卖、次月没卖": a month counted from the month the
// question names, not from today. Written out as that month, so the period reader sees two named months and the
// future check never reads "next month" as a forecast. Pure.

import { MONTHS } from '../../../protocol/periods.ts';

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Sept 2025", "sep '25", "September of 2025": a month with its year. */
const EN_NAMED =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:of\s+)?(?:'|’)?(\d{4}|\d{2})\b(?!\s*(?:st|nd|rd|th)\b)/i;
/** "2025年9月", "25年9月". */
const ZH_NAMED = /(\d{4}|\d{2})\s*年\s*(\d{1,2})\s*月/;

/** The month after the named one, relative to it rather than to today. */
const EN_NEXT = /\b(?:the|that) (?:next|following) month\b|\bthe month (?:after|following)(?: (?:that|it))?\b/i;
const ZH_NEXT = /次月|后一个月|第二个月|隔月|紧接着的那个月/;

function yearOf(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/** The first month-with-year the question names, as [year, month 1–12]. */
function namedMonth(q: string): [number, number] | null {
  const en = EN_NAMED.exec(q);
  const zh = ZH_NAMED.exec(q);
  if (en && (!zh || en.index < zh.index)) return [yearOf(en[2]!), EN_MONTHS.indexOf(en[1]!.toLowerCase()) + 1];
  if (zh) {
    const month = Number(zh[2]);
    return month >= 1 && month <= 12 ? [yearOf(zh[1]!), month] : null;
  }
  return null;
}

/** The question with "the next month" (次月) written as the month after the one it names; as asked otherwise. */
export function nextMonthNamed(q: string): string {
  const re = EN_NEXT.test(q) ? EN_NEXT : ZH_NEXT.test(q) ? ZH_NEXT : null;
  if (!re) return q;
  const at = namedMonth(q);
  const hit = re.exec(q);
  if (!at || !hit) return q;
  const [year, month] = at;
  const nextYear = month === 12 ? year + 1 : year;
  const next = month === 12 ? 1 : month + 1;
  const words = re === EN_NEXT ? `${MONTHS[next - 1]} ${nextYear}` : `${nextYear}年${next}月`;
  return q.slice(0, hit.index) + words + q.slice(hit.index + hit[0].length);
}
