// customer_mix read back as what was asked: the new vs returning split with both sides and their shares,
// overall or per group. Only figures the tool returned are written (no complements computed here).
import type { Language } from '../../../protocol/turn.ts';
import { filtersLabel, fmt, periodLabel, valueLabel } from './format.ts';
import type { Intent } from '../intent.ts';

type Row = Record<string, unknown>;
const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())
      ? Number(v)
      : null;

interface Mix {
  customers: number | null;
  fresh: number | null;
  back: number | null;
  share: number | null;
  repeat: number | null;
  orders: number | null;
  sales: number | null;
  freshSales: number | null;
  backSales: number | null;
  backSalesShare: number | null;
  backOrders: number | null;
  backOrdersShare: number | null;
  sharePrev: number | null;
}

function read(r: Row): Mix {
  return {
    customers: num(r.customers),
    fresh: num(r.new_customers),
    back: num(r.returning_customers),
    share: num(r.new_customer_share),
    repeat: num(r.repeat_rate),
    orders: num(r.orders),
    sales: num(r.net_sales),
    freshSales: num(r.new_customer_sales),
    backSales: num(r.returning_customer_sales),
    backSalesShare: num(r.returning_sales_share),
    backOrders: num(r.returning_customer_orders),
    backOrdersShare: num(r.returning_orders_share),
    sharePrev: num(r.new_customer_share_previous),
  };
}

const c = (v: number) => fmt(v, 'count');
const pct = (v: number) => fmt(v, 'ratio');
const usd = (v: number) => fmt(v, 'money');

function overall(x: Mix, lang: Language): string[] {
  const out: string[] = [];
  if (lang === 'zh') {
    if (x.fresh !== null)
      out.push(
        `- 新客：${c(x.fresh)} 人${x.share !== null ? `（占客户的 ${pct(x.share)}）` : ''}${x.freshSales !== null ? `，销售额 ${usd(x.freshSales)}` : ''}`,
      );
    if (x.back !== null)
      out.push(
        `- 老客：${c(x.back)} 人${x.backSales !== null ? `，销售额 ${usd(x.backSales)}` : ''}${x.backSalesShare !== null ? `（占销售额的 ${pct(x.backSalesShare)}）` : ''}`,
      );
    if (x.backOrders !== null)
      out.push(
        `- 老客的订单：${c(x.backOrders)} 单${x.backOrdersShare !== null ? `（占订单的 ${pct(x.backOrdersShare)}）` : ''}`,
      );
    if (x.repeat !== null) out.push(`- 复购率（期内下单两次及以上的客户占比）：${pct(x.repeat)}`);
    if (x.sharePrev !== null) out.push(`- 上期新客占比：${pct(x.sharePrev)}`);
    return out;
  }
  if (x.fresh !== null)
    out.push(
      `- New customers: ${c(x.fresh)}${x.share !== null ? ` (${pct(x.share)} of customers)` : ''}${x.freshSales !== null ? `, net sales ${usd(x.freshSales)}` : ''}`,
    );
  if (x.back !== null)
    out.push(
      `- Returning customers: ${c(x.back)}${x.backSales !== null ? `, net sales ${usd(x.backSales)}` : ''}${x.backSalesShare !== null ? ` (${pct(x.backSalesShare)} of net sales)` : ''}`,
    );
  if (x.backOrders !== null)
    out.push(
      `- Orders from returning customers: ${c(x.backOrders)}${x.backOrdersShare !== null ? ` (${pct(x.backOrdersShare)} of orders)` : ''}`,
    );
  if (x.repeat !== null) out.push(`- Repeat rate (customers with two or more orders in the period): ${pct(x.repeat)}`);
  if (x.sharePrev !== null) out.push(`- New-customer share in the previous period: ${pct(x.sharePrev)}`);
  return out;
}

function groupLine(label: string, x: Mix, lang: Language): string {
  const bits =
    lang === 'zh'
      ? [
          x.customers !== null ? `${c(x.customers)} 位客户` : '',
          x.fresh !== null ? `新客 ${c(x.fresh)}${x.share !== null ? `（${pct(x.share)}）` : ''}` : '',
          x.back !== null ? `老客 ${c(x.back)}` : '',
          x.repeat !== null ? `复购率 ${pct(x.repeat)}` : '',
        ]
      : [
          x.customers !== null ? `${c(x.customers)} customers` : '',
          x.fresh !== null ? `${c(x.fresh)} new${x.share !== null ? ` (${pct(x.share)})` : ''}` : '',
          x.back !== null ? `${c(x.back)} returning` : '',
          x.repeat !== null ? `repeat rate ${pct(x.repeat)}` : '',
        ];
  return `- ${label}${lang === 'zh' ? '：' : ': '}${bits.filter(Boolean).join(lang === 'zh' ? '，' : ', ')}`;
}

const BY_ZH: Record<string, string> = { country: '国家', channel: '渠道', device: '设备', user_level: '会员等级' };

export function renderCustomerMix(
  i: Intent,
  rows: Row[],
  by: string | null,
  period: { from: string; to: string } | null,
): string[] {
  if (!rows.length) return [];
  const zh = i.language === 'zh';
  const when = period
    ? periodLabel(period.from, period.to, i.language)
    : periodLabel(i.period.start, i.period.end, i.language);
  const where = filtersLabel(i.filters, i.language);
  if (by) {
    const head = zh
      ? `${when}${where}按${BY_ZH[by] ?? by}的新老客结构：`
      : `New vs returning customers by ${by.replace(/_/g, ' ')} in ${when}${where}:`;
    return [
      head,
      ...rows.slice(0, 10).map((r) => groupLine(valueLabel(r[by] ?? '(unknown)', i.language), read(r), i.language)),
    ];
  }
  const x = read(rows[0]);
  let lead: string;
  if (i.metric === 'new_customer_share' && x.share !== null) {
    lead = zh
      ? `${when}${where}新客占比为 ${pct(x.share)}${x.fresh !== null && x.customers !== null ? `（${c(x.customers)} 位下单客户中有 ${c(x.fresh)} 位新客）` : ''}。`
      : `In ${when}${where}, ${pct(x.share)} of customers were new${x.fresh !== null && x.customers !== null ? ` (${c(x.fresh)} of ${c(x.customers)} customers who ordered)` : ''}.`;
  } else {
    lead = zh
      ? `${when}${where}共有 ${x.customers !== null ? c(x.customers) : '—'} 位下单客户，新老客结构如下：`
      : `In ${when}${where}, ${x.customers !== null ? c(x.customers) : 'the'} customers placed orders, split into new and returning:`;
  }
  const tail = zh
    ? '新客 = 首个有效订单落在该期间的客户。'
    : "New = the customer's first non-cancelled order is in the period.";
  return [lead, ...overall(x, i.language), tail];
}
