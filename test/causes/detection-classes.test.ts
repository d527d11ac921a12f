// Detection failure classes the cause fuzzer exposed, each pinned by a scenario of its class
// (eval/causes/classes/): which causes explain_change finds, and where. Shares are not checked here.
//   - a surge of one marketplace in one country against the autumn (not the whole marketplace);
//   - one marketplace country halving while the channel's other countries hold, beside an outage of
//     another channel: the two-dimension segment and the outage both;
//   - a stock-out lowering the conversion rate through its orders;
//   - a returns spike across one channel, and one across a whole category (not its sub-categories);
//   - own-site traffic of one place (a country, a device, a source on a device) surging or dropping,
//     read from its sessions against the other places' growth, on order-line and session views;
//   - a campaign still on the calendar whose traffic stopped (an end read from its sessions);
//   - a campaign cut inside the period against a comparison that never had it (an end read from its
//     own days before the cut, not a start read from the calendar);
//   - one own-site place losing most of its visitors for a few days (read from the sessions by day).
import { afterAll, describe, expect, it } from 'vitest';
import { causesWhere, explainClass, scratchDir } from './explain-scenario.ts';

const scratch = scratchDir('tl-detect-classes-');
afterAll(scratch.remove);

const explain = (name: string) => explainClass(name, scratch.dir);
const where = causesWhere;

describe('detection classes from the cause fuzzer', () => {
  it('names a marketplace surge in one country against the season, not the whole marketplace', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('amazon-uk-surge-autumn');
    expect(where(data, 'traffic_surge')).toContainEqual({ channel: ['amazon'], country: ['United Kingdom'] });
    expect(where(data, 'traffic_surge')).not.toContainEqual({ channel: ['amazon'] });
  });

  it('names one marketplace country halving and, beside it, another channel going quiet', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('amazon-us-halves-with-outage');
    expect(where(data, 'traffic_drop')).toContainEqual({ channel: ['amazon'], country: ['United States'] });
    expect(where(data, 'channel_outage')).toContainEqual({ channel: ['other_marketplace'] });
  });

  it('finds a stock-out as a cause of a conversion fall, through the orders it lost', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('stockout-conversion');
    const stockout = data.causes.find((c) => c.kind === 'stockout');
    expect(stockout).toBeDefined();
    expect(stockout!.effect).toBeLessThan(0);
  });

  it('names a returns spike across one channel as that channel', { timeout: 180_000 }, async () => {
    const data = await explain('amazon-returns-spike');
    expect(where(data, 'returns_spike')).toContainEqual({ channel: ['amazon'] });
  });

  it('names own-site traffic from one country surging against the autumn', { timeout: 180_000 }, async () => {
    const data = await explain('oct-2025-uk-site-surge');
    expect(where(data, 'traffic_surge')).toContainEqual({ channel: ['own_website'], country: ['United Kingdom'] });
  });

  it('names mobile visitors of the own site falling against a rising season', { timeout: 180_000 }, async () => {
    const data = await explain('site-mobile-drop-spring');
    expect(where(data, 'traffic_drop')).toContainEqual({ channel: ['own_website'], device: ['mobile'] });
  });

  it('names own-site traffic from one country as the own website there when sessions are asked about', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('canada-site-surge-sessions');
    expect(where(data, 'traffic_surge')).toContainEqual({ channel: ['own_website'], country: ['Canada'] });
  });

  it('names a campaign still on the calendar whose traffic fell short of it as an end', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('summer-splash-cut-june');
    expect(where(data, 'campaign_end').flatMap((s) => s.source ?? [])).toContainEqual(
      expect.stringMatching(/Summer Splash/),
    );
  });

  it('names a campaign cut inside the period as an end when the comparison month never had it', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('summer-splash-cut-july-vs-april');
    const ends = where(data, 'campaign_end').flatMap((s) => s.source ?? []);
    expect(ends).toContainEqual(expect.stringMatching(/Summer Splash/));
    expect(where(data, 'campaign_start').flatMap((s) => s.source ?? [])).not.toContainEqual(
      expect.stringMatching(/Summer Splash/),
    );
  });

  it('names one own-site place that lost most of its visitors for nine days, with those days', {
    timeout: 180_000,
  }, async () => {
    const data = await explain('instagram-us-mobile-nine-days');
    const drop = data.causes.find((c) => c.kind === 'traffic_drop');
    expect(drop?.segment).toEqual({ source: ['Instagram'], country: ['United States'], device: ['mobile'] });
    expect([drop?.start, drop?.end]).toEqual(['2025-08-01', '2025-08-09']);
  });

  it('names a category-wide returns spike as the category, not its sub-categories', { timeout: 180_000 }, async () => {
    const data = await explain('swimwear-returns-spike');
    const spikes = where(data, 'returns_spike');
    expect(spikes).toContainEqual({ category: ['Swimwear'] });
    expect(spikes.filter((s) => s.subcategory)).toEqual([]);
  });
});
