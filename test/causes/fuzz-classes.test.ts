// Failure classes the cause fuzzer found, each pinned by a scenario built from it (seed/scenarios/):
// a ratio's rate/mix drivers that did not add up to the change, a marketplace surge against the season
// that no detector named, and a campaign's last day in the period taken for a traffic drop.
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../seed/scenarios/schema.ts';
import { explainScenario, scenarioFile, scratchDir } from './explain-scenario.ts';
import type { ExplainModelData } from '../../src/tools/explain/result.ts';

const scratch = scratchDir('tl-fuzz-classes-');
afterAll(scratch.remove);

const scenario = (name: string) => scenarioFile('seed/scenarios', name);

/** Seeds the scenario from `from` (a month before its comparison) and asks its question. */
async function explain(s: Scenario, from: string): Promise<ExplainModelData> {
  return (await explainScenario(s, scratch.dir, from)).data;
}

describe('failure classes from the cause fuzzer', () => {
  it('splits a conversion change into rate and mix that add up to it exactly', { timeout: 120_000 }, async () => {
    const data = await explain(scenario('aug-2025-conversion-mix'), '2025-06-01');
    const steps = data.drivers.steps;
    expect(steps.map((s) => s.label)).toEqual(['rate within segments', 'mix between segments']);
    expect(data.drivers.delta).toBeCloseTo(data.change.delta, 4);
    // Each step is rounded to 4 decimals: the sum may be off by the rounding of two numbers, no more.
    expect(Math.abs(steps[0]!.contribution + steps[1]!.contribution - data.change.delta)).toBeLessThanOrEqual(1.5e-4);
  });

  it('names a marketplace surge against the season', { timeout: 120_000 }, async () => {
    const data = await explain(scenario('sep-2025-marketplace-surge'), '2025-07-01');
    expect(data.change.direction).toBe('down');
    const surge = data.causes.find((c) => c.kind === 'traffic_surge');
    expect(surge?.segment).toEqual({ channel: ['other_marketplace'] });
    expect(surge!.effect!).toBeGreaterThan(0);
    expect(surge!.start! >= '2025-09-01' && surge!.end! <= '2025-09-30').toBe(true);
  });

  it("names the end of Black Friday's campaign, not a traffic drop of its source", { timeout: 120_000 }, async () => {
    const data = await explain(scenario('dec-2025-after-black-friday'), '2025-10-01');
    const bf = data.causes.filter((c) => c.segment.source?.some((x) => x.includes('Black Friday')));
    expect(bf.map((c) => c.kind)).toEqual(['campaign_end']);
  });
});
