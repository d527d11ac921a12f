// Traffic share class the cause fuzzer exposed (development seeds 42, 43, 87, 170 and their like): an own-site
// place's visits surging or dropping, asked about a ratio (conversion, AOV, new-customer share). The
// manifest's effect is the metric against the same run without the event, so the surge's share is its
// extra visits taken out at the place's own rate (campaign sources aside); the place held to the rest's
// growth counted its whole mix and rate move, and a January sale's email visitors inside it.
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../seed/scenarios/schema.ts';
import { SHARE_TOL } from '../../eval/causes/match.ts';
import { explainScenario, leadFrom, scenarioFile as classFile, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-traffic-share-classes-');
afterAll(scratch.remove);

const scenarioFile = (name: string): Scenario => classFile('eval/causes/classes', name);

describe('traffic shares on a ratio against the manifest', () => {
  it('a desktop surge after a sale month moves conversion by its extra visits', { timeout: 300_000 }, async () => {
    const s = scenarioFile('desktop-surge-after-sale-conversion');
    const { data, manifest } = await explainScenario(s, scratch.dir, leadFrom(s, 31));
    const truth = manifest.events[0]!.share_of_change['previous month']!;
    const c = data.causes.find((x) => x.kind === 'traffic_surge' && x.segment.device?.[0] === 'desktop');
    expect(c, JSON.stringify(data.causes)).toBeDefined();
    expect(Math.abs(c!.share! - truth), `${c!.share} vs ${truth}`).toBeLessThanOrEqual(SHARE_TOL);
  });
});
