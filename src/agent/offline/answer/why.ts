// The answer to a why-question, from explain_change: the headline change (and whether the premise holds),
// how it compares with the season, the driver decomposition in words, then the ranked causes with their
// shares and confidence. Every figure is one the tool stated, written at its precision or rounded from it.
import { sameDatesLastYear } from '../../../calendar/index.ts';
import { CHANNEL_LABELS, Channel, type Language } from '../../../protocol/vocabulary.ts';
import type { Outcome } from '../outcome.ts';
import { readExplanation, type DriverStep, type Explanation } from './explain-read.ts';
import { filtersLabel, fmt, fmtDelta, metricName, periodLabel, quoteData, unitOf, type Unit } from './format.ts';
import type { Intent } from '../intent.ts';
import { causeSentence, type CauseContext } from './why-causes.ts';

interface Ctx {
  lang: Language;
  unit: Unit | null;
  e: Explanation;
  name: string;
  period: string;
  base: string;
}

const zh = (c: Ctx) => c.lang === 'zh';
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A value of the metric: money and counts as usual, a rate at the tool's percentage precision. */
function value(v: number, c: Ctx): string {
  return c.unit === 'ratio' ? `${(v * 100).toFixed(c.e.pctDp)}%` : fmt(v, c.unit);
}
/** An expectation, not a count: a count is rounded to whole units (within the grounding check's tolerance). */
function approx(v: number, c: Ctx): string {
  return c.unit === 'count' ? fmt(Math.round(v), c.unit) : value(v, c);
}
function change(v: number, c: Ctx): string {
  if (c.unit !== 'ratio') return fmtDelta(v, c.unit, c.lang);
  const s = v > 0 ? '+' : v < 0 ? '-' : '±';
  return `${s}${Math.abs(v * 100).toFixed(c.e.pctDp)}${zh(c) ? ' 个百分点' : ' pp'}`;
}
function pct(r: number, dp: number): string {
  return `${r > 0 ? '+' : r < 0 ? '-' : '±'}${Math.abs(r * 100).toFixed(dp)}%`;
}

/** The size of the move in the clearest terms the tool gave: relative for sums, points for rates. */
function size(c: Ctx): string {
  const { e } = c;
  if (c.unit !== 'ratio' && e.relative !== null) return pct(Math.abs(e.relative), c.e.pctDp).slice(1);
  return change(Math.abs(e.delta), c).slice(1);
}

function headline(i: Intent, c: Ctx): string[] {
  const { e } = c;
  const where = filtersLabel(i.filters, c.lang);
  const claimed = i.claim === 'down' ? 'down' : i.claim === 'up' ? 'up' : null;
  const out: string[] = [];
  if (claimed && claimed !== e.direction) {
    const asked = claimed === 'down' ? (zh(c) ? '下降' : 'drop') : zh(c) ? '上升' : 'rise';
    if (zh(c)) {
      out.push(
        e.direction === 'flat'
          ? `前提不成立：${c.period}${where}的${c.name}并没有${asked}，与${c.base}持平（${value(e.b, c)}）。`
          : `前提不成立：${c.period}${where}的${c.name}${e.direction === 'up' ? '上升' : '下降'}了 ${size(c)}，并没有${asked}；从${c.base}的 ${value(e.a, c)} ${e.direction === 'up' ? '升至' : '降至'} ${value(e.b, c)}${c.unit === 'ratio' ? '' : `（${change(e.delta, c)}）`}。`,
      );
    } else {
      out.push(
        e.direction === 'flat'
          ? `The premise does not hold: ${c.period}${where} did not ${asked}; ${c.name} was flat at ${value(e.b, c)} against ${c.base}.`
          : `The premise does not hold: ${c.period}${where} did not ${asked}; ${c.name} ${e.direction === 'up' ? 'rose' : 'fell'} ${size(c)}, from ${value(e.a, c)} in ${c.base} to ${value(e.b, c)}${c.unit === 'ratio' ? '' : ` (${change(e.delta, c)})`}.`,
      );
    }
    out.push(
      zh(c)
        ? `下面解释${c.name}${e.direction === 'up' ? '上升' : e.direction === 'down' ? '下降' : '变化'}的原因。`
        : `Here is what drove the ${e.direction === 'up' ? 'rise' : e.direction === 'down' ? 'fall' : 'change'}.`,
    );
    return out;
  }
  if (e.direction === 'flat') {
    out.push(
      zh(c)
        ? `${c.period}${where}的${c.name}为 ${value(e.b, c)}，与${c.base}持平。`
        : `${cap(c.name)} in ${c.period}${where} was ${value(e.b, c)}, unchanged from ${c.base}.`,
    );
    return out;
  }
  const up = e.direction === 'up';
  const delta = c.unit === 'ratio' ? '' : zh(c) ? `（${change(e.delta, c)}）` : ` (${change(e.delta, c)})`;
  out.push(
    zh(c)
      ? `${c.period}${where}的${c.name}${up ? '增长' : '下降'} ${size(c)}，从${c.base}的 ${value(e.a, c)} ${up ? '升至' : '降至'} ${value(e.b, c)}${delta}。`
      : `${cap(c.name)} ${up ? 'rose' : 'fell'} ${size(c)} in ${c.period}${where}, from ${value(e.a, c)} in ${c.base} to ${value(e.b, c)}${delta}.`,
  );
  return out;
}

