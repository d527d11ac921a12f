// The parsed shape of schema-docs/: what the prompt, describe_schema and the tests consume.

export interface ColumnDoc {
  name: string;
  description: string;
  unit?: string;
  /** Allowed values (from the shared vocabulary), when the column is an enumeration. */
  values?: string[];
  /** Typical values when the set is open or decided by the data. */
  examples?: string[];
  /** describe_schema lists the values present in the data (an open set the docs cannot fix). */
  enumerate?: boolean;
  /** Why the column was added to the user's original design; absent for original columns. */
  added?: string;
  /** Why the column is personal; present means it is never queryable. */
  personal?: string;
  line: number;
}

export interface JoinDoc {
  /** e.g. "orders.user_id = users.user_id" */
  on: string;
  note: string;
}

export interface TableDoc {
  name: string;
  file: string;
  /** What one row is. */
  summary: string;
  columns: ColumnDoc[];
  joins: JoinDoc[];
  caveats: string[];
}

export interface MetricDoc {
  id: string;
  file: string;
  name: string;
  zh: string[];
  aliases: string[];
  unit: string;
  /** The date column that places a row in a period. */
  date: string;
  /** The SQL expression over the documented aliases (o = orders, oi = order_items, ...). */
  expression: string;
  /** Row filter that belongs to the definition, if any. */
  filter?: string;
  definition: string;
  /** How cancelled orders, discounts and refunds count: key → explanation. */
  counting: { key: string; text: string }[];
  /** A complete query for one period that computes the metric, portable across SQLite and MySQL. */
  sql: string;
  notes: string[];
}

export interface GlossaryEntry {
  /** English term(s), " / " separated in the source. */
  terms: string[];
  zh: string[];
  meaning: string;
  /** What the term maps to: metric:ID, filter:column=value, period:..., compare_to:..., tool:NAME. */
  mapsTo: string;
  group: string;
  file: string;
}

export interface ExampleDoc {
  id: string;
  file: string;
  title: string;
  question: string;
  questionZh: string;
  tool: string;
  input?: Record<string, unknown>;
  sql?: string;
  notes: string;
}

export interface ConventionSection {
  title: string;
  /** 'mysql' | 'sqlite' for a dialect-only section, else undefined. */
  dialect?: 'mysql' | 'sqlite';
  items: string[];
}

export interface SchemaDocs {
  tables: TableDoc[];
  metrics: MetricDoc[];
  glossary: GlossaryEntry[];
  examples: ExampleDoc[];
  conventions: ConventionSection[];
}

/** The query templates and tools an example may name. */
export const TOOL_NAMES = [
  'sales_trend',
  'breakdown',
  'compare_periods',
  'top_products',
  'funnel',
  'campaign_performance',
  'price_change_impact',
  'stock_status',
  'customer_mix',
  'cohort_retention',
  'rfm_segments',
  'returns_analysis',
  'run_sql',
  'explain_change',
  'describe_schema',
] as const;

/** The metric ids are the shared vocabulary's: every metric there needs its doc, and no doc names another. */
export { METRIC_IDS } from '../protocol/vocabulary.ts';
