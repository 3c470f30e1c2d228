import { availableParallelism } from 'node:os';

export { clampThreads, maxThreads } from './thread-count.ts';

import type {
  Knobs,
  ModelName,
  PoolSample,
  SchedulerMode,
  ServicesSample,
  TaskContext,
  TaskRecord,
  Workload,
} from './types.ts';

/** A workload file the engine may run besides the built-ins: its `file:` URL, which every thread imports. */
export type WorkloadFile = { url: string; workload: Workload };

/** What the engine needs from the services it runs for workloads (the loopback server): see workload-services.ts. */
export type Services = {
  readonly context: TaskContext;
  prepare(workload: Workload): Promise<void>;
  sample(): ServicesSample;
  close(): Promise<void>;
};

export type EngineOptions = {
  /** Built-in workload name. @default 'cpu' */
  workload?: string;
  /** Knob values that override a workload's defaults, for every workload that has a knob of that name. @default {} */
  knobs?: Partial<Knobs>;
  /** @default 'async' */
  model?: ModelName;
  /** `closed` keeps `concurrency` tasks in flight; `open` submits `rate` tasks/s. @default 'closed' */
  mode?: SchedulerMode;
  /** Tasks in flight, closed loop. @default 8 */
  concurrency?: number;
  /** Tasks per second, open loop. @default 100 */
  rate?: number;
  /** Worker pool threads. @default os.availableParallelism() */
  threads?: number;
  /** The worker pool's threads take turns under one lock, like CPython's threads (a GIL); `g` toggles it. @default false */
  gil?: boolean;
  /** Tasks each worker thread runs at once on its own event loop (Piscina's `concurrentTasksPerWorker`). @default 1 */
  tasksPerWorker?: number;
  /** Kilobytes each task carries in and back, copied between threads and processes (payload.ts). @default 0 */
  payloadKb?: number;
  /** How often a snapshot is published, ms. @default 250 */
  sampleIntervalMs?: number;
  /** How much history the charts keep, ms. @default 60000 */
  historyMs?: number;
  /** How many task records a snapshot carries (in flight and most recent). @default 40 */
  recentTasks?: number;
  /** A lag max at least this long is reported as a freeze of the main thread, ms. @default 250 */
  freezeThresholdMs?: number;
  /** A lag probe later than this is a stall, blamed on the tasks that ran meanwhile (`Snapshot.stalls`), ms. @default 20 */
  stallThresholdMs?: number;
  /** Start paused. @default false */
  paused?: boolean;
  /**
   * How long a new measurement waits for the tasks started under the previous setting before it counts anyway
   * (and is marked overlapping), ms. @default 10000
   */
  settlingBoundMs?: number;
  /** How long a notice stays in the snapshots, ms. @default 8000 */
  noticeMs?: number;
  /** How long `stop()` lets running tasks finish before it returns anyway, ms. @default 500 */
  stopTimeoutMs?: number;
  /**
   * A task that has run longer than this from its start (not its submit) fails with "timed out after N s"; in a
   * pool its thread or process is replaced. Undefined or 0: no bound. On the event loop a task stuck in
   * synchronous code cannot be stopped: it shows as a stall, and only an awaiting task can be timed out.
   * @default undefined
   */
  taskTimeoutMs?: number;
  /** How long importing a workload file may take, in every model, before its tasks fail, ms. @default 10000 */
  loadTimeoutMs?: number;
  /**
   * Record every task's slices (each synchronous stretch between awaits) for the timeline lanes, stall blame and
   * task detail. Off (`--no-slices`), no promise hook is set at all. @default true
   */
  recordSlices?: boolean;
  /** Workload files to offer besides the built-ins (after them, in key order); `workload` may name one. @default [] */
  workloadFiles?: readonly WorkloadFile[];
  /** The services workloads need; replaceable to test failures. @default new WorkloadServices() */
  services?: Services;
  /**
   * Called with each task a scoreboard row counts (its record, final) and that row's key: for tests and
   * diagnostics. @default undefined
   */
  onTaskCounted?: (task: TaskRecord, rowKey: string) => void;
};

/** The numeric and mode settings of an engine, defaults filled in. */
export type EngineSettings = Required<
  Omit<
    EngineOptions,
    | 'knobs'
    | 'workload'
    | 'model'
    | 'paused'
    | 'workloadFiles'
    | 'services'
    | 'onTaskCounted'
    | 'taskTimeoutMs'
  >
> & { taskTimeoutMs: number | undefined };

export function engineSettings(options: EngineOptions): EngineSettings {
  return {
    mode: options.mode ?? 'closed',
    concurrency: options.concurrency ?? 8,
    rate: options.rate ?? 100,
    threads: options.threads ?? availableParallelism(),
    gil: options.gil ?? false,
    tasksPerWorker: options.tasksPerWorker ?? 1,
    payloadKb: options.payloadKb ?? 0,
    sampleIntervalMs: options.sampleIntervalMs ?? 250,
    historyMs: options.historyMs ?? 60_000,
    recentTasks: options.recentTasks ?? 40,
    freezeThresholdMs: options.freezeThresholdMs ?? 250,
    stallThresholdMs: options.stallThresholdMs ?? 20,
    settlingBoundMs: options.settlingBoundMs ?? 10_000,
    noticeMs: options.noticeMs ?? 8000,
    stopTimeoutMs: options.stopTimeoutMs ?? 500,
    taskTimeoutMs: options.taskTimeoutMs || undefined,
    loadTimeoutMs: options.loadTimeoutMs ?? 10_000,
    recordSlices: options.recordSlices ?? true,
  };
}

/** What the pool pane shows before the pool first starts. */
export const idlePool: PoolSample = {
  active: false,
  threads: 0,
  busyThreads: 0,
  utilization: 0,
  queueSize: 0,
  perThread: [],
  runTime: { p50: 0, p99: 0, max: 0 },
  waitTime: { p50: 0, p99: 0, max: 0 },
};

/** The rungs `+`/`-` step along: round numbers, each about double the last, up to the open loop's highest rate. */
const loadLadder = [
  1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
  1_000_000,
];

/**
 * `+`/`-` move along a ladder, so 8 → 10000 takes a few presses and each step is a round number. A step up never
 * passes `max`, so the top step lands on the limit itself.
 */
export function stepConcurrency(current: number, delta: number, max = Number.POSITIVE_INFINITY): number {
  let value = Math.min(current, max);
  for (let i = 0; i < Math.abs(delta); i++) {
    value =
      delta > 0
        ? Math.min(max, loadLadder.find((rung) => rung > value) ?? value)
        : (loadLadder.findLast((rung) => rung < value) ?? value);
  }
  return value;
}
