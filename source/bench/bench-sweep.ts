// The bench's thread sweep: the worker pool measured at each thread count, the speedup curve against the
// ideal, and the Amdahl fit; then the verdict from every fact the bench gathered.

import {
  defaultSweepThreads,
  fitSerialFraction,
  type SpeedupPoint,
  type SweepPoint,
  speedupCurve,
} from '../engine/amdahl-fit.ts';
import { parallelCores as parallelCoresOf } from '../engine/metrics/machine-details.ts';
import type { Snapshot } from '../engine/types.ts';
import { partlyOnCpuShare, type Verdict, verdictOf } from '../engine/verdict.ts';
import { type BenchOptions, type BenchProgress, type BenchRow, measureModel } from './run-bench.ts';

export type BenchSweep = {
  /** Worker thread counts swept, as asked (an empty list: no sweep). */
  threads: number[];
  /** Measured seconds per point. */
  duration: number;
  /** The cores that can run in parallel here. */
  parallelCores: number;
  /** Whether the ideal was bounded by the cores: the tasks were mostly on CPU (or not measured). */
  onCpu: boolean;
  points: SweepPoint[];
  /** Each point against one thread; empty without a one-thread point that finished anything. */
  curve: SpeedupPoint[];
  /** Amdahl's serial fraction fitted to the curve, 0–1; absent when the curve has no point past one processor. */
  serialFraction?: number;
};

/**
 * Measures the worker pool at each thread count of the sweep, in a fresh engine each (a models row of the same
 * thread count is reused: same configuration, already measured).
 */
export async function runSweep(
  options: BenchOptions,
  rows: readonly BenchRow[],
  last: Snapshot,
  onCpuShare: number | undefined,
  onProgress?: BenchProgress,
): Promise<BenchSweep> {
  // Physical (or performance) cores when the machine's details are in: SMT siblings share a core.
  const parallelCores = parallelCoresOf(last.machine).count;
  const threads = [...(options.sweep?.threads ?? defaultSweepThreads(parallelCores))];
  const duration = options.sweepDuration ?? options.duration;
  const points: SweepPoint[] = [];
  for (const count of threads) {
    const measuredRow = rows.find((row) => row.model === 'workers' && row.config.threads === count);
    if (measuredRow) {
      points.push({ threads: count, throughput: measuredRow.throughput });
      continue;
    }
    onProgress?.({ model: 'workers', threads: count });
    const { row } = await measureModel(options, 'workers', duration, count);
    points.push({ threads: count, throughput: row.throughput });
  }
  const onCpu = onCpuShare === undefined || onCpuShare >= partlyOnCpuShare;
  const curve = speedupCurve(points, parallelCores, onCpu);
  const serialFraction = fitSerialFraction(curve);
  return {
    threads,
    duration,
    parallelCores,
    onCpu,
    points,
    curve,
    ...(serialFraction === undefined ? {} : { serialFraction }),
  };
}

/** The verdict from the bench's facts: the models' rows, the on-CPU share, and the sweep. */
export function benchVerdict(
  rows: readonly BenchRow[],
  sweep: BenchSweep,
  onCpuShare: number | undefined,
  last: Snapshot,
): Verdict {
  return verdictOf({
    onCpuShare,
    models: rows
      .filter((row) => row.activeMs > 0)
      .map(({ model, throughput, lagP99 }) => ({ model, throughput, lagP99 })),
    parallelCores: sweep.parallelCores,
    poolThreads: last.poolThreads,
    sweep: { curve: sweep.curve, serialFraction: sweep.serialFraction },
  });
}
