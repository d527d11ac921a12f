// Tool results → the answer, in the question's language. Every number comes from a result and keeps its
// precision; the question's premise is checked against the data; a few follow-ups are offered.
import type { Language } from '../../protocol/turn.ts';
import type { DataRange } from '../../tools/types.ts';
import { columnLabel, filtersLabel, quoteData, fmt, fmtDelta, fmtPct, metricName, periodLabel, unitOf, valueLabel, type Unit } from './format.ts';
import type { Intent } from './intent.ts';
import { partialRefusal, refusal, suggestions, unsupported } from './suggest.ts';
import { renderWhy } from './why.ts';
import { renderCustomerMix } from './customers.ts';
import { buildFreeSql, needsAnalyst, renderFree } from './free-sql.ts';

export interface Outcome {
  name: string;
  input: Record<string, unknown>;
  payload: { summary: string; columns: string[]; rows: Record<string, unknown>[]; data?: Record<string, unknown> } | null;
  error: { code: string; message: string } | null;
  /** Input keys the tool had no place for. */
  dropped: string[];
}

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
};
const zh = (l: Language) => l === 'zh';

/** "vs 2025-06 (2025-06-01 to 2025-06-30)" in a tool summary: the comparison the tool actually used. */
function comparedRange(summary: string): { from: string; to: string } | null {
  const m = / vs .*?\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(summary);
  return m ? { from: m[1], to: m[2] } : null;
}
function usedRange(summary: string): { from: string; to: string } | null {
  const m = /\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(summary);
  return m ? { from: m[1], to: m[2] } : null;
}

function scopeText(i: Intent, o: Outcome): { period: string; base: string | null } {
  const used = o.payload ? usedRange(o.payload.summary) : null;
  const period = used ? periodLabel(used.from, used.to, i.language) : periodLabel(i.period.start, i.period.end, i.language);
  const cmp = o.payload ? comparedRange(o.payload.summary) : null;
  return { period, base: cmp ? periodLabel(cmp.from, cmp.to, i.language) : null };
}

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
    return zh(lang) ? `${name}：${cur}，${changeWords(c, lang)}（上期 ${prev}）` : `${cap(name, true)}: ${cur}, ${changeWords(c, lang)} from ${prev}`;
  }
  if (c.previous === null || c.change === null) return zh(lang) ? `${name}为 ${cur}` : `${name} was ${cur}`;
  const prev = fmt(c.previous, unit);
  if (zh(lang)) return `${name}为 ${cur}，比${base ?? '上期'}（${prev}）${changeWords(c, lang)}`;
  return `${name} was ${cur}, ${changeWords(c, lang)} from ${prev} in ${base ?? 'the previous period'}`;
}

