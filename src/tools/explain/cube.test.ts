// segmentMask is the ranking's inner loop: it must keep inSegment's rule leaf for leaf, on line-grained views
// and on session-grained ones (no channel dimension: own_website is every leaf).
import { describe, expect, it } from 'vitest';
import { inSegment, LINE_DIM_NAMES, SESSION_DIM_NAMES, segmentMask, type MetricView, type Segment } from './cube.ts';

/** A small linear congruential generator, so the random views repeat on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const VALUES: Record<string, string[]> = {
  channel: ['own_website', 'amazon', 'tiktok_shop'],
  category: ['Swimwear', 'Tops'],
  subcategory: ['Bikinis', 'One-pieces', 'Tees'],
  product: ['SW-1', 'SW-2', 'TOP-1', 'TOP-2'],
  country: ['US', 'UK', 'FR'],
  device: ['mobile', 'desktop'],
  source: ['Google', '(marketplace)', 'Email – Sale'],
  customer_type: ['new', 'returning'],
};

function view(dimNames: string[], n: number, r: () => number): MetricView {
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)]!;
  const zeros = { a: new Float64Array(n), b: new Float64Array(n) };
  const values = Array.from({ length: n }, () => dimNames.map((d) => pick(VALUES[d]!)));
  return { kind: 'additive', dimNames, values, n, num: zeros, grain: 'test' };
}

function segment(r: () => number): Segment {
  const seg: Segment = {};
  for (const [dim, vals] of Object.entries(VALUES)) {
    if (r() < 0.7) continue;
    seg[dim] = vals.filter(() => r() < 0.5);
  }
  return seg;
}

describe('segmentMask', () => {
  it('marks the leaves inSegment accepts, and is null for a dimension the view lacks', () => {
    const r = rng(7);
    for (const dims of [LINE_DIM_NAMES, SESSION_DIM_NAMES, ['channel', 'product']]) {
      const v = view(dims, 60, r);
      const sessionGrained = dims === SESSION_DIM_NAMES;
      for (let k = 0; k < 300; k++) {
        const seg = segment(r);
        const lacks = Object.keys(seg).some((d) => !dims.includes(d) && !(d === 'channel' && sessionGrained));
        const mask = segmentMask(v, seg);
        if (lacks) expect(mask, JSON.stringify(seg)).toBeNull();
        else {
          const want = Array.from({ length: v.n }, (_, i) => (inSegment(v, seg, i) ? 1 : 0));
          expect(Array.from(mask!), JSON.stringify(seg)).toEqual(want);
        }
      }
    }
  });

  it('reads a channel on a session view as own-site: every leaf or none', () => {
    const v = view(SESSION_DIM_NAMES, 5, rng(1));
    expect(Array.from(segmentMask(v, { channel: ['own_website', 'amazon'] })!)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(segmentMask(v, { channel: ['amazon'] })!)).toEqual([0, 0, 0, 0, 0]);
    expect(segmentMask(v, { channel: ['amazon'], product: ['SW-1'] })).toBeNull();
  });
});
