// Campaign ends the cause fuzzer drew (development seeds 1001-2200): a campaign's traffic source cut
// short or thinned from some day while the calendar still lists it. Pinned by a scenario of the class:
//   - a campaign that starts inside the period (the comparison never had it) and is cut a few days
//     in (seeds 1025, 1433, 1484, 1506): only its own first days say what it would have brought, so
//     their rate must be enough to read the cut, and the cut is an end with the lost visits' share,
//     not a start read from the calendar.
import { afterAll, describe, expect, it } from 'vitest';
import { SHARE_TOL } from '../../eval/causes/match.ts';
import { explainScenario, leadFrom, scenarioFile, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-campaign-cut-classes-');
afterAll(scratch.remove);

describe('campaign cuts', () => {
  it('a campaign cut on its second day, against a month that never had it: an end, with its share', {
    timeout: 300_000,
  }, async () => {
    const s = scenarioFile('eval/causes/classes', 'new-year-sale-cut-second-day');
    const { data, manifest } = await explainScenario(s, scratch.dir, leadFrom(s, 31));
    const truth = manifest.events[0]!.share_of_change['previous month']!;
    const end = data.causes.find((c) => c.kind === 'campaign_end' && /New Year Sale/.test(c.segment.source?.[0] ?? ''));
    expect(end, JSON.stringify(data.causes)).toBeDefined();
    expect(Math.abs(end!.share! - truth), `${end!.share} vs ${truth}`).toBeLessThanOrEqual(SHARE_TOL);
  });
});
