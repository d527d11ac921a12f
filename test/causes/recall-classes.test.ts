// Recall classes of the marketplace evidence (detect/shifts.ts) the cause fuzzer exposed on its
// development seeds, each pinned by a scenario of its own in eval/causes/classes/:
//   - a marketplace keeping under half its orders for three weeks (a partial outage) is an outage,
//     found although its thin sibling marketplace's own month-on-month noise is large;
//   - the country that is most of its marketplace going mostly quiet is named as that country, not
//     the whole marketplace, though the channel's other countries are too thin to be held to alone.
import { afterAll, describe, expect, it } from 'vitest';
import { causesWhere, explainClass, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-recall-classes-');
afterAll(scratch.remove);

const explain = (name: string) => explainClass(name, scratch.dir);
const where = causesWhere;

describe('recall classes from the cause fuzzer', () => {
  it('names a marketplace mostly down for weeks an outage, not a traffic drop', { timeout: 180_000 }, async () => {
    const data = await explain('amazon-partial-outage-october');
    expect(where(data, 'channel_outage')).toContainEqual({ channel: ['amazon'] });
    expect(where(data, 'traffic_drop')).not.toContainEqual({ channel: ['amazon'] });
  });

  it('names the country that is most of its marketplace going mostly quiet as that country', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('amazon-us-down-may');
    expect(where(data, 'channel_outage')).toContainEqual({ channel: ['amazon'], country: ['United States'] });
    expect(where(data, 'channel_outage')).not.toContainEqual({ channel: ['amazon'] });
  });
});
