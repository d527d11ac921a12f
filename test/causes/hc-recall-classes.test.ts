// Recall classes the cause fuzzer's development seeds exposed in the ranking, each pinned by a scenario
// of its own in eval/causes/classes/ (hc-*.json):
//   - an own-site traffic source losing most of its visits for weeks, asked about a sum of the order
//     lines (net sales): the session cube finds the drop, and the ranking must value it by the visits
//     lost, not by the source's few orders against the comparison (whose noise buried it);
//   - a stock-out of a few days on conversion whose baselines both have its SKUs gaining orders (a
//     category picking up for its season): its in-stock days of the period set the rate it lost.
import { afterAll, describe, expect, it } from 'vitest';
import { causesWhere, explainClass, explainScenario, leadFrom, scenarioFile, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-hc-recall-classes-');
afterAll(scratch.remove);

describe('ranking recall classes from the cause fuzzer', () => {
  it('names an own-site source that lost most of its visits a cause of a net-sales change', {
    timeout: 180_000,
  }, async () => {
    const data = await explainClass('hc-site-source-drop-net-sales', scratch.dir);
    expect(causesWhere(data, 'traffic_drop')).toContainEqual({ source: ['Facebook'] });
  });

  it('names a stock-out of six days a cause of a conversion change, from its in-stock days', {
    timeout: 180_000,
  }, async () => {
    // Seeded from two months before, so the stock-out estimate has its run-rate window.
    const s = scenarioFile('eval/causes/classes', 'hc-swimwear-out-six-days-conversion');
    const { data } = await explainScenario(s, scratch.dir, leadFrom(s, 62));
    const out = data.causes.filter((c) => c.kind === 'stockout');
    expect(out).toHaveLength(1);
    expect(out[0]!.share).toBeLessThan(0);
  });
});
