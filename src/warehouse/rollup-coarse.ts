// Coarser rollups for explain_change, summed from the daily rollups rather than from the base tables: the same
// measures per Monday week and per calendar month (the day column holds the bucket's first day), or per day over
// fewer keys. A period reads its whole months and weeks here and only its odd days from the daily table, so what
// it reads is bounded by the leaves a month holds (the catalogue × the few order dimensions), not by how many
// lines the days hold.
//   *_lines keep every dimension explain_change's period cube splits by (not the storefront: explain never reads
//   it); *_run_rate only the run-rate cube's four (channel, country, traffic source, product), about a third of
//   the rows again; *_product_lines the returns evidence's two (channel, product); *_sessions the session cube's.
//   Extra indexes for readers that look rows up by other keys than the day are listed here too.
import { ORDER_DIMS, ROLLUP_TABLES, type RollupColumn, type RollupTable } from './rollup-schema.ts';

/** 'day' keeps the source's days and sums away some of its keys. */
export type CoarseBucket = 'day' | 'week' | 'month';

export interface CoarseTable extends RollupTable {
  /** The daily rollup table summed (its same-named columns). */
  source:
    | 'daily_lines'
    | 'daily_sessions'
    | 'daily_orders'
    | 'daily_product_sales'
    | 'daily_category_orders'
    | 'daily_returns';
  bucket: CoarseBucket;
}

const day: RollupColumn = { name: 'day', kind: 'day' };
const dim = (name: string) => ORDER_DIMS.find((c) => c.name === name)!;
const product: RollupColumn = { name: 'product_id', kind: 'key', length: 0 };
const n = (name: string): RollupColumn => ({ name, kind: 'int' });
const money = (name: string): RollupColumn => ({ name, kind: 'money' });
const share = (name: string): RollupColumn => ({ name, kind: 'share' });

const LINE_KEYS = ['channel', 'country', 'device_type', 'traffic_source_id', 'is_first_order'].map(dim);
const LINE_MEASURES = [
  n('line_count'),
  n('units'),
  money('net_sales'),
  share('order_share'),
  n('solo_lines'),
  share('returned_share'),
  n('returned_lines'),
];
const RUN_RATE_KEYS = ['channel', 'country', 'traffic_source_id'].map(dim);
const RUN_RATE_MEASURES = [
  n('line_count'),
  n('units'),
  money('net_sales'),
  share('order_share'),
  n('solo_lines'),
  share('returned_share'),
];

const coarse = (name: string, bucket: CoarseBucket, keys: RollupColumn[], measures: RollupColumn[]): CoarseTable => ({
  name,
  grain: 'line',
  source: 'daily_lines',
  bucket,
  columns: [day, ...keys, product, ...measures],
});
// Lines and lines returned per product and channel only: explain_change's returns evidence (a month at scale 10 is
// ~700 rows here, ~9.6k in monthly_lines, which it summed down to these on every question).
const productLines = (name: string, bucket: CoarseBucket): CoarseTable => ({
  ...coarse(name, bucket, [dim('channel')], [n('line_count'), n('returned_lines')]),
  changedIn: 14,
});

// daily_sessions' columns: at most countries × devices × sources rows a bucket, whatever the visits.
const SESSION_COLUMNS: RollupColumn[] = [
  day,
  { name: 'country', kind: 'key', length: 50 },
  { name: 'device_type', kind: 'key', length: 50 },
  { name: 'source_id', kind: 'key', length: 0 },
  ...['sessions', 'viewed', 'carted', 'purchased', 'odd_purchases'].map(n),
];
const sessions = (name: string, bucket: CoarseBucket): CoarseTable => ({
  name,
  grain: 'session',
  source: 'daily_sessions',
  bucket,
  columns: SESSION_COLUMNS,
});

/**
 * A daily table's weekly or monthly twin: the same columns summed per bucket (its measures add up across days).
 * The daily table's lookup index serves day-by-day reads the coarse twin never gets.
 */
const twinOf = (daily: CoarseTable['source']) => {
  const table = ROLLUP_TABLES.find((t) => t.name === daily)!;
  return (name: string, bucket: CoarseBucket): CoarseTable => ({
    ...table,
    name,
    source: daily,
    bucket,
    lookup: undefined,
  });
};
// daily_product_sales by week and month: the templates' product and category splits over long periods (a year
// at scale 20 is ~350k daily rows, ~12k monthly ones), whatever the scale.
const productSales = twinOf('daily_product_sales');
// daily_category_orders by week and month: an order lies in one day, so its counts per category add up too.
const categoryOrders = twinOf('daily_category_orders');

// daily_orders by week and month: its order attributes repeat within a month (scale 20: a quarter's 18k daily
// rows are 1.2k monthly ones).
const orders = (name: string, bucket: CoarseBucket): CoarseTable => ({
  ...twinOf('daily_orders')(name, bucket),
  changedIn: 12,
});
// daily_returns per channel and product only, by week and month: refunds under a category or channel filter over
// long periods (a year at scale 20: 45k daily rows, 7k monthly ones); any other filter reads daily_returns.
const productReturns = (name: string, bucket: CoarseBucket): CoarseTable => ({
  name,
  grain: 'return',
  source: 'daily_returns',
  bucket,
  changedIn: 12,
  columns: [
    day,
    { name: 'channel', kind: 'key', length: 30 },
    { name: 'product_id', kind: 'key', length: 0, nullable: true },
    n('return_count'),
    money('refunds'),
  ],
});

/** In build order: after the daily tables they are summed from. */
export const COARSE_TABLES: CoarseTable[] = [
  coarse('weekly_lines', 'week', LINE_KEYS, LINE_MEASURES),
  coarse('monthly_lines', 'month', LINE_KEYS, LINE_MEASURES),
  coarse('weekly_run_rate', 'week', RUN_RATE_KEYS, RUN_RATE_MEASURES),
  coarse('monthly_run_rate', 'month', RUN_RATE_KEYS, RUN_RATE_MEASURES),
  productLines('weekly_product_lines', 'week'),
  productLines('monthly_product_lines', 'month'),
  productSales('weekly_product_sales', 'week'),
  productSales('monthly_product_sales', 'month'),
  categoryOrders('weekly_category_orders', 'week'),
  categoryOrders('monthly_category_orders', 'month'),
  sessions('weekly_sessions', 'week'),
  sessions('monthly_sessions', 'month'),
  orders('weekly_orders', 'week'),
  orders('monthly_orders', 'month'),
  productReturns('weekly_product_returns', 'week'),
  productReturns('monthly_product_returns', 'month'),
  // Orders and net sales per day, channel and country: explain_change's channel detectors read nothing else,
  // and daily_orders keeps every order attribute (hundreds of rows a day at scale 10).
  {
    name: 'daily_channel_orders',
    grain: 'order',
    source: 'daily_orders',
    bucket: 'day',
    columns: [day, dim('channel'), dim('country'), n('orders'), money('net_sales')],
  },
];

/**
 * Indexes beyond the day, per rollup table: daily_stock is read by product over a range of days (a stocked-out
 * SKU's days) and by its zero records over the periods (which SKUs stocked out).
 */
export const EXTRA_INDEXES: Record<string, string[][]> = {
  daily_stock: [
    ['product_id', 'day'],
    ['zero_records', 'day'],
  ],
};
