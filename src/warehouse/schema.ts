// The logical schema of the warehouse, written once and rendered to MySQL/MariaDB and SQLite DDL.
// The 14 tables of the user's design keep their names and columns (users.country replaces province);
// columns marked `added` are additions that analysis needs, each documented in schema-docs/.

export type ColumnType =
  | { kind: 'int' }
  | { kind: 'decimal' }
  | { kind: 'varchar'; length: number }
  | { kind: 'text' }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'bool' };

export interface Column {
  name: string;
  type: ColumnType;
  nullable?: boolean;
  /** Personal data: never returned to the model, the UI or the logs. */
  pii?: boolean;
  /** Not in the user's original design; added for analysis (see schema-docs/). */
  added?: boolean;
}

export interface ForeignKey {
  column: string;
  references: { table: string; column: string };
}

export interface Table {
  name: string;
  columns: Column[];
  primaryKey: string;
  foreignKeys: ForeignKey[];
  /** Secondary indexes for the analytical access paths: name → columns. */
  indexes: Record<string, string[]>;
  unique?: Record<string, string[]>;
  /** analytics tables are what the assistant may query; app tables hold logins. */
  group: 'analytics' | 'app';
}

const int = { kind: 'int' } as const;
const money = { kind: 'decimal' } as const;
const text = { kind: 'text' } as const;
const date = { kind: 'date' } as const;
const datetime = { kind: 'datetime' } as const;
const bool = { kind: 'bool' } as const;
const vc = (length: number) => ({ kind: 'varchar', length }) as const;
const fk = (column: string, table: string, refColumn = column): ForeignKey => ({
  column,
  references: { table, column: refColumn },
});

