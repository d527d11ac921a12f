import { describe, expect, it } from 'vitest';
import { rng } from './synthetic.ts';
import { scanSegments, type SegmentScanInput } from './segment-scan.ts';

const CHANNELS = ['own_website', 'amazon', 'other_marketplace'];
const COUNTRIES = ['US', 'CA', 'UK', 'FR', 'AU'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const SOURCES = ['Direct', 'Google', 'Instagram', 'Email'];

/**
 * Leaves of channel × country × device × source × product (the product splits each place into many
 * thin leaves, as the order-line cube does), Poisson counts around a base that grows 10% from A to B;
 * `lift` multiplies a leaf's B mean.
 */
function cube(seed: number, lift: (dims: Record<string, string>) => number): SegmentScanInput {
  const r = rng(seed);
  const poisson = (m: number) => {
    let k = 0;
    let p = Math.exp(-m);
    let s = p;
    const u = r();
    while (u > s && k < 1000) {
      k++;
      p *= m / k;
      s += p;
    }
    return k;
  };
  const values: string[][] = [];
  const a: number[] = [];
  const b: number[] = [];
  const share = { US: 0.6, CA: 0.12, UK: 0.12, FR: 0.1, AU: 0.06 } as Record<string, number>;
  for (const channel of CHANNELS)
    for (const country of COUNTRIES)
      for (const device of DEVICES)
        for (const source of channel === 'own_website' ? SOURCES : ['(marketplace)'])
          for (let product = 0; product < 20; product++) {
            const m = (channel === 'own_website' ? 5 : 12) * share[country]! * (device === 'tablet' ? 0.3 : 1);
            const dims = { channel, country, device, source };
            values.push([channel, country, device, source, `P${product}`]);
            a.push(poisson(m));
            b.push(poisson(m * 1.1 * lift(dims)));
          }
  return {
    dimNames: ['channel', 'country', 'device', 'source', 'product'],
    values,
    a: Float64Array.from(a),
    b: Float64Array.from(b),
    include: null,
    growth: 1.1,
    perUnit: 1,
    dims: ['channel', 'country', 'device', 'source'],
    skipValues: { source: ['(marketplace)'] },
  };
}

describe('scanSegments', () => {
  it('finds nothing in noise', () => {
    for (let seed = 1; seed <= 5; seed++) expect(scanSegments(cube(seed, () => 1))).toEqual([]);
  });

  it('names a marketplace in one country, not the whole marketplace, when its other countries held', () => {
    const hits = scanSegments(cube(7, (d) => (d.channel === 'amazon' && d.country === 'UK' ? 2.5 : 1)));
    expect(hits.map((h) => h.dims)).toEqual([{ channel: 'amazon', country: 'UK' }]);
    expect(hits[0]!.z).toBeGreaterThan(4.5);
  });

  it('finds a surge and a drop in the same question, each in its own place', () => {
    const hits = scanSegments(
      cube(11, (d) =>
        d.channel === 'own_website' && d.source === 'Instagram' && d.device === 'mobile'
          ? 3
          : d.channel === 'other_marketplace'
            ? 0.4
            : 1,
      ),
    );
    const dims = hits.map((h) => h.dims);
    expect(dims).toContainEqual({ channel: 'other_marketplace' });
    expect(dims).toContainEqual({ device: 'mobile', source: 'Instagram' });
    expect(hits.find((h) => h.dims.channel === 'other_marketplace')!.excess).toBeLessThan(0);
  });

  it('keeps a whole source when all of its countries moved alike', () => {
    const hits = scanSegments(cube(13, (d) => (d.source === 'Google' ? 2.5 : 1)));
    expect(hits.map((h) => h.dims)).toEqual([{ source: 'Google' }]);
  });

  it('held to the others without itself, a large segment falling is found, not the rest rising against the total', () => {
    // The United States carry 60% of the volume and fall by 40% against a growing season.
    const x = { ...cube(11, (d) => (d.country === 'US' ? 0.6 : 1)), growth: null };
    const hits = scanSegments(x, { leaveOneOut: true });
    expect(hits.map((h) => h.dims)).toEqual([{ country: 'US' }]);
    expect(hits[0]!.excess).toBeLessThan(0);
  });
});
