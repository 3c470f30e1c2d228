/** Upper bound on pool threads: past this a 2-64 core machine only pays for thread start and memory. */
export const maxThreads = 64;

/** A pool size the engine accepts: a whole number from 1 to `maxThreads`. */
export function clampThreads(threads: number): number {
  return Math.min(maxThreads, Math.max(1, Math.round(threads)));
}
