// compare_periods read back: the headline figure against the comparison, the other metrics as bullets, and
// whether a direction the question took for granted holds.
import type { Language } from '../../../protocol/turn.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { filtersLabel, fmt, fmtDelta, fmtPct, metricName, unitOf } from './format.ts';
import { cap, num, scopeText, zh } from './read.ts';

interface Change {
  metric: string;
  current: number | null;
  previous: number | null;
  change: number | null;
  pct: number | null;
}

function kpiRows(o: Outcome): Change[] {
  return (o.payload?.rows ?? []).map((r) => ({
    metric: String(r.metric ?? r.label ?? ''),
    current: num(r.current),
    previous: num(r.previous),
    change: num(r.change),
    pct: num(r.change_pct),
  }));
}

function changeWords(c: Change, lang: Language): string {
  const unit = unitOf(c.metric);
  if (c.change === null) return '';
  if (c.change === 0) return zh(lang) ? '持平' : 'flat';
  const up = c.change > 0;
  const size = unit === 'ratio' ? fmtDelta(Math.abs(c.change), unit, lang).slice(1) : fmt(Math.abs(c.change), unit);
  const pct = c.pct !== null && unit !== 'ratio' ? ` (${fmtPct(c.pct)})` : '';
  if (zh(lang)) return `${up ? '增长' : '下降'} ${size}${pct.replace(' (', '（').replace(')', '）')}`;
  return `${up ? 'up' : 'down'} ${size}${pct}`;
}

function kpiSentence(c: Change, lang: Language, base: string | null, lead: boolean): string {
  const unit = unitOf(c.metric);
  const name = metricName(c.metric, lang);
  if (c.current === null) return zh(lang) ? `${name}：无数据` : `${cap(name, lead)}: no data`;
  const cur = fmt(c.current, unit);
  if (lead) {
    // A bullet under the headline: "Orders: 70, down 63 (-47.37%) from 133".
    if (c.previous === null || c.change === null) return zh(lang) ? `${name}：${cur}` : `${cap(name, true)}: ${cur}`;
    const prev = fmt(c.previous, unit);
    return zh(lang)
      ? `${name}：${cur}，${changeWords(c, lang)}（上期 ${prev}）`
      : `${cap(name, true)}: ${cur}, ${changeWords(c, lang)} from ${prev}`;
  }
  if (c.previous === null || c.change === null) return zh(lang) ? `${name}为 ${cur}` : `${name} was ${cur}`;
  const prev = fmt(c.previous, unit);
  if (zh(lang)) return `${name}为 ${cur}，比${base ?? '上期'}（${prev}）${changeWords(c, lang)}`;
  return `${name} was ${cur}, ${changeWords(c, lang)} from ${prev} in ${base ?? 'the previous period'}`;
}

/** When the question takes a direction for granted, say plainly whether the data agrees. */
function premise(i: Intent, c: Change | undefined, period: string, base: string | null): string {
  if (!i.claim || !c || c.change === null || c.current === null) return '';
  const rose = c.change > 0;
  const agrees = (i.claim === 'down') === !rose && c.change !== 0;
  if (agrees) return '';
  const name = metricName(c.metric, i.language);
  const unit = unitOf(c.metric);
  const size =
    c.pct !== null && unit !== 'ratio'
      ? fmtPct(Math.abs(c.pct)).slice(1)
      : fmtDelta(Math.abs(c.change), unit, i.language).slice(1);
  if (zh(i.language)) {
    return c.change === 0
      ? `前提不成立：${period}的${name}与${base ?? '上期'}持平，并没有${i.claim === 'down' ? '下降' : '上升'}。`
      : `前提不成立：${period}的${name}并没有${i.claim === 'down' ? '下降' : '上升'}，而是${rose ? '上升' : '下降'}了 ${size}（相对${base ?? '上期'}）。`;
  }
  return c.change === 0
    ? `The premise does not hold: ${name} in ${period} was flat against ${base ?? 'the previous period'}, not ${i.claim === 'down' ? 'down' : 'up'}.`
    : `The premise does not hold: ${name} in ${period} did not ${i.claim === 'down' ? 'drop' : 'rise'}; it ${rose ? 'rose' : 'fell'} ${size} against ${base ?? 'the previous period'}.`;
}

export function renderCompare(i: Intent, o: Outcome): string[] {
  const { period, base } = scopeText(i, o);
  const rows = kpiRows(o);
  const lead = rows.find((r) => r.metric === i.metric) ?? rows[0];
  if (!lead) return [];
  const where = filtersLabel(i.filters, i.language);
  const out: string[] = [];
  const p = premise(i, lead, period, base);
  if (p) out.push(p);
  out.push(
    zh(i.language)
      ? `${period}${where}的${kpiSentence(lead, i.language, base, false)}。`
      : `In ${period}${where}, ${kpiSentence(lead, i.language, base, false)}.`,
  );
  const others = rows.filter((r) => r !== lead && r.current !== null);
  for (const r of others) out.push(`- ${kpiSentence(r, i.language, base, true)}`);
  return out;
}
