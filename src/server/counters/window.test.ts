import { describe, expect, it } from 'vitest';
import { memoryCounters } from './memory.ts';
import { retryAfterMs, roomFor, storedKey, windowAt } from './window.ts';

describe('sliding window from two buckets', () => {
  it('weighs the previous bucket by what is left of it', () => {
    expect(roomFor(5, 0, 0.3)).toBe(5);
    expect(roomFor(5, 4, 0.5)).toBe(3);
    expect(roomFor(5, 5, 0)).toBe(0);
    expect(roomFor(3, 3, 0.9)).toBe(2);
    expect(roomFor(3, 3, 2 / 3)).toBe(2);
    expect(windowAt(125_000, 60_000)).toEqual({ bucket: 2, fraction: 5_000 / 60_000, startMs: 120_000 });
  });

  it('says when a refused key may hit again', () => {
    const W = 60_000;
    // Full current bucket: into the next one until its weight leaves room for one (3 × 2/3 + 1 = 3).
    expect(retryAfterMs(3, { previous: 0, current: 3 }, windowAt(10_000, W), W, 10_000)).toBe(70_000);
    // The previous bucket's weight is the blocker: it fades enough two thirds of the way in.
    expect(retryAfterMs(3, { previous: 3, current: 1 }, windowAt(60_000, W), W, 60_000)).toBe(40_000);
  });

  it('counts a burst across a bucket boundary as one window', async () => {
    let t = 59_000;
    const c = memoryCounters(() => t);
    const hits = async (n: number) => Promise.all(Array.from({ length: n }, () => c.hit('u', 60_000, 3)));
    expect((await hits(3)).map((r) => r.allowed)).toEqual([true, true, true]);
    t = 61_000;
    const r = await c.hit('u', 60_000, 3);
    expect(r).toMatchObject({ allowed: false });
    expect(r.retryAfterMs).toBeGreaterThan(0);
    t = 180_000;
    expect((await c.hit('u', 60_000, 3)).allowed).toBe(true);
  });

  it('does not count refusals, and reset clears the key', async () => {
    let t = 0;
    const c = memoryCounters(() => t);
    for (let i = 0; i < 5; i++) await c.hit('k', 1000, 2);
    t = 1000;
    // Two allowed hits weigh 2 × (1 - 0): the three refused ones did not add to them.
    expect((await c.hit('k', 1000, 2)).allowed).toBe(false);
    t = 1500;
    expect((await c.hit('k', 1000, 2)).allowed).toBe(true);
    await c.reset('k', 1000);
    expect((await c.hit('k', 1000, 2)).count).toBe(1);
  });

  it('stores a digest, never the key', () => {
    expect(storedKey('login-address:203.0.113.9', 900_000)).toMatch(/^[0-9a-f]{64}$/);
  });
});
