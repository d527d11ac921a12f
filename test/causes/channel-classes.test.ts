// Channel outage classes the cause fuzzer exposed, each pinned by a scenario of its class (eval/causes/classes/):
//   - a marketplace in one small country going quiet for a whole month: about a dozen orders expected, under the
//     bar a short quiet run must clear, but a run that can start on one day only is as unlikely by chance at
//     fewer (detect/channels.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { SHARE_TOL } from '../../eval/causes/match.ts';
import { explainScenario, leadFrom, scenarioFile, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-channel-classes-');
afterAll(scratch.remove);

describe('channel outage classes from the cause fuzzer', () => {
  it('names a thin marketplace country quiet for the whole month, with its share', { timeout: 180_000 }, async () => {
    const s = scenarioFile('eval/causes/classes', 'amazon-australia-out-october');
    const { data, manifest } = await explainScenario(s, scratch.dir, leadFrom(s, 31));
    const c = data.causes.find((x) => x.kind === 'channel_outage');
    expect(c?.segment, JSON.stringify(data.causes)).toEqual({ channel: ['amazon'], country: ['Australia'] });
    const truth = manifest.events[0]!.share_of_change['previous month']!;
    expect(Math.abs(c!.share! - truth), `${c!.share} vs ${truth}`).toBeLessThanOrEqual(SHARE_TOL);
  });
});
