// A share failure class of the price estimators (development seeds 41, 180), pinned by a scenario of
// its class: the cause's share of the change within the fuzzer's 10 points of the manifest's (what the
// metric would have been without that event). A steep price rise on a range whose dear products sit
// near the price band's top: the money is unpriced SKU by SKU, weighted by what each sells, not by the
// average rise (gross margin; 347% against the manifest's 277% on 07d267f).
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../seed/scenarios/schema.ts';
import { explainScenario, leadFrom, scenarioFile as classFile, scratchDir } from './explain-scenario.ts';
import { SHARE_TOL } from '../../eval/causes/match.ts';

const scratch = scratchDir('tl-hb-share-classes-');
afterAll(scratch.remove);

const scenarioFile = (name: string): Scenario => classFile('eval/causes/classes', name);

/** Seeds the scenario from two months before its comparison (the run-rate window) and asks it. */
const explain = (s: Scenario) => explainScenario(s, scratch.dir, leadFrom(s, 61));

describe('price-move shares against the manifest', () => {
  it('a rise held back by the price band moves margin by each SKU’s own rise', { timeout: 300_000 }, async () => {
    const s = scenarioFile('bags-up-at-price-cap-margin');
    const { data, manifest } = await explain(s);
    const truth = manifest.events[0]!.share_of_change['previous month']!;
    const c = data.causes.find((x) => x.kind === 'price_increase');
    expect(c, JSON.stringify(data.causes)).toBeDefined();
    expect(Math.abs(c!.share! - truth), `${c!.share} vs ${truth}`).toBeLessThanOrEqual(SHARE_TOL);
  });
});
