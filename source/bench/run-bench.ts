import { setTimeout as delay } from 'node:timers/promises';
import { now } from '../engine/clock.ts';
import { Engine, type EngineOptions } from '../engine/engine.ts';
import { configKeyOf, loadKeyOf, threadingOfPool, usesThreads } from '../engine/run-config.ts';
import type { Knobs, MachineInfo, ModelName, RunConfig, ScoreboardRow, Snapshot } from '../engine/types.ts';

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
  /** The message of the most recent failed task, when any failed. */
  lastError?: string;
};

export type BenchResult = {
  workload: string;
  knobs: Knobs;
  mode: 'closed' | 'open';
  concurrency: number;
  rate: number;
  threads: number;
  machine: MachineInfo;
  /** Measured seconds per model, as asked. */
  duration: number;
  rows: BenchRow[];
  /** Wall time of the whole bench, seconds, on the monotonic clock. */
  finishedInSeconds: number;
};

/** The configuration a bench run of `model` measured, as the engine's snapshot describes it. */
export function benchConfig(snapshot: Snapshot, model: ModelName): RunConfig {
  const { mode, concurrency, rate } = snapshot.scheduler;
  return {
    workload: snapshot.workload.name,
    model,
    mode,
    load: mode === 'closed' ? concurrency : rate,
    ...(usesThreads(model) ? { threads: snapshot.poolThreads } : {}),
    ...threadingOfPool(snapshot.threading, model),
    ...(snapshot.payloadKb ? { payloadKb: snapshot.payloadKb } : {}),
    knobs: snapshot.workload.knobs,
  };
}

/**
 * The row of the configuration the bench ran: the one keyed by that configuration, else the model's current
 * row (the bench changes no setting, so the current row is the configuration it ran).
 */
export function pickBenchRow(snapshot: Snapshot, model: ModelName): ScoreboardRow | undefined {
  const key = configKeyOf(benchConfig(snapshot, model));
  return (
    snapshot.scoreboard.find((row) => row.key === key) ??
    snapshot.scoreboard.find((row) => row.model === model && row.phase !== 'past')
  );
}

function emptyRow(snapshot: Snapshot, model: ModelName): ScoreboardRow {
  const config = benchConfig(snapshot, model);
  return {
    key: configKeyOf(config),
    loadKey: loadKeyOf(config),
    config,
    model,
    workload: config.workload,
    phase: 'measuring',
    overlapping: false,
    activeMs: 0,
    finished: 0,
    failed: 0,
    throughput: 0,
    failureRate: 0,
    latencyP50: 0,
    latencyP99: 0,
    lagP99: 0,
    lagMax: 0,
    coresUsed: 0,
  };
}

function lastErrorOf(snapshot: Snapshot): string | undefined {
  return snapshot.tasks.recent.find((task) => task.state === 'failed' && task.error)?.error;
}

/** Runs the same workload under each model in turn and measures each with the engine's own instruments. */
export async function runBench(
  options: BenchOptions,
  onModel?: (model: ModelName) => void,
): Promise<BenchResult> {
  const begunAt = now();
  const rows: BenchRow[] = [];
  let last: Snapshot | undefined;
  for (const model of options.models) {
    onModel?.(model);
    const engine = new Engine({ ...options, model, sampleIntervalMs: 250 });
    try {
      await engine.start();
      await delay((options.warmup ?? 1) * 1000);
      engine.dispatch({ type: 'resetStatistics' });
      await delay(options.duration * 1000);
      last = engine.snapshotNow();
      const row = pickBenchRow(last, model) ?? emptyRow(last, model);
      const { submitted, done, failed, cancelled } = last.tasks.counts;
      const lastError = row.failed > 0 ? lastErrorOf(last) : undefined;
      rows.push({
        ...row,
        counts: { submitted, done, failed, cancelled },
        ...(lastError ? { lastError } : {}),
      });
    } finally {
      await engine.stop();
    }
  }
  if (!last) throw new Error('bench needs at least one model');
  return {
    workload: last.workload.name,
    knobs: last.workload.knobs,
    mode: last.scheduler.mode,
    concurrency: last.scheduler.concurrency,
    rate: last.scheduler.rate,
    threads: last.poolThreads,
    machine: last.machine,
    duration: options.duration,
    rows,
    finishedInSeconds: (now() - begunAt) / 1000,
  };
}
