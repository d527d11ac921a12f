// One retry policy for every network provider. Jittered exponential backoff ("full jitter") spreads the
// retries of many clients after a throttle; a stream is retried only while nothing has reached the caller,
// so an answer is never shown twice.
import { TidelensError } from '../../errors.ts';
import { isRetryable } from './errors.ts';

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

export interface RetryStreamOptions {
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Brings a transport failure to the shape isRetryable reads (e.g. fetch hides the socket code in `cause`). */
  normalize?: (e: unknown) => unknown;
  /** The error to throw once retrying is over: a TidelensError that says what to fix. */
  fail: (e: unknown, attempts: number) => unknown | Promise<unknown>;
}

/**
 * Opens a provider's stream and passes its events on, opening it again after a retryable failure that
 * happened before the first event. Aborts and our own errors end it at once.
 */
export async function* retryStream<T>(open: () => AsyncIterable<T>, o: RetryStreamOptions): AsyncGenerator<T> {
  for (let attempt = 0; ; attempt++) {
    let yielded = false;
    try {
      o.signal?.throwIfAborted();
      for await (const ev of open()) {
        yielded = true;
        yield ev;
      }
      return;
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason;
      if (e instanceof TidelensError) throw e;
      const err = o.normalize ? o.normalize(e) : e;
      if (yielded || !isRetryable(err) || attempt + 1 >= o.policy.attempts) throw await o.fail(err, attempt + 1);
      await sleep(backoffMs(attempt, o.policy), o.signal);
    }
  }
}
