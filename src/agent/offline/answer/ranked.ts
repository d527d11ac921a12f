// Ranked tables (breakdowns, top products, campaigns, stock-outs...) read back as a titled list: the column that
// names each row, its value, share and change, in the tool's own order (or by change when that was asked).
import type { Language } from '../../../protocol/turn.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import {
  columnLabel,
  fmt,
  fmtDelta,
  fmtPct,
  filtersLabel,
  metricName,
  quoteData,
  unitOf,
  valueLabel,
} from './format.ts';
import { num, scopeText, zh, type Row } from './read.ts';

/** The text column that names each row, and the numeric columns worth showing. */
export function shape(
  o: Outcome,
  metric: string,
): { label: string | null; value: string | null; share: string | null; pct: string | null; change: string | null } {
  const cols = o.payload?.columns ?? [];
  const rows = o.payload?.rows ?? [];
  const isNum = (c: string) => rows.some((r) => num(r[c]) !== null);
  const prefer = ['product_name', 'name', 'segment', 'label', 'value_label'];
  const textCols = cols.filter((c) => !isNum(c) && rows.some((r) => typeof r[c] === 'string') && c !== 'metric');
  const label = prefer.find((c) => textCols.includes(c)) ?? textCols[0] ?? null;
  const pick = (...names: string[]) => names.find((n) => cols.includes(n) && isNum(n)) ?? null;
  const value =
    pick(metric, 'current', 'value', 'net_sales', 'units') ??
    cols.find((c) => isNum(c) && !/share|pct|change|previous|rank|id$/.test(c)) ??
    null;
  return {
    label,
    value,
    share: pick('share', `${metric}_share`),
    pct: pick('change_pct', 'pct_change', 'delta_pct', `${metric}_change_pct`),
    change: pick('change', 'delta', `${metric}_change`),
  };
}

function rowLine(r: Row, s: ReturnType<typeof shape>, valueCol: string, lang: Language, metric: string): string {
  const bits: string[] = [];
  const v = num(r[valueCol]);
  const unit = valueCol === 'value' || valueCol === 'current' ? unitOf(metric) : unitOf(valueCol);
  if (v !== null) bits.push(fmt(v, unit));
  const sh = s.share ? num(r[s.share]) : null;
  if (sh !== null) bits.push(zh(lang) ? `占比 ${fmt(sh, 'ratio')}` : `${fmt(sh, 'ratio')} of the total`);
  const pc = s.pct ? num(r[s.pct]) : null;
  const ch = s.change ? num(r[s.change]) : null;
  if (pc !== null && unit !== 'ratio') bits.push(zh(lang) ? `变化 ${fmtPct(pc)}` : `change ${fmtPct(pc)}`);
  else if (ch !== null) bits.push(zh(lang) ? `变化 ${fmtDelta(ch, unit, lang)}` : `change ${fmtDelta(ch, unit, lang)}`);
  const name = s.label ? valueLabel(r[s.label], lang) : '';
  return `- ${name}${name ? (zh(lang) ? '：' : ': ') : ''}${bits.join(zh(lang) ? '，' : ', ')}`;
}

export function renderRanked(i: Intent, o: Outcome, title: string, max = 10): string[] {
  const rows = o.payload?.rows ?? [];
  const { period, base } = scopeText(i, o);
  const metric = typeof o.input.metric === 'string' ? o.input.metric : i.metric;
  const s = shape(o, metric);
  if (!rows.length || !s.value) return [];
  const where = filtersLabel(i.filters, i.language);
  const valueName =
    s.value === 'value' || s.value === 'current' ? metricName(metric, i.language) : columnLabel(s.value, i.language);
  const named = title.toLowerCase().includes(valueName.toLowerCase());
  const notes = [
    ...(named ? [] : [valueName]),
    ...(base ? [zh(i.language) ? `对比${base}` : `change against ${base}`] : []),
  ];
  const whereEn = where ? `, ${where.trim().slice(1, -1)}` : '';
  const head = zh(i.language)
    ? `${period}${where}${title}${notes.length ? `（${notes.join('，')}）` : ''}：`
    : `${title} in ${period}${notes.length || whereEn ? ` (${[...(whereEn ? [whereEn.slice(2)] : []), ...notes].join(', ')})` : ''}:`;
  let shown = rows;
  if (o.name === 'top_products' && i.toZero && s.label) return renderToZero(i, o, s.label, metric, { period, base });
  if (o.name === 'top_products' && i.rankBy === 'change' && s.change) {
    // "Which products fell the most": order the returned products by their change; no new figures.
    const falling = i.order === 'bottom' || i.claim === 'down';
    const key = (r: Row) => num(r[s.change!]) ?? 0;
    shown = [...rows].sort((a, b) => (falling ? key(a) - key(b) : key(b) - key(a)));
    max = i.topN ?? 10;
    const lead = zh(i.language)
      ? falling
        ? '下滑最多的产品'
        : '增长最多的产品'
      : falling
        ? 'Products with the biggest drops'
        : 'Products with the biggest gains';
    const h = head.replace(title, lead);
    const flag = zeroFlags(o, s.label, i.language);
    // The ranking key is the change itself: show it, not the percentage a product from zero lacks.
    const byChange = { ...s, pct: null };
    return [h, ...shown.slice(0, max).map((r) => rowLine(r, byChange, s.value!, i.language, metric) + flag(r))];
  }
  return [head, ...shown.slice(0, max).map((r) => rowLine(r, s, s.value!, i.language, metric))];
}

