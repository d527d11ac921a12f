// How the offline model writes numbers, periods and data values in English and Chinese. Numbers keep the
// precision of the tool result (2 decimals for money and percentages) so the grounding check can match them.
import { dayParts, lastDayOfMonth } from '../../../calendar/index.ts';
import { CHANNEL_LABELS, CHANNELS, type Language, type Unit } from '../../../protocol/vocabulary.ts';
import { MONTHS as EN_MONTHS } from '../../../protocol/periods.ts';
import { VALUE_LABELS_ZH } from '../../../protocol/value-labels.ts';
import { METRICS, type MetricId } from '../../../tools/metrics.ts';
import type { Filters } from '../intent.ts';

export type { Unit };

export function unitOf(column: string): Unit | null {
  const c = column.toLowerCase();
  if (c in METRICS) return METRICS[c as MetricId].unit;
  if (/(^|_)(rate|share|pct|percent|ratio|margin|elasticity_pct|retention|repeat)(_|$)|_rate$|^d\d+$/.test(c))
    return 'ratio';
  if (/sales|revenue|amount|refund|aov|price|budget|value|spend|cost|lost|profit|monetary|gmv/.test(c)) return 'money';
  if (/orders|units|sessions|count|customers|views|carts|purchases|days|qty|quantity|users|returns|visits|n$/.test(c))
    return 'count';
  return null;
}

