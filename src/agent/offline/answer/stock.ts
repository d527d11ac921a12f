// stock_status read back: the stock-outs of the period (or "nothing was out of stock" when its threshold finding
// says so), then the stock now: SKUs at zero and the fewest days of cover. Names are data: quoted.
import { dayParts } from '../../../calendar/index.ts';
import type { Language } from '../../../protocol/turn.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { fmt, quoteData } from './format.ts';
import { num, scopeText, zh, type Row } from './read.ts';

const nameOf = (r: Row) => quoteData(r.product_name ?? r.sku, 60);

function outLine(r: Row, lang: Language): string {
  const days = num(r.days_out_of_stock) ?? 0;
  const total = num(r.days_in_period);
  const lost = num(r.est_lost_sales);
  const money = lost ? fmt(lost, 'money') : null;
  if (zh(lang))
    return `- ${nameOf(r)}：${total !== null ? `${total} 天中` : ''}缺货 ${days} 天${money ? `，估计损失销售额 ${money}` : ''}`;
  const of = total !== null ? ` of ${total}` : '';
  return `- ${nameOf(r)}: ${days}${of} days out of stock${money ? `, est. lost net sales ${money}` : ''}`;
}

/** The stock now: which SKUs sit at zero and which run out first at the period's pace. */
function nowLines(rows: Row[], lang: Language): string[] {
  const zero = rows.filter((r) => (num(r.stock_now) ?? 1) <= 0);
  const cover = rows
    .filter((r) => num(r.days_of_cover) !== null && (num(r.stock_now) ?? 0) > 0)
    .sort((a, b) => num(a.days_of_cover)! - num(b.days_of_cover)!)
    .slice(0, 5);
  const lines: string[] = [''];
  if (zh(lang)) {
    lines.push(zero.length ? `当前库存为零：${zero.map(nameOf).join('、')}。` : '当前没有 SKU 库存为零。');
    if (cover.length) lines.push('可售天数最少的 SKU（按该期间的日销量）：');
    lines.push(
      ...cover.map(
        (r) => `- ${nameOf(r)}：库存 ${fmt(num(r.stock_now)!, 'count')}，可售 ${fmt(num(r.days_of_cover)!, null)} 天`,
      ),
    );
    return lines;
  }
  lines.push(zero.length ? `At zero stock now: ${zero.map(nameOf).join(', ')}.` : 'No SKU is at zero stock now.');
  if (cover.length) lines.push("Fewest days of cover (current stock at the period's daily sales):");
  lines.push(
    ...cover.map(
      (r) =>
        `- ${nameOf(r)}: ${fmt(num(r.stock_now)!, 'count')} in stock, ${fmt(num(r.days_of_cover)!, null)} days of cover`,
    ),
  );
  return lines;
}

export function renderStock(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  if (!rows.length) return [];
  const { period } = scopeText(i, o);
  const t = o.payload?.findings?.find((f) => f.kind === 'threshold');
  const out = rows.filter((r) => (num(r.days_out_of_stock) ?? 0) > 0);
  const none = t?.kind === 'threshold' ? !t.holds : !out.length;
  const head = none
    ? zh(i.language)
      ? `${period}没有缺货：没有 SKU 出现库存为零的日子（已查看 ${rows.length} 个畅销 SKU）。`
      : `Nothing was out of stock in ${period}: no SKU had a day at zero stock (${rows.length} best sellers checked).`
    : zh(i.language)
      ? `${period}缺货情况（${out.length} 个 SKU 至少缺货一天）：`
      : `Stock-outs in ${period} (${out.length} SKU${out.length === 1 ? ' was' : 's were'} out of stock ` +
        'on at least one day):';
  // In the tool's own order of its text: the costliest stock-outs first.
  const costly = [...out].sort((a, b) => (num(b.est_lost_sales) ?? 0) - (num(a.est_lost_sales) ?? 0));
  const list = none ? [] : costly.slice(0, 10).map((r) => outLine(r, i.language));
  return [head, ...list, ...(rows.some((r) => 'days_of_cover' in r) ? nowLines(rows, i.language) : [])];
}

/**
 * One stock_status result per month ("stock-outs by month in 2025"): each month's count of SKUs with a day at zero
 * stock and their names, or that it had none, in the months' order.
 */
export function renderStockByMonth(i: Intent, outcomes: Outcome[]): string[] {
  const months = outcomes.map((o) => {
    const rows = o.payload?.rows ?? [];
    const out = rows.filter((r) => (num(r.days_out_of_stock) ?? 0) > 0);
    return { period: scopeText(i, o).period, out };
  });
  const line = ({ period, out }: (typeof months)[number]) => {
    const names = out.slice(0, 10).map(nameOf);
    if (zh(i.language))
      return out.length ? `- ${period}：${out.length} 个 SKU 缺货（${names.join('、')}）` : `- ${period}：没有缺货`;
    if (!out.length) return `- ${period}: nothing out of stock`;
    return `- ${period}: ${out.length} SKU${out.length === 1 ? '' : 's'} out of stock (${names.join(', ')})`;
  };
  const head = zh(i.language)
    ? '每月缺货的 SKU 数（当月至少有一天库存为零）：'
    : 'SKUs out of stock by month (at least one day at zero stock in the month):';
  return [head, ...months.map(line)];
}

/**
 * "stock-outs by month" over more months than one answer splits (`most`): one list for the whole span, said first
 * with the nearest split the question can get, so the single list is never a quiet stand-in for the monthly one.
 */
export function stockMonthsLead(i: Intent, calls: number, most: number): string[] {
  if (i.kind !== 'stock' || i.granularity !== 'month' || calls !== 1) return [];
  const a = dayParts(i.period.start);
  const b = dayParts(i.period.end);
  const months = (b.y - a.y) * 12 + b.m - a.m + 1;
  if (months <= most) return [];
  return zh(i.language)
    ? [
        `我无法在一个回答里按月列出 ${months} 个月的缺货（最多 ${most} 个月）；以下是最接近的回答：整个期间的一份缺货清单。要按月看，请把期间缩短到 ${most} 个月以内。`,
      ]
    : [
        `I can't list stock-outs month by month over ${months} months in one answer (${most} at most); nearest answer instead: one list for the whole period. Ask for ${most} months or fewer to get them by month.`,
      ];
}
