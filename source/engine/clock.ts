import { performance } from 'node:perf_hooks';

// `timeOrigin` is a getter that crosses into C++ on every read, and `now()` is read several times per task: read
// it once (it is fixed for the thread or process).
const origin = performance.timeOrigin;

/**
 * The engine clock: milliseconds, high resolution and monotonic within a thread.
 * `timeOrigin + now()` makes readings from worker threads comparable with the main thread's.
 */
export function now(): number {
  return origin + performance.now();
}
