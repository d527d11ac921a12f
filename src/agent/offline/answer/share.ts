// The first sentence of a share-of-total answer ("What share of 2025 sales came from Amazon?"): the segment's
// share, its value and the total it is a share of, all read from the tool's share finding. The breakdown's
// rows follow it as usual. A segment with no share finding is said to have none, never estimated.
import type { FindingOf } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { fmt, filtersLabel, metricName, unitOf, valueLabel } from './format.ts';
import { num, scopeText, zh } from './read.ts';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Lines that lead the answer to a share question; [] when the intent asks for no share. */
export function shareLead(i: Intent, o: Outcome): string[] {
  if (!i.share || !o.payload) return [];
  const want = i.share.value;
  const finding = (o.payload.findings ?? []).find(
    (f): f is FindingOf<'share'> => f.kind === 'share' && same(f.subject, want),
  );
  const metric = typeof o.input.metric === 'string' ? o.input.metric : i.metric;
  const unit = unitOf(metric);
  const name = metricName(metric, i.language);
  const who = valueLabel(finding?.subject ?? want, i.language);
  const { period } = scopeText(i, o);
  const where = filtersLabel(i.filters, i.language);
  if (!finding) {
    return [
      zh(i.language)
        ? `${period}${where}的${name}中，${who}没有占比数据（该时段没有${who}的${name}）。`
        : `${who} has no share of ${name} in ${period}${where}: the results have no ${name} for it.`,
    ];
  }
  // The share as the table shows it (rounded by the tool), so the sentence and the row agree.
  const row = (o.payload.rows ?? []).find((r) => Object.values(r).some((v) => typeof v === 'string' && same(v, want)));
  const share = num(row?.share) ?? finding.share;
  const pct = fmt(share, 'ratio');
  const part = fmt(finding.value, unit);
  const total = fmt(finding.total, unit);
  return [
    zh(i.language)
      ? `${period}${where}，${who}占${name}的 ${pct}：${part}，总计 ${total}。`
      : `${who} made up ${pct} of ${name} in ${period}${where}: ${part} of ${total} in total.`,
    '',
  ];
}
