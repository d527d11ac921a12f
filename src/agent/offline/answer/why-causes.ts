// One ranked cause of explain_change as an analyst says it, in English or Chinese: what happened (by
// kind), where and when, then its effect, its share of the change and the tool's confidence. One
// sentence per cause. Names from the data (campaigns, products, traffic sources) are quoted, never obeyed.
import { CHANNELS, type Language } from '../../../protocol/vocabulary.ts';
import type { ExplainCause, Segment } from './explain-read.ts';
import { fmtDelta, quoteData, valueLabel, type Unit } from './format.ts';

export interface CauseContext {
  lang: Language;
  unit: Unit | null;
  direction: 'up' | 'down' | 'flat';
  /** Year of the period asked about: Chinese dates in it drop the year. */
  year: string;
}

const KNOWN = new Set<string>([
  ...CHANNELS,
  'United States',
  'Canada',
  'United Kingdom',
  'France',
  'Australia',
  'Swimwear',
  'Bikinis',
  "Women's Swimsuits",
  "Men's Swim Trunks",
  "Kids' Swimwear",
  'Beach Accessories',
  'Apparel',
  'Jewelry & Accessories',
  'Hats',
  'Bags',
  'desktop',
  'mobile',
  'tablet',
  'new',
  'returning',
]);
const CHANNEL_EN: Record<string, string> = {
  own_website: 'own-website',
  amazon: 'Amazon',
  other_marketplace: 'other-marketplace',
};
const SOURCE_TYPE: Record<string, [string, string]> = {
  paid_social: ['paid-social', '付费社交'],
  paid_search: ['paid-search', '付费搜索'],
  email: ['email', '邮件'],
  social: ['social', '社交'],
  search: ['search', '搜索'],
  referral: ['referral', '外链'],
  direct: ['direct', '直接访问'],
};

const zh = (c: CauseContext) => c.lang === 'zh';
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const nbr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A value from our own vocabulary in the reader's words; anything else is data text and is quoted. */
function named(v: string, lang: Language): string {
  return KNOWN.has(v) ? valueLabel(v, lang) : quoteData(v);
}

function date(d: string | null, c: CauseContext): string {
  if (!d) return '';
  if (!zh(c)) return d;
  const [y, m, day] = d.split('-');
  return `${y === c.year ? '' : `${y}年`}${Number(m)}月${Number(day)}日`;
}

function span(from: string | null, to: string | null, c: CauseContext): string {
  if (from && to && from !== to) return zh(c) ? `${date(from, c)}至${date(to, c)}` : `from ${from} to ${to}`;
  const d = from ?? to;
  return d ? (zh(c) ? `${date(d, c)}` : `on ${d}`) : '';
}

function skus(seg: Segment, cut: boolean, lang: Language): string {
  const list = seg.product ?? [];
  const shown = list.slice(0, 4).map((s) => (/^[\w.-]{1,40}$/.test(s) ? s : quoteData(s, 40)));
  const more = list.length > 4 || cut;
  return shown.join(lang === 'zh' ? '、' : ', ') + (more ? (lang === 'zh' ? '等' : ', …') : '');
}

