import { describe, expect, it } from 'vitest';
import type { MetricView } from './cube.ts';
import { additiveBy, decomposeDrivers, rateMixSplit } from './drivers.ts';

/** mulberry32, so the random views are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random ratio view: some leaves empty on one side, rates anywhere in [0, 1]. */
function randomRatio(seed: number, n: number): MetricView {
  const r = rng(seed);
  const side = () => {
    const den = Float64Array.from({ length: n }, () => (r() < 0.15 ? 0 : Math.round(r() * 500)));
    const num = Float64Array.from(den, (d) => d * r());
    return { num, den };
  };
  const a = side();
  const b = side();
  return {
    kind: 'ratio',
    dimNames: ['channel', 'product'],
    values: Array.from({ length: n }, (_, i) => [`c${i % 3}`, `p${i}`]),
    n,
    num: { a: a.num, b: b.num },
    den: { a: a.den, b: b.den },
    grain: 'test',
  };
}

describe('ratio drivers', () => {
  it('split any ratio change into rate and mix that add up to it exactly', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const v = randomRatio(seed, 1 + (seed % 40));
      const s = rateMixSplit(v);
      expect(s.rate_effect + s.mix_effect).toBeCloseTo(s.b - s.a, 12);
      const d = decomposeDrivers({ kind: 'rate_mix' }, emptyLines, emptySessions, v);
      expect(d.steps.reduce((x, y) => x + y.contribution, 0)).toBeCloseTo(d.delta, 12);
      expect(d.delta).toBeCloseTo(s.b - s.a, 12);
    }
  });

  it('gives a leaf that is new in the period all to mix', () => {
    const v: MetricView = {
      kind: 'ratio',
      dimNames: ['x'],
      values: [['old'], ['new']],
      n: 2,
      num: { a: Float64Array.from([10, 0]), b: Float64Array.from([10, 40]) },
      den: { a: Float64Array.from([100, 0]), b: Float64Array.from([100, 100]) },
      grain: 'test',
    };
    const s = rateMixSplit(v);
    expect(s.rate_effect).toBe(0);
    expect(s.mix_effect).toBeCloseTo(0.25 - 0.1, 12);
  });
});

describe('additive drivers by a dimension', () => {
  it('gives each value its own change, summing to the change', () => {
    const v: MetricView = {
      kind: 'additive',
      dimNames: ['channel', 'product'],
      values: [
        ['amazon', 'a'],
        ['own_website', 'a'],
        ['amazon', 'b'],
      ],
      n: 3,
      num: { a: Float64Array.from([100, 50, 20]), b: Float64Array.from([60, 80, 25]) },
      grain: 'test',
    };
    const d = additiveBy(v, 'channel');
    expect(d.a).toBe(170);
    expect(d.b).toBe(165);
    expect(d.steps).toEqual([
      { label: 'amazon', contribution: -35 },
      { label: 'own_website', contribution: 30 },
    ]);
  });
});

const emptyLines = { dimNames: ['channel'], values: [], measures: {}, n: 0 };
const emptySessions = {
  dimNames: ['source'],
  values: [],
  measures: { sessions: { a: new Float64Array(), b: new Float64Array() } },
  n: 0,
};
