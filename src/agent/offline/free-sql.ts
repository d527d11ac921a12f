// Questions no template covers (review ratings, payment methods, order and payment status...): a small set of
// understood shapes (a measure over one documented table, optionally grouped by one of its columns), turned into
// one aggregate SELECT for run_sql. Built from the shape and the resolved intent, never from the question text;
// values placed in the SQL come from the lexicon's closed vocabulary only.
import type { Language } from '../../protocol/turn.ts';
import { addDays } from './dates.ts';
import { fmt, periodLabel, valueLabel } from './format.ts';
import type { Filters, Intent } from './intent.ts';

export type FreeSubject = 'reviews' | 'orders' | 'returns' | 'signups';
export type FreeBy = 'category' | 'subcategory' | 'product' | 'rating' | 'payment_method' | 'order_status' | 'payment_status' | 'return_status' | 'country' | 'user_level';

export interface FreeShape {
  subject: FreeSubject;
  /** The column the result is grouped by; null for one overall figure. */
  by: FreeBy | null;
}

const REVIEWS = /\bwhat (?:do|did|does) (?:customers|people|buyers|shoppers) think (?:of|about)\b|\bcustomer satisfaction\b|\bsatisfaction (?:score|rating)s?\b|满意度|\b(?:ratings?|reviews?|review scores?|star ratings?|stars)\b|\b(?:rate|rated|rating) (?:our|the|their|its|these|this|products?|items?|us)\b|\b(?:highest|lowest|best|worst|top|poorly|badly|well)[- ]rated\b|评分|评价|好评|差评|星级|打分|口碑/i;
const RATING_SPLIT = /\b(?:rating|star) (?:distribution|breakdown|mix)\b|\bby (?:rating|stars?)\b|\b(?:how many|number of) (?:\d|one|two|three|four|five)[- ]star\b|评分分布|星级分布|几星|各星级/i;
const ATTRIBUTES: { re: RegExp; subject: FreeSubject; by: FreeBy }[] = [
  { re: /\bpayment (?:methods?|types?|options?)\b|\bpaid (?:with|by|via|using)\b|\bhow (?:do|did|does) (?:[\w']+ ){0,3}pay\b|怎么(?:付款|支付|付钱)|用什么(?:付款|支付)|支付方式|付款方式|支付手段|付款渠道/i, subject: 'orders', by: 'payment_method' },
  { re: /\bpayment status(?:es)?\b|支付状态|付款状态/i, subject: 'orders', by: 'payment_status' },
  { re: /\border status(?:es)?\b|\bfulfil?ment status(?:es)?\b|订单状态|履约状态|\bcancel(?:led|lation)s?\b.{0,25}\b(?:rate|share|percentage|proportion|ratio)\b|\b(?:rate|share|percentage|proportion|fraction|portion|ratio|%|how many) of (?:our |the |all )?(?:orders )?(?:(?:were|was|got|are|get) )?cancel+(?:ed|ations?)\b|\bhow many orders (?:were|got|are|get) cancel+ed\b|取消率|退单率|取消(?:的)?订单(?:占比|比例|数)|(?:订单)?被取消/i, subject: 'orders', by: 'order_status' },
  { re: /\breturn status(?:es)?\b|退货状态|退货处理状态/i, subject: 'returns', by: 'return_status' },
];
const SIGNUPS = /\bsign(?:ed)?[- ]?ups?\b|\bregistrations?\b|\bregistered\b|\bnew (?:accounts?|members?)\b|\bjoined\b|注册/i;
const LEVELS = /\b(?:user|member(?:ship)?|customer|loyalty) (?:levels?|tiers?)\b|会员等级|用户等级/i;

/** A review question that is really about reading comments: the comments themselves are not aggregated. */
const COMMENTS = /\bcomments?\b|\bwhat (?:are|do|did) (?:customers|people|they) (?:say|saying|write|writing)\b|说了什么|评论内容/i;

/** The free-SQL shape a question names, if any. Dimensions already parsed (category, product) come in. */
export function freeShape(q: string, dimension: string | undefined): FreeShape | undefined {
  for (const a of ATTRIBUTES) if (a.re.test(q)) return { subject: a.subject, by: a.by };
  if (SIGNUPS.test(q)) return { subject: 'signups', by: LEVELS.test(q) ? 'user_level' : dimension === 'country' ? 'country' : null };
  if (REVIEWS.test(q) && !COMMENTS.test(q)) {
    const by: FreeBy | null = RATING_SPLIT.test(q) ? 'rating' : dimension === 'category' || dimension === 'subcategory' || dimension === 'product' ? dimension : null;
    return { subject: 'reviews', by };
  }
  return undefined;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

interface Built {
  sql: string;
  /** Filters of the intent the query could not apply. */
  unapplied: (keyof Filters)[];
}

/** Orders-level filters as conditions on alias `o`. */
function orderConds(f: Filters, applied: Set<keyof Filters>): string[] {
  const out: string[] = [];
  if (f.channel) (out.push(`o.channel = ${lit(f.channel)}`), applied.add('channel'));
  if (f.country) (out.push(`o.country = ${lit(f.country)}`), applied.add('country'));
  if (f.device) (out.push(`o.device_type = ${lit(f.device)}`), applied.add('device'));
  if (f.customer_type) (out.push(`o.is_first_order = ${f.customer_type === 'new' ? 1 : 0}`), applied.add('customer_type'));
  return out;
}

const needsOrders = (f: Filters) => Boolean(f.channel || f.country || f.device || f.customer_type);

/** One portable aggregate SELECT (SQLite and MySQL/MariaDB): ISO date strings compare as dates on both. */
export function buildFreeSql(shape: FreeShape, i: Intent): Built {
  const lo = i.period.start;
  const hi = addDays(i.period.end, 1);
  const f = i.filters;
  const applied = new Set<keyof Filters>();
  const order = i.order === 'bottom' ? 'ASC' : 'DESC';
  const limit = shape.by === 'product' ? ` LIMIT ${i.topN ?? 10}` : '';
  let sql: string;

  if (shape.subject === 'reviews') {
    const joins: string[] = [];
    const conds = [`r.review_date >= ${lit(lo)}`, `r.review_date < ${lit(hi)}`];
    const byCat = shape.by === 'category' || shape.by === 'subcategory' || shape.by === 'product' || f.category;
    if (byCat) {
      joins.push('JOIN products p ON p.product_id = r.product_id', 'JOIN product_categories c2 ON c2.category_id = p.category_id', 'LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id');
    }
    if (f.category) (conds.push(`(c2.category_name = ${lit(f.category)} OR c1.category_name = ${lit(f.category)})`), applied.add('category'));
    if (needsOrders(f)) {
      joins.push('JOIN orders o ON o.order_id = r.order_id');
      conds.push(...orderConds(f, applied));
    }
    const key = { category: 'c1.category_name', subcategory: 'c2.category_name', product: 'p.product_name', rating: 'r.rating' } as Record<string, string>;
    const k = shape.by ? key[shape.by] : null;
    const select = [...(k ? [`${k} AS ${shape.by}`] : []), 'ROUND(AVG(r.rating), 2) AS avg_rating', 'COUNT(*) AS reviews'];
    sql = `SELECT ${select.join(', ')} FROM reviews r${joins.length ? ' ' + joins.join(' ') : ''} WHERE ${conds.join(' AND ')}`;
    if (k) sql += ` GROUP BY ${k} ORDER BY ${shape.by === 'rating' ? `${k} DESC` : `avg_rating ${order}, reviews DESC`}${limit}`;
  } else if (shape.subject === 'signups') {
    // Only non-personal columns: a count of accounts by registration date, country or level.
    const conds = [`u.registration_date >= ${lit(lo)}`, `u.registration_date < ${lit(hi)}`];
    if (f.country) (conds.push(`u.country = ${lit(f.country)}`), applied.add('country'));
    const k = shape.by === 'country' ? 'u.country' : shape.by === 'user_level' ? 'u.user_level' : null;
    sql = `SELECT ${k ? `${k} AS ${shape.by}, ` : ''}COUNT(*) AS signups FROM users u WHERE ${conds.join(' AND ')}${k ? ` GROUP BY ${k} ORDER BY signups DESC` : ''}`;
  } else if (shape.subject === 'orders') {
    const col = shape.by ?? 'payment_method';
    // Status splits show every order (cancelled ones are a status); a method mix counts orders that stand.
    const scoped = [`o.order_date >= ${lit(lo)}`, `o.order_date < ${lit(hi)}`, ...(col === 'payment_method' ? [`o.order_status <> 'cancelled'`] : []), ...orderConds(f, applied)];
    const where = scoped.join(' AND ');
    const total = `(SELECT COUNT(*) FROM orders o WHERE ${where})`;
    const value = col === 'payment_method' ? ', ROUND(SUM(o.total_amount), 2) AS net_sales' : '';
    sql = `SELECT o.${col} AS ${col}, COUNT(*) AS orders, ROUND(COUNT(*) * 1.0 / ${total}, 4) AS share${value} FROM orders o WHERE ${where} GROUP BY o.${col} ORDER BY orders DESC`;
  } else {
    const col = shape.by ?? 'return_status';
    const joins = needsOrders(f) ? ' JOIN orders o ON o.order_id = rt.order_id' : '';
    const where = [`rt.return_date >= ${lit(lo)}`, `rt.return_date < ${lit(hi)}`, ...orderConds(f, applied)].join(' AND ');
    const total = `(SELECT COUNT(*) FROM returns rt${joins} WHERE ${where})`;
    sql = `SELECT rt.${col} AS ${col}, COUNT(*) AS returns, ROUND(COUNT(*) * 1.0 / ${total}, 4) AS share, ROUND(SUM(rt.refund_amount), 2) AS refunds FROM returns rt${joins} WHERE ${where} GROUP BY rt.${col} ORDER BY returns DESC`;
  }
  const unapplied = (Object.keys(f) as (keyof Filters)[]).filter((k) => f[k] !== undefined && !applied.has(k));
  return { sql, unapplied };
}

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
};

const SUBJECT: Record<FreeSubject, [string, string]> = {
  reviews: ['Reviews', '评价'],
  orders: ['Orders', '订单'],
  returns: ['Returns', '退货'],
  signups: ['New registrations', '新注册用户'],
};

const COLS: Record<string, [string, string, 'count' | 'ratio' | 'money' | 'rating']> = {
  avg_rating: ['average rating', '平均评分', 'rating'],
  reviews: ['reviews', '评价数', 'count'],
  orders: ['orders', '订单量', 'count'],
  returns: ['returns', '退货数', 'count'],
  share: ['share', '占比', 'ratio'],
  net_sales: ['net sales', '销售额', 'money'],
  refunds: ['refunds', '退款金额', 'money'],
  signups: ['sign-ups', '注册数', 'count'],
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null);

function show(col: string, v: number, lang: Language): string {
  const [en, zh, unit] = COLS[col] ?? [col, col, 'count'];
  const text = unit === 'rating' ? v.toFixed(2) : fmt(v, unit);
  return lang === 'zh' ? `${zh} ${text}` : `${text} ${en}`;
}

/** The run_sql result, read back with the columns the query named. */
export function renderFree(shape: FreeShape, i: Intent, rows: Record<string, unknown>[], unapplied: string[]): string[] {
  const zh = i.language === 'zh';
  const period = periodLabel(i.period.start, i.period.end, i.language);
  const where = [i.filters.channel, i.filters.country, i.filters.category, i.filters.device, i.filters.customer_type].filter((x): x is string => Boolean(x)).map((x) => valueLabel(x, i.language));
  const scope = where.length ? (zh ? `（${where.join('，')}）` : ` (${where.join(', ')})`) : '';
  const [en, cn] = SUBJECT[shape.subject];
  const t = TITLES[shape.by ?? 'none'];
  const out: string[] = [];
  if (!rows.length || (rows.length === 1 && !shape.by && !num(rows[0].reviews) && !num(rows[0].orders) && !num(rows[0].signups))) {
    out.push(zh ? `${period}${scope}没有${cn}数据。` : `There were no ${en.toLowerCase()} in ${period}${scope}.`);
  } else if (!shape.by) {
    const r = rows[0];
    const vals = Object.keys(COLS).filter((c) => num(r[c]) !== null).map((c) => show(c, num(r[c])!, i.language));
    out.push(zh ? `${period}${scope}${cn}：${vals.join('，')}。` : `${en} in ${period}${scope}: ${vals.join(', ')}.`);
  } else {
    out.push(zh ? `${period}${scope}${cn}${t[1]}：` : `${en} ${t[0]} in ${period}${scope}:`);
    for (const r of rows.slice(0, 20)) {
      const label = r[shape.by] == null ? (zh ? '（未知）' : '(unknown)') : shape.by === 'rating' ? (zh ? `${r[shape.by]} 星` : `${r[shape.by]} stars`) : valueLabel(r[shape.by], i.language);
      const vals = Object.keys(COLS).filter((c) => num(r[c]) !== null).map((c) => show(c, num(r[c])!, i.language));
      out.push(`- ${label}${zh ? '：' : ': '}${vals.join(zh ? '，' : ', ')}`);
    }
  }
  if (shape.subject === 'reviews') out.push(zh ? '评分为五星制，按评价日期统计。' : 'Ratings are on a five-star scale, counted by review date.');
  if (unapplied.length) out.push(zh ? `注意：这个查询无法按${unapplied.join('、')}筛选，结果未应用这些条件。` : `Note: this query cannot filter by ${unapplied.join(', ')}, so that filter is not applied.`);
  return out;
}

/** For a role without run_sql: say who can answer instead of answering something else. */
export function needsAnalyst(shape: FreeShape, lang: Language): string {
  const [en, cn] = SUBJECT[shape.subject];
  return lang === 'zh'
    ? `这个关于${cn}的问题没有现成的分析模板，需要自定义 SQL 查询，而你的角色不能运行自定义查询。请联系分析师（analyst）帮你查询。`
    : `No ready-made analysis covers this question about ${en.toLowerCase()}: it needs a custom SQL query, which your role cannot run. Please ask an analyst to run it for you.`;
}
