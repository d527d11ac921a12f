// Deterministic synthetic cubes with known causes, for the unit tests and the speed bench.
// Not used by the product's search itself.
import { DimensionEncoder, type AdditiveCube } from './cube.ts';

/** mulberry32: a small seeded PRNG so test cubes are identical on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GridSpec {
  dims: Record<string, string[]>;
  seed: number;
  /** Relative noise on every leaf, uniform in ±noise. */
  noise: number;
  /** Baseline value of a leaf, drawn once per leaf. */
  base: (r: () => number) => number;
  /** Multiplier applied to the actual value of a leaf (1 = unchanged). */
  effect?: (dims: Record<string, string>) => number;
}

/** The full cross product of the dimension values as an additive cube (columnar, no leaf objects). */
export function gridCube(spec: GridSpec): AdditiveCube {
  const names = Object.keys(spec.dims);
  const sizes = names.map((k) => spec.dims[k].length);
  const n = sizes.reduce((p, s) => p * s, 1);
  const enc = new DimensionEncoder(names);
  names.forEach((k, d) => spec.dims[k].forEach((v) => enc.code(d, v)));
  const codes = names.map(() => new Int32Array(n));
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const r = rng(spec.seed);
  const labels: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    let rest = i;
    for (let d = names.length - 1; d >= 0; d--) {
      codes[d][i] = rest % sizes[d];
      rest = Math.floor(rest / sizes[d]);
    }
    const base = spec.base(r);
    let m = 1;
    if (spec.effect) {
      for (let d = 0; d < names.length; d++) labels[names[d]] = spec.dims[names[d]][codes[d][i]];
      m = spec.effect(labels);
    }
    a[i] = base;
    b[i] = base * m * (1 + spec.noise * (2 * r() - 1));
  }
  return { kind: 'additive', dimNames: names, values: enc.values, codes, n, a, b };
}

export function values(prefix: string, k: number): string[] {
  return Array.from({ length: k }, (_, i) => `${prefix}${i + 1}`);
}
