import { describe, expect, it } from 'vitest';
import { addDaysTo } from '../../../calendar/index.ts';
import { additiveView, type LeafTable } from '../cube.ts';
import { lostVisitsEffect, detectCampaignCuts, type SessionDay } from './campaign-cuts.ts';

// July against April; the campaign runs from May 1 to August 31, so April never saw it.
const w = { a: { from: '2025-04-01', to: '2025-04-30' }, b: { from: '2025-07-01', to: '2025-07-31' } };
const campaign = { source: 'Summer Ads', name: 'Summer 2025', start: '2025-05-01', end: '2025-08-31' };
const ORGANIC: Array<[string, string, string, number]> = [
  ['Google', 'United States', 'mobile', 120],
  ['Google', 'Canada', 'desktop', 40],
  ['Direct', 'United States', 'desktop', 90],
  ['Direct', 'Canada', 'mobile', 30],
];

/** June 3 to July 31: organic visits by a weekly rhythm, the campaign at `campaignOf(day)` of them. */
function days(campaignOf: (day: string) => number, organicOf: (row: number, day: string) => number = () => 1) {
  const out: SessionDay[] = [];
  for (let d = '2025-06-03'; d <= w.b.to; d = addDaysTo(d, 1)) {
    const rhythm = 1 + 0.3 * Math.sin(Number(d.slice(8)) / 1.1);
    let organic = 0;
    ORGANIC.forEach(([source, country, device, n], i) => {
      const sessions = Math.round(n * rhythm * organicOf(i, d));
      organic += sessions;
      out.push({ day: d, source, country, device, sessions });
    });
    out.push({
      day: d,
      source: campaign.source,
      country: 'United States',
      device: 'mobile',
      sessions: Math.round(organic * campaignOf(d)),
    });
  }
  return out;
}

const detect = (rows: SessionDay[]) =>
  detectCampaignCuts({
    days: rows,
    campaigns: [campaign],
    window: w,
    isCampaignSource: (s) => s === campaign.source,
    evidenceQuery: 'q',
  });

