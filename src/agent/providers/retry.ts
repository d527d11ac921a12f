// Jittered exponential backoff ("full jitter"): spreads retries from many clients after a throttle.
export interface RetryPolicy {
  attempts: number; // total tries, first one included
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 250, maxMs: 4000 };

export function backoffMs(attempt: number, p: RetryPolicy, random = Math.random): number {
  const cap = Math.min(p.maxMs, p.baseMs * 2 ** attempt);
  return Math.floor(random() * cap);
}

/** Resolves after `ms`, rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
