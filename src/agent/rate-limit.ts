// Questions per user per minute. The server counts them in the fleet's shared counters (CountedLimiter over
// src/server/counters), so N instances allow one limit; SlidingWindowLimiter counts in this process only.

/** What is asked before a question is taken: may this user ask now, and if not, when? Await `take`. */
export interface QuestionLimiter {
  readonly perMinute: number;
  take(userId: string): boolean | Promise<boolean>;
  /** Milliseconds until the user may ask again, after `take` said no (0 when they may now). */
  retryAfterMs(userId: string): number;
}

/** The slice of the server's Counters the limiter uses (the agent layer does not import the server). */
export interface WindowCounter {
  hit(key: string, windowMs: number, limit: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

export class CountedLimiter implements QuestionLimiter {
  /** The wait from each user's last refusal, so the 429 that follows can say it without another round trip. */
  private readonly refused = new Map<string, { until: number }>();
  constructor(
    private readonly counter: WindowCounter,
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  async take(userId: string): Promise<boolean> {
    const r = await this.counter.hit(`questions:${userId}`, 60_000, this.perMinute);
    if (r.allowed) this.refused.delete(userId);
    else {
      // Bounded like the window itself: a refusal older than a minute says nothing any more.
      if (this.refused.size > 10_000) this.refused.clear();
      this.refused.set(userId, { until: this.now() + r.retryAfterMs });
    }
    return r.allowed;
  }

  retryAfterMs(userId: string): number {
    return Math.max(0, (this.refused.get(userId)?.until ?? 0) - this.now());
  }
}

export class SlidingWindowLimiter implements QuestionLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a hit and returns true when the user is within the limit; false (and no hit) when over. */
  take(userId: string): boolean {
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((h) => t - h < 60_000);
    if (recent.length >= this.perMinute) {
      this.hits.set(userId, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(userId, recent);
    return true;
  }

  /** Milliseconds until the user may ask again (0 when they may now). */
  retryAfterMs(userId: string): number {
    const recent = this.hits.get(userId) ?? [];
    if (recent.length < this.perMinute) return 0;
    return Math.max(0, 60_000 - (this.now() - recent[0]!));
  }
}
