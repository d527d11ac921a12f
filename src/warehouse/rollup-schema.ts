// The daily rollup tables: one fact table per grain, each a GROUP BY of base rows by day and the dimensions the
// templates split and filter by. Column names repeat the base columns they come from (channel, device_type …)
// so readers write the same conditions against them. On MySQL they live in a schema of their own
// (`<database>_rollup`, so the assistant's grants and the rollup writer's stay apart); on SQLite, in the same
// file with the `rollup_` prefix. Neither is reachable through run_sql: the SQL policy allows only the
// documented analytics tables.
import type { Engine } from '../db/types.ts';

export type RollupColumnKind = 'day' | 'key' | 'int' | 'money' | 'share';

export interface RollupColumn {
  name: string;
  kind: RollupColumnKind;
  /** For key columns: the text length (0 = an integer key). */
  length?: number;
  nullable?: boolean;
}

export interface RollupTable {
  /** Name without the SQLite prefix. */
  name: string;
  /**
   * Which base rows: order = non-cancelled orders, line = their lines, return = returns, session = visits,
   * review = reviews by the day of the order they review, stock = inventory records, campaign = non-cancelled
   * orders attributed to a campaign, category_order = non-cancelled orders per category they hold a line in,
   * product = the lines of non-cancelled orders per product and channel, first_order = customers' first
   * non-cancelled orders, channel = non-cancelled orders per channel, customer = the days a customer ordered
   * (anything, or something of a category), returned_order = non-cancelled orders with a return,
   * campaign_line = the lines of non-cancelled orders attributed to a campaign.
   */
  grain:
    | 'order'
    | 'line'
    | 'return'
    | 'session'
    | 'review'
    | 'stock'
    | 'campaign'
    | 'category_order'
    | 'product'
    | 'first_order'
    | 'channel'
    | 'customer'
    | 'returned_order'
    | 'campaign_line';
  columns: RollupColumn[];
  /** A second index, for readers that look rows up by a key and a day range rather than by days alone. */
  lookup?: string[];
  /**
   * The ROLLUP_VERSION that last changed the table's columns or what fills it (absent: before UPGRADE_FROM). A
   * rollup of an older version is brought up to date by rebuilding only the tables changed since (and those
   * summed from them), when the base tables are still where its watermark left them.
   */
  changedIn?: number;
}

const day: RollupColumn = { name: 'day', kind: 'day' };
const txt = (name: string, length: number): RollupColumn => ({ name, kind: 'key', length });
const key = (name: string, nullable = false): RollupColumn => ({ name, kind: 'key', length: 0, nullable });
const n = (name: string): RollupColumn => ({ name, kind: 'int' });
const money = (name: string): RollupColumn => ({ name, kind: 'money' });
const share = (name: string): RollupColumn => ({ name, kind: 'share' });

/** The order dimensions every order-derived rollup keeps, named as on `orders`. */
export const ORDER_DIMS: RollupColumn[] = [
  txt('channel', 30),
  txt('order_source', 50),
  txt('country', 50),
  txt('device_type', 20),
  key('traffic_source_id', true),
  key('is_first_order'),
];

