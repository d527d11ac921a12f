// Log-in throttling: per address (attempts) and per account (failures) in a sliding window, counted in the
// fleet's shared counters (src/server/counters), so every instance behind the load balancer sees one count.
// An attempt is counted before the password is checked and cleared from the account when it succeeds:
// parallel guesses on several instances cannot all slip in before the first failure is recorded.
import type { Counters } from '../counters/types.ts';

export interface LoginLimits {
  maxPerAccount: number;
  maxPerAddress: number;
  windowMs: number;
}

export class LoginThrottle {
  constructor(
    private readonly counters: Counters,
    private readonly limits: LoginLimits,
  ) {}

  /** Counts an attempt from the address on the account's keys: milliseconds to wait when over, else 0. */
  async admit(address: string, accountKeys: string[]): Promise<number> {
    const { maxPerAccount, maxPerAddress, windowMs } = this.limits;
    const byAddress = await this.counters.hit(`login-address:${address}`, windowMs, maxPerAddress);
    if (!byAddress.allowed) return byAddress.retryAfterMs;
    const byAccount = await Promise.all(
      accountKeys.map((k) => this.counters.hit(`login-account:${k}`, windowMs, maxPerAccount)),
    );
    return Math.max(0, ...byAccount.map((r) => (r.allowed ? 0 : r.retryAfterMs)));
  }

  /** A good password clears the account's failures (the address keeps its count). */
  async succeeded(accountKeys: string[]): Promise<void> {
    await Promise.all(accountKeys.map((k) => this.counters.reset(`login-account:${k}`, this.limits.windowMs)));
  }
}
