// The data's own calendar: first and last order day. Periods resolve against it, never the wall clock.
// Computed once per database per process (MIN/MAX on the indexed order_date is cheap, but not free).
import { TidelensError } from '../../errors.ts';
import type { Db } from '../../db/types.ts';
import type { DataRange } from '../types.ts';

export const DATA_RANGE_SQL = 'SELECT MIN(order_date) AS min_date, MAX(order_date) AS max_date FROM orders';

const cache = new Map<string, Promise<DataRange>>();

export function dataRangeOf(row: Record<string, unknown> | undefined): DataRange {
  const min = row?.min_date;
  const max = row?.max_date;
  if (!min || !max) {
    throw new TidelensError(
      'not_found',
      'the orders table is empty, so there is no data range to resolve periods against; run `npx tidelens seed` first',
    );
  }
  return { minDate: String(min).slice(0, 10), maxDate: String(max).slice(0, 10) };
}

export function loadDataRange(db: Db): Promise<DataRange> {
  let p = cache.get(db.label);
  if (!p) {
    p = db.query(DATA_RANGE_SQL).then((r) => dataRangeOf(r.rows[0]));
    p.catch(() => cache.delete(db.label));
    cache.set(db.label, p);
  }
  return p;
}
