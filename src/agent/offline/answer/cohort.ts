// cohort_retention read back: each first-order month's repeat rates at 7, 30 and 90 days, and for a window that
// has not closed for all of the cohort, that the rate is still maturing (a lower bound) or not observable yet.
// A repeat-purchase rate matures over its own window (schema-docs/glossary: still maturing), so it is never
// stated as final before the window is over.
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { fmt } from './format.ts';
import { num, zh, type Row } from './read.ts';

const HORIZONS = [7, 30, 90] as const;

type State = { h: number; rate: number | null; eligible: number; customers: number };

function states(r: Row): State[] {
  const customers = num(r.customers) ?? 0;
  return HORIZONS.map((h) => ({
    h,
    rate: num(r[`repeat_${h}d`]),
    eligible: num(r[`eligible_${h}d`]) ?? 0,
    customers,
  }));
}

function stateText(s: State, lang: 'en' | 'zh'): string {
  if (zh(lang)) {
    if (!s.eligible || s.rate === null) return `${s.h}天：尚无法观察（还没有客户的首单满 ${s.h} 天）`;
    const part = s.eligible < s.customers ? `（仅 ${fmt(s.eligible, 'count')} 位满 ${s.h} 天，仍在成熟期）` : '';
    return `${s.h}天：${fmt(s.rate, 'ratio')}${part}`;
  }
  if (!s.eligible || s.rate === null) return `${s.h} days: not observable yet (no customer has had ${s.h} days)`;
  const part =
    s.eligible < s.customers ? ` (only ${fmt(s.eligible, 'count')} have had ${s.h} days: still maturing)` : '';
  return `${s.h} days ${fmt(s.rate, 'ratio')}${part}`;
}

export function renderCohort(i: Intent, o: Outcome): string[] {
  const rows = (o.payload?.rows ?? []).slice(-12);
  if (!rows.length) return [];
  const lang = i.language;
  const lines = rows.map((r) => {
    const parts = states(r).map((s) => stateText(s, lang));
    const n = fmt(num(r.customers) ?? 0, 'count');
    return zh(lang)
      ? `- ${String(r.cohort)}：${n} 位新客；复购率 ${parts.join('，')}`
      : `- ${String(r.cohort)}: ${n} new customers; repeat within ${parts.join(', ')}`;
  });
  const open = rows.some((r) => states(r).some((s) => s.eligible < s.customers));
  const head = zh(lang)
    ? '按首单月份的复购率（首单后 7、30、90 天内再次下单的新客占比）：'
    : 'Repeat rate by first-order month (new customers who ordered again within 7, 30 and 90 days):';
  const note = open
    ? zh(lang)
      ? '复购率在其窗口结束前仍在成熟：窗口未满的数值是下限，尚无法观察的不能与成熟的月份比较。'
      : "A repeat rate is still maturing until its window has passed: a rate whose window is not over is a lower bound, and one not observable yet can't be compared with mature months."
    : null;
  return [head, ...lines, ...(note ? ['', note] : [])];
}