export const ROLLUP_TABLES: RollupTable[] = [
  {
    name: 'daily_orders',
    grain: 'order',
    // One order lands in exactly one row, so counts of orders (and of orders with a return) add up. Its lines'
    // units and net are kept too: without a product split, daily_lines (barely smaller than order_items) is not read.
    columns: [
      day,
      ...ORDER_DIMS,
      n('orders'),
      money('net_sales'),
      money('gross_sales'),
      money('discount'),
      n('returned_orders'),
      n('units'),
      money('line_net_sales'),
    ],
  },
  {
    name: 'daily_lines',
    grain: 'line',
    // Orders are not kept here: an order's lines spread over products, so a count per product does not add up.
    columns: [
      day,
      ...ORDER_DIMS,
      key('product_id'),
      n('line_count'),
      n('units'),
      money('net_sales'),
      money('gross_sales'),
      money('discount'),
      // explain_change's cube: each line's fraction of its order (1 / lines), lines that were the whole order, and
      // the line's fraction of a returned order. Exact decimals on MySQL, so sums match the base cube's.
      share('order_share'),
      n('solo_lines'),
      share('returned_share'),
      // Lines with a return of their own (explain_change's returns evidence).
      n('returned_lines'),
    ],
  },
  {
    name: 'daily_returns',
    grain: 'return',
    // Dated by return_date; product_id is empty for returns recorded against a whole order. The reason is kept
    // for returns_analysis' reason mix (a handful of values: the table grows by that factor at most).
    columns: [
      day,
      ...ORDER_DIMS,
      key('product_id', true),
      txt('return_reason', 200),
      n('return_count'),
      money('refunds'),
    ],
  },
  {
    name: 'daily_sessions',
    grain: 'session',
    // The funnel's steps per session, summed: sessions with a product view, with an add-to-cart, with a
    // non-cancelled own-website order on the visit's day or the next. A session whose only orders fall on
    // other days (odd_purchases) is counted by the base funnel depending on the period, so a reader that
    // finds any in its period answers from the base tables.
    columns: [
      day,
      txt('country', 50),
      txt('device_type', 50),
      key('source_id'),
      n('sessions'),
      n('viewed'),
      n('carted'),
      n('purchased'),
      n('odd_purchases'),
    ],
  },
  {
    name: 'daily_reviews',
    grain: 'review',
    // Dated by the day of the reviewed order (whatever its status), as explain_change's ratings evidence reads them.
    columns: [day, key('product_id'), n('reviews'), n('rating_sum'), n('rating_squares')],
  },
  {
    name: 'daily_stock',
    grain: 'stock',
    changedIn: 11,
    // A product's stock at the close of each day it moved (its last record that day), and how many of that day's
    // records left it at zero (explain_change's stock-out evidence reads nothing else) or below (stock_status:
    // a day is out of stock when the close of the last day that moved it is ≤ 0, see src/tools/stock-status.ts).
    columns: [
      day,
      key('product_id'),
      { name: 'closing_stock', kind: 'int', nullable: true },
      n('zero_records'),
      n('out_records'),
    ],
  },
  {
    name: 'daily_campaigns',
    grain: 'campaign',
    columns: [day, key('campaign_id'), n('orders')],
  },
  {
    name: 'daily_campaign_lines',
    grain: 'campaign_line',
    changedIn: 13,
    // campaign_performance's attribution (every mapped order of the chosen campaigns, whatever its day): units, net
    // sales and discounts per campaign, day and product, so cost of goods is Σ units × products.cost on read, as
    // the base path computes it. Orders come from daily_campaigns: (order_id, campaign_id) is unique in
    // order_campaign_map, so its per-day counts add up to the base path's distinct orders.
    columns: [day, key('campaign_id'), key('product_id'), n('units'), money('net_sales'), money('discount')],
    lookup: ['campaign_id', 'day'],
  },
  {
    name: 'daily_category_orders',
    grain: 'category_order',
    // Orders (and orders with a returned line) per category they contain, which daily_lines cannot count: an
    // order's lines spread over products. group_id is the product's own (sub)category at level 1, its top
    // category at level 2. Only the channel is kept, so the table stays at most channels × categories rows a
    // day at any scale (with the country too it held 83k rows for 111k orders at scale 2, and a product level
    // 132k); other splits and filters read the base tables. Categories are those of the products at build time.
    columns: [day, txt('channel', 30), key('level'), key('group_id', true), n('orders'), n('returned_orders')],
  },
  {
    name: 'daily_product_sales',
    grain: 'product',
    changedIn: 11,
    // Units and net sales per product, day and channel: at most products × channels rows a day at any scale.
    // price_change_impact sums each changed product's days before and after the change through the lookup.
    // Orders holding a line of the product, and of those the orders with a return on such a line (by order day):
    // per product these add up (an order has one day and channel), so a split by product reads order counts
    // and return rates here. product_id is empty for returned orders whose return names no line, as on the base
    // path. Gross sales and discounts too: a category filter's discount rate over a year read daily_lines (a row
    // per product and order attribute) for nothing else.
    columns: [
      day,
      key('product_id', true),
      txt('channel', 30),
      n('units'),
      money('net_sales'),
      n('orders'),
      n('returned_orders'),
      money('gross_sales'),
      money('discount'),
    ],
    lookup: ['product_id', 'day'],
  },
  {
    name: 'daily_channel_sales',
    grain: 'channel',
    // Net sales per day and channel, a handful of rows a day: campaign_performance's unfiltered daily series
    // (daily_orders keeps every order attribute and held 52k rows for 111k orders at scale 2).
    columns: [day, txt('channel', 30), money('net_sales')],
  },
  {
    name: 'daily_first_orders',
    grain: 'first_order',
    // New customers by the day, channel and country of their first order, and how soon they ordered again:
    // repeat_within = 7, 30 or 90 for the smallest of cohort_retention's horizons the next order falls in, 0
    // for none. Counts only (no customer ids); at most channels × countries × 4 rows a day at any scale.
    columns: [day, txt('channel', 30), txt('country', 50), key('repeat_within'), n('customers')],
  },
  {
    name: 'daily_customers',
    grain: 'customer',
    changedIn: 11,
    // Distinct customers over any span of days, without customer ids: one count per day, group and prev_day, the
    // customer's previous day with a non-cancelled order in the group (null: none before). Level 0 is every order
    // (group_id null); levels 1 and 2 a category, as in daily_category_orders (orders holding a line of it). A
    // customer ordered in [lo, hi) once as their first day there, the one whose prev_day is null or before lo, so
    // the period's customers = Σ customers over its days where prev_day is null or < lo. new_customers counts the
    // customers whose first non-cancelled order (is_first_order) is among the day's: one per customer, as
    // daily_first_orders assumes. The lookup index holds every column: a category's year reads its rows alone.
    columns: [
      day,
      key('level'),
      key('group_id', true),
      { name: 'prev_day', kind: 'day', nullable: true },
      n('customers'),
      n('new_customers'),
    ],
    lookup: ['level', 'group_id', 'day', 'prev_day', 'customers', 'new_customers'],
  },
  {
    name: 'daily_returned_orders',
    grain: 'returned_order',
    changedIn: 11,
    // Orders with a return, by order day, the order's attributes and the day of its first return: how many of a
    // period's orders had come back by a given day (compare_periods' return rate at the same age). One row per
    // order at most, a few percent of them.
    columns: [day, ...ORDER_DIMS, { name: 'first_return_day', kind: 'day' }, n('orders')],
  },
];

