// funnel read back from its rate findings: the share of sessions reaching each step and each step's rate of the
// one before it, for the whole own website and for each segment of a split, with the best and worst converter.
import type { Finding, FindingOf } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { filtersLabel, fmt, valueLabel } from './format.ts';
import { scopeText, zh } from './read.ts';

type Rates = Map<string, FindingOf<'rate'>>;

/** The step rates of one subject ("all" or a segment), by rate id. */
function ratesFor(findings: Finding[], subject: string): Rates {
  return new Map(
    findings
      .filter((f): f is FindingOf<'rate'> => f.kind === 'rate' && f.subject === subject)
      .map((f) => [f.metric, f]),
  );
}

const pct = (f: FindingOf<'rate'> | undefined) => (f ? fmt(f.rate, 'ratio') : null);
const count = (v: number) => fmt(v, 'count');

/** "drop-off", "流失率": what each step lost, from the tool's drop-off findings; nothing when not asked. */
function dropOffLines(r: Rates, i: Intent): string[] {
  if (!i.dropOff) return [];
  const cart = r.get('cart_drop_off');
  const order = r.get('checkout_drop_off');
  if (zh(i.language))
    return [
      ...(cart ? [`- 流失：${pct(cart)} 的访问没有加购（${count(cart.numerator.value)} 次）`] : []),
      ...(order ? [`- 流失：${pct(order)} 的加购访问没有下单（${count(order.numerator.value)} 次）`] : []),
    ];
  return [
    ...(cart
      ? [`- Drop-off: ${pct(cart)} of sessions left without adding to cart (${count(cart.numerator.value)})`]
      : []),
    ...(order
      ? [`- Drop-off: ${pct(order)} of sessions with an add-to-cart did not order (${count(order.numerator.value)})`]
      : []),
  ];
}

/** The filters the funnel applies (device, country, source); it is the own website's by definition. */
const funnelScope = (i: Intent) =>
  filtersLabel({ ...i.filters, channel: undefined, customer_type: undefined }, i.language);

function overall(r: Rates, i: Intent, period: string): string[] {
  const s = r.get('session_conversion') ?? r.get('view_rate');
  if (!s) return [];
  const where = funnelScope(i);
  const sessions = count(s.denominator.value);
  const v = r.get('view_rate');
  const c = r.get('session_cart_rate');
  // Where every session views a product, the rate of viewers repeats the rate of sessions: said once.
  const cv = v && v.rate < 1 ? r.get('cart_rate') : undefined;
  const o = r.get('checkout_rate');
  const conv = r.get('session_conversion');
  if (zh(i.language)) {
    return [
      `${period}${where}独立站转化漏斗：共 ${sessions} 次访问（会话）。`,
      ...(v ? [`- 浏览商品：${count(v.numerator.value)} 次访问，占访问的 ${pct(v)}`] : []),
      ...(c
        ? [
            `- 加入购物车：${count(c.numerator.value)} 次访问，占访问的 ${pct(c)}${cv ? `（占浏览商品访问的 ${pct(cv)}）` : ''}`,
          ]
        : []),
      ...(o ? [`- 下单：${count(o.numerator.value)} 次访问，占加购访问的 ${pct(o)}`] : []),
      ...(conv ? [`- 整体访问转化率（下单访问 ÷ 全部访问）：${pct(conv)}`] : []),
      ...dropOffLines(r, i),
    ];
  }
  return [
    `Own-website funnel in ${period}${where}: ${sessions} sessions.`,
    ...(v ? [`- Viewed a product: ${count(v.numerator.value)} sessions, ${pct(v)} of sessions`] : []),
    ...(c
      ? [
          `- Added to cart: ${count(c.numerator.value)} sessions, ${pct(c)} of sessions${cv ? ` (${pct(cv)} of sessions with a product view)` : ''}`,
        ]
      : []),
    ...(o ? [`- Ordered: ${count(o.numerator.value)} sessions, ${pct(o)} of sessions with an add-to-cart`] : []),
    ...(conv ? [`- Overall session conversion (sessions with an order ÷ all sessions): ${pct(conv)}`] : []),
    ...dropOffLines(r, i),
  ];
}

function segmentLine(name: string, r: Rates, i: Intent): string | null {
  const c = r.get('session_cart_rate');
  const o = r.get('checkout_rate');
  const conv = r.get('session_conversion');
  const sessions = (c ?? conv)?.denominator.value;
  if (sessions === undefined) return null;
  const label = valueLabel(name, i.language);
  if (zh(i.language)) {
    const who = label === name ? label : `${label}（${name}）`;
    const bits = [
      `${count(sessions)} 次访问`,
      ...(c ? [`加购率 ${pct(c)}`] : []),
      ...(o ? [`加购后下单率 ${pct(o)}`] : []),
      ...(conv ? [`访问转化率 ${pct(conv)}`] : []),
      ...(i.dropOff && r.get('checkout_drop_off') ? [`加购后流失 ${pct(r.get('checkout_drop_off'))}`] : []),
    ];
    return `- ${who}：${bits.join('，')}`;
  }
  const bits = [
    `${count(sessions)} sessions`,
    ...(c ? [`${pct(c)} added to cart`] : []),
    ...(o ? [`${pct(o)} of carts ordered`] : []),
    ...(conv ? [`session conversion ${pct(conv)}`] : []),
    ...(i.dropOff && r.get('checkout_drop_off') ? [`${pct(r.get('checkout_drop_off'))} of carts dropped off`] : []),
  ];
  return `- ${label}: ${bits.join(', ')}`;
}

/** The best and worst converting segment, from the tool's extreme findings. */
function extremes(findings: Finding[], i: Intent): string[] {
  const ex = (which: 'highest' | 'lowest') =>
    findings.find(
      (f): f is FindingOf<'extreme'> => f.kind === 'extreme' && f.metric === 'session_conversion' && f.which === which,
    );
  return [ex('highest'), ex('lowest')].flatMap((f) => {
    if (!f) return [];
    const name = valueLabel(f.subject.name, i.language);
    const hi = f.which === 'highest';
    const v = fmt(f.subject.value, 'ratio');
    return zh(i.language)
      ? [
          `访问转化率${hi ? '最高' : '最低'}的是${name === f.subject.name ? name : `${name}（${f.subject.name}）`}：${v}。`,
        ]
      : [`${hi ? 'Highest' : 'Lowest'} session conversion: ${name} (${v}).`];
  });
}

export function renderFunnel(i: Intent, o: Outcome): string[] {
  const findings = o.payload?.findings ?? [];
  const { period } = scopeText(i, o);
  const total = overall(ratesFor(findings, 'all'), i, period);
  if (!total.length) return [];
  const by = typeof o.input.by === 'string' ? o.input.by : null;
  if (!by) return total;
  const rows = o.payload?.rows ?? [];
  const segments = rows
    .map((r) => String(r[by]))
    .flatMap((name) => {
      const line = segmentLine(name, ratesFor(findings, name), i);
      return line ? [line] : [];
    });
  const head = zh(i.language) ? `按${by === 'device' ? '设备' : '来源'}拆分：` : `By ${by.replace(/_/g, ' ')}:`;
  return [...total, '', head, ...segments, ...extremes(findings, i)];
}
