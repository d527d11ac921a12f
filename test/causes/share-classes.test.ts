// Share failure classes the cause fuzzer exposed (development seeds), each pinned by a scenario of its
// class: the cause's share of the change must be the manifest's (what the metric would have been
// without that event) within the fuzzer's 10 points.
//   - a stock-out on a ratio metric (gross margin) in a category whose season is not the rest's: the
//     SKUs are held to their category siblings, not to the growth of the rest of the business;
//   - the manifest's new-customer share is the warehouse's (new customers over distinct customers),
//     so its change is the change explain_change explains.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../eval/causes/draw.ts';
import { SHARE_TOL } from '../../eval/causes/match.ts';
import { seedScenario } from '../../eval/causes/seed-db.ts';
import type { Manifest } from '../../seed/manifest.ts';
import { loadScenarioFile, type Scenario } from '../../seed/scenarios/schema.ts';
import { openDb } from '../../src/db/index.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import { ExplainModelData } from '../../src/tools/explain/result.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../../src/tools/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'tl-share-classes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenarioFile(name: string): Scenario {
  return loadScenarioFile(fileURLToPath(new URL(`../../eval/causes/classes/${name}.json`, import.meta.url)));
}

/** Seeds the scenario from two months before its comparison (the stock-out's run-rate window) and asks it. */
async function explain(s: Scenario): Promise<{ data: ExplainModelData; manifest: Manifest }> {
  const spans = [s.target.period, ...s.target.comparisons];
  const path = join(dir, `${s.name}.db`);
  const seeded = await seedScenario({
    scenario: s,
    seed: 1,
    scale: 0.3,
    from: addDays(spans.map((p) => p.from).sort()[0]!, -61),
    to: spans
      .map((p) => p.to)
      .sort()
      .at(-1)!,
    target: { engine: 'sqlite', path },
  });
  const db = await openDb({ engine: 'sqlite', path });
  try {
    const ctx: ToolContext = {
      db,
      user: { id: 'test', role: 'analyst' },
      data: await loadDataRange(db),
      limits: DEFAULT_LIMITS,
    };
    const cmp = s.target.comparisons[0]!;
    const r = await explainChange.run(
      explainChange.inputSchema.parse({
        metric: s.target.metric,
        period: s.target.period,
        compare_to: { from: cmp.from, to: cmp.to },
      }),
      ctx,
    );
    return { data: ExplainModelData.parse(r.data), manifest: seeded.manifest };
  } finally {
    await db.close();
  }
}

describe('cause shares against the manifest', () => {
  it('a stock-out moving gross margin in its category season: held to its siblings', { timeout: 300_000 }, async () => {
    const s = scenarioFile('swimsuits-out-margin-spring');
    const { data, manifest } = await explain(s);
    const truth = manifest.events[0]!.share_of_change['previous month']!;
    const c = data.causes.find((x) => x.kind === 'stockout');
    expect(c, JSON.stringify(data.causes)).toBeDefined();
    expect(Math.abs(c!.share! - truth), `${c!.share} vs ${truth}`).toBeLessThanOrEqual(SHARE_TOL);
  });

  it('the new-customer share changes as explain_change measures it', { timeout: 300_000 }, async () => {
    const base = scenarioFile('swimsuits-out-margin-spring');
    const s: Scenario = { ...base, name: 'ncs-definition', target: { ...base.target, metric: 'new_customer_share' } };
    const { data, manifest } = await explain(s);
    expect(data.change.a).toBeCloseTo(manifest.comparisons[0]!.value, 4);
    expect(data.change.b).toBeCloseTo(manifest.value, 4);
  });
});