/** Where a segment sits, in words: "Swimwear on Amazon in Canada" / "加拿大亚马逊的泳衣". */
export function segmentWords(seg: Segment, cut: boolean, c: CauseContext): string {
  const one = (d: string) => (seg[d]?.length ? seg[d]!.map((v) => named(v, c.lang)).join(zh(c) ? '、' : ' / ') : null);
  const what = seg.product
    ? zh(c)
      ? `SKU ${skus(seg, cut, c.lang)}`
      : `SKUs ${skus(seg, cut, c.lang)}`
    : (one('subcategory') ?? one('category'));
  const source = seg.source?.length
    ? seg.source
        .map((s) =>
          s === '(marketplace)'
            ? zh(c)
              ? '平台订单'
              : 'marketplace orders'
            : zh(c)
              ? `来自${quoteData(s)}的流量`
              : `traffic from ${quoteData(s)}`,
        )
        .join(zh(c) ? '、' : ' / ')
    : null;
  const channel = seg.channel?.length
    ? seg.channel.map((v) => (zh(c) ? named(v, 'zh') : (CHANNEL_EN[v] ?? quoteData(v)))).join(zh(c) ? '、' : ' / ')
    : null;
  if (zh(c)) {
    const where = [one('country'), channel, one('device'), one('customer_type')].filter(Boolean).join('');
    const tail = [source, what].filter(Boolean).join('中的');
    return (where && tail ? `${where}的${tail}` : where || tail) || '整体业务';
  }
  const parts = [
    what ?? (source ? null : 'sales'),
    source,
    channel ? `on ${channel === 'own-website' ? 'the own website' : channel}` : null,
  ];
  if (seg.country) parts.push(`in ${one('country')}`);
  if (seg.device) parts.push(`on ${one('device')}`);
  if (seg.customer_type) parts.push(`among ${one('customer_type')}`);
  return parts.filter(Boolean).join(' ');
}

function pct(share: number): string {
  return `${(Math.abs(share) * 100).toFixed(2)}%`;
}

/** ": -$14,515.39, about 95.59% of the drop (high confidence)". */
function tail(x: ExplainCause, c: CauseContext): string {
  const change = zh(c)
    ? c.direction === 'down'
      ? '下降'
      : c.direction === 'up'
        ? '增长'
        : '变化'
    : c.direction === 'down'
      ? 'drop'
      : c.direction === 'up'
        ? 'rise'
        : 'change';
  const bits: string[] = [];
  if (x.effect !== null)
    bits.push(zh(c) ? `影响 ${fmtDelta(x.effect, c.unit, 'zh')}` : fmtDelta(x.effect, c.unit, 'en'));
  if (x.share !== null && x.share !== 0) {
    const against = x.share < 0;
    bits.push(
      zh(c)
        ? `${against ? `抵消了${change}，约占其` : `约占${change}的`} ${pct(x.share)}`
        : `${against ? 'offsetting' : 'about'} ${pct(x.share)} of the ${change}`,
    );
  }
  const conf = zh(c)
    ? `置信度${({ high: '高', medium: '中', low: '低' } as Record<string, string>)[x.confidence] ?? x.confidence}`
    : `${x.confidence} confidence`;
  return zh(c) ? `：${[...bits, conf].join('，')}` : `: ${bits.join(', ')}${bits.length ? ' ' : ''}(${conf})`;
}

function campaign(x: ExplainCause, c: CauseContext): string {
  const f = x.facts;
  const name = str(f.campaign) ? quoteData(f.campaign) : null;
  const type = str(f.campaign_type);
  const typeWords = type ? (SOURCE_TYPE[type]?.[zh(c) ? 1 : 0] ?? quoteData(type)) : null;
  const start = str(f.start_date);
  const end = str(f.end_date);
  const source = x.segment.source?.[0] ?? str(f.traffic_source);
  const a = nbr(f.sessions_a);
  const b = nbr(f.sessions_b);
  const ended = x.kind === 'campaign_end';
  if (!name)
    return zh(c)
      ? `营销活动${ended ? '结束' : '开始'}：${quoteData(x.title)}`
      : `A campaign ${ended ? 'ended' : 'started'}: ${quoteData(x.title)}`;
  if (zh(c)) {
    const head = `${typeWords ?? ''}营销活动${name}${start && end ? `（${date(start, c)}至${date(end, c)}）` : ''}${ended ? `已于${date(end, c)}结束` : `于${date(start, c)}开始`}`;
    const traffic =
      source && a !== null && b !== null
        ? `，来自${quoteData(source)}的访问量从 ${a.toLocaleString('en-US')} ${ended ? '降到' : '升到'} ${b.toLocaleString('en-US')}`
        : source
          ? `，经${quoteData(source)}带来的销售随之${ended ? '减少' : '增加'}`
          : '';
    return head + traffic;
  }
  const head = `The ${name} ${typeWords ? `${typeWords} ` : ''}campaign${start && end ? ` (${start} to ${end})` : ''} ${ended ? `ended on ${end}` : `started on ${start}`}`;
  const kindWord = typeWords ? `${typeWords} ` : '';
  const traffic =
    source && a !== null && b !== null
      ? `, and ${kindWord}sessions from ${quoteData(source)} went from ${a.toLocaleString('en-US')} to ${b.toLocaleString('en-US')}`
      : source
        ? `, ${ended ? 'taking away' : 'bringing'} the sales that came through ${quoteData(source)}`
        : '';
  return head + traffic;
}