/** Does last year's move over the same months account for this one? */
function season(c: Ctx): string | null {
  const { e } = c;
  if (!e.season) {
    // The calendar's year back, as compare_to previous_year resolves it; the end may be cut by the data.
    const lastYear = sameDatesLastYear(e.period);
    if (e.compare.from === lastYear.from && e.compare.to.slice(0, 7) === lastYear.to.slice(0, 7)) {
      return zh(c)
        ? '这是与去年同期相比，季节因素已经被排除在外。'
        : 'The comparison is with the same period a year earlier, so the season is already set aside.';
    }
    return zh(c)
      ? '数据中没有去年同样月份可供比较季节性。'
      : 'The data has no same months last year, so the season cannot be checked.';
  }
  const { lastYear, expectedB, versusSeason } = e.season;
  // The gap to the season in the metric's own terms: points for a rate, whole units for a count.
  const gap =
    versusSeason !== null && versusSeason !== 0
      ? c.unit === 'ratio'
        ? change(Math.abs(versusSeason), c).slice(1)
        : approx(Math.abs(versusSeason), c)
      : null;
  const below = e.b < expectedB;
  const verdict = (() => {
    if (e.direction === 'flat') return null;
    const down = e.direction === 'down';
    if (down ? !below : below)
      return down
        ? [
            'the drop is no deeper than the season alone would give: the season explains it',
            '降幅没有超出季节规律，季节因素可以解释',
          ]
        : [
            'the rise is no bigger than the season alone would give: the season explains it',
            '涨幅没有超出季节规律，季节因素可以解释',
          ];
    if (down ? lastYear < 0 : lastYear > 0)
      return down
        ? ['the season explains only part of the drop', '季节因素只能解释其中一部分']
        : ['the season explains only part of the rise', '季节因素只能解释其中一部分'];
    return down
      ? ['the season does not explain the drop', '这次下降并不是季节造成的']
      : ['the season does not explain the rise', '这次增长并不是季节造成的'];
  })();
  if (zh(c)) {
    return `与季节对比：去年同样两个月的${c.name}变化 ${pct(lastYear, e.pctDp)}，照此${c.period}应在 ${approx(expectedB, c)} 左右，实际${below ? '低于' : '高于'}这一预期${gap ? ` ${gap}` : ''}。${verdict ? `${verdict[1]}。` : ''}`;
  }
  return `Against the season: over the same months last year ${c.name} moved ${pct(lastYear, e.pctDp)}, which would have put ${c.period} at about ${approx(expectedB, c)}; it came in ${gap ? `${gap} ` : ''}${below ? 'below' : 'above'} that${verdict ? `, so ${verdict[0]}` : ''}.`;
}

const FACTOR: Record<string, [string, string]> = {
  sessions: ['sessions', '访问量'],
  conversion_rate: ['conversion', '转化率'],
  orders: ['orders', '订单量'],
  units_per_order: ['units per order', '每单件数'],
  avg_unit_price: ['average unit price', '件均价'],
  'rate within segments': ['the rate within segments', '各细分内部的比率'],
  'mix between segments': ['the mix between segments', '细分之间的结构'],
};

function channelName(ch: string, c: Ctx): string {
  const known = Channel.safeParse(ch);
  return known.success ? CHANNEL_LABELS[known.data][c.lang] : quoteData(ch);
}

function factorText(s: DriverStep, c: Ctx): string {
  const label = FACTOR[s.factor]?.[zh(c) ? 1 : 0] ?? quoteData(s.factor);
  return `${label} ${change(s.contribution, c)}`;
}

/** Steps of one channel in words; units per order and unit price together are the AOV. */
function channelDrivers(steps: DriverStep[], c: Ctx): string {
  const upo = steps.find((s) => s.factor === 'units_per_order');
  const aup = steps.find((s) => s.factor === 'avg_unit_price');
  const sep = zh(c) ? '，' : ', ';
  const parts = steps.filter((s) => !(upo && aup && (s === upo || s === aup))).map((s) => factorText(s, c));
  if (upo && aup)
    parts.push(
      zh(c)
        ? `客单价（${factorText(upo, c)}，${factorText(aup, c)}）`
        : `AOV (${factorText(upo, c)}, ${factorText(aup, c)})`,
    );
  return parts.join(sep);
}

