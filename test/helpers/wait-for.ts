import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `condition` until it holds or the deadline passes; never a fixed sleep. On a timeout, `lastSeen`
 * (when given) adds what the condition last looked at, so a failure in CI says what was there instead.
 */
export async function waitFor(
  condition: () => boolean,
  {
    timeoutMs = 10_000,
    everyMs = 10,
    what = 'condition',
    lastSeen,
  }: { timeoutMs?: number; everyMs?: number; what?: string; lastSeen?: () => string } = {},
) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) {
      const seen = lastSeen ? `; last seen:\n${lastSeen()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await delay(everyMs);
  }
}