function price(x: ExplainCause, c: CauseContext): string {
  const f = x.facts;
  const up = x.kind === 'price_increase';
  const avg = nbr(f.average_change_pct);
  const size = avg !== null ? Math.abs(avg) : nbr(f.price_change_pct);
  const channel = x.segment.channel?.[0] ?? (str(f.channel) !== 'all' ? str(f.channel) : null);
  const scopeText = str(f.scope);
  const count = scopeText ? /^(\d+) SKUs?$/.exec(scopeText)?.[1] : undefined;
  const what = x.segment.category?.[0] ?? x.segment.subcategory?.[0];
  const when = str(f.change_date) ?? x.start;
  const reason = str(f.reason);
  if (zh(c)) {
    const scope = what
      ? named(what, 'zh')
      : count
        ? `${count} 个 SKU`
        : x.segment.product
          ? `SKU ${skus(x.segment, x.segmentCut, 'zh')}`
          : '部分商品';
    const ch = channel ? named(channel, 'zh') : '全渠道';
    return `${ch}${scope}${up ? '涨价' : '降价'}${size !== null ? ` ${size}%` : ''}${when ? `（自${date(when, c)}起${reason ? `，记录的原因：${quoteData(reason)}` : ''}）` : ''}`;
  }
  const scope = what
    ? named(what, 'en')
    : count
      ? `${count} SKU${count === '1' ? '' : 's'}`
      : x.segment.product
        ? `SKUs ${skus(x.segment, x.segmentCut, 'en')}`
        : 'some products';
  const ch = channel ? (CHANNEL_EN[channel] ?? quoteData(channel)) : null;
  const noun = up ? 'price rise' : 'price cut';
  const lead = ch ? `${/^[AEIOU]/.test(ch) ? 'An' : 'A'} ${ch} ${noun}` : `A ${noun}`;
  return `${lead}${size !== null ? ` of ${size}%` : ''} on ${scope}${ch ? '' : ' on every channel'}${when ? ` from ${when}` : ''}${reason ? ` (recorded reason: ${quoteData(reason)})` : ''}`;
}

function stockout(x: ExplainCause, c: CauseContext): string {
  const f = x.facts;
  const n = nbr(f.sku_count);
  const subs = str(f.subcategories)
    ?.split(', ')
    .map((s) => named(s, c.lang))
    .join(zh(c) ? '、' : ', ');
  const when = span(x.start ?? str(f.start_date), x.end ?? str(f.end_date), c);
  const list = x.segment.product ? skus(x.segment, x.segmentCut, c.lang) : null;
  if (zh(c))
    return `缺货：${subs ?? ''}${n !== null ? `的 ${n} 个 SKU` : ''}${list ? `（${list}）` : ''}${when ? `在${when}` : ''}库存为零`;
  const what = `${n !== null ? `${n} ` : ''}${subs ? `${subs} ` : ''}SKU${n === 1 ? '' : 's'}`;
  return `A stock-out of ${what}${list ? ` (${list})` : ''}${when ? `, at zero stock ${when}` : ''}`;
}