describe('detectCampaignCuts', () => {
  it('finds a campaign the comparison never had cut to a third from a day of the period', () => {
    const found = detect(days((d) => (d >= '2025-07-10' ? 0.05 : 0.15)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'campaign_end', segment: { source: ['Summer Ads'] }, start: '2025-07-10' });
    expect(Number(found[0]!.facts.sessions_lost)).toBeGreaterThan(0);
  });

  it('finds nothing when the campaign keeps its share of the visits through a falling month', () => {
    expect(
      detect(
        days(
          () => 0.15,
          (_, d) => (d >= '2025-07-10' ? 0.6 : 1),
        ),
      ),
    ).toEqual([]);
  });

  it('reads no cut when one organic place surges and the campaign keeps its own visitors', () => {
    // Desktop visits triple from the 10th: the campaign's share of all visits falls, not its traffic.
    const rows = days(() => 0).map((r) =>
      r.source === campaign.source
        ? r
        : { ...r, sessions: r.device === 'desktop' && r.day >= '2025-07-10' ? r.sessions * 3 : r.sessions },
    );
    const steady = days(() => 0.15);
    for (const r of rows)
      if (r.source === campaign.source)
        r.sessions = steady.find((x) => x.day === r.day && x.source === r.source)!.sessions;
    expect(detect(rows)).toEqual([]);
  });

  // A small paid-search campaign (about 20 visits a day) started inside the period and was cut to
  // under a third on its fourth day: three days set its rate, and the cut must still stand out.
  const small = { ...campaign, start: '2025-07-05', end: '2025-07-31' };
  const detectSmall = (rows: SessionDay[]) =>
    detectCampaignCuts({
      days: rows,
      campaigns: [small],
      window: w,
      isCampaignSource: (s) => s === campaign.source,
      evidenceQuery: 'q',
    });
  // Visits scattered about their mean as counts are (a fixed pseudo-random draw), so a steady
  // campaign's days are as uneven as real ones.
  const jitter = (rows: SessionDay[]) => {
    let x = 7;
    return rows.map((r) => {
      x = (x * 48271) % 2147483647;
      const u = x / 2147483647 - 0.5;
      return { ...r, sessions: Math.max(0, Math.round(r.sessions + 2 * u * Math.sqrt(3 * r.sessions))) };
    });
  };

  it('finds a small campaign cut to under a third on its fourth day', () => {
    const rows = jitter(days((d) => (d < small.start ? 0 : d >= '2025-07-08' ? 0.025 : 0.09)));
    const found = detectSmall(rows);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'campaign_end', start: '2025-07-08' });
  });

  it('reads no cut in a small campaign that keeps its rate through the noise of its days', () => {
    expect(detectSmall(jitter(days((d) => (d < small.start ? 0 : 0.09))))).toEqual([]);
  });

  it('dates a cut that took hold during its first day from that day, not the next', () => {
    // The small campaign, cut in the morning of its fourth day: that day keeps a third of its
    // visits, the days after a sixth. A day more before the cut makes the next day's shortfall
    // stand further out, but the cut is the 8th's.
    const share = (d: string) => (d < small.start ? 0 : d < '2025-07-08' ? 0.09 : d === '2025-07-08' ? 0.03 : 0.015);
    const found = detectSmall(days(share));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: '2025-07-08' });
  });

  const late = { ...campaign, start: '2025-07-01' };
  const detectLate = (share: (d: string) => number) =>
    detectCampaignCuts({
      days: days(share),
      campaigns: [late],
      window: w,
      isCampaignSource: (s) => s === campaign.source,
      evidenceQuery: 'q',
    });

  it('reads a cut on the second day from the first day alone when its visits are clear', () => {
    const found = detectLate((d) => (d < '2025-07-01' ? 0 : d >= '2025-07-02' ? 0.05 : 0.15));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'campaign_end', start: '2025-07-02' });
  });

  it('needs a day of the campaign before the cut to say what its rate was', () => {
    // Thinned from its first day: nothing of it says what it would have brought.
    expect(detectLate((d) => (d < '2025-07-01' ? 0 : 0.05))).toEqual([]);
  });

  it('reads no cut from a first day a little above the rest', () => {
    expect(detectLate((d) => (d < '2025-07-01' ? 0 : d === '2025-07-01' ? 0.12 : 0.09))).toEqual([]);
  });
});

describe('lostVisitsEffect', () => {
  const table: LeafTable = {
    dimNames: ['source'],
    values: [['Summer Ads'], ['Google']],
    n: 2,
    measures: { sessions: { a: Float64Array.from([0, 900]), b: Float64Array.from([100, 1000]) } },
  } as unknown as LeafTable;
  const cut = {
    kind: 'campaign_end' as const,
    segment: { source: ['Summer Ads'] },
    title: '',
    start: '2025-07-10',
    end: null,
    evidenceQuery: 'q',
    facts: { sessions_lost: 150, z: 10 },
  };

  it('counts the lost visits at the worth of the kept ones on a sum', () => {
    expect(lostVisitsEffect(additiveView(table, 'sessions', ''), cut, 100)!.effect).toBeCloseTo(-150);
  });

  it("values a place's lost visits at their worth over both periods when pooled", () => {
    // A referral site: 400 visits and $2,000 in the comparison, 100 visits and $800 after losing 300.
    const site: LeafTable = {
      dimNames: ['source'],
      values: [['Referral'], ['Google']],
      n: 2,
      measures: { net: { a: Float64Array.from([2000, 5000]), b: Float64Array.from([800, 5000]) } },
    } as unknown as LeafTable;
    const drop = {
      ...cut,
      kind: 'traffic_drop' as const,
      segment: { source: ['Referral'] },
      facts: { sessions_lost: 300 },
    };
    const view = additiveView(site, 'net', '');
    // Kept visits alone: $8 each; pooled: $2,800 over 500 visits, $5.60 each.
    expect(lostVisitsEffect(view, drop, 100)!.effect).toBeCloseTo(-2400);
    expect(lostVisitsEffect(view, drop, 100, { a: 400, b: 100 })!.effect).toBeCloseTo(-1680);
  });

  it('names nothing when the view has no such source', () => {
    expect(
      lostVisitsEffect(additiveView(table, 'sessions', ''), { ...cut, segment: { product: ['X'] } }, 100),
    ).toBeNull();
  });
});