export const TABLES: Table[] = [
  {
    name: 'users',
    group: 'analytics',
    primaryKey: 'user_id',
    columns: [
      { name: 'user_id', type: int },
      { name: 'username', type: vc(50), pii: true },
      { name: 'email', type: vc(100), pii: true },
      { name: 'phone', type: vc(32), pii: true },
      { name: 'gender', type: vc(10), nullable: true },
      { name: 'age', type: int, nullable: true },
      { name: 'city', type: vc(50) },
      { name: 'country', type: vc(50) },
      { name: 'registration_date', type: date },
      { name: 'user_level', type: vc(20) },
      { name: 'is_active', type: bool },
      { name: 'user_source', type: vc(50) },
    ],
    foreignKeys: [],
    indexes: { idx_users_country: ['country'], idx_users_registration: ['registration_date'] },
  },
  {
    name: 'product_categories',
    group: 'analytics',
    primaryKey: 'category_id',
    columns: [
      { name: 'category_id', type: int },
      { name: 'category_name', type: vc(100) },
      { name: 'parent_category_id', type: int, nullable: true },
      { name: 'category_level', type: int },
      { name: 'is_active', type: bool },
    ],
    foreignKeys: [fk('parent_category_id', 'product_categories', 'category_id')],
    indexes: {},
  },
  {
    name: 'products',
    group: 'analytics',
    primaryKey: 'product_id',
    columns: [
      { name: 'product_id', type: int },
      { name: 'sku', type: vc(32), added: true },
      { name: 'product_name', type: vc(200) },
      { name: 'category_id', type: int },
      { name: 'brand', type: vc(100) },
      { name: 'supplier', type: vc(100) },
      { name: 'original_price', type: money },
      { name: 'current_price', type: money },
      { name: 'cost', type: money },
      { name: 'stock_quantity', type: int },
      { name: 'create_time', type: date },
      { name: 'is_active', type: bool },
    ],
    foreignKeys: [fk('category_id', 'product_categories')],
    indexes: { idx_products_category: ['category_id'] },
    unique: { uq_products_sku: ['sku'] },
  },
  {
    name: 'marketing_campaigns',
    group: 'analytics',
    primaryKey: 'campaign_id',
    columns: [
      { name: 'campaign_id', type: int },
      { name: 'campaign_name', type: vc(100) },
      { name: 'campaign_type', type: vc(50) },
      { name: 'start_date', type: date },
      { name: 'end_date', type: date },
      { name: 'budget', type: money },
      { name: 'target_audience', type: vc(100) },
      { name: 'discount_type', type: vc(50) },
      { name: 'discount_value', type: money },
      { name: 'is_active', type: bool },
      { name: 'channel', type: vc(30), nullable: true, added: true },
    ],
    foreignKeys: [],
    indexes: { idx_campaigns_dates: ['start_date', 'end_date'] },
  },
  {
    name: 'traffic_sources',
    group: 'analytics',
    primaryKey: 'source_id',
    columns: [
      { name: 'source_id', type: int },
      { name: 'source_name', type: vc(100) },
      { name: 'source_type', type: vc(50) },
      { name: 'campaign_id', type: int, nullable: true },
    ],
    foreignKeys: [fk('campaign_id', 'marketing_campaigns')],
    indexes: {},
  },
  {
    name: 'visit_logs',
    group: 'analytics',
    primaryKey: 'log_id',
    columns: [
      { name: 'log_id', type: int },
      { name: 'user_id', type: int, nullable: true },
      { name: 'session_id', type: vc(40) },
      { name: 'page_url', type: vc(200) },
      { name: 'referrer_url', type: vc(200), nullable: true },
      { name: 'visit_time', type: datetime },
      { name: 'device_type', type: vc(50) },
      { name: 'ip_address', type: vc(50), pii: true },
      { name: 'stay_duration', type: int },
      { name: 'source_id', type: int, added: true },
      { name: 'country', type: vc(50), added: true },
    ],
    foreignKeys: [fk('user_id', 'users'), fk('source_id', 'traffic_sources')],
    indexes: {
      // Covering for session counts split by device, country or source: no table rows fetched.
      idx_visits_time: ['visit_time', 'device_type', 'country', 'source_id'],
      idx_visits_source_time: ['source_id', 'visit_time'],
    },
    unique: { uq_visits_session: ['session_id'] },
  },
  {
    name: 'orders',
    group: 'analytics',
    primaryKey: 'order_id',
    columns: [
      { name: 'order_id', type: int },
      { name: 'user_id', type: int },
      { name: 'order_date', type: datetime },
      { name: 'total_amount', type: money },
      { name: 'discount_amount', type: money },
      { name: 'payment_method', type: vc(50) },
      { name: 'payment_status', type: vc(20) },
      { name: 'shipping_address', type: vc(200), pii: true },
      { name: 'order_status', type: vc(20) },
      { name: 'order_source', type: vc(50) },
      { name: 'device_type', type: vc(20) },
      { name: 'channel', type: vc(30), added: true },
      { name: 'country', type: vc(50), added: true },
      { name: 'traffic_source_id', type: int, nullable: true, added: true },
      { name: 'session_id', type: vc(40), nullable: true, added: true },
      { name: 'is_first_order', type: bool, added: true },
      { name: 'shipped_date', type: datetime, nullable: true, added: true },
      { name: 'delivered_date', type: datetime, nullable: true, added: true },
    ],
    foreignKeys: [fk('user_id', 'users'), fk('traffic_source_id', 'traffic_sources', 'source_id')],
    indexes: {
      idx_orders_date: ['order_date'],
      idx_orders_channel_date: ['channel', 'order_date'],
      idx_orders_user_date: ['user_id', 'order_date'],
      idx_orders_session: ['session_id'],
    },
  },
  {
    name: 'order_items',
    group: 'analytics',
    primaryKey: 'order_item_id',
    columns: [
      { name: 'order_item_id', type: int },
      { name: 'order_id', type: int },
      { name: 'product_id', type: int },
      { name: 'quantity', type: int },
      { name: 'unit_price', type: money },
      { name: 'discount', type: money },
    ],
    foreignKeys: [fk('order_id', 'orders'), fk('product_id', 'products')],
    indexes: { idx_items_order: ['order_id'], idx_items_product: ['product_id', 'order_id'] },
  },
  {
    name: 'order_campaign_map',
    group: 'analytics',
    primaryKey: 'id',
    columns: [
      { name: 'id', type: int },
      { name: 'order_id', type: int },
      { name: 'campaign_id', type: int },
    ],
    foreignKeys: [fk('order_id', 'orders'), fk('campaign_id', 'marketing_campaigns')],
    indexes: { idx_ocm_campaign: ['campaign_id'] },
    unique: { uq_ocm_order_campaign: ['order_id', 'campaign_id'] },
  },
  {
    name: 'inventory_records',
    group: 'analytics',
    primaryKey: 'record_id',
    columns: [
      { name: 'record_id', type: int },
      { name: 'product_id', type: int },
      { name: 'change_date', type: datetime },
      { name: 'quantity_change', type: int },
      { name: 'reason', type: vc(100) },
      { name: 'stock_after', type: int, added: true },
    ],
    foreignKeys: [fk('product_id', 'products')],
    indexes: { idx_inventory_product_date: ['product_id', 'change_date'] },
  },
  {
    name: 'price_changes',
    group: 'analytics',
    primaryKey: 'change_id',
    columns: [
      { name: 'change_id', type: int },
      { name: 'product_id', type: int },
      { name: 'change_date', type: datetime },
      { name: 'old_price', type: money },
      { name: 'new_price', type: money },
      { name: 'reason', type: vc(100) },
      { name: 'channel', type: vc(30), nullable: true, added: true },
    ],
    foreignKeys: [fk('product_id', 'products')],
    indexes: { idx_price_product_date: ['product_id', 'change_date'] },
  },
  {
    name: 'user_behaviors',
    group: 'analytics',
    primaryKey: 'behavior_id',
    columns: [
      { name: 'behavior_id', type: int },
      { name: 'user_id', type: int, nullable: true },
      { name: 'product_id', type: int },
      { name: 'behavior_type', type: vc(50) },
      { name: 'behavior_time', type: datetime },
      { name: 'session_id', type: vc(40), added: true },
      { name: 'visit_log_id', type: int, nullable: true, added: true },
    ],
    foreignKeys: [fk('user_id', 'users'), fk('product_id', 'products'), fk('visit_log_id', 'visit_logs', 'log_id')],
    indexes: {
      idx_behaviors_time_type: ['behavior_time', 'behavior_type'],
      // The funnel probes each session by its integer key: index-only, and on MariaDB about a third cheaper
      // than probing by the 40-character session_id (a month by device ~125 → ~80 ms).
      idx_behaviors_visit: ['visit_log_id', 'behavior_type'],
      // Kept for joins written by hand (run_sql) on the session id.
      idx_behaviors_session: ['session_id', 'behavior_type'],
    },
  },
  {
    name: 'returns',
    group: 'analytics',
    primaryKey: 'return_id',
    columns: [
      { name: 'return_id', type: int },
      { name: 'order_id', type: int },
      { name: 'order_item_id', type: int, nullable: true },
      { name: 'return_date', type: datetime },
      { name: 'return_reason', type: vc(200) },
      { name: 'return_status', type: vc(50) },
      { name: 'refund_amount', type: money },
    ],
    foreignKeys: [fk('order_id', 'orders'), fk('order_item_id', 'order_items')],
    indexes: { idx_returns_date: ['return_date'], idx_returns_order: ['order_id'] },
  },
  {
    name: 'reviews',
    group: 'analytics',
    primaryKey: 'review_id',
    columns: [
      { name: 'review_id', type: int },
      { name: 'order_id', type: int },
      { name: 'product_id', type: int },
      { name: 'user_id', type: int },
      { name: 'rating', type: int },
      { name: 'comment', type: text },
      { name: 'review_date', type: datetime },
    ],
    foreignKeys: [fk('order_id', 'orders'), fk('product_id', 'products'), fk('user_id', 'users')],
    indexes: { idx_reviews_product_date: ['product_id', 'review_date'], idx_reviews_date: ['review_date'] },
  },
  // App tables: the web app's own logins. The assistant can never reach them.
  {
    name: 'platform_users',
    group: 'app',
    primaryKey: 'id',
    columns: [
      { name: 'id', type: int },
      { name: 'username', type: vc(64), pii: true },
      { name: 'password_hash', type: vc(255), pii: true },
      { name: 'role', type: vc(20) },
      { name: 'created_at', type: datetime },
      { name: 'disabled', type: bool },
    ],
    foreignKeys: [],
    indexes: {},
    unique: { uq_platform_users_username: ['username'] },
  },
  {
    name: 'user_sessions',
    group: 'app',
    primaryKey: 'id',
    columns: [
      { name: 'id', type: vc(64) },
      { name: 'platform_user_id', type: int },
      { name: 'token_hash', type: vc(128), pii: true },
      { name: 'created_at', type: datetime },
      { name: 'expires_at', type: datetime },
      { name: 'ip_address', type: vc(50), nullable: true, pii: true },
    ],
    foreignKeys: [fk('platform_user_id', 'platform_users', 'id')],
    indexes: { idx_user_sessions_user: ['platform_user_id'] },
  },
];

/** Tables written by the generator for scoring; never reachable by the assistant. */
export const INTERNAL_TABLE_PREFIX = '_tidelens_';

export const ANALYTICS_TABLES = TABLES.filter((t) => t.group === 'analytics');
export const APP_TABLES = TABLES.filter((t) => t.group === 'app');

export function table(name: string): Table {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown table ${name}`);
  return t;
}

/** Personal columns by table, for the SQL guard and the output policy. */
export function piiColumns(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of TABLES) out.set(t.name, new Set(t.columns.filter((c) => c.pii).map((c) => c.name)));
  return out;
}
