import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watch } from './mysql-watchdog.ts';

// A statement stand-in: settles when told to, like a query the server returns or a KILL interrupts.
function statement<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('returns the result of a statement that ends in time, never kills, and leaves no timer', async () => {
    const s = statement<number>();
    const kill = vi.fn(async () => {});
    const w = watch(s.promise, 500, kill);
    await vi.advanceTimersByTimeAsync(499);
    s.resolve(7);
    await expect(w).resolves.toEqual({ kind: 'done', result: { status: 'fulfilled', value: 7 } });
    expect(kill).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes a failure through as a value', async () => {
    const s = statement<number>();
    const w = watch(s.promise, 500, async () => {});
    s.reject(new Error('denied'));
    await expect(w).resolves.toMatchObject({
      kind: 'done',
      result: { status: 'rejected', reason: new Error('denied') },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('kills once at the deadline and reports the statement stopped when it returns', async () => {
    const s = statement<number>();
    const kill = vi.fn(async () => s.reject(new Error('Query execution was interrupted')));
    const w = watch(s.promise, 500, kill);
    await vi.advanceTimersByTimeAsync(499);
    expect(kill).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(w).resolves.toEqual({ kind: 'expired', stopped: true });
    expect(kill).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up at once when the kill cannot be sent', async () => {
    const s = statement<number>();
    const w = watch(s.promise, 500, async () => {
      throw new Error('ECONNREFUSED');
    });
    await vi.advanceTimersByTimeAsync(500);
    await expect(w).resolves.toEqual({ kind: 'expired', stopped: false, killError: new Error('ECONNREFUSED') });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops waiting settleMs after a kill that did not stop the statement', async () => {
    const s = statement<number>();
    let result: unknown;
    void watch(s.promise, 500, async () => {}, 1000).then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(1499);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toEqual({ kind: 'expired', stopped: false });
    expect(vi.getTimerCount()).toBe(0);
  });
});
