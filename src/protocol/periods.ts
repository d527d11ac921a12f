// A period as the tools label it ("2025-07", "2025-Q2", "2025", "2025-07-01 to 2025-07-14", "last_30_days")
// in words for charts, table titles and step descriptions, in both answer languages.
import type { Labels } from './vocabulary.ts';

/** English month names, January first: the one spelling answers, labels and the claims check share. */
export const MONTHS: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const NAMED: Readonly<Record<string, Labels>> = {
  previous_period: { en: 'the previous period', zh: '上一期' },
  previous_year: { en: 'the same period last year', zh: '去年同期' },
  this_month: { en: 'this month', zh: '本月' },
  last_month: { en: 'last month', zh: '上月' },
  this_quarter: { en: 'this quarter', zh: '本季度' },
  last_quarter: { en: 'last quarter', zh: '上季度' },
  this_year: { en: 'this year', zh: '今年' },
  last_year: { en: 'last year', zh: '去年' },
  ytd: { en: 'year to date', zh: '年初至今' },
};

export function periodWords(label: string): Labels {
  const s = label.trim();
  let m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return { en: `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`, zh: `${m[1]}年${Number(m[2])}月` };
  m = /^(\d{4})-?Q([1-4])$/i.exec(s);
  if (m) return { en: `Q${m[2]} ${m[1]}`, zh: `${m[1]}年第${m[2]}季度` };
  if (/^\d{4}$/.test(s)) return { en: s, zh: `${s}年` };
  m = /^(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$/.exec(s);
  if (m) return { en: `${m[1]} to ${m[2]}`, zh: `${m[1]} 至 ${m[2]}` };
  if (Object.hasOwn(NAMED, s)) return NAMED[s]!;
  m = /^last_(\d+)_days$/.exec(s);
  if (m) return { en: `the last ${m[1]} days`, zh: `最近${m[1]}天` };
  return { en: s.replace(/_/g, ' '), zh: s.replace(/_/g, ' ') };
}
