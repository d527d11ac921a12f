// Rate counters shared by every instance behind the load balancer: questions per minute and the log-in
// throttles count here, so N instances enforce one limit, not N of them.

export interface HitResult {
  /** True when this hit was within the limit (and was counted); false when refused (and not counted). */
  allowed: boolean;
  /** The hits the window holds now, the previous window's share included (rounded up). */
  count: number;
  /** Milliseconds until a hit would be allowed again; 0 when this one was. */
  retryAfterMs: number;
}

export interface Counters {
  /** Counts one hit against `key` unless `limit` hits already fall within the sliding `windowMs`. */
  hit(key: string, windowMs: number, limit: number): Promise<HitResult>;
  /** Forgets the key's hits in that window (a successful log-in clears its failures). */
  reset(key: string, windowMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * What a backend stores: one number per (key, bucket), where a bucket is one fixed window of time. The
 * sliding limit is computed from two buckets in window.ts, so each backend only needs these atomic steps.
 */
export interface BucketStore {
  /** Adds one to the bucket unless it already holds `room` or more: the new count, or null when full. */
  addBelow(key: string, bucket: number, room: number, expiresAtMs: number): Promise<number | null>;
  /** The bucket's count (0 when absent). */
  read(key: string, bucket: number): Promise<number>;
  /** Sets these buckets of the key back to zero. */
  clear(key: string, buckets: number[], expiresAtMs: number): Promise<void>;
  close(): Promise<void>;
}
