import { describe, expect, it } from 'vitest';
import { expectedChange, priceEffectRange, rankCauses } from './causes.ts';
import { additiveView, counterfactualEffect, growthOutside, ratioView, segmentMask, type LeafTable } from './cube.ts';
import type { DetectedEvent } from './detect/types.ts';

/** A small cube: channel × product, comparison a, current b. */
function table(rows: Array<[string, string, number, number]>, den?: Array<[number, number]>): LeafTable {
  return {
    dimNames: ['channel', 'product'],
    values: rows.map(([c, p]) => [c, p]),
    n: rows.length,
    measures: {
      net: { a: Float64Array.from(rows.map((r) => r[2])), b: Float64Array.from(rows.map((r) => r[3])) },
      ...(den
        ? { orders: { a: Float64Array.from(den.map((d) => d[0])), b: Float64Array.from(den.map((d) => d[1])) } }
        : {}),
    },
  };
}

const event = (kind: DetectedEvent['kind'], segment: Record<string, string[]>, title = kind): DetectedEvent => ({
  kind,
  segment,
  title,
  start: '2025-07-01',
  end: null,
  evidenceQuery: `evidence: ${kind}`,
  facts: {},
});

// Twenty steady leaves that all grow 10%, plus the leaves the tests break.
const steady: Array<[string, string, number, number]> = Array.from({ length: 20 }, (_, i) => [
  i % 2 ? 'amazon' : 'own_website',
  `S${i}`,
  1000,
  1100,
]);

describe('counterfactual effects', () => {
  it('measures a segment against its comparison × the growth of the rest', () => {
    const v = additiveView(table([...steady, ['own_website', 'BIK-1', 2000, 0]]), 'net', 'test');
    const mask = segmentMask(v, { product: ['BIK-1'] })!;
    const g = growthOutside(v, mask);
    expect(g.num).toBeCloseTo(1.1, 10);
    expect(counterfactualEffect(v, mask, g)).toBeCloseTo(-2200, 8);
  });

  it('replaces both parts of a ratio, so a vanished segment moves the rate by mix', () => {
    // Two segments: one converting 10%, one converting 2% that disappears in B.
    const v = ratioView(
      table(
        [
          ['own', 'x', 100, 100],
          ['own', 'y', 20, 0],
        ],
        [
          [1000, 1000],
          [1000, 0],
        ],
      ),
      'net',
      'orders',
      'test',
    );
    const mask = segmentMask(v, { product: ['y'] })!;
    const effect = counterfactualEffect(v, mask, { num: 1, den: 1 });
    // Actual rate 0.1; without the change it would have been 120/2000 = 0.06.
    expect(effect).toBeCloseTo(0.04, 10);
  });

  it('returns null masks for dimensions the view lacks', () => {
    const v = additiveView(table(steady), 'net', 'test');
    expect(segmentMask(v, { source: ['Google'] })).toBeNull();
  });
});

