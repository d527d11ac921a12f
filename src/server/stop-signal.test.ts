import { describe, expect, it } from 'vitest';
import { memoryCounters } from './counters/index.ts';
import { requestStop, stopRequested, watchStop } from './stop-signal.ts';

describe('stop signal', () => {
  it("reads a stop for the turn's owner only, without counting the reads", async () => {
    const c = memoryCounters();
    expect(await stopRequested(c, '7', 't1')).toBe(false);
    expect(await stopRequested(c, '7', 't1')).toBe(false);
    await requestStop(c, '7', 't1');
    expect(await stopRequested(c, '7', 't1')).toBe(true);
    expect(await stopRequested(c, '8', 't1')).toBe(false);
    expect(await stopRequested(c, '7', 't2')).toBe(false);
  });

  it('aborts the watched turn once the stop is set, and stops watching when told', async () => {
    const c = memoryCounters();
    const ac = new AbortController();
    const unwatch = watchStop(c, '7', 't1', ac, 5);
    await new Promise((r) => setTimeout(r, 20));
    expect(ac.signal.aborted).toBe(false);
    await requestStop(c, '7', 't1');
    await new Promise((r) => setTimeout(r, 30));
    expect(ac.signal.aborted).toBe(true);
    unwatch();
    const other = new AbortController();
    watchStop(c, '7', 't2', other, 5)();
    await requestStop(c, '7', 't2');
    await new Promise((r) => setTimeout(r, 20));
    expect(other.signal.aborted).toBe(false);
  });
});
