// The shared expiry rule: temporary conversations live `ttlDays` after their last activity; saved ones are kept.
export interface ExpiryOptions {
  ttlDays: number;
  now: () => Date;
}

export const DEFAULT_EXPIRY: ExpiryOptions = { ttlDays: 3, now: () => new Date() };

export function expiresAt(o: ExpiryOptions, saved: boolean): number | null {
  return saved ? null : Math.floor(o.now().getTime() / 1000 + o.ttlDays * 86_400);
}

export function isExpired(o: ExpiryOptions, exp: number | null | undefined): boolean {
  return exp !== null && exp !== undefined && exp <= Math.floor(o.now().getTime() / 1000);
}