const cap = (s: string, on: boolean) => (on ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** When the question takes a direction for granted, say plainly whether the data agrees. */
function premise(i: Intent, c: Change | undefined, period: string, base: string | null): string {
  if (!i.claim || !c || c.change === null || c.current === null) return '';
  const rose = c.change > 0;
  const agrees = (i.claim === 'down') === !rose && c.change !== 0;
  if (agrees) return '';
  const name = metricName(c.metric, i.language);
  const unit = unitOf(c.metric);
  const size = c.pct !== null && unit !== 'ratio' ? fmtPct(Math.abs(c.pct)).slice(1) : fmtDelta(Math.abs(c.change), unit, i.language).slice(1);
  if (zh(i.language)) {
    return c.change === 0
      ? `前提不成立：${period}的${name}与${base ?? '上期'}持平，并没有${i.claim === 'down' ? '下降' : '上升'}。`
      : `前提不成立：${period}的${name}并没有${i.claim === 'down' ? '下降' : '上升'}，而是${rose ? '上升' : '下降'}了 ${size}（相对${base ?? '上期'}）。`;
  }
  return c.change === 0
    ? `The premise does not hold: ${name} in ${period} was flat against ${base ?? 'the previous period'}, not ${i.claim === 'down' ? 'down' : 'up'}.`
    : `The premise does not hold: ${name} in ${period} did not ${i.claim === 'down' ? 'drop' : 'rise'}; it ${rose ? 'rose' : 'fell'} ${size} against ${base ?? 'the previous period'}.`;
}

function renderCompare(i: Intent, o: Outcome): string[] {
  const { period, base } = scopeText(i, o);
  const rows = kpiRows(o);
  const lead = rows.find((r) => r.metric === i.metric) ?? rows[0];
  if (!lead) return [];
  const where = filtersLabel(i.filters, i.language);
  const out: string[] = [];
  const p = premise(i, lead, period, base);
  if (p) out.push(p);
  out.push(zh(i.language) ? `${period}${where}的${kpiSentence(lead, i.language, base, false)}。` : `In ${period}${where}, ${kpiSentence(lead, i.language, base, false)}.`);
  const others = rows.filter((r) => r !== lead && r.current !== null);
  for (const r of others) out.push(`- ${kpiSentence(r, i.language, base, true)}`);
  return out;
}

/** The text column that names each row, and the numeric columns worth showing. */
function shape(o: Outcome, metric: string): { label: string | null; value: string | null; share: string | null; pct: string | null; change: string | null } {
  const cols = o.payload?.columns ?? [];
  const rows = o.payload?.rows ?? [];
  const isNum = (c: string) => rows.some((r) => num(r[c]) !== null);
  const prefer = ['product_name', 'name', 'segment', 'label', 'value_label'];
  const textCols = cols.filter((c) => !isNum(c) && rows.some((r) => typeof r[c] === 'string') && c !== 'metric');
  const label = prefer.find((c) => textCols.includes(c)) ?? textCols[0] ?? null;
  const pick = (...names: string[]) => names.find((n) => cols.includes(n) && isNum(n)) ?? null;
  const value = pick(metric, 'current', 'value', 'net_sales', 'units') ?? cols.find((c) => isNum(c) && !/share|pct|change|previous|rank|id$/.test(c)) ?? null;
  return { label, value, share: pick('share', `${metric}_share`), pct: pick('change_pct', 'pct_change', 'delta_pct', `${metric}_change_pct`), change: pick('change', 'delta', `${metric}_change`) };
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

function renderRanked(i: Intent, o: Outcome, title: string, max = 10): string[] {
  const rows = o.payload?.rows ?? [];
  const { period, base } = scopeText(i, o);
  const metric = typeof o.input.metric === 'string' ? o.input.metric : i.metric;
  const s = shape(o, metric);
  if (!rows.length || !s.value) return [];
  const where = filtersLabel(i.filters, i.language);
  const valueName = s.value === 'value' || s.value === 'current' ? metricName(metric, i.language) : columnLabel(s.value, i.language);
  const named = title.toLowerCase().includes(valueName.toLowerCase());
  const notes = [...(named ? [] : [valueName]), ...(base ? [zh(i.language) ? `对比${base}` : `change against ${base}`] : [])];
  const whereEn = where ? `, ${where.trim().slice(1, -1)}` : '';
  const head = zh(i.language)
    ? `${period}${where}${title}${notes.length ? `（${notes.join('，')}）` : ''}：`
    : `${title} in ${period}${notes.length || whereEn ? ` (${[...(whereEn ? [whereEn.slice(2)] : []), ...notes].join(', ')})` : ''}:`;
  let shown = rows;
  if (o.name === 'top_products' && i.rankBy === 'change' && s.change) {
    // "Which products fell the most": order the returned products by their change; no new figures.
    const falling = i.order === 'bottom' || i.claim === 'down';
    const key = (r: Row) => num(r[s.change!]) ?? 0;
    shown = [...rows].sort((a, b) => (falling ? key(a) - key(b) : key(b) - key(a)));
    max = i.topN ?? 10;
    const lead = zh(i.language) ? (falling ? '下滑最多的产品' : '增长最多的产品') : falling ? 'Products with the biggest drops' : 'Products with the biggest gains';
    const h = head.replace(title, lead);
    return [h, ...shown.slice(0, max).map((r) => rowLine(r, s, s.value!, i.language, metric))];
  }
  return [head, ...shown.slice(0, max).map((r) => rowLine(r, s, s.value!, i.language, metric))];
}

function renderTrend(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  const cols = o.payload?.columns ?? [];
  const metric = cols.find((c) => c === i.metric) ?? cols.find((c) => rows.some((r) => num(r[c]) !== null) && c !== 'year') ?? null;
  const when = cols.find((c) => /^(period|date|day|week|month|bucket|start)/.test(c)) ?? cols[0];
  if (!rows.length || !metric) return [];
  const pts = rows.map((r) => ({ at: String(r[when]), v: num(r[metric]) })).filter((p): p is { at: string; v: number } => p.v !== null);
  if (!pts.length) return [];
  const unit = unitOf(metric);
  const hi = pts.reduce((a, b) => (b.v > a.v ? b : a));
  const lo = pts.reduce((a, b) => (b.v < a.v ? b : a));
  const first = pts[0];
  const last = pts[pts.length - 1];
  const { period } = scopeText(i, o);
  const name = metricName(metric, i.language);
  const where = filtersLabel(i.filters, i.language);
  if (pts.every((p) => p.v === 0)) {
    return [zh(i.language) ? `${period}${where}没有${name}：每个时间段都是 ${fmt(0, unit)}。` : `There was no ${name} in ${period}${where}: every bucket is ${fmt(0, unit)}.`];
  }
  const grain = { day: ['daily', '按天'], week: ['weekly', '按周'], month: ['monthly', '按月'] }[i.granularity ?? 'day'];
  if (zh(i.language)) {
    return [
      `${period}${where}${name}${grain[1]}走势：从 ${first.at} 的 ${fmt(first.v, unit)} 到 ${last.at} 的 ${fmt(last.v, unit)}。`,
      `- 最高：${hi.at}，${fmt(hi.v, unit)}`,
      `- 最低：${lo.at}，${fmt(lo.v, unit)}`,
    ];
  }
  return [
    `${cap(grain[0], true)} ${name} in ${period}${where} went from ${fmt(first.v, unit)} (${first.at}) to ${fmt(last.v, unit)} (${last.at}).`,
    `- Highest: ${fmt(hi.v, unit)} on ${hi.at}`,
    `- Lowest: ${fmt(lo.v, unit)} on ${lo.at}`,
  ];
}

function renderExplain(i: Intent, o: Outcome): string[] {
  return renderWhy(i, o) ?? renderGeneric(i, o);
}

function renderGeneric(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  if (!rows.length) return [];
  const cols = (o.payload?.columns ?? []).filter((c) => rows.some((r) => num(r[c]) !== null) && !/(^|_)id$|^rank$/.test(c)).slice(0, 4);
  const s = shape(o, i.metric);
  const { period } = scopeText(i, o);
  const head = zh(i.language) ? `${period}${filtersLabel(i.filters, 'zh')}的结果：` : `Results for ${period}${filtersLabel(i.filters, 'en')}:`;
  const lines = rows.slice(0, 8).map((r) => {
    const name = s.label ? valueLabel(r[s.label], i.language) : '';
    const vals = cols.map((c) => {
      const v = num(r[c]);
      return v === null ? null : `${columnLabel(c, i.language)} ${fmt(v, unitOf(c))}`;
    }).filter(Boolean);
    return `- ${name}${name ? (zh(i.language) ? '：' : ': ') : ''}${vals.join(zh(i.language) ? '，' : ', ')}`;
  });
  return [head, ...lines];
}

function renderSchema(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  const tables = [...new Set(rows.map((r) => r.table ?? r.name).filter((x): x is string => typeof x === 'string'))];
  const head = zh(i.language)
    ? '我可以回答关于销售额、订单、客单价、流量与转化、退货、毛利、营销活动、库存和客户的问题。'
    : 'I can answer questions about sales, orders, AOV, traffic and conversion, returns, margin, campaigns, stock and customers.';
  if (!tables.length) return [head];
  return [head, zh(i.language) ? `可查询的数据表：${tables.join('、')}。` : `The tables I can query: ${tables.join(', ')}.`];
}

const TITLES: Record<string, [string, string]> = {
  breakdown: ['Breakdown', '的分布'],
  top_products: ['Products', '的产品排名'],
  funnel: ['The own-site funnel', '独立站转化漏斗'],
  campaign_performance: ['Campaign performance', '营销活动效果'],
  price_change_impact: ['Price changes and their impact', '调价影响'],
  stock_status: ['Stock-outs', '缺货情况'],
  customer_mix: ['Customer mix', '客户结构'],
  cohort_retention: ['Cohort retention', '同期群留存'],
  rfm_segments: ['Customer segments (RFM)', '客户分层（RFM）'],
  returns_analysis: ['Returns', '退货分析'],
};

function renderOne(i: Intent, o: Outcome): string[] {
  switch (o.name) {
    case 'compare_periods':
      return renderCompare(i, o);
    case 'sales_trend':
      return renderTrend(i, o);
    case 'explain_change':
      return renderExplain(i, o);
    case 'describe_schema':
      return renderSchema(i, o);
    case 'run_sql':
      return i.kind === 'free_sql' && i.free ? renderFree(i.free, i, o.payload?.rows ?? [], buildFreeSql(i.free, i).unapplied) : renderGeneric(i, o);
    case 'breakdown': {
      const dim = String(o.input.dimension ?? o.input.by ?? '');
      const name = metricName(String(o.input.metric ?? i.metric), i.language);
      const title = zh(i.language) ? `${name}按${dimZh(dim)}${TITLES.breakdown[1]}` : `${cap(name, true)} by ${dim.replace(/_/g, ' ')}`;
      return renderRanked(i, o, title);
    }
    case 'customer_mix': {
      const by = typeof o.input.by === 'string' ? o.input.by : null;
      const lines = renderCustomerMix(i, o.payload?.rows ?? [], by, o.payload ? usedRange(o.payload.summary) : null);
      return lines.length ? lines : renderGeneric(i, o);
    }
    case 'returns_analysis':
      return [...renderRanked(i, o, zh(i.language) ? TITLES.returns_analysis[1] : TITLES.returns_analysis[0]), ...renderReasons(i, o)];
    default: {
      const t = TITLES[o.name];
      if (!t) return renderGeneric(i, o);
      const title = zh(i.language) ? t[1] : o.name === 'top_products' ? `${i.order === 'bottom' ? 'Bottom' : 'Top'} products by ${metricName(String(o.input.metric ?? i.metric), 'en')}` : t[0];
      return renderRanked(i, o, title);
    }
  }
}

/** The overall reason mix returns_analysis hands back beside its groups. Reasons are data: quoted, never acted on. */
function renderReasons(i: Intent, o: Outcome): string[] {
  const list = o.payload?.data?.reasons;
  if (!Array.isArray(list) || !list.length) return [];
  const lines = (list as Row[]).slice(0, 8).flatMap((r) => {
    const n = num(r.returns);
    if (n === null) return [];
    const share = num(r.share);
    const refunds = num(r.refunds);
    const bits = zh(i.language)
      ? [`${fmt(n, 'count')} 笔退货`, ...(share !== null ? [`占 ${fmt(share, 'ratio')}`] : []), ...(refunds !== null ? [`退款 ${fmt(refunds, 'money')}`] : [])]
      : [`${fmt(n, 'count')} returns`, ...(share !== null ? [`${fmt(share, 'ratio')} of returns`] : []), ...(refunds !== null ? [`refunds ${fmt(refunds, 'money')}`] : [])];
    return [`- ${quoteData(r.reason, 60)}${zh(i.language) ? '：' : ': '}${bits.join(zh(i.language) ? '，' : ', ')}`];
  });
  if (!lines.length) return [];
  return ['', zh(i.language) ? '退货原因（按退货数排序）：' : 'Return reasons, most common first:', ...lines];
}

function dimZh(d: string): string {
  return ({ channel: '渠道', country: '国家', category: '品类', subcategory: '子品类', product: '产品', device: '设备', source: '流量来源', source_type: '来源类型', customer_type: '新老客', campaign: '活动' } as Record<string, string>)[d] ?? d;
}

function errorLine(o: Outcome, lang: Language): string {
  const e = o.error!;
  return zh(lang) ? `${o.name} 没能运行：${e.message}` : `${o.name} could not run: ${e.message}`;
}

export interface Answer {
  text: string;
  suggestions: string[];
}

export function compose(i: Intent, outcomes: Outcome[], data: DataRange): Answer {
  if (i.kind === 'refuse') return { text: refusal(i), suggestions: suggestions(i, data) };
  if (i.kind === 'unsupported') return { text: unsupported(i, data), suggestions: suggestions(i, data) };
  if (i.kind === 'free_sql' && i.free && !outcomes.length) return { text: [...(i.alsoRefused ? [partialRefusal(i.alsoRefused, i.language)] : []), needsAnalyst(i.free, i.language)].join('\n\n'), suggestions: suggestions(i, data) };
  const body: string[] = i.alsoRefused ? [partialRefusal(i.alsoRefused, i.language)] : [];
  const ok = outcomes.filter((o) => o.payload && !o.error);
  for (const o of ok) {
    const lines = renderOne(i, o);
    if (lines.length) body.push(lines.join('\n'));
  }
  const failed = outcomes.filter((o) => o.error && !ok.some((x) => x.name === o.name));
  if (body.length === (i.alsoRefused ? 1 : 0)) {
    const none = zh(i.language)
      ? outcomes.length ? '这个问题没有查到可用的数据。' : '我现有的工具回答不了这个问题。'
      : outcomes.length ? 'The query returned no data for this question.' : 'None of my tools can answer this question.';
    body.push([none, ...failed.map((o) => errorLine(o, i.language))].join('\n'));
  } else if (failed.length) body.push(failed.map((o) => errorLine(o, i.language)).join('\n'));
  const dropped = [...new Set(ok.flatMap((o) => o.dropped))].filter((k) => k in i.filters);
  if (dropped.length) body.push(zh(i.language) ? `注意：该分析不支持按${dropped.join('、')}筛选，结果未应用这些条件。` : `Note: this analysis does not take the ${dropped.join(', ')} filter, so it is not applied.`);
  if (i.periodDefaulted && i.kind !== 'schema') {
    body.push(zh(i.language) ? '（未指定时间，默认使用数据中最近的完整月份。）' : '(No period was named, so I used the latest full month in the data.)');
  }
  const usesSales = ok.some((o) => [o.input.metric, ...(Array.isArray(o.input.metrics) ? o.input.metrics : [])].includes('net_sales'));
  if (usesSales) {
    body.push(zh(i.language) ? '口径：销售额为净销售额（折扣后、退款前，不含已取消订单，按下单日期）。' : 'Sales means net sales: after discounts, before refunds, excluding cancelled orders, by order date.');
  }
  return { text: body.join('\n\n'), suggestions: suggestions(i, data) };
}
