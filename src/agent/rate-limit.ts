// Questions per user per minute. In memory, per process: enough for one server; a fleet behind a
// load balancer would need a shared counter (e.g. a DynamoDB item with a conditional update).
export class SlidingWindowLimiter {
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
