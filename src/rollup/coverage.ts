// Whether the rollup can answer a question: it must exist, be readable by this account, and hold every day of
// the period (watermark ≥ period end). The tools decide the rest (dimensions, filters) from what the rollup
// tables keep. Any failure to read the watermark means "not covered": the base tables answer instead.
import type { Db } from '../db/types.ts';
import { readWatermark } from './watermark.ts';

export interface RollupAt {
  engine: Db['engine'];
  /** The warehouse database on MySQL (the rollup schema is named after it); null on SQLite. */
  database: string | null;
  /** Last day the rollup holds, 'YYYY-MM-DD'. */
  through: string;
}

const CACHE_MS = 30_000;
const cache = new WeakMap<Db, { at: number; value: Promise<RollupAt | null> }>();

/** The rollup behind `db`, read at most every 30 s per Db; null when there is none usable. */
export function rollupFor(db: Db, now = Date.now()): Promise<RollupAt | null> {
  const hit = cache.get(db);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = lookUp(db);
  cache.set(db, { at: now, value });
  return value;
}

/** Forget the cached watermark (after a build in the same process). */
export function forgetRollup(db: Db): void {
  cache.delete(db);
}

// The lookup is shared by every turn that asks within CACHE_MS, so no one turn's signal may cancel it; its own
// short time limit bounds it instead, and any failure means the base tables answer.
const LOOKUP_TIMEOUT_MS = 2_000;

async function lookUp(db: Db): Promise<RollupAt | null> {
  if (process.env.TIDELENS_ROLLUP === '0') return null;
  const opts = { timeoutMs: LOOKUP_TIMEOUT_MS };
  try {
    const database =
      db.engine === 'mysql' ? String((await db.query('SELECT DATABASE() AS db', [], opts)).rows[0]?.db ?? '') : null;
    if (database === '') return null;
    const rows = async (sql: string, params?: unknown[]) => (await db.query(sql, params, opts)).rows;
    const wm = await readWatermark({ engine: db.engine, database, rows });
    return wm?.dataThrough ? { engine: db.engine, database, through: wm.dataThrough } : null;
  } catch {
    return null;
  }
}

/** The period lies within the days the rollup holds. */
export function coversPeriods(r: RollupAt, periods: { to: string }[]): boolean {
  return periods.every((p) => p.to <= r.through);
}
