// Recall classes the cause fuzzer's development seeds exposed in the ranking, each pinned by a scenario
// of its own in eval/causes/classes/ (hc-*.json):
//   - an own-site traffic source losing most of its visits for weeks, asked about a sum of the order
//     lines (net sales): the session cube finds the drop, and the ranking must value it by the visits
//     lost, not by the source's few orders against the comparison (whose noise buried it).
import { afterAll, describe, expect, it } from 'vitest';
import { causesWhere, explainClass, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-hc-recall-classes-');
afterAll(scratch.remove);

describe('ranking recall classes from the cause fuzzer', () => {
  it('names an own-site source that lost most of its visits a cause of a net-sales change', {
    timeout: 180_000,
  }, async () => {
    const data = await explainClass('hc-site-source-drop-net-sales', scratch.dir);
    expect(causesWhere(data, 'traffic_drop')).toContainEqual({ source: ['Facebook'] });
  });
});
