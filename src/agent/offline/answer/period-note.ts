// The note on a period the question did not name: it says what the tools actually used (a month, the last
// twelve months, a trailing window), read from their own summaries, never a fixed sentence.
import { latestFullMonth } from '../../../calendar/index.ts';
import type { DataRange } from '../../../tools/types.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { periodLabel } from './format.ts';
import { usedRange } from './read.ts';

export function defaultPeriodNote(i: Intent, ok: Outcome[], data: DataRange): string {
  const used = ok.map((o) => (o.payload ? usedRange(o.payload.summary) : null)).find((r) => r !== null);
  const from = used?.from ?? i.period.start;
  const to = used?.to ?? i.period.end;
  const label = periodLabel(from, to, i.language);
  const month = latestFullMonth(data);
  const zh = i.language === 'zh';
  if (from === month.from && to === month.to) {
    return zh
      ? `（未指定时间，默认使用数据中最近的完整月份：${label}。）`
      : `(No period was named, so I used the latest full month in the data, ${label}.)`;
  }
  return zh ? `（未指定时间，默认使用${label}。）` : `(No period was named, so I used ${label}.)`;
}
