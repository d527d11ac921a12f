// The watermark: one row saying how far the rollup has read each base table (by id, for the next refresh) and
// the last order day it holds ("data through", for coverage and for answers).
import { ROLLUP_VERSION, rollupTableRef, WATERMARK_TABLE } from '../warehouse/rollup-schema.ts';
import type { Row } from '../db/types.ts';
import type { RollupWriter } from './writer.ts';

export interface HighMarks {
  /** The last order day, 'YYYY-MM-DD'; null when there are no orders. */
  dataThrough: string | null;
  ordersMaxId: number;
  returnsMaxId: number;
  visitsMaxId: number;
  reviewsMaxId: number;
  inventoryMaxId: number;
  behaviorsMaxId: number;
}

export interface Watermark extends HighMarks {
  builtAt: string;
  fullBuiltAt: string;
}

export function watermarkOf(r: Row): Watermark {
  return {
    dataThrough: r.data_through === null || r.data_through === undefined ? null : String(r.data_through),
    ordersMaxId: Number(r.orders_max_id),
    returnsMaxId: Number(r.returns_max_id),
    visitsMaxId: Number(r.visits_max_id),
    reviewsMaxId: Number(r.reviews_max_id),
    inventoryMaxId: Number(r.inventory_max_id),
    behaviorsMaxId: Number(r.behaviors_max_id),
    builtAt: String(r.built_at),
    fullBuiltAt: String(r.full_built_at),
  };
}

export const WATERMARK_COLUMNS =
  'data_through, orders_max_id, returns_max_id, visits_max_id, reviews_max_id, inventory_max_id, behaviors_max_id, ' +
  'built_at, full_built_at';

/** The watermark, or null when this version has built no rollup (the table is missing, empty or older). */
export async function readWatermark(w: Pick<RollupWriter, 'rows' | 'engine' | 'database'>): Promise<Watermark | null> {
  const any = await readAnyWatermark(w);
  return any && any.version === ROLLUP_VERSION ? any : null;
}

/** The watermark whichever version wrote it, with that version; null when there is none. */
export async function readAnyWatermark(
  w: Pick<RollupWriter, 'rows' | 'engine' | 'database'>,
): Promise<(Watermark & { version: number }) | null> {
  let rows: Row[];
  try {
    rows = await w.rows(
      `SELECT ${WATERMARK_COLUMNS}, version FROM ${rollupTableRef(w.engine, w.database, WATERMARK_TABLE)} WHERE id = 1`,
    );
  } catch {
    return null;
  }
  return rows[0] ? { ...watermarkOf(rows[0]), version: Number(rows[0].version) } : null;
}

export function writeWatermarkSql(
  ref: string,
  m: HighMarks,
  builtAt: string,
  fullBuiltAt: string,
  how: 'insert' | 'update',
) {
  const params = [
    m.dataThrough,
    m.ordersMaxId,
    m.returnsMaxId,
    m.visitsMaxId,
    m.reviewsMaxId,
    m.inventoryMaxId,
    m.behaviorsMaxId,
    builtAt,
    fullBuiltAt,
  ];
  const sql =
    how === 'insert'
      ? `INSERT INTO ${ref} (id, ${WATERMARK_COLUMNS}, version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${ROLLUP_VERSION})`
      : `UPDATE ${ref} SET data_through = ?, orders_max_id = ?, returns_max_id = ?, visits_max_id = ?, ` +
        'reviews_max_id = ?, inventory_max_id = ?, behaviors_max_id = ?, built_at = ?, ' +
        `full_built_at = ? WHERE id = 1`;
  return { sql, params };
}
