import { setTimeout as delay } from 'node:timers/promises';
import { now } from '../engine/clock.ts';
import { Engine, type EngineOptions } from '../engine/engine.ts';
import { configKeyOf, loadKeyOf, threadingOfPool, usesThreads } from '../engine/run-config.ts';
import type {
  Advice,
  HistoryPoint,
  Knobs,
  MachineInfo,
  ModelName,
  RunConfig,
  ScoreboardRow,
  Snapshot,
  StallSample,
} from '../engine/types.ts';
import type { Verdict } from '../engine/verdict.ts';
import {
  addOnCpuTask,
  leastContendedShare,
  noOnCpuSums,
  type OnCpuSums,
  onCpuShareOfSums,
} from '../engine/verdict-on-cpu.ts';
import { type BenchSweep, benchVerdict, runSweep } from './bench-sweep.ts';

export type BenchOptions = Omit<EngineOptions, 'model' | 'paused' | 'sampleIntervalMs'> & {
  workload: string;
  /** Models to run, one after the other, each in a fresh engine. */
  models: readonly ModelName[];
  /** Measured seconds per model. */
  duration: number;
  /** Seconds per model run before measuring starts (threads start, caches warm). @default 1 */
  warmup?: number;
  /**
   * Worker thread counts to sweep after the models, each in a fresh engine, for the speedup curve and the
   * Amdahl fit; an empty list skips the sweep. @default 1, 2, 4 … up to twice the cores (defaultSweepThreads)
   */
  sweep?: { threads: readonly number[] };
  /** Measured seconds per sweep point (each has the warm-up too). @default the bench's `duration` */
  sweepDuration?: number;
};

export type BenchRow = ScoreboardRow & {
  counts: { submitted: number; done: number; failed: number; cancelled: number };
  /** The message of the most recent failed task, when any failed. */
  lastError?: string;
  /**
   * Share of their run time this row's tasks spent on their threads' CPU, 0–1: Σ CPU time ÷ Σ run time of the
   * measured tasks; absent when none was measured.
   */
  onCpuShare?: number;
  /**
   * The loop's stalls while the row was measured: the threshold, how many, and the worst blockers (longest
   * culprit slices first, at most 5); absent when the engine measured none.
   */
  stalls?: BenchStalls;
};

/** A bench row's loop stalls: `Snapshot.stalls` without the recent list. */
export type BenchStalls = Pick<StallSample, 'thresholdMs' | 'worst'> & { total: number };

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
  /** Each model's run over time (charts, advice), in the order of `rows`. */
  courses?: BenchCourse[];
  /** The same share over the measured tasks of every model together, 0–1; absent when none was measured. */
  onCpuShare?: number;
  sweep: BenchSweep;
  /** The one-sentence answer from the facts above. */
  verdict: Verdict;
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

/** One model measured in a fresh engine: its row, the last snapshot, and its tasks' CPU and run time. */
export type Measured = { row: BenchRow; snapshot: Snapshot; onCpu: OnCpuSums; course: BenchCourse };

/**
 * How a model's run went over time, for a report's charts: its windows (warm-up included), when the measuring
 * began, and each piece of advice the first time it showed.
 */
export type BenchCourse = {
  model: ModelName;
  /** Engine clock of the first window. */
  startedAt: number;
  /** Engine clock of the statistics reset that ended the warm-up. */
  measuredFrom: number;
  history: HistoryPoint[];
  advice: Advice[];
};

/**
 * Runs `model` in a fresh engine for the warm-up and `duration` seconds, and reads its row. `threads` overrides
 * the pool size (the sweep). Each counted task's CPU time and run time are summed, so the facts are the tasks' own.
 */
export async function measureModel(
  options: BenchOptions,
  model: ModelName,
  duration: number,
  threads?: number,
): Promise<Measured> {
  const onCpu = noOnCpuSums();
  const { onTaskCounted } = options;
  const engine = new Engine({
    ...options,
    model,
    ...(threads === undefined ? {} : { threads }),
    sampleIntervalMs: 250,
    onTaskCounted: (task, rowKey) => {
      addOnCpuTask(onCpu, task);
      onTaskCounted?.(task, rowKey);
    },
  });
  const advice = new Map<string, Advice>();
  const unsubscribe = engine.subscribe((snapshot) => {
    for (const entry of snapshot.advice ?? []) if (!advice.has(entry.rule)) advice.set(entry.rule, entry);
  });
  try {
    await engine.start();
    const startedAt = engine.snapshotNow().startedAt;
    await delay((options.warmup ?? 1) * 1000);
    const measuredFrom = now();
    engine.dispatch({ type: 'resetStatistics' });
    onCpu.cpuMs = 0;
    onCpu.runMs = 0;
    await delay(duration * 1000);
    const snapshot = engine.snapshotNow();
    // The share on CPU is from the sums of every task counted here, not from the picked row alone.
    const {
      onCpuShare: _rowShare,
      onCpuSums: _rowSums,
      ...row
    } = pickBenchRow(snapshot, model) ?? emptyRow(snapshot, model);
    const { submitted, done, failed, cancelled } = snapshot.tasks.counts;
    const lastError = row.failed > 0 ? lastErrorOf(snapshot) : undefined;
    const onCpuShare = onCpuShareOfSums(onCpu);
    const stalls = stallsOf(snapshot);
    return {
      row: {
        ...row,
        counts: { submitted, done, failed, cancelled },
        ...(lastError ? { lastError } : {}),
        ...(onCpuShare === undefined ? {} : { onCpuShare, onCpuSums: { ...onCpu } }),
        ...(stalls ? { stalls } : {}),
      },
      snapshot,
      onCpu,
      course: { model, startedAt, measuredFrom, history: snapshot.history, advice: [...advice.values()] },
    };
  } finally {
    unsubscribe();
    await engine.stop();
  }
}

/** The stalls since the measuring began (the bench resets the statistics after the warm-up). */
function stallsOf(snapshot: Snapshot): BenchStalls | undefined {
  const stalls = snapshot.stalls;
  if (!stalls) return undefined;
  return {
    thresholdMs: stalls.thresholdMs,
    total: stalls.total ?? stalls.recent.length,
    worst: stalls.worst,
  };
}

/** What the bench reports while it runs: each model, then each sweep point. */
export type BenchProgress = (step: { model: ModelName; threads?: number }) => void;

/**
 * Runs the same workload under each model in turn and measures each with the engine's own instruments, then
 * sweeps the worker pool's thread count, and judges the facts in one sentence (verdict.ts).
 */
export async function runBench(options: BenchOptions, onProgress?: BenchProgress): Promise<BenchResult> {
  const begunAt = now();
  const rows: BenchRow[] = [];
  const courses: BenchCourse[] = [];
  const perModel: OnCpuSums[] = [];
  let last: Snapshot | undefined;
  for (const model of options.models) {
    onProgress?.({ model });
    const measured = await measureModel(options, model, options.duration);
    rows.push(measured.row);
    courses.push(measured.course);
    perModel.push(measured.onCpu);
    last = measured.snapshot;
  }
  if (!last) throw new Error('bench needs at least one model');
  const onCpuShare = leastContendedShare(perModel);
  const sweep = await runSweep(options, rows, last, onCpuShare, onProgress);
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
    courses,
    ...(onCpuShare === undefined ? {} : { onCpuShare }),
    sweep,
    verdict: benchVerdict(rows, sweep, onCpuShare, last),
    finishedInSeconds: (now() - begunAt) / 1000,
  };
}