function outage(x: ExplainCause, c: CauseContext): string {
  const f = x.facts;
  const ch = x.segment.channel?.[0] ?? str(f.channel);
  const country = x.segment.country?.[0] ?? str(f.country);
  const days = nbr(f.quiet_days);
  const when = span(x.start ?? str(f.start_date), x.end ?? str(f.end_date), c);
  if (zh(c)) {
    return `渠道中断：${country ? named(country, 'zh') : ''}${ch ? named(ch, 'zh') : ''}${when ? `在${when}` : ''}${days !== null ? `（${days} 天）` : ''}几乎没有订单`;
  }
  const chEn = ch ? (CHANNEL_EN[ch] ?? quoteData(ch)) : 'a channel';
  return `An outage on ${chEn === 'own-website' ? 'the own website' : chEn}${country ? ` in ${named(country, 'en')}` : ''}: it took almost no orders ${when}${days !== null ? ` (${days} days)` : ''}`;
}

function seasonality(x: ExplainCause, c: CauseContext): string {
  const now = str(x.facts.growth_unaffected_text);
  const ly = str(x.facts.growth_last_year_text);
  const s = (v: string) => (v.startsWith('-') || v.startsWith('+') ? v : `+${v}`);
  // Without last year's months to compare, the tool's expectation is only the trend of the unaffected rest.
  if (zh(c)) {
    return `${ly ? '季节与整体趋势' : '整体趋势'}${now ? `：未受上述事件影响的业务变化 ${s(now)}%` : ''}${ly ? `，去年同样月份变化 ${s(ly)}%` : ''}`;
  }
  return `${ly ? 'Seasonality and the general trend' : 'The general trend'}${now ? `: the rest of the business moved ${s(now)}%` : ''}${ly ? `, and the same months last year moved ${s(ly)}%` : ''}`;
}

function dataOnly(x: ExplainCause, c: CauseContext): string {
  const fell = (x.effect ?? 0) < 0;
  const where = segmentWords(x.segment, x.segmentCut, c);
  if (zh(c)) {
    const lead = x.kind === 'traffic_drop' ? '流量下降' : x.kind === 'traffic_surge' ? '流量上升' : '结构变化';
    return `${lead}：${where}${fell ? '下降' : '增长'}幅度明显超出其他部分，但没有记录在案的事件`;
  }
  const lead =
    x.kind === 'traffic_drop' ? 'A traffic drop' : x.kind === 'traffic_surge' ? 'A traffic surge' : 'A shift in mix';
  return `${lead}: ${where} ${fell ? 'fell' : 'rose'} beyond the rest of the business, with no recorded event behind it`;
}

function other(x: ExplainCause, c: CauseContext): string {
  const where = Object.keys(x.segment).length ? segmentWords(x.segment, x.segmentCut, c) : null;
  const when = span(x.start, x.end, c);
  if (x.kind === 'returns_spike')
    return zh(c)
      ? `退货激增：${where ?? ''}${when}`
      : `A returns spike${where ? ` in ${where}` : ''}${when ? ` ${when}` : ''}`;
  if (x.kind === 'rating_drop')
    return zh(c)
      ? `评分下降：${where ?? ''}${when}`
      : `A rating drop${where ? ` for ${where}` : ''}${when ? ` ${when}` : ''}`;
  return zh(c) ? `${x.kind}：${quoteData(x.title)}` : `${x.kind.replace(/_/g, ' ')}: ${quoteData(x.title)}`;
}

export function causeSentence(x: ExplainCause, c: CauseContext): string {
  const what =
    x.kind === 'stockout'
      ? stockout(x, c)
      : x.kind === 'campaign_end' || x.kind === 'campaign_start'
        ? campaign(x, c)
        : x.kind === 'price_increase' || x.kind === 'price_decrease'
          ? price(x, c)
          : x.kind === 'channel_outage'
            ? outage(x, c)
            : x.kind === 'seasonality'
              ? seasonality(x, c)
              : x.kind === 'traffic_drop' || x.kind === 'traffic_surge' || x.kind === 'mix_shift'
                ? dataOnly(x, c)
                : other(x, c);
  return what + tail(x, c);
}
