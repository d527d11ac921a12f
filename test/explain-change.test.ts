// explain_change end to end on a small seeded warehouse, SQLite and MariaDB: the default scenario's
// planted causes come out on top, the decomposition adds up, the charts are pure data; on SQLite, a
// return-rate question names its planted returns spikes and finds the rating drop beside them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, parseDbUrl, type Db } from '../src/db/index.ts';
import { assertPureSpec } from '../src/tools/charts.ts';
import { dispatch, indexTools, readModelPart } from '../src/tools/dispatch.ts';
import { explainChange } from '../src/tools/explain-change.ts';
import { ExplainModelData } from '../src/tools/explain/result.ts';
import { loadDataRange } from '../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext, type ToolResult } from '../src/tools/types.ts';
import { loadScenarioFile, DEFAULT_SCENARIO_PATH } from '../seed/scenarios/schema.ts';
import { seedScenario } from '../eval/causes/seed-db.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from './support/mysql.ts';

const scenario = loadScenarioFile(DEFAULT_SCENARIO_PATH);
// June and July 2025 are all the question needs; a short span keeps the seed small.
const SPAN = { seed: 7, scale: 0.5, from: '2025-04-01', to: scenario.target.period.to };

interface Cause {
  kind: string;
  segment: Record<string, string[]>;
  share: number | null;
  effect: number | null;
}

async function ask(db: Db): Promise<ToolResult> {
  const ctx: ToolContext = {
    db,
    user: { id: 'test', role: 'analyst' },
    data: await loadDataRange(db),
    limits: DEFAULT_LIMITS,
  };
  const cmp = scenario.target.comparisons[0]!;
  return explainChange.run(
    explainChange.inputSchema.parse({
      period: scenario.target.period,
      compare_to: { from: cmp.from, to: cmp.to },
      premise: 'drop',
    }),
    ctx,
  );
}

function checkPlantedOnTop(r: ToolResult) {
  // The exported schema is the whole shape: parsing strips unknown keys, so equality pins every field.
  expect(ExplainModelData.parse(r.data)).toEqual(r.data);
  const data = r.data as {
    causes: Cause[];
    drivers: { delta: number; steps: Array<{ contribution: number }> };
    change: { delta: number; direction: string; b: number };
  };
  const top = data.causes.filter((c) => c.kind !== 'seasonality' && c.kind !== 'mix_shift').slice(0, 3);
  const events = (r.data as { events: Array<{ kind: string; segment: Record<string, string[]> }> }).events;
  // At test scale the Amazon price rise (about −10% of one segment) is within sampling noise of its
  // effect, so it must be found in the data as an event; the two large causes must rank on top.
  for (const e of scenario.events.filter((x) => x.kind === 'price_increase')) {
    expect(
      events.some(
        (x) =>
          x.kind === e.kind &&
          x.segment.channel?.[0] === e.segment.channel &&
          x.segment.category?.[0] === e.segment.category,
      ),
    ).toBe(true);
  }
  for (const e of scenario.events.filter((x) => x.kind !== 'price_increase')) {
    const hit = top.find((c) => {
      if (c.kind !== e.kind) return false;
      if (e.segment.traffic_source) return c.segment.source?.[0] === e.segment.traffic_source;
      if (e.segment.channel)
        return (
          c.segment.channel?.[0] === e.segment.channel &&
          (!e.segment.category || c.segment.category?.[0] === e.segment.category)
        );
      return Boolean(c.segment.product?.every((sku) => sku.includes('BIK')));
    });
    expect(
      hit,
      `${e.id} (${e.kind}) among the top causes: ${JSON.stringify(top.map((c) => [c.kind, c.segment]))}`,
    ).toBeTruthy();
    expect(Math.sign(hit!.effect!)).toBe(-1);
  }
  // The drivers add up to the change exactly (to the cent).
  const sum = data.drivers.steps.reduce((s, x) => s + x.contribution, 0);
  expect(sum).toBeCloseTo(data.change.delta, 1);
  expect(data.change.direction).toBe('down');
  expect(r.summary).toMatch(/Direction: DOWN/);
  // The gap picture leads (last period → season → expected → causes → remainder → this period), then drivers
  // and the daily trend; its bars end at this period's value.
  expect(r.charts).toHaveLength(3);
  const bars = (r.charts[0]!.data as { values: { end: number }[] }).values;
  expect(bars.at(-1)!.end).toBeCloseTo(data.change.b, 1);
  for (const c of r.charts) assertPureSpec(c);
  for (const q of r.queries) {
    expect(q.label).toBeTruthy();
    expect(q.sql).not.toMatch(/_tidelens_/);
  }
}

