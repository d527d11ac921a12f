// A sliding window from two fixed buckets (the "sliding window counter"): the previous bucket's hits count
// in proportion to how much of it still lies inside the window. Unlike a plain fixed window, a burst at the
// end of one bucket is still counted at the start of the next, so no boundary lets 2 × limit through.
import { createHash } from 'node:crypto';
import type { BucketStore, Counters, HitResult } from './types.ts';

export interface WindowPosition {
  bucket: number;
  /** How far into the bucket `now` is, from 0 to 1. */
  fraction: number;
  startMs: number;
}

export function windowAt(nowMs: number, windowMs: number): WindowPosition {
  const bucket = Math.floor(nowMs / windowMs);
  const startMs = bucket * windowMs;
  return { bucket, fraction: (nowMs - startMs) / windowMs, startMs };
}

/** How many hits the current bucket may hold, so that with the previous one's weight none goes past the limit. */
export function roomFor(limit: number, previous: number, fraction: number): number {
  // The epsilon keeps float noise (2.9999999999) from refusing a hit the limit allows.
  return Math.max(0, Math.floor(limit - previous * (1 - fraction) + 1e-9));
}

/** When a refused key may hit again: the previous bucket's weight fades, or the current one must become it. */
export function retryAfterMs(
  limit: number,
  counts: { previous: number; current: number },
  pos: WindowPosition,
  windowMs: number,
  nowMs: number,
): number {
  const { previous, current } = counts;
  // The next hit fits once previous × (1 − fraction) + current + 1 ≤ limit.
  const at =
    current < limit && previous > 0
      ? pos.startMs + windowMs * (1 - (limit - current - 1) / previous)
      : pos.startMs + windowMs + windowMs * Math.max(0, 1 - (limit - 1) / Math.max(current, 1));
  return Math.max(1, Math.ceil(at - nowMs));
}

/** Keys hold account names and addresses: the stores keep only a digest of them. */
export function storedKey(key: string, windowMs: number): string {
  return createHash('sha256').update(`${windowMs}:${key}`).digest('hex');
}

export class WindowCounters implements Counters {
  constructor(
    private readonly store: BucketStore,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string, windowMs: number, limit: number): Promise<HitResult> {
    const nowMs = this.now();
    const pos = windowAt(nowMs, windowMs);
    const k = storedKey(key, windowMs);
    const previous = await this.store.read(k, pos.bucket - 1);
    const room = roomFor(limit, previous, pos.fraction);
    // The previous bucket is read by the next window too, so a bucket lives for two windows.
    const expires = pos.startMs + 2 * windowMs;
    const added = room > 0 ? await this.store.addBelow(k, pos.bucket, room, expires) : null;
    const weight = previous * (1 - pos.fraction);
    if (added !== null) return { allowed: true, count: Math.ceil(weight + added - 1e-9), retryAfterMs: 0 };
    const current = await this.store.read(k, pos.bucket);
    return {
      allowed: false,
      count: Math.ceil(weight + current - 1e-9),
      retryAfterMs: retryAfterMs(limit, { previous, current }, pos, windowMs, nowMs),
    };
  }

  async reset(key: string, windowMs: number): Promise<void> {
    const pos = windowAt(this.now(), windowMs);
    await this.store.clear(storedKey(key, windowMs), [pos.bucket - 1, pos.bucket], pos.startMs + 2 * windowMs);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
