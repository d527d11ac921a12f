// The first sentence of a breakdown asked for one end of it ("which country had the lowest AOV?", "订单最多的渠道"):
// the segment at that end, named in the reader's words and as the data names it, with its value, read from the
// tool's extreme finding. The rows follow as usual. No finding, no sentence: never picked from the rows here.
import type { FindingOf } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { filtersLabel, fmt, fmtDelta, fmtPct, metricName, unitOf, valueLabel } from './format.ts';
import { scopeText, zh } from './read.ts';

const ZH_DIMENSIONS: Record<string, string> = {
  country: '国家',
  channel: '渠道',
  category: '品类',
  subcategory: '子品类',
  device: '设备',
  source: '来源',
  source_type: '来源类型',
};

export function extremeLead(i: Intent, o: Outcome): string[] {
  const by = String(o.input.dimension ?? o.input.by ?? '');
  if (i.setAside && by && o.payload) return nextLead(i, o, by, i.setAside);
  if (i.rankBy === 'change' && by && o.payload) return changeLead(i, o, by);
  if (!i.extreme || !by || !o.payload) return [];
  const f = (o.payload.findings ?? []).find(
    (x): x is FindingOf<'extreme'> => x.kind === 'extreme' && x.which === i.extreme && x.over === by,
  );
  if (!f) return [];
  const metric = typeof o.input.metric === 'string' ? o.input.metric : i.metric;
  const value = fmt(f.subject.value, unitOf(metric));
  const label = valueLabel(f.subject.name, i.language);
  const { period } = scopeText(i, o);
  const where = filtersLabel(i.filters, i.language);
  if (zh(i.language)) {
    const who = label === f.subject.name ? label : `${label}（${f.subject.name}）`;
    const end = i.extreme === 'highest' ? '最高' : '最低';
    return [`${period}${where}${metricName(metric, 'zh')}${end}的${ZH_DIMENSIONS[by] ?? by}是${who}：${value}。`, ''];
  }
  const end = i.extreme === 'highest' ? 'highest' : 'lowest';
  return [
    `The ${end} ${metricName(metric, 'en')} by ${by.replace(/_/g, ' ')} in ${period}${where}: ${label}, ${value}.`,
    '',
  ];
}

/**
 * "after the US, who's our biggest market", "除了美国哪个国家卖得最多": the segment ranked right after the one set
 * aside, read from the tool's ranking finding (its items in rank order). No ranking, no sentence.
 */
function nextLead(i: Intent, o: Outcome, by: string, aside: string): string[] {
  const f = (o.payload?.findings ?? []).find(
    (x): x is FindingOf<'ranking'> => x.kind === 'ranking' && x.by === by && x.direction === 'top',
  );
  if (!f) return [];
  const items = i.order === 'bottom' ? [...f.items].reverse() : f.items;
  const set = items.find((x) => x.name === aside);
  const next = items.find((x) => x.name !== aside);
  if (!set || !next) return [];
  const metric = typeof o.input.metric === 'string' ? o.input.metric : i.metric;
  const value = fmt(next.value, unitOf(metric));
  const label = valueLabel(next.name, i.language);
  const asideLabel = valueLabel(aside, i.language);
  const { period } = scopeText(i, o);
  if (zh(i.language)) {
    const who = label === next.name ? label : `${label}（${next.name}）`;
    const place = i.order === 'bottom' ? '倒数' : '排在前面';
    return [
      `除${asideLabel}外，${period}${metricName(metric, 'zh')}${place}的${ZH_DIMENSIONS[by] ?? by}是${who}：${value}。`,
      '',
    ];
  }
  const place = i.order === 'bottom' ? 'the next from the bottom' : 'the next one down';
  return [
    `Setting ${asideLabel} aside, ${place} by ${metricName(metric, 'en')} by ${by.replace(/_/g, ' ')} in ${period} is ${label}: ${value}.`,
    '',
  ];
}

/**
 * "Which channel grew the most from 2024 to 2025?", "哪个渠道下降最多": the segment with the largest change against
 * the comparison, read from the tool's change findings (one per segment). The biggest value is not the biggest
 * change, so without those findings there is no sentence.
 */
function changeLead(i: Intent, o: Outcome, by: string): string[] {
  const parts = (o.payload?.findings ?? []).filter(
    (x): x is FindingOf<'change'> => x.kind === 'change' && x.subject !== 'total',
  );
  if (!parts.length) return [];
  const falling = i.order === 'bottom' || i.claim === 'down';
  const f = parts.reduce((a, b) => ((falling ? b.absolute < a.absolute : b.absolute > a.absolute) ? b : a));
  const metric = typeof o.input.metric === 'string' ? o.input.metric : i.metric;
  const unit = unitOf(metric);
  const label = valueLabel(f.subject, i.language);
  const { period, base } = scopeText(i, o);
  const where = filtersLabel(i.filters, i.language);
  const delta = `${fmtDelta(f.absolute, unit, i.language)}${f.relative === null ? '' : ` (${fmtPct(f.relative)})`}`;
  const span = `${fmt(f.from, unit)} → ${fmt(f.to, unit)}`;
  // "Which country fell the most" when every one grew: said so, with the one that moved least that way.
  const none = falling ? f.absolute >= 0 : f.absolute <= 0;
  if (zh(i.language)) {
    const who = label === f.subject ? label : `${label}（${f.subject}）`;
    const dim = ZH_DIMENSIONS[by] ?? by;
    if (none)
      return [
        `${period}${where}${metricName(metric, 'zh')}${base ? `对比${base}` : ''}没有${dim}${falling ? '下降' : '增长'}；${falling ? '增长最少' : '下降最少'}的是${who}：${delta}，${span}。`,
        '',
      ];
    const end = falling ? '下降最多' : '增长最多';
    const against = base ? `对比${base}` : '';
    return [
      `${period}${where}${metricName(metric, 'zh')}${against}${end}的${ZH_DIMENSIONS[by] ?? by}是${who}：${delta}，${span}。`,
      '',
    ];
  }
  const end = falling ? 'fell the most' : 'grew the most';
  const against = base ? ` against ${base}` : '';
  const dim = by.replace(/_/g, ' ');
  if (none)
    return [
      `No ${dim}'s ${metricName(metric, 'en')} ${falling ? 'fell' : 'grew'} in ${period}${against}${where}; the ${falling ? 'smallest rise' : 'smallest drop'}: ${label}, ${delta}, ${span}.`,
      '',
    ];
  return [
    `The ${dim} whose ${metricName(metric, 'en')} ${end} in ${period}${against}${where}: ${label}, ${delta}, ${span}.`,
    '',
  ];
}