/** Bookkeeping: one row, what the rollup covers and how far into each base table it has read. */
export const WATERMARK_TABLE = 'watermark';

export const SQLITE_PREFIX = 'rollup_';

/**
 * Precomputed answers (src/rollup/answers.ts): the rows one template statement returned from the base tables,
 * keyed by a hash of its SQL and parameters, for the statements of the periods the presets resolve to
 * (customer_mix, rfm_segments: distinct customers over a period do not add up from daily counts). Aggregates
 * only: the statements group by segments, never by customer.
 */
export const ANSWERS_TABLE = 'template_answers';

export function createAnswersSql(engine: Engine, ref: string): string {
  const [key, text, day, json] =
    engine === 'mysql' ? ['CHAR(64)', 'VARCHAR(40)', 'DATE', 'MEDIUMTEXT'] : ['TEXT', 'TEXT', 'TEXT', 'TEXT'];
  return (
    `CREATE TABLE ${ref} (answer_key ${key} NOT NULL PRIMARY KEY, template ${text} NOT NULL, ` +
    `period_from ${day} NOT NULL, period_to ${day} NOT NULL, rows_json ${json} NOT NULL)`
  );
}

/**
 * Bumped whenever a table's columns or meaning change, with `changedIn` set on the tables changed: a rollup built
 * by another version is neither read nor refreshed. The next `tidelens rollup` rebuilds the tables changed since
 * (build.ts, upgrade) or, from a version before UPGRADE_FROM or past new base rows, all of them.
 */
