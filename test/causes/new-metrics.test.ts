// The four metrics the scenario format accepted before explain_change did (refunds, discount rate,
// new-customer share, gross margin): on a seeded month with a discounted campaign and a returns spike,
// each one's change equals the warehouse definition (schema-docs/metrics), its drivers add up to that
// change exactly, and the planted event that moves it is the top cause.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import { ExplainModelData } from '../../src/tools/explain/result.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../../src/tools/types.ts';
import type { Scenario } from '../../seed/scenarios/schema.ts';
import { seedScenario } from '../../eval/causes/seed-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'tl-new-metrics-'));
const path = join(dir, 'm.db');
const B = { from: '2025-07-01', to: '2025-07-31' };
const A = { from: '2025-06-01', to: '2025-06-30' };
const scenario: Scenario = {
  name: 'new-metrics',
  description: 'a 20%-off email campaign and an apparel returns spike in July',
  target: { metric: 'discount_rate', period: B, comparisons: [{ label: 'June', ...A }] },
  events: [
    {
      id: 'spike',
      kind: 'returns_spike',
      start: '2025-06-20',
      end: '2025-07-31',
      segment: { category: 'Apparel' },
      magnitude: 0.35,
    },
    {
      id: 'promo',
      kind: 'campaign_start',
      start: '2025-07-05',
      end: '2025-07-25',
      segment: {},
      magnitude: 0.3,
      campaign: { name: 'Test Promo', type: 'email', discount_pct: 20, audience: 'all visitors' },
    },
  ],
};

let db: Db;
let ctx: ToolContext;
beforeAll(async () => {
  await seedScenario({
    scenario,
    seed: 3,
    scale: 0.1,
    from: '2025-03-01',
    to: B.to,
    target: { engine: 'sqlite', path },
  });
  db = openSqlite(path);
  ctx = { db, user: { id: 'test', role: 'analyst' }, data: await loadDataRange(db), limits: DEFAULT_LIMITS };
}, 120_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function explain(metric: string): Promise<ExplainModelData> {
  const r = await explainChange.run(explainChange.inputSchema.parse({ metric, period: B, compare_to: A }), ctx);
  return ExplainModelData.parse(r.data);
}

const inB = (col: string) => `${col} >= '${B.from}' AND ${col} < '2025-08-01'`;
const inA = (col: string) => `${col} >= '${A.from}' AND ${col} < '2025-07-01'`;
/** The warehouse definitions, as schema-docs/metrics writes them. */
const DEFINITIONS: Record<string, (p: (col: string) => string) => string> = {
  refunds: (p) => `SELECT SUM(r.refund_amount) AS v FROM returns r WHERE ${p('r.return_date')}`,
  discount_rate: (p) =>
    `SELECT SUM(o.discount_amount) * 1.0 / SUM(o.total_amount + o.discount_amount) AS v FROM orders o
     WHERE o.order_status <> 'cancelled' AND ${p('o.order_date')}`,
  new_customer_share: (p) =>
    `SELECT COUNT(DISTINCT CASE WHEN o.is_first_order = 1 THEN o.user_id END) * 1.0 / COUNT(DISTINCT o.user_id) AS v
     FROM orders o WHERE o.order_status <> 'cancelled' AND ${p('o.order_date')}`,
  gross_margin: (p) =>
    `SELECT (SUM(oi.quantity * oi.unit_price - oi.discount) - SUM(oi.quantity * pr.cost))
       / SUM(oi.quantity * oi.unit_price - oi.discount) AS v
     FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN products pr ON pr.product_id = oi.product_id
     WHERE o.order_status <> 'cancelled' AND ${p('o.order_date')}`,
};

describe('explain_change on the metrics the scenario format added', () => {
  for (const metric of Object.keys(DEFINITIONS)) {
    it(`${metric}: the change is the warehouse's and the drivers add up to it`, { timeout: 60_000 }, async () => {
      const d = await explain(metric);
      const value = async (p: (col: string) => string) => Number((await db.query(DEFINITIONS[metric]!(p))).rows[0]!.v);
      const round = (x: number) => (metric === 'refunds' ? Math.round(x * 100) / 100 : Math.round(x * 1e4) / 1e4);
      expect(d.change.a).toBe(round(await value(inA)));
      expect(d.change.b).toBe(round(await value(inB)));
      const steps = d.drivers.steps.reduce((s, x) => s + x.contribution, 0);
      expect(Math.abs(steps - d.drivers.delta)).toBeLessThanOrEqual((d.drivers.steps.length + 1) * 0.5e-4 + 1e-9);
      expect(d.drivers.delta).toBeCloseTo(d.change.delta, metric === 'refunds' ? 2 : 4);
    });
  }

  it('names the discounted campaign as the discount rate rise', { timeout: 60_000 }, async () => {
    const d = await explain('discount_rate');
    const top = d.causes.find((c) => c.kind !== 'seasonality');
    expect(top?.kind).toBe('campaign_start');
    expect(top?.segment.source?.[0]).toContain('Test Promo');
  });
});
