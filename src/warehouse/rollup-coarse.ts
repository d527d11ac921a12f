// Coarser rollups for explain_change, summed from daily_lines rather than from the base tables: the same line
// measures per Monday week and per calendar month (the day column holds the bucket's first day). A period reads
// its whole months and weeks here and only its odd days from daily_lines, so what it reads is bounded by the
// leaves a month holds (the catalogue × the few order dimensions), not by how many lines the days hold.
//   *_lines keep every dimension explain_change's period cube splits by (not the storefront: explain never reads
//   it); *_run_rate only the run-rate cube's four (channel, country, traffic source, product), about a third of
//   the rows again. Extra indexes for readers that look rows up by other keys than the day are listed here too.
import { ORDER_DIMS, type RollupColumn, type RollupTable } from './rollup-schema.ts';

export type CoarseBucket = 'week' | 'month';

export interface CoarseTable extends RollupTable {
  /** The rollup table summed (its same-named columns). */
  source: 'daily_lines';
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

/** In build order: after daily_lines, which they are summed from. */
export const COARSE_TABLES: CoarseTable[] = [
  coarse('weekly_lines', 'week', LINE_KEYS, LINE_MEASURES),
  coarse('monthly_lines', 'month', LINE_KEYS, LINE_MEASURES),
  coarse('weekly_run_rate', 'week', RUN_RATE_KEYS, RUN_RATE_MEASURES),
  coarse('monthly_run_rate', 'month', RUN_RATE_KEYS, RUN_RATE_MEASURES),
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
