import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partitionCutoff, riskLoc, deviationScores, type RiskLocOptions } from './riskloc.ts';
import { aggregateCuboid, CuboidScratch, firstLeaves, leafScores, lowRiskOf } from './cuboid-stats.ts';
import { gridCube, rng, values } from './synthetic.ts';
import type { AdditiveCube } from './cube.ts';

/** The sort-and-dedup cutoff the one-pass version replaced. */
function sortedCutoff(dev: Float64Array, nRemove: number): number {
  const sorted = Float64Array.from(dev).sort();
  const uniq: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) uniq.push(sorted[i]);
  if (uniq.length === 0) return 0;
  const k = Math.min(nRemove, uniq.length - 1);
  const minVal = uniq[k];
  const maxVal = uniq[uniq.length - 1 - k];
  return -(Math.abs(maxVal) < Math.abs(minVal) ? maxVal : minVal);
}

describe('partitionCutoff', () => {
  it('equals the sort-based cutoff, zero sign included (property)', () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 0.5, -0.5, 2, -2), fc.double({ min: -2, max: 2, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), fc.integer({ min: 0, max: 8 }), (xs, nRemove) => {
        const dev = Float64Array.from(xs);
        expect(Object.is(partitionCutoff(dev, nRemove), sortedCutoff(dev, nRemove))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

const DIMS = { a: values('a', 3), b: values('b', 4), c: values('c', 5), d: values('d', 3), e: values('e', 2) };

function cubeWith(seed: number, effect: (d: Record<string, string>) => number, noise = 0.05): AdditiveCube {
  return gridCube({ dims: DIMS, seed, noise, base: (r) => 5 + 200 * r() * r(), effect });
}

function run(cube: AdditiveCube, options: RiskLocOptions) {
  return riskLoc(
    { n: cube.n, codes: cube.codes, cardinalities: cube.values.map((v) => v.length), real: cube.b, pred: cube.a },
    options,
  );
}

describe('lattice pruning', () => {
  // Causes at every layer, several at once, none (noise, a uniform season), zeros, and options that
  // change the weights or the threshold: pruning must never change what the search finds.
  const cases: Array<[string, (d: Record<string, string>) => number]> = [
    ['noise only', () => 1],
    ['uniform drop', () => 0.8],
    ['layer 1', (d) => (d.c === 'c2' ? 0.5 : 1)],
    ['layer 2', (d) => (d.a === 'a1' && d.d === 'd3' ? 1.6 : 1)],
    ['layer 3', (d) => (d.a === 'a2' && d.b === 'b1' && d.e === 'e2' ? 0.2 : 1)],
    [
      'layer 3 to zero plus layer 1',
      (d) => (d.b === 'b3' && d.c === 'c1' && d.d === 'd2' ? 0 : d.e === 'e1' ? 0.85 : 1),
    ],
    ['two layer-2 causes', (d) => (d.a === 'a3' && d.c === 'c4' ? 0.4 : d.b === 'b2' && d.d === 'd1' ? 0.6 : 1)],
  ];
  const optionSets: RiskLocOptions[] = [
    {},
    { maxLayer: 4 },
    { reliabilityCount: 10 },
    { riskThreshold: 0.3 },
    { refine: false, pepThreshold: 0.05 },
  ];
  for (const [name, effect] of cases) {
    it(`finds the same elements with and without pruning: ${name}`, () => {
      for (let seed = 1; seed <= 3; seed++) {
        const cube = cubeWith(seed, effect);
        for (const o of optionSets) {
          const pruned = run(cube, { ...o, pruneElements: true });
          const full = run(cube, { ...o, pruneElements: false });
          expect(pruned).toEqual(full);
        }
      }
    });
  }

  it('finds the same elements summing cuboids from cell tables as from the leaves (reuseAggregates)', () => {
    for (const [, effect] of cases) {
      for (let seed = 1; seed <= 3; seed++) {
        const cube = cubeWith(seed, effect);
        for (const o of optionSets) {
          const cells = run(cube, { ...o, reuseAggregates: true });
          const leaves = run(cube, { ...o, reuseAggregates: false });
          // The same sums grouped differently: equal up to rounding.
          expect(cells.elements.map((e) => [e.dims, e.values, e.refinedFrom])).toEqual(
            leaves.elements.map((e) => [e.dims, e.values, e.refinedFrom]),
          );
          cells.elements.forEach((e, j) => {
            expect(e.risk).toBeCloseTo(leaves.elements[j].risk, 12);
            expect(e.ep).toBeCloseTo(leaves.elements[j].ep, 12);
          });
        }
      }
    }
  });

  it('still finds the planted cause on a cube with a single-value dimension and sparse leaves', () => {
    const r0 = rng(5);
    const cube = gridCube({
      dims: { ...DIMS, f: ['only'] },
      seed: 9,
      noise: 0.02,
      base: () => (r0() < 0.3 ? 0 : 100),
      effect: (d) => (d.b === 'b4' && d.e === 'e1' ? 0.3 : 1),
    });
    const pruned = run(cube, {});
    expect(pruned).toEqual(run(cube, { pruneElements: false }));
    expect(pruned.elements.map((e) => [e.dims, e.values])).toEqual([
      [
        [1, 4],
        [3, 0],
      ],
    ]);
  });
});

describe('aggregateCuboid', () => {
  // Dense keys, the reusable key table and the Map: the same per-group sums as a plain reference.
  const cardinalitySets: Array<[string, number[]]> = [
    ['dense', [3, 4, 5]],
    ['key table', [40, 50, 30]],
    ['map', [300, 400, 500]],
  ];
  for (const [name, cards] of cardinalitySets) {
    it(`groups and sums like a plain loop (${name})`, () => {
      const r = rng(cards[0]);
      const n = 2000;
      const codes = cards.map((k) => Int32Array.from({ length: n }, () => Math.floor(r() * k)));
      const real = Float64Array.from({ length: n }, () => (r() < 0.1 ? 0 : 100 * r()));
      const pred = Float64Array.from({ length: n }, () => (r() < 0.1 ? 0 : 100 * r()));
      const dev = deviationScores(real, pred);
      const ep = Float64Array.from({ length: n }, (_, i) => real[i] - pred[i]);
      const part = Uint8Array.from({ length: n }, (_, i) => (dev[i] > 0.3 ? 1 : 0));
      const weight = Float64Array.from({ length: n }, (_, i) => Math.min(1, Math.abs(dev[i])));
      const s = leafScores({ codes, cardinalities: cards, real, pred, dev, ep, part, weight });
      // Every other leaf, so the index list is not the identity.
      const idx = Int32Array.from({ length: n / 2 }, (_, j) => 2 * j);
      const dims = [0, 2];
      const scratch = new CuboidScratch();
      const agg = aggregateCuboid(s, cards, dims, idx, idx.length, scratch, true);
      const ref = new Map<
        string,
        { ep: number; pos: number; nAbn: number; wAbn: number; wNorm: number; first: number }
      >();
      for (const i of idx) {
        const key = dims.map((d) => codes[d][i]).join(',');
        const g = ref.get(key) ?? { ep: 0, pos: 0, nAbn: 0, wAbn: 0, wNorm: 0, first: i };
        g.ep += ep[i];
        if (ep[i] > 0) g.pos += ep[i];
        if (part[i]) {
          g.nAbn++;
          g.wAbn += weight[i];
        } else g.wNorm += weight[i];
        ref.set(key, g);
      }
      const seen = new Set<number>();
      for (let j = 0; j < idx.length; j++) seen.add(agg.groupAt[j]);
      const groups = [...seen];
      firstLeaves(s, agg, idx, idx.length, groups);
      expect(groups).toHaveLength(ref.size);
      for (const g of groups) {
        const leaf = agg.rep[g];
        const want = ref.get(dims.map((d) => codes[d][leaf]).join(','))!;
        expect(leaf).toBe(want.first);
        // Same terms in the same order: equal to the last bit.
        expect([agg.epSum[g], agg.epPos[g], agg.nAbn[g], agg.wAbn[g], agg.wNorm[g]]).toEqual([
          want.ep,
          want.pos,
          want.nAbn,
          want.wAbn,
          want.wNorm,
        ]);
      }
      const low = lowRiskOf(s, agg, idx, idx.length, groups, scratch);
      for (const g of groups) expect(low[g]).toBeGreaterThanOrEqual(0);
    });
  }
});
