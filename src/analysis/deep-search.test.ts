import { describe, expect, it } from 'vitest';
import { searchSegments } from './segment-search.ts';
import { additiveCube, type AdditiveLeaf } from './cube.ts';
import { gridCube, rng, values } from './synthetic.ts';
import { DEV_SEEDS, generateCase, TEST_SEEDS } from './rca-cases.ts';

// 3·4·3·5·2·4·6 = 8,640 leaves over 7 dimensions.
const DIMS = {
  channel: ['own_website', 'amazon', 'other_marketplace'],
  country: values('country', 4),
  device: ['desktop', 'mobile', 'tablet'],
  category: values('cat', 5),
  customer: ['new', 'returning'],
  source: values('src', 4),
  region: values('region', 6),
};
const base = (r: () => number) => 50 + 500 * r();

function planted(cause: Record<string, string>, factor: number, seed: number) {
  const hit = (d: Record<string, string>) => Object.entries(cause).every(([k, v]) => d[k] === v);
  return gridCube({ dims: DIMS, seed, noise: 0.02, base, effect: (d) => (hit(d) ? factor : 1) });
}

describe('segment search of any depth', () => {
  it('finds a planted four-dimension cause with default options', () => {
    const cause = { channel: 'amazon', country: 'country2', device: 'mobile', category: 'cat4' };
    const r = searchSegments(planted(cause, 0.4, 11));
    expect(r.root_causes.map((e) => e.dims)).toEqual([cause]);
    expect(r.root_causes[0].layer).toBe(4);
    expect(r.no_clear_cause).toBe(false);
  });

  it('finds a planted five-dimension cause with default options', () => {
    const cause = {
      channel: 'other_marketplace',
      country: 'country1',
      device: 'desktop',
      category: 'cat2',
      customer: 'new',
    };
    const r = searchSegments(planted(cause, 1.8, 12));
    expect(r.root_causes.map((e) => e.dims)).toEqual([cause]);
    expect(r.root_causes[0].layer).toBe(5);
    expect(r.direction).toBe('up');
  });

  it('stops at three dimensions when maxLayer says so', () => {
    const cause = { channel: 'amazon', country: 'country2', device: 'mobile', category: 'cat4' };
    const r = searchSegments(planted(cause, 0.4, 11), { maxLayer: 3 });
    expect(r.root_causes.every((e) => e.layer <= 3)).toBe(true);
  });

  it('prefers the narrower segment over its parent when the narrower one holds the change', () => {
    // Only amazon × Canada moved: amazon alone also "explains" it but mixes in unchanged leaves.
    const cause = { channel: 'amazon', country: 'country3' };
    const r = searchSegments(planted(cause, 0.5, 13));
    expect(r.root_causes.map((e) => e.dims)).toEqual([cause]);
    const parent = searchSegments(planted({ channel: 'amazon' }, 0.5, 13));
    expect(parent.root_causes.map((e) => e.dims)).toEqual([{ channel: 'amazon' }]);
  });

  it('groups cuboids whose key space exceeds exact doubles (16 dimensions of 10 values)', () => {
    const r = rng(5);
    const names = values('d', 16);
    const leaves: AdditiveLeaf[] = [];
    const seen = new Set<string>();
    while (leaves.length < 3000) {
      const dims = Object.fromEntries(names.map((n) => [n, `v${Math.floor(10 * r() * r())}`]));
      const key = Object.values(dims).join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      const a = 20 + 200 * r();
      const hit = dims.d1 === 'v0' && dims.d2 === 'v1';
      leaves.push({ dims, a, b: a * (hit ? 0.3 : 1) * (1 + 0.02 * (2 * r() - 1)) });
    }
    const res = searchSegments(additiveCube(leaves));
    expect(res.root_causes.map((e) => e.dims)).toEqual([{ d1: 'v0', d2: 'v1' }]);
  });
});

describe('synthetic RCA cases (rca-cases.ts)', () => {
  it('are the same for the same seed, with labels that name existing values', () => {
    const a = generateCase(7);
    const b = generateCase(7);
    expect(a.labels).toEqual(b.labels);
    const measure = (c: typeof a) => Array.from(c.cube.kind === 'additive' ? c.cube.b : c.cube.numB);
    expect(measure(a)).toEqual(measure(b));
    for (const label of a.labels) {
      const pairs = label.split('&');
      expect(pairs).toHaveLength(a.depth);
      for (const p of pairs) {
        const [dim, value] = p.split('=');
        expect(a.cube.values[a.cube.dimNames.indexOf(dim)]).toContain(value);
      }
    }
  });

  it('keep development and test seeds apart', () => {
    expect(DEV_SEEDS.to).toBeLessThan(TEST_SEEDS.from);
  });
});
