// How far throughput follows threads: the speedup curve of a thread sweep, the ideal it is held against, and the
// serial fraction of Amdahl's law fitted to it. Pure functions of measured points.

/** One point of a thread sweep: the pool's thread count and the tasks per second it finished. */
export type SweepPoint = { threads: number; throughput: number };

/** A sweep point against one thread: measured speedup S(n) = X(n) ÷ X(1), and the ideal p(n). */
export type SpeedupPoint = SweepPoint & { speedup: number; ideal: number };

/**
 * The processors `threads` threads can keep busy at once: work on the CPU is bounded by the cores that can run in
 * parallel; work that mostly waits is not (each waiting thread frees its core).
 */
export function parallelProcessors(threads: number, parallelCores: number, onCpu: boolean): number {
  return onCpu ? Math.min(threads, Math.max(1, parallelCores)) : threads;
}

/**
 * The speedup of each point over the one-thread point, with its ideal; empty when the sweep has no one-thread
 * point that finished anything (a speedup needs that base).
 */
export function speedupCurve(
  points: readonly SweepPoint[],
  parallelCores: number,
  onCpu: boolean,
): SpeedupPoint[] {
  const base = points.find((point) => point.threads === 1)?.throughput;
  if (base === undefined || !(base > 0)) return [];
  return [...points]
    .sort((a, b) => a.threads - b.threads)
    .map((point) => ({
      ...point,
      speedup: point.throughput / base,
      ideal: parallelProcessors(point.threads, parallelCores, onCpu),
    }));
}

/**
 * The serial fraction s of Amdahl's law, 1/S = s + (1 − s)/p, fitted by least squares to the points' measured
 * speedups S at p = `ideal` processors. With y = 1/S − 1/p and x = 1 − 1/p the law reads y = s·x, whose least
 * squares slope through the origin is Σxy ÷ Σx². Points at one processor say nothing about s (x = 0).
 * Undefined when no point has more than one processor or a speedup to fit; clamped to [0, 1].
 */
export function fitSerialFraction(
  curve: readonly Pick<SpeedupPoint, 'speedup' | 'ideal'>[],
): number | undefined {
  let xy = 0;
  let xx = 0;
  for (const { speedup, ideal } of curve) {
    if (!(speedup > 0) || !(ideal > 1)) continue;
    const x = 1 - 1 / ideal;
    const y = 1 / speedup - 1 / ideal;
    xy += x * y;
    xx += x * x;
  }
  if (xx === 0) return undefined;
  return Math.min(1, Math.max(0, xy / xx));
}

/** The default sweep: 1, 2, 4, … threads, doubling up to twice the cores that can run in parallel. */
export function defaultSweepThreads(parallelCores: number): number[] {
  const threads: number[] = [];
  for (let count = 1; count <= 2 * Math.max(1, parallelCores); count *= 2) threads.push(count);
  return threads;
}
