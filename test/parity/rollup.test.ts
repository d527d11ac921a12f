// Every template input of the parity suite (inputs.ts) answers the same from the daily rollups as from the base
// tables, to the cent: rows, findings and summary (but for the line saying the rollup was read), on SQLite and
// MariaDB, on the hand-built fixture and on the generator's seed. The rollup is hidden from the base run by
// failing its watermark read, so both runs see the same database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { openDb, parseDbUrl, type DbTarget } from '../../src/db/index.ts';
import type { Db } from '../../src/db/types.ts';
import { buildFull, forgetRollup, refresh } from '../../src/rollup/index.ts';
import { openRollupWriter } from '../../src/rollup/writer.ts';
import { bucketSql } from '../../src/rollup/coarse.ts';
import { COARSE_TABLES } from '../../src/warehouse/rollup-coarse.ts';
import { rollupTableRef } from '../../src/warehouse/rollup-schema.ts';
import { tools } from '../../src/tools/registry.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import type { ToolContext } from '../../src/tools/types.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { PARITY_INPUTS } from './inputs.ts';
import { fixtureMysql, fixtureSqlite, toolContext } from './support.ts';

const ROLLUP_LINE = /\nRead from the daily rollup; data through \d{4}-\d{2}-\d{2}\.$/;

/** Inputs per template that must read the rollup on the fixture (the rest may fall back to the base tables). */
const MUST_READ: Record<string, number> = {
  funnel: 2,
  returns_analysis: 4,
  // Its parity inputs and the bench's (unfiltered attribution from daily_campaign_lines).
  campaign_performance: 2 + 2,
  price_change_impact: 2,
  cohort_retention: 2,
  stock_status: 2 + 2,
  // Customers per category (daily_customers), precomputed answers for the presets.
  compare_periods: 4 + 1,
  customer_mix: 1 + 3,
  // On the fixture, all and last_90_days fit to the same days as last_365_days: the same statements.
  rfm_segments: 2 + 2,
};

/**
 * Beside the parity suite's inputs, bench/templates.ts' inputs (with periods the fixture holds) for the templates
 * whose distinct customers and stock-outs the rollup holds: category customers, precomputed answers, closing
 * stock per day.
 */
const ROLLUP_INPUTS: Record<string, Record<string, unknown>[]> = {
  stock_status: [{}, { period: 'last_30_days', category: 'Swimwear' }],
  compare_periods: [{ period: 'ytd', category: 'Bikinis' }],
  customer_mix: [
    {},
    { by: 'country', period: 'last_month' },
    { by: 'user_level', period: 'last_month', compare_to: 'previous_period' },
  ],
  rfm_segments: [{}, { country: 'United States' }],
  // Attribution from daily_campaign_lines (the bench's inputs, with a period the fixture holds).
  campaign_performance: [{}, { period: 'last_365_days' }],
};

function withoutRollup(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'query') return Reflect.get(target, prop);
      return (sql: string, ...rest: unknown[]) =>
        /watermark/.test(sql)
          ? Promise.reject(new Error('no rollup'))
          : (target.query as (...a: unknown[]) => unknown)(sql, ...rest);
    },
  });
}

async function parity(name: string, ctx: ToolContext): Promise<number> {
  const tool = tools.find((t) => t.name === name)!;
  const base = { ...ctx, db: withoutRollup(ctx.db) };
  let read = 0;
  for (const input of [...PARITY_INPUTS[name]!, ...(ROLLUP_INPUTS[name] ?? [])]) {
    const parsed = tool.inputSchema.parse(input);
    const a = await tool.run(parsed, ctx);
    const b = await tool.run(parsed, base);
    const label = `${name} ${JSON.stringify(input)}`;
    expect(a.rows, label).toEqual(b.rows);
    expect(a.findings ?? [], label).toEqual(b.findings ?? []);
    expect(a.summary.replace(ROLLUP_LINE, ''), label).toBe(b.summary);
    expect(b.summary, label).not.toMatch(ROLLUP_LINE);
    if (ROLLUP_LINE.test(a.summary)) read++;
  }
  return read;
}

async function build(target: DbTarget, db: Db, how: 'full' | 'refresh' = 'full'): Promise<void> {
  const w = await openRollupWriter(target);
  await (how === 'full' ? buildFull(w) : refresh(w));
  await w.close();
  forgetRollup(db);
}

const one = async (db: Db, sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0]!;

/**
 * Facts that land after the rollup was built and belong to days it already holds: an add-to-cart on an early
 * visit, a new customer's repeat order two days after their first (placed in a session of that day), and a
 * late return with a reason of its own.
 */
