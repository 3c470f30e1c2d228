import { performance } from 'node:perf_hooks';

/**
 * The engine clock: milliseconds, high resolution and monotonic within a thread.
 * `timeOrigin + now()` makes readings from worker threads comparable with the main thread's.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
