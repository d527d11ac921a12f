// Comparing a metric query's rows from the rollups with the base tables' rows, as the tools read them.
import { expect } from 'vitest';
import type { Db, Row } from '../../src/db/types.ts';
import { METRICS, roundMetric } from '../../src/tools/metrics.ts';
import type { MetricQuery } from '../../src/tools/sql/metric-query.ts';

export type Canon = Record<string, (number | null)[]>;

/** Rows keyed by their dimension values, every metric rounded as the tools round it. */
export function canon(rows: Row[], q: MetricQuery): Canon {
  const out: Canon = {};
  for (const r of rows) {
    const key = q.dims.map((d) => String(r[`k_${d}`])).join('|');
    const values = q.metrics.flatMap((m) => q.periods.map((_, i) => roundMetric(m, r[`${m}__${i}`])));
    // The base path lists empty session buckets; the tools fill a missing bucket with the same 0 / n/a.
    if (values.some((v) => v !== 0 && v !== null)) out[key] = values;
  }
  return out;
}

/**
 * Exact on MariaDB (DECIMAL sums). SQLite keeps money as REAL, so both paths carry float noise of ~1e-12: sums
 * still round to the same cent, but a ratio landing on a rounding tie may round either way on either path;
 * ratios there may differ by one unit of their last rounded place.
 */
export function expectSame(got: Canon, want: Canon, q: MetricQuery, engine: Db['engine'], label: string): void {
  if (engine === 'mysql') return void expect(got, label).toEqual(want);
  expect(Object.keys(got).sort(), label).toEqual(Object.keys(want).sort());
  const defs = q.metrics.flatMap((m) => q.periods.map(() => METRICS[m]));
  for (const [k, row] of Object.entries(want)) {
    row.forEach((v, i) => {
      const g = got[k]![i]!;
      const def = defs[i]!;
      if (def.additive || v === null || g === null) expect(g, `${label} ${k} ${def.id}`).toBe(v);
      else
        expect(Math.abs(g - v), `${label} ${k} ${def.id}`).toBeLessThanOrEqual(
          def.unit === 'money' ? 0.0100001 : 0.000100001,
        );
    });
  }
}
