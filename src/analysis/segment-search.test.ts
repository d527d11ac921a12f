import { describe, expect, it } from 'vitest';
import { searchSegments } from './segment-search.ts';
import { additiveCube, ratioCube, type RatioLeaf } from './cube.ts';
import { gridCube, rng, values } from './synthetic.ts';
import { TidelensError } from '../errors.ts';

const DIMS = {
  channel: ['own_website', 'amazon', 'other_marketplace'],
  country: ['United States', 'Canada', 'United Kingdom', 'France', 'Australia'],
  device: ['desktop', 'mobile', 'tablet'],
  category: ['Swimwear', 'Apparel', 'Jewelry & Accessories', 'Hats', 'Bags'],
};
const base = (r: () => number) => 200 + 800 * r();

describe('searchSegments on additive cubes', () => {
  it('finds a single leaf that dropped to zero when the search may go four dimensions deep', () => {
    const leaf = { category: 'Hats', channel: 'amazon', country: 'France', device: 'mobile' };
    const cube = gridCube({
      dims: DIMS,
      seed: 1,
      noise: 0.01,
      base,
      effect: (d) =>
        d.channel === leaf.channel &&
        d.country === leaf.country &&
        d.device === leaf.device &&
        d.category === leaf.category
          ? 0
          : 1,
    });
    const r = searchSegments(cube, { maxLayer: 4 });
    expect(r.root_causes.map((e) => e.dims)).toEqual([leaf]);
    expect(r.root_causes[0].b).toBe(0);
  });

  it('finds a single leaf of a three-dimension cube exactly', () => {
    const { category: _c, ...dims } = DIMS;
    const cube = gridCube({
      dims,
      seed: 2,
      noise: 0.01,
      base,
      effect: (d) => (d.channel === 'amazon' && d.country === 'France' && d.device === 'mobile' ? 0 : 1),
    });
    const r = searchSegments(cube);
    expect(r.root_causes.map((e) => e.dims)).toEqual([{ channel: 'amazon', country: 'France', device: 'mobile' }]);
    expect(r.no_clear_cause).toBe(false);
    expect(r.direction).toBe('down');
    const e = r.root_causes[0];
    expect(e.b).toBe(0);
    expect(e.delta).toBeCloseTo(-e.a, 9);
    expect(e.share).toBeGreaterThan(0.9);
  });

  it('finds a two-dimension element (amazon × Canada) with its own A, B, delta and share', () => {
    const cube = gridCube({
      dims: DIMS,
      seed: 3,
      noise: 0.01,
      base,
      effect: (d) => (d.channel === 'amazon' && d.country === 'Canada' ? 0.6 : 1),
    });
    const r = searchSegments(cube);
    expect(r.root_causes.map((e) => e.dims)).toEqual([{ channel: 'amazon', country: 'Canada' }]);
    const e = r.root_causes[0];
    expect(e.layer).toBe(2);
    expect(e.b / e.a).toBeCloseTo(0.6, 1);
    expect(e.share).toBeGreaterThan(0.9);
    expect(r.explained_share).toBeCloseTo(e.share, 12);
    // Contributions of the full single-dimension split add up to the total delta.
    expect(r.single_dimension.length).toBeGreaterThan(0);
  });

  it('finds two separate causes in opposite-free directions and reports both', () => {
    const cube = gridCube({
      dims: DIMS,
      seed: 4,
      noise: 0.01,
      base,
      effect: (d) => (d.channel === 'amazon' && d.country === 'Canada' ? 0.5 : d.category === 'Bags' ? 0.7 : 1),
    });
    const r = searchSegments(cube);
    expect(r.root_causes.map((e) => e.dims)).toEqual(
      expect.arrayContaining([{ channel: 'amazon', country: 'Canada' }, { category: 'Bags' }]),
    );
    expect(r.root_causes).toHaveLength(2);
  });

  it('gives the same answer with cuboids summed from every leaf (reuseAggregates: false)', () => {
    const cube = gridCube({
      dims: DIMS,
      seed: 12,
      noise: 0.02,
      base,
      effect: (d) => (d.channel === 'amazon' && d.device === 'mobile' && d.category === 'Hats' ? 0.2 : 1),
    });
    const fast = searchSegments(cube);
    const plain = searchSegments(cube, { reuseAggregates: false });
    expect(fast.root_causes.map((e) => e.dims)).toEqual([{ channel: 'amazon', device: 'mobile', category: 'Hats' }]);
    const { elapsed_ms: _f, root_causes: rf, ...restFast } = fast;
    const { elapsed_ms: _p, root_causes: rp, ...restPlain } = plain;
    expect(restFast).toEqual(restPlain);
    expect(rf.map(({ risk: _r, ...e }) => e)).toEqual(rp.map(({ risk: _r, ...e }) => e));
    rf.forEach((e, j) => expect(e.risk!).toBeCloseTo(rp[j].risk!, 12));
  });

  it('says "no clear single cause" for noise only', () => {
    const cube = gridCube({ dims: DIMS, seed: 5, noise: 0.02, base });
    const r = searchSegments(cube);
    expect(r.no_clear_cause).toBe(true);
    expect(r.no_clear_cause_reason).toBeTruthy();
  });

  it('says "no clear single cause" for a uniform drop (a season, not a segment)', () => {
    const cube = gridCube({ dims: DIMS, seed: 6, noise: 0.01, base, effect: () => 0.85 });
    const r = searchSegments(cube);
    expect(r.total.relative).toBeLessThan(-0.1);
    expect(r.no_clear_cause).toBe(true);
  });

  it('builds a cube from leaf objects and reports a rise', () => {
    const r0 = rng(11);
    const leaves = [];
    for (const channel of DIMS.channel)
      for (const country of DIMS.country)
        for (const device of DIMS.device) {
          const a = 100 + 50 * r0();
          const up = channel === 'own_website' && country === 'Canada' ? 1.8 : 1;
          leaves.push({ dims: { channel, country, device }, a, b: a * up * (1 + 0.01 * (2 * r0() - 1)) });
        }
    const r = searchSegments(additiveCube(leaves));
    expect(r.direction).toBe('up');
    expect(r.root_causes.map((e) => e.dims)).toEqual([{ channel: 'own_website', country: 'Canada' }]);
    const e = r.root_causes[0];
    expect(e.b / e.a).toBeCloseTo(1.8, 1);
    expect(e.share).toBeGreaterThan(0.95);
  });

  it('rejects leaves with missing dimensions or non-finite values', () => {
    expect(() =>
      additiveCube([
        { dims: { a: 'x' }, a: 1, b: 2 },
        { dims: { b: 'y' }, a: 1, b: 2 },
      ]),
    ).toThrow(TidelensError);
    expect(() => additiveCube([{ dims: { a: 'x' }, a: NaN, b: 2 }])).toThrow(/finite/);
  });
});

