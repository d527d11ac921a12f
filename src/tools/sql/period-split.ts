// A metric query over two periods, as one statement per period. Run side by side (QueryLog.runAll), the
// periods cost the slower of the two rather than their sum on MariaDB, where a year against a year is two
// full scans of a year's sessions and lines. mergePeriodRows puts the rows back together exactly as the
// single two-period statement would have returned them.
import type { Row } from '../../db/types.ts';
import { METRICS } from '../metrics.ts';
import { buildMetricQuery, dimColumn, metricColumn, type BuiltMetricQuery, type MetricQuery } from './metric-query.ts';
import type { Dialect } from './dialect.ts';

/** One built statement per period; each reports its metrics as `<metric>__0`. */
export function buildPerPeriod(q: MetricQuery, dialect: Dialect): BuiltMetricQuery[] {
  return q.periods.map((p) => buildMetricQuery({ ...q, periods: [p] }, dialect));
}

/**
 * Rows keyed by the dimensions, with period i's metrics as `<metric>__i`. A group missing from a period gets
 * what the combined statement gives it: 0 for an additive metric (COALESCE of an empty sum), null for a
 * ratio (a division by zero). Groups keep the first period's order, then the ones only later periods have.
 */
export function mergePeriodRows(q: MetricQuery, perPeriod: Row[][]): Row[] {
  const dims = q.dims.map(dimColumn);
  const keyOf = (r: Row) => JSON.stringify(dims.map((d) => r[d] ?? null));
  const empty = (m: (typeof q.metrics)[number]) => (METRICS[m].additive ? 0 : null);
  const merged = new Map<string, Row>();
  perPeriod.forEach((rows, i) => {
    for (const r of rows) {
      const key = keyOf(r);
      let out = merged.get(key);
      if (!out) {
        out = Object.fromEntries(dims.map((d) => [d, r[d] ?? null]));
        for (const m of q.metrics) q.periods.forEach((_, j) => (out![metricColumn(m, j)] = empty(m)));
        merged.set(key, out);
      }
      for (const m of q.metrics) out[metricColumn(m, i)] = r[metricColumn(m, 0)] ?? empty(m);
    }
  });
  // An aggregate without GROUP BY always returns one row, even over no data.
  if (!dims.length && !merged.size) {
    const out: Row = {};
    for (const m of q.metrics) q.periods.forEach((_, j) => (out[metricColumn(m, j)] = empty(m)));
    return [out];
  }
  return [...merged.values()];
}
