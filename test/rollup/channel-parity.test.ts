// The narrow rollup path (sql/channel-rollup-query.ts: daily_channel_orders and the sessions twins cut to the
// series' buckets) gives the base tables' figures, to the cent, on SQLite and MariaDB, for every query it claims.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl, type Db, type DbTarget } from '../../src/db/index.ts';
import { buildFull, rollupFor } from '../../src/rollup/index.ts';
import { openRollupWriter } from '../../src/rollup/writer.ts';
import type { Filters } from '../../src/tools/filters.ts';
import type { MetricId } from '../../src/tools/metrics.ts';
import { buildChannelRollupQuery } from '../../src/tools/sql/channel-rollup-query.ts';
import { toQuery, type Fragment } from '../../src/tools/sql/fragment.ts';
import { buildMetricQuery, type Dimension, type MetricQuery } from '../../src/tools/sql/metric-query.ts';
import { dropMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { fixtureMysql, fixtureSqlite } from '../parity/support.ts';
import { canon, expectSame } from './compare-rows.ts';

const METRIC_SETS: MetricId[][] = [
  ['net_sales', 'orders', 'aov'],
  ['sessions', 'conversion_rate'],
  ['net_sales', 'conversion_rate'],
];
const DIM_SETS: Dimension[][] = [
  [],
  ['day'],
  ['week'],
  ['month'],
  ['quarter'],
  ['channel'],
  ['country'],
  ['week', 'channel'],
  ['month', 'country'],
];
const FILTERS: Filters[] = [
  {},
  { channel: ['own_website'] },
  { channel: ['amazon'] },
  { country: ['United States', 'France'] },
  { channel: ['own_website', 'amazon'], country: ['Canada'] },
];
// Whole months with odd days on both sides; Monday-to-Sunday weeks; a span with no whole month; two periods.
const PERIODS = [
  [{ from: '2025-01-01', to: '2025-03-20' }],
  [{ from: '2025-01-15', to: '2025-03-10' }],
  [{ from: '2025-01-27', to: '2025-03-02' }],
  [
    { from: '2025-02-10', to: '2025-03-09' },
    { from: '2025-01-13', to: '2025-02-09' },
  ],
];

function* queries(): Generator<MetricQuery> {
  for (const metrics of METRIC_SETS)
    for (const dims of DIM_SETS)
      for (const filters of FILTERS) for (const periods of PERIODS) yield { metrics, dims, filters, periods };
}

async function run(db: Db, f: Fragment) {
  const { sql, params } = toQuery(f);
  return (await db.query(sql, params)).rows;
}

function suite(name: string, open: () => Promise<{ db: Db; target: DbTarget; url?: string }>) {
  describe.sequential(`narrow rollup parity on ${name}`, () => {
    let db: Db;
    let url: string | undefined;
    beforeAll(async () => {
      let target: DbTarget;
      ({ db, target, url } = await open());
      const w = await openRollupWriter(target);
      await buildFull(w);
      await w.close();
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });

    it('answers net sales, orders and conversion by time, channel and country as the base tables do', async () => {
      const at = (await rollupFor(db))!;
      let covered = 0;
      for (const q of queries()) {
        const narrow = buildChannelRollupQuery(q, db.engine, at);
        if (!narrow) continue;
        covered++;
        const base = buildMetricQuery(q, db.engine);
        const label = JSON.stringify(q);
        const got = canon(await run(db, narrow.fragment), q);
        expectSame(got, canon(await run(db, base.fragment), q), q, db.engine, label);
        expect(narrow.caveats, label).toEqual(base.caveats);
      }
      expect(covered).toBe([...queries()].length);
    }, 120_000);
  });
}

suite('SQLite', async () => {
  const { db } = await fixtureSqlite();
  return { db, target: { engine: 'sqlite', path: db.label.replace(/^sqlite:/, '') } };
});

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite('MariaDB', async () => {
    const { db, url } = await fixtureMysql('narrow_parity');
    return { db, target: parseDbUrl(url), url };
  });
});
