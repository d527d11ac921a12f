// Campaign edges, including a yearly campaign asked about year on year (pure: rows in, events out).
import { describe, expect, it } from 'vitest';
import { detectCampaigns } from './campaigns.ts';

const row = (id: number, name: string, start: string, end: string) => ({
  campaign_id: id,
  campaign_name: name,
  campaign_type: 'paid_social',
  start_date: start,
  end_date: end,
  discount_value: 10,
  source_name: `Instagram Ads – ${name}`,
  orders_a: 0,
  orders_b: 0,
});
const none = () => ({ a: 0, b: 0 });

describe('detectCampaigns', () => {
  it('reports a campaign that stopped before the period as an end, on its own source', () => {
    const w = { a: { from: '2025-06-01', to: '2025-06-30' }, b: { from: '2025-07-01', to: '2025-07-31' } };
    const [e] = detectCampaigns([row(2, 'Summer Splash 2025', '2025-05-01', '2025-06-30')], w, none);
    expect(e).toMatchObject({
      kind: 'campaign_end',
      segment: { source: ['Instagram Ads – Summer Splash 2025'] },
      start: '2025-06-30',
    });
  });

  it("year on year: the yearly campaign that ran last July but stopped in June this year is an end, named by this year's edition", () => {
    const w = { a: { from: '2024-07-01', to: '2024-07-31' }, b: { from: '2025-07-01', to: '2025-07-31' } };
    const rows = [
      row(1, 'Summer Splash 2024', '2024-05-01', '2024-08-31'),
      row(2, 'Summer Splash 2025', '2025-05-01', '2025-06-30'),
    ];
    const alias = (s: string) => s.replace(/ \d{4}$/, ' (yearly)');
    const events = detectCampaigns(rows, w, none, alias);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'campaign_end',
      segment: { source: ['Instagram Ads – Summer Splash (yearly)'] },
      start: '2025-06-30',
      facts: { campaign: 'Summer Splash 2025', comparison_edition: 'Summer Splash 2024 (2024-05-01 to 2024-08-31)' },
    });
  });

  it('a yearly campaign running alike in both years is no event', () => {
    const w = { a: { from: '2024-07-01', to: '2024-07-31' }, b: { from: '2025-07-01', to: '2025-07-31' } };
    const rows = [
      row(1, 'Summer Splash 2024', '2024-05-01', '2024-08-31'),
      row(2, 'Summer Splash 2025', '2025-05-01', '2025-08-31'),
    ];
    expect(detectCampaigns(rows, w, none)).toEqual([]);
  });

  it('a campaign a few days apart in the two periods but most of its sessions in one is an edge', () => {
    // Black Friday: four days in November, one in December; the days differ by 10% of a month.
    const w = { a: { from: '2025-11-01', to: '2025-11-30' }, b: { from: '2025-12-01', to: '2025-12-31' } };
    const rows = [row(5, 'Black Friday 2025', '2025-11-27', '2025-12-01')];
    const [e] = detectCampaigns(rows, w, () => ({ a: 1400, b: 350 }));
    expect(e).toMatchObject({ kind: 'campaign_end', segment: { source: ['Instagram Ads – Black Friday 2025'] } });
    expect(detectCampaigns(rows, w, () => ({ a: 40, b: 10 }))).toEqual([]);
  });

  it('a campaign on the calendar in both months whose traffic fell far short of it was cut: an end with no dates', () => {
    const w = { a: { from: '2025-05-01', to: '2025-05-31' }, b: { from: '2025-06-01', to: '2025-06-30' } };
    const rows = [row(2, 'Summer Splash 2025', '2025-05-01', '2025-08-31')];
    // Organic traffic grew 10%; the campaign's source took half of what that says.
    const [e] = detectCampaigns(rows, w, () => ({ a: 2000, b: 1100 }), undefined, 1.1);
    expect(e).toMatchObject({
      kind: 'campaign_end',
      segment: { source: ['Instagram Ads – Summer Splash 2025'] },
      start: null,
      end: null,
      facts: { sessions_expected: 2200 },
    });
    // Within a quarter of its expectation it ran as planned.
    expect(detectCampaigns(rows, w, () => ({ a: 2000, b: 1900 }), undefined, 1.1)).toEqual([]);
  });

  it('year on year, a yearly campaign alike by the calendar that lost its traffic is one cut campaign', () => {
    const w = { a: { from: '2024-08-01', to: '2024-08-31' }, b: { from: '2025-08-01', to: '2025-08-31' } };
    const rows = [
      row(1, 'Summer Splash 2024', '2024-05-01', '2024-08-31'),
      row(2, 'Summer Splash 2025', '2025-05-01', '2025-08-31'),
    ];
    const alias = (s: string) => s.replace(/ \d{4}$/, ' (yearly)');
    const events = detectCampaigns(rows, w, () => ({ a: 3000, b: 40 }), alias, 1.05);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'campaign_end',
      segment: { source: ['Instagram Ads – Summer Splash (yearly)'] },
      facts: { campaign: 'Summer Splash 2025' },
    });
  });
});
