// Buckets in this process's memory: for tests and a single instance. Soft state: a restart resets them.
import type { BucketStore } from './types.ts';
import { WindowCounters } from './window.ts';

export class MemoryBuckets implements BucketStore {
  private readonly buckets = new Map<string, { n: number; expiresAtMs: number }>();
  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 100_000,
  ) {}

  async addBelow(key: string, bucket: number, room: number, expiresAtMs: number): Promise<number | null> {
    const id = `${key}#${bucket}`;
    const e = this.buckets.get(id);
    if (e && e.n >= room) return null;
    if (e) return ++e.n;
    if (this.buckets.size >= this.maxEntries) this.prune();
    this.buckets.set(id, { n: 1, expiresAtMs });
    return 1;
  }

  async read(key: string, bucket: number): Promise<number> {
    return this.buckets.get(`${key}#${bucket}`)?.n ?? 0;
  }

  async clear(key: string, buckets: number[]): Promise<void> {
    for (const b of buckets) this.buckets.delete(`${key}#${b}`);
  }

  async close(): Promise<void> {}

  private prune(): void {
    const now = this.now();
    for (const [id, e] of this.buckets) if (e.expiresAtMs <= now) this.buckets.delete(id);
    // Under a flood of distinct keys memory stays bounded: the oldest entries go first.
    for (const id of this.buckets.keys()) {
      if (this.buckets.size < this.maxEntries) break;
      this.buckets.delete(id);
    }
  }
}

export function memoryCounters(now: () => number = Date.now): WindowCounters {
  return new WindowCounters(new MemoryBuckets(now), now);
}