describe('explain_change on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-explain-'));
  let db: Db;
  beforeAll(async () => {
    const path = join(dir, 'w.db');
    await seedScenario({ ...SPAN, scenario, target: { engine: 'sqlite', path } });
    db = await openDb({ engine: 'sqlite', path });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("puts the default scenario's planted causes on top", async () => {
    checkPlantedOnTop(await ask(db));
  });

  it("keeps its structured data in the model part (under the dispatcher's byte cap)", async () => {
    const ctx: ToolContext = {
      db,
      user: { id: 'test', role: 'analyst' },
      data: await loadDataRange(db),
      limits: DEFAULT_LIMITS,
    };
    const cmp = scenario.target.comparisons[0]!;
    const input = { period: scenario.target.period, compare_to: { from: cmp.from, to: cmp.to }, premise: 'drop' };
    const out = await dispatch(indexTools([explainChange]), { toolUseId: 't1', name: 'explain_change', input }, ctx);
    const part = readModelPart(out.modelText)!;
    const data = part.data as { change?: unknown; causes?: unknown[]; events?: unknown[]; note?: string };
    expect(data.note).toBeUndefined();
    expect(data.change).toBeTruthy();
    expect(data.causes?.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(out.result!.data))).toBeLessThanOrEqual(6500);
    expect(part.rows.length).toBe(out.result!.rows.length);
  });

  it('says when the premise is false', async () => {
    const ctx: ToolContext = {
      db,
      user: { id: 'test', role: 'analyst' },
      data: await loadDataRange(db),
      limits: DEFAULT_LIMITS,
    };
    const r = await explainChange.run(explainChange.inputSchema.parse({ period: '2025-06', premise: 'drop' }), ctx);
    const change = (r.data as { change: { direction: string } }).change;
    if (change.direction === 'up') expect(r.summary).toMatch(/Premise check: the question assumes a drop/);
    else expect(r.summary).not.toMatch(/Premise check/);
  });
});

describe('explain_change on a return-rate question (SQLite)', () => {
  // Two returns spikes (Bikinis, Women's Swimsuits) and a rating drop on the bikinis, in March 2025;
  // the data starts in November so the run-rate window before March is there.
  const returns = loadScenarioFile(
    fileURLToPath(new URL('../seed/scenarios/mar-2025-swimwear-returns.json', import.meta.url)),
  );
  const dir = mkdtempSync(join(tmpdir(), 'tl-explain-returns-'));
  let db: Db;
  beforeAll(async () => {
    const path = join(dir, 'w.db');
    await seedScenario({
      scenario: returns,
      seed: 7,
      scale: 0.3,
      from: '2024-11-01',
      to: '2025-05-31',
      target: { engine: 'sqlite', path },
    });
    db = await openDb({ engine: 'sqlite', path });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names both returns spikes as the causes and finds the rating drop', async () => {
    const ctx: ToolContext = {
      db,
      user: { id: 'test', role: 'analyst' },
      data: await loadDataRange(db),
      limits: DEFAULT_LIMITS,
    };
    const cmp = returns.target.comparisons[0]!;
    const r = await explainChange.run(
      explainChange.inputSchema.parse({
        metric: 'return_rate',
        period: returns.target.period,
        compare_to: { from: cmp.from, to: cmp.to },
        premise: 'rise',
      }),
      ctx,
    );
    const data = ExplainModelData.parse(r.data);
    expect(data).toEqual(r.data);
    expect(data.change.direction).toBe('up');
    const spikes = data.causes.filter((c) => c.kind === 'returns_spike');
    expect(spikes.map((c) => c.segment.subcategory?.[0]).sort()).toEqual(['Bikinis', "Women's Swimsuits"]);
    for (const c of spikes) expect(c.effect!).toBeGreaterThan(0);
    expect(data.causes.filter((c) => !['returns_spike', 'seasonality', 'mix_shift'].includes(c.kind))).toEqual([]);
    expect(data.events.some((e) => e.kind === 'rating_drop' && e.segment.subcategory?.[0] === 'Bikinis')).toBe(true);
  });
});

describe.skipIf(!mysqlAvailable)('explain_change on MariaDB', () => {
  let url = '';
  let db: Db;
  beforeAll(async () => {
    url = await freshMysqlDb('explain');
    await seedScenario({ ...SPAN, scenario, target: parseDbUrl(url) });
    db = await openDb(parseDbUrl(url));
  }, 240_000);
  afterAll(async () => {
    await db?.close();
    if (url) await dropMysqlDb(url);
  });

  it("puts the default scenario's planted causes on top", async () => {
    checkPlantedOnTop(await ask(db));
  });
});