describe('rankCauses', () => {
  const rows: Array<[string, string, number, number]> = [
    ...steady,
    ['own_website', 'BIK-1', 3000, 0],
    ['own_website', 'BIK-2', 3000, 0],
    ['amazon', 'TOP-1', 4000, 3600],
  ];
  const view = additiveView(table(rows), 'net', 'test');

  it('ranks the events by their effect, with seasonality, and the parts add up to the change', () => {
    const r = rankCauses({
      view,
      events: [
        event('stockout', { product: ['BIK-1', 'BIK-2'] }),
        event('price_increase', { channel: ['amazon'], product: ['TOP-1'] }),
      ],
      segments: [],
      lastYear: { num: 1.1, den: 1 },
      perUnit: 1,
      searchEvidence: 'cube',
    });
    expect(r.growth.num).toBeCloseTo(1.1, 10);
    expect(r.causes.map((c) => c.kind)).toEqual(['stockout', 'seasonality', 'price_increase']);
    expect(r.causes[0]!.effect).toBeCloseTo(-6600, 6);
    expect(r.causes[2]!.effect).toBeCloseTo(3600 - 4400, 6);
    expect(r.causes[1]!.effect).toBeCloseTo(expectedChange(view, r.growth), 6);
    expect(r.causes[1]!.confidence).toBe('high');
    const sum = r.causes.reduce((s, c) => s + (c.effect ?? 0), 0) + r.residual;
    expect(sum).toBeCloseTo(r.delta, 6);
    expect(r.causes[0]!.share).toBeCloseTo(-6600 / r.delta, 10);
  });

  it('does not count a leaf twice when events overlap: the more specific one claims it', () => {
    const r = rankCauses({
      view,
      events: [event('price_increase', { channel: ['own_website'] }), event('stockout', { product: ['BIK-1'] })],
      segments: [],
      lastYear: null,
      perUnit: 1,
      searchEvidence: 'cube',
    });
    // Growth comes from the leaves no event touches: the Amazon ones.
    const g = r.growth.num;
    expect(g).toBeCloseTo((11 * 1000 + 3600) / (10 * 1000 + 4000), 10);
    expect(r.causes.find((c) => c.kind === 'stockout')!.effect).toBeCloseTo(-3000 * g, 6);
    // The price event keeps the own-site leaves the stock-out did not claim: BIK-2 and ten steady ones.
    expect(r.causes.find((c) => c.kind === 'price_increase')!.effect).toBeCloseTo(11_000 - g * 13_000, 6);
  });

  it('keeps a recorded event worth a twentieth of the change when the season moved the other way', () => {
    // The rest grows 10% (+2400 expected), a stock-out takes 3300 back, so the change is only -750:
    // the campaign's +150 is a fifth of it, though a twentieth of the surprise (-3150) is more.
    const v = additiveView(
      table([...steady, ['own_website', 'BIK-1', 3000, 0], ['own_website', 'CAMP-1', 1000, 1250]]),
      'net',
      'test',
    );
    const r = rankCauses({
      view: v,
      events: [event('stockout', { product: ['BIK-1'] }), event('campaign_start', { product: ['CAMP-1'] })],
      segments: [],
      lastYear: null,
      perUnit: 1,
      searchEvidence: 'cube',
    });
    expect(r.delta).toBeCloseTo(-750, 6);
    const campaign = r.causes.find((c) => c.kind === 'campaign_start');
    expect(campaign?.effect).toBeCloseTo(150, 6);
    expect(campaign?.share).toBeCloseTo(-0.2, 6);
  });

  it('drops events whose effect has the wrong sign or is noise, and says so when nothing stands out', () => {
    const flat = additiveView(table(steady), 'net', 'test');
    const r = rankCauses({
      view: flat,
      events: [event('stockout', { product: ['S1'] }), event('campaign_start', { product: ['S2'] })],
      segments: [],
      lastYear: { num: 1.1, den: 1 },
      perUnit: 50,
      searchEvidence: 'cube',
    });
    expect(r.causes.filter((c) => c.kind !== 'seasonality')).toEqual([]);
    expect(r.noClearCause).toBe(true);
    expect(r.reason).toMatch(/season/);
  });

  it('keeps a segment the search found without an event as a data-only cause', () => {
    const r = rankCauses({
      view,
      events: [],
      segments: [{ product: ['BIK-1'] }],
      lastYear: null,
      perUnit: 1,
      searchEvidence: 'cube: lines',
      segmentFacts: () => ({ note: 'x' }),
    });
    const c = r.causes.find((x) => x.kind !== 'seasonality')!;
    expect(c.kind).toBe('mix_shift');
    expect(c.evidence.query).toBe('cube: lines');
  });

  it('names a ratio segment whose volume surged on traffic dimensions a traffic surge', () => {
    // Conversion by channel (as the source stands in): a low-converting marketplace triples its volume.
    const rows: Array<[string, string, number, number]> = [
      ...steady.map(([c, p]) => [c, p, 100, 110] as [string, string, number, number]),
      ['other_marketplace', 'M1', 20, 60],
    ];
    const den: Array<[number, number]> = [...steady.map((): [number, number] => [1000, 1000]), [1000, 3000]];
    const v = ratioView(table(rows, den), 'net', 'orders', 'test');
    const r = rankCauses({
      view: v,
      events: [],
      segments: [{ channel: ['other_marketplace'] }],
      lastYear: null,
      perUnit: 1,
      searchEvidence: 'cube: lines',
    });
    const c = r.causes.find((x) => x.kind !== 'seasonality')!;
    expect(c.kind).toBe('traffic_surge');
    expect(c.effect!).toBeLessThan(0);
  });
});