function grouped(v: number, decimals: number): string {
  return Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function fmt(v: number, unit: Unit | null): string {
  const sign = v < 0 ? '-' : '';
  if (unit === 'ratio') return `${sign}${(Math.abs(v) * 100).toFixed(2)}%`;
  if (unit === 'money') return `${sign}$${grouped(v, 2)}`;
  return `${sign}${grouped(v, Number.isInteger(v) ? 0 : 2)}`;
}

/** A change in a metric's own unit: "+$1,234.50", "-12", "+0.42 pp" / "+0.42 个百分点". */
export function fmtDelta(v: number, unit: Unit | null, lang: Language): string {
  const s = v > 0 ? '+' : v < 0 ? '-' : '±';
  if (unit === 'ratio') return `${s}${(Math.abs(v) * 100).toFixed(2)}${lang === 'zh' ? ' 个百分点' : ' pp'}`;
  if (unit === 'money') return `${s}$${grouped(v, 2)}`;
  return `${s}${grouped(v, Number.isInteger(v) ? 0 : 2)}`;
}

/** A relative change held as a ratio (0.0412 → "+4.12%"). */
export function fmtPct(v: number): string {
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${(Math.abs(v) * 100).toFixed(2)}%`;
}

export function metricName(m: string, lang: Language): string {
  const def = METRICS[m as MetricId];
  if (!def) return m.replace(/_/g, ' ');
  return lang === 'zh' ? def.zh : def.label.toLowerCase();
}

/** "July 2025", "Q2 2025", "H1 2025", "2025", "2025-03-01 to 2025-05-31" / "2025年7月", "2025年第2季度". */
export function periodLabel(from: string, to: string, lang: Language): string {
  const a = dayParts(from);
  const b = dayParts(to);
  const fullMonths = a.d === 1 && to === lastDayOfMonth(b.y, b.m);
  if (fullMonths && a.y === b.y && a.m === b.m)
    return lang === 'zh' ? `${a.y}年${a.m}月` : `${EN_MONTHS[a.m - 1]} ${a.y}`;
  if (fullMonths && a.y === b.y && (a.m - 1) % 3 === 0 && b.m === a.m + 2) {
    const q = (a.m + 2) / 3;
    return lang === 'zh' ? `${a.y}年第${q}季度` : `Q${q} ${a.y}`;
  }
  if (fullMonths && a.y === b.y && a.m === 1 && b.m === 12) return lang === 'zh' ? `${a.y}年` : String(a.y);
  // A half-year by its name, so "H1 vs H2" reads as the two halves compared, not two date ranges.
  if (fullMonths && a.y === b.y && (a.m === 1 || a.m === 7) && b.m === a.m + 5) {
    const h = a.m === 1 ? 1 : 2;
    return lang === 'zh' ? `${a.y}年${h === 1 ? '上' : '下'}半年` : `H${h} ${a.y}`;
  }
  if (from === to) return from;
  return lang === 'zh' ? `${from} 至 ${to}` : `${from} to ${to}`;
}

const ZH_VALUES: Record<string, string> = {
  ...Object.fromEntries(CHANNELS.map((c) => [c, CHANNEL_LABELS[c].zh])),
  ...VALUE_LABELS_ZH,
};
// Mid-sentence forms ("sales on the own website"), so not the vocabulary's capitalised labels.
const EN_VALUES: Record<string, string> = {
  own_website: 'own website',
  amazon: 'Amazon',
  other_marketplace: 'other marketplaces',
  walmart: 'Walmart',
  ebay: 'eBay',
  etsy: 'Etsy',
  new: 'new customers',
  returning: 'returning customers',
  paid_social: 'paid social',
  paid_search: 'paid search',
};

/**
 * Text from the data made inert in Markdown: it reads the same, but no tag, link, image, heading or
 * emphasis in it takes effect, and bare URLs and e-mail addresses are not turned into links. Only an `&`
 * that starts an entity is escaped, so names such as "Jewelry & Accessories" keep their plain form.
 */
export function escapeMarkdown(v: unknown): string {
  return (
    String(v)
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/[\\`*[\]<>|~!@]/g, (c) => `\\${c}`)
      // Inside a word (apple_pay) an underscore never starts emphasis, so such names stay as they are.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
      .replace(/&(?=#?\w+;)/g, '\\&')
      .replace(/:\/\//g, '\\://')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/^#/, '\\#')
  );
}

/** A value from the data as the reader says it; unknown values (product names) are escaped as Markdown. */
export function valueLabel(v: unknown, lang: Language): string {
  const s = String(v);
  return (lang === 'zh' ? ZH_VALUES[s] : EN_VALUES[s]) ?? escapeMarkdown(s);
}

export function filtersLabel(f: Filters, lang: Language): string {
  const vals = [f.channel, f.country, f.category, f.device, f.source, f.source_type, f.customer_type].filter(
    (x): x is string => Boolean(x),
  );
  if (!vals.length) return '';
  const names = vals.map((v) => valueLabel(v, lang));
  return lang === 'zh' ? `（${names.join('，')}）` : ` (${names.join(', ')})`;
}

const ZH_COLUMNS: Record<string, string> = {
  share: '占比',
  change: '变化',
  change_pct: '变化率',
  current: '本期',
  previous: '上期',
  // Shorter than the vocabulary's 销量(件数) and 访问量(会话数): a column header has no room for the gloss.
  // Other metric columns take the vocabulary's name through METRICS.
  units: '件数',
  sessions: '访问量',
  roi: 'ROI',
  budget: '预算',
  lift: '提升',
  days_out_of_stock: '缺货天数',
  lost_sales: '估计损失销售额',
  customers: '客户数',
  revenue: '销售额',
  repeat_rate: '复购率',
  elasticity: '弹性',
  count: '数量',
};

export function columnLabel(c: string, lang: Language): string {
  if (lang === 'zh') return ZH_COLUMNS[c] ?? METRICS[c as MetricId]?.zh ?? c.replace(/_/g, ' ');
  return METRICS[c as MetricId]?.label.toLowerCase() ?? c.replace(/_/g, ' ');
}

/**
 * Text copied from the data (campaign, product and traffic-source names) as a quotation: one line, no
 * markdown or HTML that could take effect, cut at a word boundary. It is reported, never acted on.
 */
export function quoteData(v: unknown, max = 80): string {
  let s = String(v)
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > max) s = s.slice(0, max).replace(/\s+\S*$/, '') + '…';
  s = escapeMarkdown(s).replace(/["“”]/g, "'");
  return `“${s}”`;
}
