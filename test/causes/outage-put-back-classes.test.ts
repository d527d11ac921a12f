// Channel outage shares on a ratio, the class the cause fuzzer exposed (development seeds 1205, 1225, 1241 on
// AOV; 44 on margin; 1080 on the discount rate): an outage takes a channel's orders away and nothing else, so
// its effect is the metric with the lost orders put back at the channel's own mix (outage-lost.ts). Holding the
// channel's leaves to the comparison month × the rest's growth carries the channel's own drift into the outage,
// and can give a volume loss the wrong sign on a ratio.
import { afterAll, describe, expect, it } from 'vitest';
import { SHARE_TOL } from '../../eval/causes/match.ts';
import { explainScenario, leadFrom, scenarioFile, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-outage-put-back-');
afterAll(scratch.remove);

describe('channel outage shares on a ratio', () => {
  it('puts a fortnight of lost Amazon orders back at Amazon’s own order value', { timeout: 180_000 }, async () => {
    const s = scenarioFile('eval/causes/classes', 'amazon-out-fortnight-aov');
    const { data, manifest } = await explainScenario(s, scratch.dir, leadFrom(s, 31));
    const c = data.causes.find((x) => x.kind === 'channel_outage');
    expect(c?.segment, JSON.stringify(data.causes)).toEqual({ channel: ['amazon'] });
    const truth = manifest.events[0]!.share_of_change['previous month']!;
    expect(Math.abs(c!.share! - truth), `${c!.share} vs ${truth}`).toBeLessThanOrEqual(SHARE_TOL);
  });
});