/** "Which products stopped selling": only those the ranking finding says fell to zero, biggest sellers before first. */
function renderToZero(
  i: Intent,
  o: Outcome,
  label: string,
  metric: string,
  at: { period: string; base: string | null },
): string[] {
  const rows = o.payload?.rows ?? [];
  const f = o.payload?.findings?.find((x) => x.kind === 'ranking');
  const fell = f?.kind === 'ranking' ? new Set(f.fellToZero) : null;
  const isZero = (r: Row) => (fell ? fell.has(String(r[label])) : num(r.value) === 0 && (num(r.previous) ?? 0) > 0);
  const gone = rows.filter(isZero).sort((a, b) => (num(b.previous) ?? 0) - (num(a.previous) ?? 0));
  const base = at.base ?? (zh(i.language) ? '上期' : 'the period before');
  const unit = unitOf(metric);
  if (!gone.length)
    return [
      zh(i.language)
        ? `${at.period}没有产品降到零：${base}有销售的产品在${at.period}都还有销售。`
        : `No product fell to zero in ${at.period}: every product that sold in ${base} still sold in ${at.period}.`,
    ];
  const head = zh(i.language)
    ? `${base}有销售、${at.period}销量为零的产品（共 ${gone.length} 个，降到零）：`
    : `Products that sold in ${base} but had no sales in ${at.period} (${gone.length}, fell to zero):`;
  return [
    head,
    ...gone.slice(0, i.topN ?? 10).map((r) => {
      const before = fmt(num(r.previous) ?? 0, unit);
      const name = valueLabel(r[label], i.language);
      return zh(i.language)
        ? `- ${name}：${base} ${before} → ${fmt(0, unit)}`
        : `- ${name}: ${before} in ${base} → ${fmt(0, unit)}`;
    }),
  ];
}

/** "fell to zero" / "new" after a product the ranking finding flags: a drop to nothing is a stock-out or delisting. */
function zeroFlags(o: Outcome, label: string | null, lang: Language): (r: Row) => string {
  const f = o.payload?.findings?.find((x) => x.kind === 'ranking');
  if (!f || f.kind !== 'ranking' || !label) return () => '';
  const fell = new Set(f.fellToZero);
  const rose = new Set(f.roseFromZero);
  return (r) => {
    const name = String(r[label]);
    if (fell.has(name)) return zh(lang) ? '（降到零）' : ' (fell to zero)';
    if (rose.has(name)) return zh(lang) ? '（上期为零）' : ' (nothing in the comparison period)';
    return '';
  };
}

/** The overall reason mix returns_analysis hands back beside its groups. Reasons are data: quoted, never acted on. */
export function renderReasons(i: Intent, o: Outcome): string[] {
  const list = o.payload?.data?.reasons;
  if (!Array.isArray(list) || !list.length) return [];
  const lines = (list as Row[]).slice(0, 8).flatMap((r) => {
    const n = num(r.returns);
    if (n === null) return [];
    const share = num(r.share);
    const refunds = num(r.refunds);
    const bits = zh(i.language)
      ? [
          `${fmt(n, 'count')} 笔退货`,
          ...(share !== null ? [`占 ${fmt(share, 'ratio')}`] : []),
          ...(refunds !== null ? [`退款 ${fmt(refunds, 'money')}`] : []),
        ]
      : [
          `${fmt(n, 'count')} returns`,
          ...(share !== null ? [`${fmt(share, 'ratio')} of returns`] : []),
          ...(refunds !== null ? [`refunds ${fmt(refunds, 'money')}`] : []),
        ];
    return [`- ${quoteData(r.reason, 60)}${zh(i.language) ? '：' : ': '}${bits.join(zh(i.language) ? '，' : ', ')}`];
  });
  if (!lines.length) return [];
  return ['', zh(i.language) ? '退货原因（按退货数排序）：' : 'Return reasons, most common first:', ...lines];
}