function drivers(c: Ctx): string[] {
  const steps = c.e.drivers;
  if (!steps.length || steps.every((s) => s.contribution === 0)) return [];
  // The summary the model may be reading lists only the largest steps: claim they add up only when they do.
  const sum = steps.reduce((t, x) => t + x.contribution, 0);
  const whole = Math.abs(sum - c.e.delta) <= Math.max(0.005 * Math.abs(c.e.delta), c.unit === 'ratio' ? 1e-4 : 0.02);
  const head = zh(c)
    ? `驱动因素分解（${whole ? '各项贡献相加等于总变化' : '贡献最大的几项'}）：`
    : `By driver (${whole ? 'the contributions add up to the change' : 'the largest contributions'}):`;
  const channels = [...new Set(steps.map((s) => s.channel))];
  if (channels.length === 1 && channels[0] === null) {
    const top = [...steps].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution)).slice(0, 6);
    if (c.e.metric === 'sessions')
      return [head, ...top.map((s) => `- ${quoteData(s.factor)}${zh(c) ? '：' : ': '}${change(s.contribution, c)}`)];
    return [head, `- ${channelDrivers(top, c)}`];
  }
  return [
    head,
    ...channels.map((ch) => {
      const name = ch ? channelName(ch, c) : zh(c) ? '其他' : 'Other';
      return `- ${name}${zh(c) ? '：' : ': '}${channelDrivers(
        steps.filter((s) => s.channel === ch),
        c,
      )}`;
    }),
  ];
}

const REASONS_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^the change is in line with the season and the trend; no event stands out$/,
    () => '变化与季节和整体趋势一致，没有哪个事件特别突出',
  ],
  [/^no segment or event stands out from the noise$/, () => '没有哪个细分或事件明显超出正常波动'],
  [/^the largest single cause explains only \+?(.+) of the change$/, (m) => `最大的单一原因只解释了变化的 ${m[1]}`],
];

function causes(c: Ctx, period: string): string[] {
  const { e } = c;
  const out: string[] = [];
  const cc: CauseContext = { lang: c.lang, unit: c.unit, direction: e.direction, year: period.slice(0, 4) };
  if (e.causes.length) {
    out.push(zh(c) ? '原因（按影响大小排序）：' : 'Causes, largest first:');
    e.causes.slice(0, 6).forEach((x, k) => out.push(`${k + 1}. ${causeSentence(x, cc)}${zh(c) ? '。' : '.'}`));
    // A blank line ends the list in Markdown: what follows is not part of the last cause.
    out.push('');
  }
  if (e.noClearCause) {
    const r = e.reason ?? '';
    const known = REASONS_ZH.map(([re, f]) => {
      const m = re.exec(r);
      return m ? f(m) : null;
    }).find(Boolean);
    out.push(
      zh(c)
        ? `没有明确的单一原因${known ? `：${known}` : r ? `（工具说明：${quoteData(r)}）` : ''}。`
        : `No clear single cause${r ? `: ${r}` : ''}.`,
    );
  } else if (!e.causes.length) {
    out.push(zh(c) ? '没有找到明显的原因。' : 'No cause stood out.');
  }
  if (e.residual !== null && e.residual !== 0 && e.causes.length) {
    out.push(
      zh(c)
        ? `另有约 ${change(e.residual, c)}${c.unit === 'ratio' ? '' : ' '}的变化未被以上原因解释。`
        : `About ${change(e.residual, c)} of the change is not explained by these causes.`,
    );
  }
  return out;
}

export function renderWhy(i: Intent, o: Outcome): string[] | null {
  const metricHint = typeof o.input.metric === 'string' ? o.input.metric : 'net_sales';
  const e = readExplanation(o, metricHint);
  if (!e) return null;
  const c: Ctx = {
    lang: i.language,
    unit: unitOf(e.metric),
    e,
    name: metricName(e.metric, i.language),
    period: periodLabel(e.period.from, e.period.to, i.language),
    base: periodLabel(e.compare.from, e.compare.to, i.language),
  };
  const s = season(c);
  const d = drivers(c);
  return [
    headline(i, c).join(zh(c) ? '' : ' ') + (s ? (zh(c) ? s : ` ${s}`) : ''),
    ...(d.length ? ['', ...d] : []),
    '',
    ...causes(c, e.period.from),
  ];
}
