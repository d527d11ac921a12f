// Series and plain tables read back: a trend's first, last, highest and lowest points; any other result as
// its first rows; describe_schema as what can be asked.
import type { Granularity, Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { columnLabel, filtersLabel, fmt, metricName, unitOf, valueLabel } from './format.ts';
import { shape } from './ranked.ts';
import { cap, num, scopeText, zh } from './read.ts';

export function renderTrend(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  const cols = o.payload?.columns ?? [];
  const metric =
    cols.find((c) => c === i.metric) ?? cols.find((c) => rows.some((r) => num(r[c]) !== null) && c !== 'year') ?? null;
  const when = cols.find((c) => /^(period|date|day|week|month|bucket|start)/.test(c)) ?? cols[0];
  if (!rows.length || !metric) return [];
  const pts = rows
    .map((r) => ({ at: String(r[when]), v: num(r[metric]), partial: r.partial === true }))
    .filter((p): p is { at: string; v: number; partial: boolean } => p.v !== null);
  if (!pts.length) return [];
  const unit = unitOf(metric);
  const g = grainOf(i, o);
  const { hi, lo, cut } = extremes(o, metric, pts);
  const first = pts[0];
  const last = pts[pts.length - 1];
  const { period } = scopeText(i, o);
  const name = metricName(metric, i.language);
  const where = filtersLabel(i.filters, i.language);
  if (pts.every((p) => p.v === 0)) {
    return [
      zh(i.language)
        ? `${period}${where}没有${name}：每个时间段都是 ${fmt(0, unit)}。`
        : `There was no ${name} in ${period}${where}: every bucket is ${fmt(0, unit)}.`,
    ];
  }
  const grain = {
    day: ['daily', '按天'],
    week: ['weekly', '按周'],
    month: ['monthly', '按月'],
    quarter: ['quarterly', '按季度'],
  }[g];
  const full = cut.length ? (zh(i.language) ? '完整' : 'full ') : '';
  const b = (at: string, key = true) => bucketName(at, g, i, key);
  const on = g === 'quarter' ? 'in' : 'on';
  if (zh(i.language)) {
    return [
      `${period}${where}${name}${grain[1]}走势：从 ${b(first.at, false)} 的 ${fmt(first.v, unit)} 到 ${b(last.at, false)} 的 ${fmt(last.v, unit)}。`,
      ...(hi ? [`- ${full}时段最高：${b(hi.at)}，${fmt(hi.v, unit)}`] : []),
      ...(lo ? [`- ${full}时段最低：${b(lo.at)}，${fmt(lo.v, unit)}`] : []),
      ...(cut.length
        ? [`- 不完整的时段（不参与最高/最低比较）：${cut.map((c) => daysOf(o, c, 'zh', b)).join('、')}`]
        : []),
    ];
  }
  return [
    `${cap(grain[0], true)} ${name} in ${period}${where} went from ${fmt(first.v, unit)} (${b(first.at, false)}) to ${fmt(last.v, unit)} (${b(last.at, false)}).`,
    ...(hi ? [`- Highest ${full}${g}: ${fmt(hi.v, unit)} ${on} ${b(hi.at)}`] : []),
    ...(lo ? [`- Lowest ${full}${g}: ${fmt(lo.v, unit)} ${on} ${b(lo.at)}`] : []),
    ...(cut.length
      ? [`- Partial ${g}s, not compared as highest or lowest: ${cut.map((c) => daysOf(o, c, 'en', b)).join(', ')}`]
      : []),
  ];
}

/** The grain the series was read at: the call's own, else the one the question asked for. */
function grainOf(i: Intent, o: Outcome): Granularity {
  const g = o.input.grain;
  return g === 'day' || g === 'week' || g === 'month' || g === 'quarter' ? g : (i.granularity ?? 'day');
}

/**
 * A quarter's bucket start (2025-04-01) as the quarter it opens, "Q2 2025" / "2025年第2季度", with the start beside it
 * where a claim names it (the findings name buckets by their start).
 */
function bucketName(at: string, g: Granularity, i: Intent, key: boolean): string {
  const m = /^(\d{4})-(01|04|07|10)-01$/.exec(at);
  if (g !== 'quarter' || !m) return at;
  const q = (Number(m[2]) + 2) / 3;
  const name = zh(i.language) ? `${m[1]}年第${q}季度` : `Q${q} ${m[1]}`;
  if (!key) return name;
  return zh(i.language) ? `${name}（${at}）` : `${name} (${at})`;
}

/** A partial bucket with the days it covers, as the tool's summary gives them ("2025-03-01 (22 days)"). */
function daysOf(o: Outcome, at: string, lang: 'en' | 'zh', name: (at: string) => string = (x) => x): string {
  const m = new RegExp(`${at} \\((\\d+) days?\\)`).exec(o.payload?.summary ?? '');
  if (!m) return name(at);
  return lang === 'zh' ? `${name(at)}（仅 ${m[1]} 天）` : `${name(at)} (only ${m[1]} day${m[1] === '1' ? '' : 's'})`;
}

type Point = { at: string; v: number; partial: boolean };

/** The highest and lowest full bucket: the tool's extreme findings when sent, else the rows without partial ones. */
function extremes(o: Outcome, metric: string, pts: Point[]): { hi: Point | null; lo: Point | null; cut: string[] } {
  const cut = pts.filter((p) => p.partial).map((p) => p.at);
  const found = (o.payload?.findings ?? []).filter((f) => f.kind === 'extreme' && f.metric === metric);
  const pick = (which: 'highest' | 'lowest') => {
    const f = found.find((x) => x.kind === 'extreme' && x.which === which);
    return f?.kind === 'extreme' ? { at: f.subject.name, v: f.subject.value, partial: false } : null;
  };
  if (found.length) return { hi: pick('highest'), lo: pick('lowest'), cut };
  const full = pts.filter((p) => !p.partial);
  if (full.length < 2) return { hi: null, lo: null, cut };
  return {
    hi: full.reduce((a, b) => (b.v > a.v ? b : a)),
    lo: full.reduce((a, b) => (b.v < a.v ? b : a)),
    cut,
  };
}

export function renderGeneric(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  if (!rows.length) return [];
  const cols = (o.payload?.columns ?? [])
    .filter((c) => rows.some((r) => num(r[c]) !== null) && !/(^|_)id$|^rank$/.test(c))
    .slice(0, 4);
  const s = shape(o, i.metric);
  const { period } = scopeText(i, o);
  const head = zh(i.language)
    ? `${period}${filtersLabel(i.filters, 'zh')}的结果：`
    : `Results for ${period}${filtersLabel(i.filters, 'en')}:`;
  const lines = rows.slice(0, 8).map((r) => {
    const name = s.label ? valueLabel(r[s.label], i.language) : '';
    const vals = cols
      .map((c) => {
        const v = num(r[c]);
        return v === null ? null : `${columnLabel(c, i.language)} ${fmt(v, unitOf(c))}`;
      })
      .filter(Boolean);
    return `- ${name}${name ? (zh(i.language) ? '：' : ': ') : ''}${vals.join(zh(i.language) ? '，' : ', ')}`;
  });
  return [head, ...lines];
}

export function renderSchema(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  const tables = [...new Set(rows.map((r) => r.table ?? r.name).filter((x): x is string => typeof x === 'string'))];
  const head = zh(i.language)
    ? '我可以回答关于销售额、订单、客单价、流量与转化、退货、毛利、营销活动、库存和客户的问题。'
    : 'I can answer questions about sales, orders, AOV, traffic and conversion, returns, margin, campaigns, stock and customers.';
  if (!tables.length) return [head];
  return [
    head,
    zh(i.language) ? `可查询的数据表：${tables.join('、')}。` : `The tables I can query: ${tables.join(', ')}.`,
  ];
}