// A ratio's stock-out held to the detector's own baseline: the SKUs' season is not the rest's.
describe('rankCauses on a ratio with an event baseline', () => {
  // AOV-like: net ÷ orders. The rest is flat; the stocked-out swimwear SKU would have tripled with its
  // category in summer (segmentGrowth 3), selling at 50 an order against the rest's 100.
  const rows: Array<[string, string, number, number]> = [
    ...steady.map(([c, p]) => [c, p, 1000, 1000] as [string, string, number, number]),
    ['own_website', 'SWIM-1', 500, 0],
  ];
  const den: Array<[number, number]> = [...steady.map((): [number, number] => [10, 10]), [10, 0]];
  const v = ratioView(table(rows, den), 'net', 'orders', 'test');
  const stock = (segmentGrowth?: number): DetectedEvent => ({
    ...event('stockout', { product: ['SWIM-1'] }),
    segmentGrowth,
  });

  it("holds the SKU's parts to its own baseline, so its summer is not the rest's", () => {
    const r = rankCauses({
      view: v,
      events: [stock(3)],
      segments: [],
      lastYear: null,
      perUnit: 1,
      searchEvidence: 'c',
    });
    // Without the stock-out: (20,000 + 1,500) ÷ (200 + 30) against the actual 20,000 ÷ 200.
    const c = r.causes.find((x) => x.kind === 'stockout')!;
    expect(c.effect).toBeCloseTo(100 - 21_500 / 230, 10);
    const sum = r.causes.reduce((s, x) => s + (x.effect ?? 0), 0) + r.residual;
    expect(sum).toBeCloseTo(r.delta, 10);
  });

  it("falls back to the rest's growth without one", () => {
    const r = rankCauses({ view: v, events: [stock()], segments: [], lastYear: null, perUnit: 1, searchEvidence: 'c' });
    const c = r.causes.find((x) => x.kind === 'stockout')!;
    expect(c.effect).toBeCloseTo(100 - 20_500 / 210, 10);
  });

  it("measures an own numerator estimate over the period's denominator where the view cannot name the SKUs", () => {
    // Conversion by traffic source: 12 own-site orders lost of 10,000 sessions that still came.
    const sessions = ratioView(
      {
        dimNames: ['source'],
        values: [['Google'], ['Direct']],
        n: 2,
        measures: {
          net: { a: Float64Array.from([200, 100]), b: Float64Array.from([190, 100]) },
          orders: { a: Float64Array.from([5000, 5000]), b: Float64Array.from([5000, 5000]) },
        },
      },
      'net',
      'orders',
      'test',
    );
    const e: DetectedEvent = { ...stock(), effect: -12, metricEffect: { effect: -0.003, se: 0.0003 } };
    const r = rankCauses({
      view: sessions,
      events: [e],
      segments: [],
      lastYear: null,
      perUnit: 1,
      searchEvidence: 'c',
    });
    expect(r.causes.find((x) => x.kind === 'stockout')!.effect).toBeCloseTo(-12 / 10_000, 12);
  });

  it('takes the metric measure when the own estimate has the SKUs gaining orders (a thin, short stock-out)', () => {
    // Five days out late in a quiet month: the SKUs' share of their category before the period says
    // they sold 2 orders more than expected, which a stock-out cannot do; held to their category's
    // growth they lost 0.03 points of conversion, a tenth of the change.
    const sessions = ratioView(
      {
        dimNames: ['source'],
        values: [['Google'], ['Direct']],
        n: 2,
        measures: {
          net: { a: Float64Array.from([100, 100]), b: Float64Array.from([115, 115]) },
          orders: { a: Float64Array.from([5000, 5000]), b: Float64Array.from([5000, 5000]) },
        },
      },
      'net',
      'orders',
      'test',
    );
    const e: DetectedEvent = { ...stock(), effect: 2, metricEffect: { effect: -0.0003, se: 0.0002 } };
    const r = rankCauses({
      view: sessions,
      events: [e],
      segments: [],
      lastYear: null,
      perUnit: 1,
      searchEvidence: 'c',
    });
    expect(r.causes.find((x) => x.kind === 'stockout')?.effect).toBeCloseTo(-0.0003, 12);
  });
});

