// "Any day in May with zero orders?": answered from the daily series' lowest-day finding. A lowest day above zero
// means every day had some; a lowest day at zero means yes, and the zero days are named from the series' rows
// when the rows hold every day the finding compared.
import type { FindingOf } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { fmt, metricName, unitOf } from './format.ts';
import { num, scopeText, zh } from './read.ts';

/** Days named in full before the rest are counted. */
const NAMED = 10;

export function zeroDaysLead(i: Intent, o: Outcome): string[] {
  if (!i.zeroDays || o.name !== 'sales_trend' || o.input.grain !== 'day') return [];
  const low = (o.payload?.findings ?? []).find(
    (f): f is FindingOf<'extreme'> => f.kind === 'extreme' && f.which === 'lowest' && f.over === 'day',
  );
  if (!low) return [];
  const metric = low.metric;
  const unit = unitOf(metric);
  const name = metricName(metric, i.language);
  const { period } = scopeText(i, o);
  const { name: day, value } = low.subject;
  if (value > 0)
    return [
      zh(i.language)
        ? `没有：${period}每天都有${name}，最少的一天是 ${day}，${fmt(value, unit)}。`
        : `No: every day in ${period} had ${name}; the lowest was ${fmt(value, unit)} on ${day}.`,
    ];
  const rows = o.payload?.rows ?? [];
  const when = (o.payload?.columns ?? []).find((c) => /^(period|date|day|bucket|start)/.test(c));
  const among = new Set(low.among);
  const seen = when ? rows.filter((r) => among.has(String(r[when]))) : [];
  // Every compared day is in the rows: the zero days can be named; otherwise only the lowest one is known.
  const complete = when !== undefined && seen.length === among.size;
  const zeros = complete ? seen.filter((r) => num(r[metric]) === 0).map((r) => String(r[when])) : [day];
  const shown = zeros.slice(0, NAMED);
  const more = zeros.length - shown.length;
  if (zh(i.language))
    return [
      complete
        ? `有：${period}有 ${zeros.length} 天${name}为 0：${shown.join('、')}${more ? ' 等' : ''}。`
        : `有：${period}里 ${day} 的${name}为 0。`,
    ];
  return [
    complete
      ? `Yes: ${zeros.length} day${zeros.length === 1 ? '' : 's'} in ${period} had zero ${name}: ${shown.join(', ')}${more ? `, and ${more} more` : ''}.`
      : `Yes: ${day} had zero ${name} in ${period}.`,
  ];
}
