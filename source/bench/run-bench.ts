import { setTimeout as delay } from 'node:timers/promises';
import { now } from '../engine/clock.ts';
import { Engine, type EngineOptions } from '../engine/engine.ts';
import type { Knobs, MachineInfo, ModelName, ScoreboardRow } from '../engine/types.ts';

export type BenchOptions = Omit<EngineOptions, 'model' | 'paused' | 'sampleIntervalMs'> & {
  workload: string;
  /** Models to run, one after the other, each in a fresh engine. */
  models: readonly ModelName[];
  /** Measured seconds per model. */
  duration: number;
  /** Seconds per model run before measuring starts (threads start, caches warm). @default 1 */
  warmup?: number;
};

export type BenchRow = ScoreboardRow & {
  counts: { submitted: number; done: number; failed: number; cancelled: number };
};

export type BenchResult = {
  workload: string;
  knobs: Knobs;
  mode: 'closed' | 'open';
  concurrency: number;
  rate: number;
  threads: number;
  machine: MachineInfo;
  rows: BenchRow[];
  /** Wall time of the whole bench, seconds, on the monotonic clock. */
  finishedInSeconds: number;
};

/** Runs the same workload under each model in turn and measures each with the engine's own instruments. */
export async function runBench(
  options: BenchOptions,
  onModel?: (model: ModelName) => void,
): Promise<BenchResult> {
  const begunAt = now();
  const rows: BenchRow[] = [];
  let last: ReturnType<Engine['snapshotNow']> | undefined;
  for (const model of options.models) {
    onModel?.(model);
    const engine = new Engine({ ...options, model, sampleIntervalMs: 250 });
    try {
      await engine.start();
      await delay((options.warmup ?? 1) * 1000);
      engine.dispatch({ type: 'resetStatistics' });
      await delay(options.duration * 1000);
      last = engine.snapshotNow();
      const row = last.scoreboard.find(
        (entry) => entry.model === model && entry.workload === options.workload,
      );
      if (row) {
        const { submitted, done, failed, cancelled } = last.tasks.counts;
        rows.push({ ...row, counts: { submitted, done, failed, cancelled } });
      }
    } finally {
      await engine.stop();
    }
  }
  if (!last) throw new Error('bench needs at least one model');
  return {
    workload: options.workload,
    knobs: last.workload.knobs,
    mode: last.scheduler.mode,
    concurrency: last.scheduler.concurrency,
    rate: last.scheduler.rate,
    threads: last.poolThreads,
    machine: last.machine,
    rows,
    finishedInSeconds: (now() - begunAt) / 1000,
  };
}