// A price move is credited with what its size can do to its segment (elasticity up to 4), not with
// whatever else moved the same leaves: a few SKUs' noisy sales, another event, their own season.
describe('price moves held to what their size can do', () => {
  const priced = (pct: number, segment: Record<string, string[]>): DetectedEvent => ({
    ...event(pct > 0 ? 'price_increase' : 'price_decrease', segment),
    facts: { average_change_pct: pct },
  });

  it('bounds volume by (1+p)^-4 and revenue by (1+p)^(1-4) to (1+p), measured from the period value', () => {
    const [lo, hi] = priceEffectRange(0.1, 100, true)!;
    expect(lo).toBeCloseTo(100 - 100 * 1.1 ** 4, 10);
    expect(hi).toBe(0);
    const rev = priceEffectRange(0.1, 100, false)!;
    expect(rev[0]).toBeCloseTo(100 - 100 * 1.1 ** 3, 10);
    expect(rev[1]).toBeCloseTo(100 - 100 / 1.1, 10);
    const cut = priceEffectRange(-0.2, 100, true)!;
    expect(cut[0]).toBe(0);
    expect(cut[1]).toBeCloseTo(100 - 100 * 0.8 ** 4, 10);
    expect(priceEffectRange(Number.NaN, 100, true)).toBeNull();
  });

  it('holds a small rise on a few SKUs whose units collapsed to its bound, the rest left unexplained', () => {
    // Units: the rest grows 10%; three SKUs raised 8% sell 1800 where 9900 were expected.
    const rows: Array<[string, string, number, number]> = [
      ...steady,
      ['own_website', 'K-1', 3000, 600],
      ['own_website', 'K-2', 3000, 600],
      ['own_website', 'K-3', 3000, 600],
    ];
    const v = additiveView(table(rows), 'net', 'units');
    const r = rankCauses({
      view: v,
      events: [priced(8, { product: ['K-1', 'K-2', 'K-3'] })],
      segments: [],
      lastYear: null,
      perUnit: 1,
      volume: true,
      searchEvidence: 'cube',
    });
    const c = r.causes.find((x) => x.kind === 'price_increase')!;
    expect(c.effect).toBeCloseTo(1800 - 1800 * 1.08 ** 4, 6);
    const sum = r.causes.reduce((s, x) => s + (x.effect ?? 0), 0) + r.residual;
    expect(sum).toBeCloseTo(r.delta, 6);
  });

  it('drops a tiny move whose bounded effect is not material, and keeps a large one whole', () => {
    const rows: Array<[string, string, number, number]> = [
      ...steady,
      ['own_website', 'K-1', 2000, 1000],
      ['amazon', 'T-1', 2000, 1450],
    ];
    const v = additiveView(table(rows), 'net', 'units');
    const r = rankCauses({
      view: v,
      events: [priced(1, { product: ['K-1'] }), priced(30, { product: ['T-1'] })],
      segments: [],
      lastYear: null,
      perUnit: 1,
      volume: true,
      searchEvidence: 'cube',
    });
    // +1% can take at most 4% of K-1's 1000 units: under 5% of the change. +30% on T-1: 2200 × 1.3^-1.6 ≈ 1445, inside.
    expect(r.causes.filter((x) => x.kind === 'price_increase').map((x) => x.segment)).toEqual([{ product: ['T-1'] }]);
    expect(r.causes.find((x) => x.kind === 'price_increase')!.effect).toBeCloseTo(1450 - 2200, 6);
  });
});

// Routine price moves (a list of SKUs, not a whole category) come a score to a month: one of them
// clears z 2 by chance in most answers, so they need z 3; a category-wide move needs only to be material.
describe('routine price moves need a higher bar', () => {
  const cube = (rows: Array<[string, string, number, number]>): LeafTable => ({
    dimNames: ['category', 'product'],
    values: rows.map(([c, p]) => [c, p]),
    n: rows.length,
    measures: {
      units: { a: Float64Array.from(rows.map((r) => r[2])), b: Float64Array.from(rows.map((r) => r[3])) },
    },
  });
  // Twenty steady products growing 10%; one more that sold 980 where 1100 were expected (z about -2.5).
  const rows: Array<[string, string, number, number]> = [
    ...Array.from({ length: 20 }, (_, i): [string, string, number, number] => ['Rest', `S${i}`, 1000, 1100]),
    ['Pouches', 'P-1', 1000, 980],
  ];
  const v = additiveView(cube(rows), 'units', 'units');
  const rank = (segment: Record<string, string[]>) =>
    rankCauses({
      view: v,
      events: [{ ...event('price_increase', segment), facts: { average_change_pct: 5 } }],
      segments: [],
      lastYear: null,
      perUnit: 1,
      volume: true,
      searchEvidence: 'cube',
    }).causes.filter((c) => c.kind === 'price_increase');

  it('does not name a move on a list of SKUs at z 2.5', () => {
    expect(rank({ product: ['P-1'] })).toEqual([]);
  });

  it('names the same move on a whole category', () => {
    const [c] = rank({ category: ['Pouches'] });
    expect(c!.effect).toBeCloseTo(980 - 1100, 6);
    expect(Math.abs(c!.z!)).toBeGreaterThan(2);
    expect(Math.abs(c!.z!)).toBeLessThan(3);
  });
});
