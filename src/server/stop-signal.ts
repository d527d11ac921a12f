// A stop that reaches a turn on whichever instance runs it. The stop button closes the turn's own stream, which
// only the instance holding that connection sees; a stop request (POST /api/chat/:turnId/stop) may land on any
// instance behind the load balancer. It counts one hit on the turn's key in the fleet's shared counters
// (DynamoDB or the app database), and the instance running the turn reads that key every second and aborts the
// turn when it is set. The key names the user, so only the turn's owner can stop it.
import type { Counters } from './counters/types.ts';

/** Long enough that a stop set during any turn still counts when the turn next looks (counters.hit's window). */
const WINDOW_MS = 24 * 60 * 60 * 1000;
export const STOP_POLL_MS = 1000;

const stopKey = (userId: string, turnId: string) => `turn-stop:${userId}:${turnId}`;

/** Marks the turn as stopped for every instance. */
export async function requestStop(counters: Counters, userId: string, turnId: string): Promise<void> {
  await counters.hit(stopKey(userId, turnId), WINDOW_MS, 1);
}

/** Whether a stop was requested (a limit of 0 reads the count without adding to it). */
export async function stopRequested(counters: Counters, userId: string, turnId: string): Promise<boolean> {
  return (await counters.hit(stopKey(userId, turnId), WINDOW_MS, 0)).count > 0;
}

/** Aborts `ac` once a stop for the turn is seen; returns the function that stops watching. */
export function watchStop(
  counters: Counters,
  userId: string,
  turnId: string,
  ac: AbortController,
  everyMs = STOP_POLL_MS,
): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || ac.signal.aborted) return;
    busy = true;
    stopRequested(counters, userId, turnId)
      .then((stop) => {
        if (stop) ac.abort();
      })
      // A store that does not answer leaves the turn running: its own stream can still stop it.
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
