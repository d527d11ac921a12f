// Which reported causes the fuzzer and score.ts count: a campaign of the generator's yearly calendar that
// really starts or ends between the compared months is an event the manifest does not list (not counted);
// one whose schedule does not change the way the cause says is a false alarm like any other.
import { describe, expect, it } from 'vitest';
import { calendarFrame, isCalendarEdge, matchCauses, scoredCauses, type ScoredCause } from './match.ts';

const KINDS = new Set(['campaign_start', 'campaign_end', 'stockout']);
// Summer Splash runs from May to August of each year (seed/generator/traffic.ts).
const aprilVsMay = calendarFrame(
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-04-01', to: '2025-04-30' },
  { from: '2025-05-01', to: '2025-05-31' },
);
const cause = (kind: string, source: string, share = 0.3): ScoredCause => ({
  kind,
  segment: { source: [source] },
  share,
});

describe('calendar campaign causes', () => {
  it('a start of a calendar campaign in the later month is a real edge; its end there is not', () => {
    const { calendar, a, b } = aprilVsMay;
    expect(isCalendarEdge(cause('campaign_start', 'Summer Splash 2025'), calendar, a, b)).toBe(true);
    expect(isCalendarEdge(cause('campaign_end', 'Summer Splash 2025'), calendar, a, b)).toBe(false);
    expect(isCalendarEdge(cause('campaign_start', 'Black Friday 2025'), calendar, a, b)).toBe(false);
  });

  it('leaves real edges out of the count and counts the rest, also when a campaign of that kind was planted', () => {
    const planted = [
      { id: 'promo', kind: 'campaign_start', segment: {}, skus: [], campaign: 'Fuzz Promo 7', share: 0.4 },
    ];
    const causes = [
      cause('campaign_start', 'Summer Splash 2025'), // real: not counted
      cause('campaign_end', 'Black Friday 2025'), // Black Friday runs in neither month: a false alarm
      cause('campaign_start', 'Fuzz Promo 7'), // the planted one
      cause('seasonality', 'x'),
    ];
    const counted = scoredCauses(causes, { kinds: KINDS, planted, ...aprilVsMay, top: 5 });
    expect(counted.map((c) => c.segment.source![0])).toEqual(['Black Friday 2025', 'Fuzz Promo 7']);
    const score = matchCauses(planted, counted, () => []);
    expect([score.hits, score.correct, score.reported]).toEqual([1, 1, 2]);
  });
});
