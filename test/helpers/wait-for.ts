import { setTimeout as delay } from 'node:timers/promises';

/** Polls `condition` until it holds or the deadline passes; never a fixed sleep. */
export async function waitFor(
  condition: () => boolean,
  { timeoutMs = 10_000, everyMs = 10, what = 'condition' } = {},
) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(everyMs);
  }
}
