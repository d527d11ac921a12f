// Keyed random streams. Every candidate (a session, an order, a user) draws from its own stream,
// seeded by a hash of (seed, stream, day, index), so removing one scenario event changes only the
// candidates that event touches: nothing downstream shifts because a draw was skipped.

/** FNV-1a of a string, for turning event ids and stream names into stream keys. */
export function strKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes integers into one 32-bit key (murmur3 finaliser steps). */
export function hashKey(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    let k = Math.imul(p | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for mock data; reseedable so hot loops allocate nothing. */
export class Rng {
  private s = 0;
  constructor(...key: number[]) {
    this.reseed(...key);
  }

  reseed(...key: number[]): this {
    this.s = hashKey(...key);
    return this;
  }

  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** Standard normal (Box-Muller, one value per call). */
  gauss(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A count with the given mean and no more spread than rounding: the daily curve stays smooth at small scales. */
  count(mean: number): number {
    return mean <= 0 ? 0 : Math.floor(mean + this.next());
  }
}

/** Index into a cumulative weight table for a uniform draw u in [0,1). */
export function pickCumulative(cum: Float64Array, u: number, n = cum.length): number {
  const target = u * cum[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (out[i] = s += w));
  return out;
}
