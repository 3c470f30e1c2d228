// Shapes shared by the engine, the workloads, the worker entry and the views.
// The engine publishes `Snapshot`s; views read them and nothing else.

/** The execution models a workload can run under. */
export type ModelName = 'async' | 'workers';

export const modelNames: readonly ModelName[] = ['async', 'workers'];

/** What a workload mostly spends its time on. */
export type WorkloadKind = 'cpu' | 'io' | 'blocking' | 'mixed';

/** One tunable number of a workload, e.g. task size or latency. */
export type KnobSpec = {
  /** Flag name and key in `knobs`, e.g. `size` or `latency`. */
  name: string;
  /** One line for `--help` and the help overlay. */
  description: string;
  /** Unit shown next to the value, e.g. `ms` or `iterations`. */
  unit: string;
  default: number;
  min: number;
  max: number;
};

export type Knobs = Record<string, number>;

/** What a task function receives, in every model. Plain data: it crosses to worker threads. */
export type TaskInput = {
  /** Monotonic task id given by the scheduler. */
  id: number;
  knobs: Knobs;
  /** Services the engine started for the run, e.g. the loopback HTTP server's port. */
  context: TaskContext;
};

export type TaskContext = {
  /** Port of the loopback HTTP server on 127.0.0.1, when the workload needs one. */
  httpPort?: number;
};

/**
 * A workload: one file in `workloads/`, default-exported.
 * `run` must run unchanged on the event loop and inside a worker thread, so it may use only its input.
 */
export type Workload = {
  name: string;
  kind: WorkloadKind;
  /** One line: what the workload does and what it shows. */
  description: string;
  knobs: KnobSpec[];
  /** Whether the engine must start the loopback HTTP server for this workload. */
  needsHttpServer?: boolean;
  run(input: TaskInput): Promise<unknown> | unknown;
};

export type TaskState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One task's lifecycle. Times are milliseconds on the engine clock (`now()` in clock.ts). */
export type TaskRecord = {
  id: number;
  state: TaskState;
  model: ModelName;
  /** `0` is the main thread; worker threads carry their `threadId`. Undefined until the task starts. */
  threadId?: number;
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
  /** The failure's message, when `state` is `failed`. */
  error?: string;
};

/** A marker on every chart: something the user or the engine changed. */
export type EngineEvent =
  | { at: number; kind: 'switch'; from: ModelName; to: ModelName }
  | { at: number; kind: 'workload'; from: string; to: string }
  | { at: number; kind: 'pause' | 'resume' | 'reset' };

export type SchedulerMode = 'closed' | 'open';

export type SchedulerSettings = {
  /** `closed` keeps `concurrency` tasks in flight; `open` submits `rate` tasks per second. */
  mode: SchedulerMode;
  concurrency: number;
  /** Tasks per second, for the open loop. */
  rate: number;
  paused: boolean;
};

export type Percentiles = { p50: number; p99: number; max: number };

export type ThreadSample = {
  threadId: number;
  /** Share of the window this thread spent running tasks, 0…1. */
  busyShare: number;
  /** Id of the task it runs now, if any. */
  taskId?: number;
};

export type PoolSample = {
  /** Whether the pool exists and has work (false while the model is async and nothing is draining). */
  active: boolean;
  threads: number;
  busyThreads: number;
  /** Busy thread-time over available thread-time in the window, 0…1. */
  utilization: number;
  queueSize: number;
  perThread: ThreadSample[];
  /** Run and wait times (ms) of the tasks that finished in the window on the pool. */
  runTime: Percentiles;
  waitTime: Percentiles;
};

export type EventLoopSample = {
  /** Lag (ms) in the window, monitor resolution subtracted. */
  lag: Percentiles;
  /** Main thread's event-loop utilization in the window, 0…1. */
  utilization: number;
};

export type TaskCounts = Record<TaskState, number> & { submitted: number };

export type TaskSample = {
  /** Whole-run counts. `done + failed + cancelled + queued + running === submitted`. */
  counts: TaskCounts;
  /** Tasks finished (done or failed) per second over the window. */
  throughput: number;
  /** Latencies (ms) of tasks that finished in the window. */
  wait: Percentiles;
  run: Percentiles;
  total: Percentiles;
  /** In-flight and most recent tasks, newest first (bounded). */
  recent: TaskRecord[];
};

export type CpuSample = {
  /** Busy share per logical core over the window, 0…1. */
  perCore: number[];
  /** CPU time this process used over the window, in cores (1.5 = one and a half cores busy). */
  processCores: number;
  rssBytes: number;
  heapUsedBytes: number;
};

/** One point of the history charts. */
export type HistoryPoint = {
  at: number;
  model: ModelName;
  lagP99: number;
  lagMax: number;
  eventLoopUtilization: number;
  throughput: number;
  poolUtilization: number;
  processCores: number;
  perCore: number[];
};

/** Aggregate of everything one model ran on one workload in this session. */
export type ScoreboardRow = {
  model: ModelName;
  workload: string;
  /** Time this model was the active one, ms. */
  activeMs: number;
  finished: number;
  failed: number;
  throughput: number;
  latencyP50: number;
  latencyP99: number;
  lagP99: number;
  lagMax: number;
  /** Average CPU cores this process used while the model was active. */
  coresUsed: number;
};

/** A freeze of the main thread long enough that the dashboard could not draw. */
export type Freeze = { at: number; durationMs: number };

export type MachineInfo = {
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
};

/** Everything the dashboard draws: an immutable sample of the engine, published on an interval. */
export type Snapshot = {
  at: number;
  startedAt: number;
  /** Window the rates and percentiles cover, ms. */
  windowMs: number;
  workload: { name: string; kind: WorkloadKind; description: string; knobs: Knobs };
  model: ModelName;
  scheduler: SchedulerSettings;
  /** Pool size setting (threads when the pool runs). */
  poolThreads: number;
  eventLoop: EventLoopSample;
  pool: PoolSample;
  tasks: TaskSample;
  cpu: CpuSample;
  /** Oldest first, bounded to about the last 60 s. */
  history: HistoryPoint[];
  /** Oldest first, bounded. */
  events: EngineEvent[];
  /** The most recent freeze, if any. */
  lastFreeze?: Freeze;
  scoreboard: ScoreboardRow[];
  machine: MachineInfo;
};