export const ROLLUP_VERSION = 14;

/** The oldest version whose changes `changedIn` records: an older rollup is rebuilt in full. */
export const UPGRADE_FROM = 10;

export function rollupSchemaName(database: string): string {
  return `${database}_rollup`;
}

/** The table as a reader writes it: `db_rollup`.`daily_orders` on MySQL, "rollup_daily_orders" on SQLite. */
export function rollupTableRef(engine: Engine, database: string | null, name: string): string {
  if (engine === 'sqlite') return `"${SQLITE_PREFIX}${name}"`;
  if (!database) throw new Error('a MySQL rollup needs the warehouse database name');
  return `\`${rollupSchemaName(database)}\`.\`${name}\``;
}

function columnType(c: RollupColumn, engine: Engine): string {
  if (engine === 'sqlite')
    return c.kind === 'money' || c.kind === 'share'
      ? 'REAL'
      : c.kind === 'int' || (c.kind === 'key' && !c.length)
        ? 'INTEGER'
        : 'TEXT';
  switch (c.kind) {
    case 'day':
      return 'DATE';
    case 'key':
      return c.length ? `VARCHAR(${c.length})` : 'INT';
    case 'int':
      return 'BIGINT';
    case 'money':
      return 'DECIMAL(16,2)';
    // 1.0 / n carries 5 decimals on MySQL (div_precision_increment 4 + the 1 of 1.0).
    case 'share':
      return 'DECIMAL(20,5)';
  }
}

/**
 * CREATE TABLE for `ref` (a quoted, possibly qualified name) and its day index. On MySQL the rows are clustered
 * by day (PRIMARY KEY (day, row_id)): a period reads one contiguous range, where a secondary day index made
 * InnoDB scan the whole table once the range passed a few months (4 of 24 at scale 10: 546k rows for 95k).
 */
export function createRollupTableSql(t: RollupTable, engine: Engine, ref: string, indexName: string): string[] {
  const q = (s: string) => (engine === 'mysql' ? `\`${s}\`` : `"${s}"`);
  const cols = t.columns.map((c) => `  ${q(c.name)} ${columnType(c, engine)}${c.nullable ? '' : ' NOT NULL'}`);
  if (engine === 'mysql') {
    const keys = [
      '  `row_id` BIGINT NOT NULL AUTO_INCREMENT',
      '  PRIMARY KEY (`day`, `row_id`)',
      `  KEY ${q(indexName)} (\`row_id\`)`,
      ...(t.lookup ? [`  KEY ${q(`${indexName}_k`)} (${t.lookup.map(q).join(', ')})`] : []),
    ];
    return [
      `CREATE TABLE ${ref} (\n${[...cols, ...keys].join(',\n')}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ` +
        'COLLATE=utf8mb4_unicode_ci',
    ];
  }
  return [
    `CREATE TABLE ${ref} (\n${cols.join(',\n')}\n)`,
    `CREATE INDEX ${q(indexName)} ON ${ref} (${q('day')})`,
    ...(t.lookup ? [`CREATE INDEX ${q(`${indexName}_k`)} ON ${ref} (${t.lookup.map(q).join(', ')})`] : []),
  ];
}

export function createWatermarkSql(engine: Engine, ref: string): string {
  const text = engine === 'mysql' ? 'VARCHAR(40)' : 'TEXT';
  const int = engine === 'mysql' ? 'BIGINT' : 'INTEGER';
  return (
    `CREATE TABLE IF NOT EXISTS ${ref} (id ${int} NOT NULL PRIMARY KEY, data_through ${text}, ` +
    `orders_max_id ${int} NOT NULL, returns_max_id ${int} NOT NULL, visits_max_id ${int} NOT NULL, ` +
    `reviews_max_id ${int} NOT NULL, inventory_max_id ${int} NOT NULL, behaviors_max_id ${int} NOT NULL, ` +
    `built_at ${text} NOT NULL, full_built_at ${text} NOT NULL, version ${int} NOT NULL)`
  );
}