describe('searchSegments on ratio cubes', () => {
  // Conversion = orders / sessions per leaf; sessions unchanged, orders drawn around the rate.
  function conversionLeaves(
    seed: number,
    rateB: (d: Record<string, string>) => number,
    sessionsB?: (d: Record<string, string>, s: number) => number,
  ): RatioLeaf[] {
    const r = rng(seed);
    const leaves: RatioLeaf[] = [];
    for (const device of DIMS.device)
      for (const country of DIMS.country)
        for (const source of values('src', 6)) {
          const dims = { device, country, traffic_source: source };
          const sessions = 2000 + Math.floor(3000 * r());
          const rate = device === 'mobile' ? 0.02 : 0.04;
          const sb = sessionsB ? sessionsB(dims, sessions) : sessions;
          leaves.push({
            dims,
            num_a: Math.round(sessions * rate * (1 + 0.02 * (2 * r() - 1))),
            den_a: sessions,
            num_b: Math.round(sb * rate * rateB(dims) * (1 + 0.02 * (2 * r() - 1))),
            den_b: sb,
          });
        }
    return leaves;
  }

  it('finds the segment whose conversion fell, as a ratio of sums', () => {
    const cube = ratioCube(conversionLeaves(7, (d) => (d.device === 'tablet' ? 0.5 : 1)));
    const r = searchSegments(cube);
    expect(r.measure).toBe('ratio');
    expect(r.root_causes.map((e) => e.dims)).toEqual([{ device: 'tablet' }]);
    const e = r.root_causes[0];
    expect(e.num_a! / e.den_a!).toBeCloseTo(e.a, 12);
    expect(e.b / e.a).toBeCloseTo(0.5, 1);
    expect(e.share).toBeGreaterThan(0.8);
    expect(e.rate_effect! + e.mix_effect!).toBeCloseTo(e.contribution, 12);
    expect(r.ratio_split!.rate_effect + r.ratio_split!.mix_effect).toBeCloseTo(r.total.delta, 12);
  });

  it('treats a pure traffic mix shift as mix, not a segment cause', () => {
    // Twice the mobile sessions (lower conversion), every rate unchanged: the total rate falls.
    const cube = ratioCube(
      conversionLeaves(
        8,
        () => 1,
        (d, s) => (d.device === 'mobile' ? 2 * s : s),
      ),
    );
    const r = searchSegments(cube);
    expect(r.total.delta).toBeLessThan(0);
    expect(Math.abs(r.ratio_split!.mix_effect)).toBeGreaterThan(5 * Math.abs(r.ratio_split!.rate_effect));
    expect(r.root_causes.every((e) => Math.abs(e.rate_effect!) < Math.abs(r.total.delta) / 5)).toBe(true);
  });

  it('contributions over one dimension sum exactly to the change of the total rate', () => {
    const cube = ratioCube(conversionLeaves(9, (d) => (d.country === 'France' ? 0.7 : 1)));
    const r = searchSegments(cube, { adtributor: { teep: -Infinity, tep: Infinity, k: 3 } });
    // With the thresholds opened the single-dimension pass lists every value of a dimension.
    for (const sd of r.single_dimension) {
      const sum = sd.elements.reduce((s, e) => s + e.contribution, 0);
      expect(sum).toBeCloseTo(r.total.delta, 12);
    }
    expect(r.root_causes[0].dims).toEqual({ country: 'France' });
  });
});

describe('speed', () => {
  it('searches 100k leaves over 8 dimensions in well under a second', () => {
    const cube = gridCube({
      dims: {
        channel: values('ch', 3),
        category: values('cat', 5),
        product: values('p', 40),
        country: values('co', 5),
        device: values('dev', 3),
        traffic_source: values('ts', 6),
        customer: ['new', 'returning'],
        sub_category: ['s1'],
      },
      seed: 10,
      noise: 0.02,
      base,
      effect: (d) => (d.channel === 'ch2' && d.country === 'co2' ? 0.6 : 1),
    });
    expect(cube.n).toBe(108_000);
    const r = searchSegments(cube);
    expect(r.root_causes[0].dims).toEqual({ channel: 'ch2', country: 'co2' });
    // Generous bound for a shared 2-core machine; bench/rca-speed.ts measures it properly.
    expect(r.elapsed_ms).toBeLessThan(3000);
  });
});