async function addLateFacts(db: Db): Promise<void> {
  const visit = await one(
    db,
    `SELECT log_id, session_id, user_id, substr(visit_time, 1, 10) AS day FROM visit_logs WHERE visit_time < '2025-01-10' ` +
      `AND NOT EXISTS (SELECT 1 FROM user_behaviors ub WHERE ub.visit_log_id = log_id AND ub.behavior_type = 'add_to_cart') ORDER BY log_id LIMIT 1`,
  );
  await db.execute(
    `INSERT INTO user_behaviors (behavior_id, user_id, product_id, behavior_type, behavior_time, session_id, visit_log_id) VALUES (900001, NULL, 1, 'add_to_cart', ?, ?, ?)`,
    [`${visit.day} 23:59:00`, visit.session_id, visit.log_id],
  );
  const first = await one(
    db,
    `SELECT user_id, substr(order_date, 1, 10) AS day FROM orders WHERE is_first_order = 1 AND order_date >= '2025-01-20' ORDER BY order_id LIMIT 1`,
  );
  const repeatDay = new Date(Date.parse(`${first.day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  const session = await one(
    db,
    `SELECT session_id, country, device_type FROM visit_logs v WHERE substr(v.visit_time, 1, 10) = ? ` +
      'AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.session_id = v.session_id) ORDER BY log_id LIMIT 1',
    [repeatDay],
  );
  await db.execute(
    `INSERT INTO orders (order_id, user_id, order_date, total_amount, discount_amount, payment_method, payment_status, shipping_address, order_status, order_source, device_type, channel, country, traffic_source_id, session_id, is_first_order, shipped_date, delivered_date) VALUES (9101, ?, ?, 41.5, 0, 'card', 'paid', 'x', 'delivered', 'own_website', ?, 'own_website', ?, 1, ?, 0, NULL, NULL)`,
    [first.user_id, `${repeatDay} 23:30:00`, session.device_type, session.country, session.session_id],
  );
  await db.execute(
    'INSERT INTO order_items (order_item_id, order_id, product_id, quantity, unit_price, discount) VALUES (91001, 9101, 3, 1, 41.5, 0)',
  );
  const line = await one(
    db,
    `SELECT order_id, order_item_id FROM order_items WHERE order_id < 40 ORDER BY order_item_id LIMIT 1`,
  );
  await db.execute(
    `INSERT INTO returns (return_id, order_id, order_item_id, return_date, return_reason, return_status, refund_amount) VALUES (9101, ?, ?, '2025-03-18 10:00:00', 'arrived late', 'refunded', 7.25)`,
    [line.order_id, line.order_item_id],
  );
}

/** Each weekly and monthly table holds exactly its daily source's rows summed per bucket. */
async function expectCoarseSums(db: Db): Promise<void> {
  const database = db.engine === 'mysql' ? String((await one(db, 'SELECT DATABASE() AS d')).d) : null;
  for (const t of COARSE_TABLES) {
    const keys = t.columns.filter((c) => c.kind === 'key').map((c) => c.name);
    const sums = t.columns.filter((c) => c.kind !== 'key' && c.kind !== 'day').map((c) => c.name);
    const canon = (rows: Record<string, unknown>[]) =>
      rows.map((r) => [
        String(r.day).slice(0, 10),
        ...Object.values(r)
          .slice(1)
          .map((v) => (v === null ? null : Number(v))),
      ]);
    const list = ['day', ...keys].join(', ');
    const stored = await db.query(
      `SELECT ${list}, ${sums.map((m) => `SUM(${m}) AS ${m}`).join(', ')} FROM ${rollupTableRef(db.engine, database, t.name)} ` +
        `GROUP BY ${list} ORDER BY ${list}`,
    );
    const bucket = bucketSql(db.engine, t.bucket, 'x.day');
    const fresh = await db.query(
      `SELECT ${bucket} AS day, ${keys.map((k) => `x.${k}`).join(', ')}, ${sums.map((m) => `SUM(x.${m}) AS ${m}`).join(', ')} ` +
        `FROM ${rollupTableRef(db.engine, database, t.source)} x GROUP BY 1, ${keys.map((_, i) => i + 2).join(', ')} ` +
        `ORDER BY 1, ${keys.map((_, i) => i + 2).join(', ')}`,
    );
    expect(canon(stored.rows), t.name).toEqual(canon(fresh.rows));
  }
}

function suite(label: string, open: () => Promise<{ db: Db; ctx: ToolContext; target: DbTarget; url?: string }>) {
  describe.sequential(`rollup = base tables, ${label}`, () => {
    let db: Db;
    let ctx: ToolContext;
    let url: string | undefined;
    let target: DbTarget;
    beforeAll(async () => {
      ({ db, ctx, target, url } = await open());
      await build(target, db);
    }, 300_000);
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });
    for (const name of Object.keys(PARITY_INPUTS))
      it(name, async () => {
        const read = await parity(name, ctx);
        if (label.includes('fixture')) expect(read, name).toBeGreaterThanOrEqual(MUST_READ[name] ?? 0);
      }, 120_000);
    it.runIf(label.includes('fixture'))(
      'after a refresh that took in late facts',
      async () => {
        await addLateFacts(db);
        await build(target, db, 'refresh');
        for (const name of Object.keys(MUST_READ)) expect(await parity(name, ctx), name).toBe(MUST_READ[name]);
        await expectCoarseSums(db);
      },
      300_000,
    );
  });
}

suite('SQLite fixture', async () => {
  const { db, ctx } = await fixtureSqlite();
  return { db, ctx, target: { engine: 'sqlite', path: db.label.replace(/^sqlite:/, '') } };
});

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite('MariaDB fixture', async () => {
    const { db, ctx, url } = await fixtureMysql('rollup_templates');
    return { db, ctx, target: parseDbUrl(url), url };
  });
});

const quietIo = (): Io => ({ out: () => {}, err: () => {}, isTty: false, env: {}, stdin: async () => '' });

async function seeded(url: string): Promise<{ db: Db; ctx: ToolContext; target: DbTarget }> {
  const code = await main(['seed', '--db', url, '--scale', '0.05', '--seed', '7', '--force'], quietIo());
  if (code !== 0) throw new Error(`seed into ${url} failed with exit code ${code}`);
  const target = parseDbUrl(url);
  const db = await openDb(target);
  return { db, ctx: toolContext(db, await loadDataRange(db)), target };
}

suite("SQLite generator's seed (scale 0.05, seed 7)", () =>
  seeded(`sqlite:${join(mkdtempSync(join(tmpdir(), 'tidelens-rollup-parity-')), 'seed.db')}`));

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite("MariaDB generator's seed (scale 0.05, seed 7)", async () => {
    const url = await freshMysqlDb('rollup_templates_seed');
    return { ...(await seeded(url)), url };
  });
});
