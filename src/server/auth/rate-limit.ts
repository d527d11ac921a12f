// Login throttling: a fixed window per key (account, address). Counters are per instance and soft state:
// losing them on restart only resets a window. Behind N instances the effective limit is at most N times
// the configured one; an ALB/WAF rate rule covers the address side fleet-wide (docs/server.md).
export interface RateLimitRule {
  max: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it is under the limit. */
  retryAfter(key: string): number {
    const e = this.hits.get(key);
    const now = this.now();
    if (!e || e.resetAt <= now) return 0;
    return e.count >= this.rule.max ? e.resetAt - now : 0;
  }

  hit(key: string): void {
    const now = this.now();
    const e = this.hits.get(key);
    if (!e || e.resetAt <= now) {
      if (this.hits.size >= this.maxKeys) this.prune(now);
      this.hits.set(key, { count: 1, resetAt: now + this.rule.windowMs });
    } else e.count++;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(now: number): void {
    for (const [k, e] of this.hits) if (e.resetAt <= now) this.hits.delete(k);
    // Under a flood of distinct keys keep memory bounded by dropping the oldest entries.
    for (const k of this.hits.keys()) {
      if (this.hits.size < this.maxKeys) break;
      this.hits.delete(k);
    }
  }
}
