// The run_sql result of a free-SQL question read back with the columns the query named; and, for a role
// without run_sql, who can answer instead.
import type { Language } from '../../../protocol/turn.ts';
import type { FreeBy, FreeShape, FreeSubject, Intent } from '../intent.ts';
import { fmt, periodLabel, valueLabel } from './format.ts';

const TITLES: Record<FreeBy | 'none', [string, string]> = {
  none: ['', ''],
  category: ['by category', '按品类'],
  subcategory: ['by sub-category', '按子品类'],
  product: ['by product', '按产品'],
  rating: ['by star rating', '按星级'],
  payment_method: ['by payment method', '按支付方式'],
  order_status: ['by order status', '按订单状态'],
  payment_status: ['by payment status', '按支付状态'],
  return_status: ['by return status', '按退货状态'],
  country: ['by country', '按国家'],
  user_level: ['by user level', '按会员等级'],
  quarter: ['by quarter', '按季度'],
};

const SUBJECT: Record<FreeSubject, [string, string]> = {
  reviews: ['Reviews', '评价'],
  orders: ['Orders', '订单'],
  returns: ['Returns', '退货'],
  signups: ['New registrations', '新注册用户'],
  gross_profit: ['Gross profit', '毛利'],
  sales: ['Sales', '销售'],
  product: ['Product sales', '单品销售'],
};

const COLS: Record<string, [string, string, 'count' | 'ratio' | 'money' | 'rating']> = {
  avg_rating: ['average rating', '平均评分', 'rating'],
  reviews: ['reviews', '评价数', 'count'],
  orders: ['orders', '订单量', 'count'],
  units: ['units', '销量（件）', 'count'],
  returns: ['returns', '退货数', 'count'],
  share: ['share', '占比', 'ratio'],
  net_sales: ['net sales', '销售额', 'money'],
  aov: ['average order value', '客单价', 'money'],
  refunds: ['refunds', '退款金额', 'money'],
  signups: ['sign-ups', '注册数', 'count'],
  item_revenue: ['item revenue after discounts', '商品收入（折扣后）', 'money'],
  product_cost: ['product cost', '商品成本', 'money'],
  gross_profit: ['gross profit', '毛利', 'money'],
};

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)
      ? Number(v)
      : null;

function show(col: string, v: number, lang: Language): string {
  const [en, zh, unit] = COLS[col] ?? [col, col, 'count'];
  const text = unit === 'rating' ? v.toFixed(2) : fmt(v, unit);
  return lang === 'zh' ? `${zh} ${text}` : `${text} ${en}`;
}

/** The run_sql result, read back with the columns the query named. */
export function renderFree(
  shape: FreeShape,
  i: Intent,
  rows: Record<string, unknown>[],
  unapplied: string[],
): string[] {
  const zh = i.language === 'zh';
  const period = periodLabel(i.period.start, i.period.end, i.language);
  const where = [i.filters.channel, i.filters.country, i.filters.category, i.filters.device, i.filters.customer_type]
    .filter((x): x is string => Boolean(x))
    .map((x) => valueLabel(x, i.language));
  if (i.exclude && shape.subject === 'sales') {
    const left = valueLabel(i.exclude.value, i.language);
    where.push(zh ? `不含${left}` : `excluding ${left}`);
  }
  const scope = where.length ? (zh ? `（${where.join('，')}）` : ` (${where.join(', ')})`) : '';
  const [en, cn] = SUBJECT[shape.subject];
  const t = TITLES[shape.by ?? 'none'];
  const out: string[] = [];
  if (shape.subject === 'product') {
    const name = shape.name ?? '';
    const r = rows[0] ?? {};
    if (!num(r.orders)) {
      out.push(
        zh ? `${period}${scope}没有名为“${name}”的产品售出。` : `No product named “${name}” sold in ${period}${scope}.`,
      );
    } else {
      const vals = ['net_sales', 'units', 'orders']
        .filter((c) => num(r[c]) !== null)
        .map((c) => show(c, num(r[c])!, i.language));
      out.push(
        zh ? `${name}，${period}${scope}：${vals.join('，')}。` : `${name} in ${period}${scope}: ${vals.join(', ')}.`,
      );
      out.push(
        zh
          ? '销售额为商品行收入扣除行折扣，不含已取消订单，按下单日期。'
          : 'Net sales are item revenue after line discounts, excluding cancelled orders, by order date.',
      );
    }
  } else if (
    !rows.length ||
    (rows.length === 1 && !shape.by && !num(rows[0].reviews) && !num(rows[0].orders) && !num(rows[0].signups))
  ) {
    out.push(zh ? `${period}${scope}没有${cn}数据。` : `There were no ${en.toLowerCase()} in ${period}${scope}.`);
  } else if (!shape.by) {
    const r = rows[0];
    const vals = Object.keys(COLS)
      .filter((c) => num(r[c]) !== null)
      .map((c) => show(c, num(r[c])!, i.language));
    out.push(zh ? `${period}${scope}${cn}：${vals.join('，')}。` : `${en} in ${period}${scope}: ${vals.join(', ')}.`);
  } else {
    out.push(zh ? `${period}${scope}${cn}${t[1]}：` : `${en} ${t[0]} in ${period}${scope}:`);
    for (const r of rows.slice(0, 20)) {
      const label =
        r[shape.by] == null
          ? zh
            ? '（未知）'
            : '(unknown)'
          : shape.by === 'quarter'
            ? zh
              ? `${r.year}年${r.quarter}`
              : `${r.quarter} ${r.year}`
            : shape.by === 'rating'
              ? zh
                ? `${r[shape.by]} 星`
                : `${r[shape.by]} stars`
              : valueLabel(r[shape.by], i.language);
      const vals = Object.keys(COLS)
        .filter((c) => num(r[c]) !== null)
        .map((c) => show(c, num(r[c])!, i.language));
      out.push(`- ${label}${zh ? '：' : ': '}${vals.join(zh ? '，' : ', ')}`);
    }
  }
  if (shape.subject === 'reviews')
    out.push(zh ? '评分为五星制，按评价日期统计。' : 'Ratings are on a five-star scale, counted by review date.');
  if (shape.subject === 'gross_profit')
    out.push(
      zh
        ? '毛利 = 订单商品收入（扣除行折扣）减去按商品成本计算的成本，不含已取消订单，按下单日期。'
        : 'Gross profit is item revenue after line discounts minus product cost, excluding cancelled orders, by order date.',
    );
  if (unapplied.length)
    out.push(
      zh
        ? `注意：这个查询无法按${unapplied.join('、')}筛选，结果未应用这些条件。`
        : `Note: this query cannot filter by ${unapplied.join(', ')}, so that filter is not applied.`,
    );
  return out;
}

/** For a role without run_sql: say who can answer instead of answering something else. */
export function needsAnalyst(shape: FreeShape, lang: Language): string {
  const [en, cn] = SUBJECT[shape.subject];
  return lang === 'zh'
    ? `这个关于${cn}的问题没有现成的分析模板，需要自定义 SQL 查询，而你的角色不能运行自定义查询。请联系分析师（analyst）帮你查询。`
    : `No ready-made analysis covers this question about ${en.toLowerCase()}: it needs a custom SQL query, which your role cannot run. Please ask an analyst to run it for you.`;
}
