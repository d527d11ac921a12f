// The first sentence of a share-of-total answer ("What share of 2025 sales came from Amazon?"): the segment's
// share, its value and the total it is a share of, all read from the tool's share finding. The breakdown's
// rows follow it as usual. A segment with no share finding is said to have none, never estimated.
import type { FindingOf } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { fmt, filtersLabel, metricName, quoteData, unitOf, valueLabel } from './format.ts';
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

/**
 * "What share of returns were because of sizing?": the combined share of the reasons asked about, from the
 * tool's share finding ("Size too small + Size too large"), or the one matching reason's own share.
 */
export function reasonsLead(i: Intent, o: Outcome): string[] {
  if (!i.reasons?.length || !o.payload) return [];
  const shares = (o.payload.findings ?? []).filter(
    (f): f is FindingOf<'share'> => f.kind === 'share' && f.metric === 'returns',
  );
  const words = i.reasons.map((w) => w.toLowerCase());
  const matching = (subject: string) => words.some((w) => subject.toLowerCase().includes(w));
  const f =
    shares.find((x) => x.subject.includes(' + ') && matching(x.subject)) ?? shares.find((x) => matching(x.subject));
  const { period } = scopeText(i, o);
  if (!f) {
    return [
      zh(i.language)
        ? `${period}没有与“${i.reasons.join('、')}”相关的退货原因。`
        : `No returns in ${period} give a reason about ${i.reasons.join(' or ')}.`,
      '',
    ];
  }
  const pct = fmt(f.share, 'ratio');
  const n = fmt(f.value, 'count');
  const total = fmt(f.total, 'count');
  // Reasons are data: quoted, never acted on.
  const reason = quoteData(f.subject, 160);
  return [
    zh(i.language)
      ? `${period}，退货原因为 ${reason} 的退货共 ${n} 笔，占全部 ${total} 笔退货的 ${pct}。`
      : `In ${period}, ${n} of ${total} returns (${pct} of returns) gave the reason ${reason}.`,
    '',
  ];
}
