// Shapes shared by the engine, the workloads, the worker entry and the views.
// The engine publishes `Snapshot`s; views read them and nothing else.

import type { LoopbackContext } from './loopback/loopback-context.ts';
import type { MachineDetails } from './metrics/machine-details.ts';
import type { SelfCost } from './metrics/self-cost.ts';

import type { ModelName } from './models/model-descriptors.ts';

/** The execution models a workload can run under: the names in the descriptor table (models/model-descriptors.ts). */
export type { ModelName } from './models/model-descriptors.ts';

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
  /** How to reach the loopback HTTP server (port, secret, budget, shared counters), when the workload needs one. */
  loopback?: LoopbackContext;
  /** Yields the task's thread for one loop turn (and, on a GIL thread, the lock if another waits): every model attaches it. */
  yield?: () => Promise<void>;
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
  /**
   * CPU time of the thread that ran the task, while it ran, ms: set on a finished task when it had its thread
   * to itself (or, on the loop, finished without awaiting) and Node has a thread CPU clock.
   */
  cpuMs?: number;
  /**
   * The task's slices (each synchronous stretch on its thread, from a start or resume to an await or the end),
   * while slices are recorded: how many, the longest and their sum, ms. The sum is its time on its thread;
   * run time minus it is time spent awaiting.
   */
  slices?: number;
  longestSliceMs?: number;
  sliceMs?: number;
};

/**
 * A marker on every chart: something the user or the engine changed. Each one but `reset` also begins a new
 * measurement (the scoreboard row settles first; `HistoryPoint.settling` shows for how long).
 */
export type EngineEvent =
  | { at: number; kind: 'switch'; from: ModelName; to: ModelName }
  | { at: number; kind: 'workload'; from: string; to: string }
  /** Concurrency (closed loop) or arrival rate per second (open loop) changed. */
  | { at: number; kind: 'load'; mode: SchedulerMode; from: number; to: number }
  /** The pool's thread count changed. */
  | { at: number; kind: 'threads'; from: number; to: number }
  /** The worker pool's GIL was switched on or off. */
  | { at: number; kind: 'gil'; to: 'on' | 'off' }
  /** The workload file's code was reloaded (a save): new tasks run `version`, started tasks finish on the old. */
  | { at: number; kind: 'reload'; workload: string; file: string; version: number }
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
  /** Node's `threadId`; 0 while the thread is still starting. */
  threadId: number;
  /**
   * Stable position of the thread in the pool, 1…N: `t1` stays `t1` across resizes and replacements. Labels above
   * N are threads being removed that still finish a task.
   */
  label: number;
  /** Share of the window this thread spent running tasks, 0…1. */
  busyShare: number;
  /** Id of the task it runs now, if any. */
  taskId?: number;
  /** For a process of the processes model: its pid (0 while it starts). */
  pid?: number;
  /** For a process: CPU time over the window, in cores (all its threads), as the process measured it. */
  cpuShare?: number;
  /** For a process: its resident set size, bytes, as it last reported. */
  rssBytes?: number;
  /** For a process: how long it took from fork to its first answer, ms. */
  startMs?: number;
};

export type PoolSample = {
  /** Whether the pool exists and has work (false while another model runs and nothing is draining). */
  active: boolean;
  /** Threads listed now: t1…tN (up or starting) plus threads being removed that still finish a task. */
  threads: number;
  /** Threads busy on average over the window (busy thread-time ÷ window, rounded), so it agrees with `utilization`. */
  busyThreads: number;
  /** Busy thread-time over the time threads were up in the window, 0…1. */
  utilization: number;
  /** Tasks not started yet, in the model's queue or handed to a thread, each counted once. */
  queueSize: number;
  perThread: ThreadSample[];
  /** Run and wait times (ms) of the tasks that finished in the window on the pool. */
  runTime: Percentiles;
  waitTime: Percentiles;
  /** Why the pool has fewer threads than asked for (e.g. a process limit), in one line; undefined when it has them all. */
  notice?: string;
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
  /**
   * CPU time this process and its pool's child processes used over the window, in cores (1.5 = one and a
   * half cores busy): the work a model runs in child processes is the run's CPU too.
   */
  processCores: number;
  /** The part of `processCores` the pool's child processes used, as they measured it. @default 0 */
  childProcessCores?: number;
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
  /** Whether the window fell in a settling period (tasks from a previous setting still running). */
  settling: boolean;
};

/**
 * The settings a scoreboard row was measured at. Two rows are compared only when everything but the model
 * (and the model's threads) matches: their `loadKey`s are equal.
 */
export type RunConfig = {
  workload: string;
  model: ModelName;
  mode: SchedulerMode;
  /** Tasks in flight (closed loop) or arrivals per second (open loop). */
  load: number;
  /** Pool size, for models with a pool (threads, or processes); undefined for models without (async). */
  threads?: number;
  /** The threads took turns under one lock (a GIL); set only when true, on models that run on threads. */
  gil?: boolean;
  /** Tasks each thread ran at once; set only when more than 1, on models that run on threads. */
  tasksPerWorker?: number;
  /** Kilobytes each task carried in and back (`--payload`); set only when more than 0. Part of the load key. */
  payloadKb?: number;
  /** The knob values the workload ran with. */
  knobs: Knobs;
  /**
   * The workload file's code version once reloaded (2, then one more per reload); unset for the file as started
   * and for built-ins. Part of the load key, so rows of two versions never average together.
   */
  codeVersion?: number;
};

/**
 * `settling`: the row is current but tasks started under the previous setting are still running, so nothing
 * is counted yet. `measuring`: the row is current and counting. `past`: an earlier configuration.
 */
export type RowPhase = 'settling' | 'measuring' | 'past';

/** Aggregate of everything one configuration ran in this session, counted only while it was current and settled. */
export type ScoreboardRow = {
  /** Identity of the configuration (every field of `config`). */
  key: string;
  /**
   * `key` without the model and its threads: rows with equal `loadKey`s ran the same work (workload, knobs,
   * concurrency or rate) and compare.
   */
  loadKey: string;
  config: RunConfig;
  /** Same as `config.model`. */
  model: ModelName;
  /** Same as `config.workload`. */
  workload: string;
  phase: RowPhase;
  /** While settling: how many tasks from before are still running, and for how long the row has waited. */
  settling?: { tasksFromBefore: number; forMs: number };
  /** The row began counting after the settling bound while tasks from before still ran. */
  overlapping: boolean;
  /** Time this configuration was current and counting, ms. */
  activeMs: number;
  /** Tasks that finished successfully (done). */
  finished: number;
  failed: number;
  /** Tasks done per second; failed tasks never count as throughput. */
  throughput: number;
  /** Tasks failed per second. */
  failureRate: number;
  latencyP50: number;
  latencyP99: number;
  lagP99: number;
  lagMax: number;
  /** Average CPU cores this process used while the configuration counted (the loopback server excluded). */
  coresUsed: number;
  /**
   * Share of their run time the row's done tasks spent on their threads' CPU, 0–1: Σ `TaskRecord.cpuMs` ÷ Σ run
   * time over the tasks that had their CPU time measured (`onCpuSums`); absent when none had.
   */
  onCpuShare?: number;
  /** The sums `onCpuShare` divides, ms, so that rows combine: absent when no task of the row was measured. */
  onCpuSums?: { cpuMs: number; runMs: number };
};

/** One line for the screen: something the user should know, e.g. a switch that failed or a limit that was hit. */
export type Notice = { at: number; level: 'info' | 'warning' | 'error'; message: string };

/** The loopback HTTP service as the engine sees it; undefined fields when the service is not running. */
export type HttpServiceSample = {
  /** Requests with a socket of their own, on the wire now. */
  onWire: number;
  /** Requests waiting for a free socket. */
  waitingForSocket: number;
  /** Most sockets the client side may open in this process (from the descriptor budget). */
  socketBudget: number;
  /** Times the server was restarted after it died. */
  restarts: number;
  /** The last problem the service had, in one line. */
  lastError?: string;
};

/** Services the engine runs for workloads. */
export type ServicesSample = { http?: HttpServiceSample };

/** A freeze of the main thread long enough that the dashboard could not draw. */
export type Freeze = { at: number; durationMs: number };

export type MachineInfo = {
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
  /** Physical cores, clock, governor, free memory: read once after start, off the main thread; absent until then. */
  details?: MachineDetails;
};

/**
 * A thread that runs tasks, as a timeline lane: `main` (the event loop), `t1`…`tN` (worker threads, by label),
 * `p1`…`pN` (child processes, by label).
 */
export type LaneName = string;

/** What one lane ran, binned: per bin, oldest first. */
export type TimelineLane = {
  name: LaneName;
  /** Milliseconds of the bin the lane spent in task slices, 0…`binMs`. */
  busyMs: Float32Array;
  /** Id of the task whose slices covered most of the bin; 0 for none. */
  taskId: Float64Array;
  /** How many slices began in the bin. */
  slices: Uint32Array;
};

/** The timeline lanes: what each thread ran, in fixed bins over the last `bins × binMs`. */
export type TimelineSample = {
  /** Whether slices are being recorded (`--no-slices` turns it off). */
  recording: boolean;
  /** Width of a bin, ms. */
  binMs: number;
  /** Engine-clock end of the newest bin (exclusive): bin i covers `endAt - (bins - i) × binMs` onwards. */
  endAt: number;
  bins: number;
  /** `main` first, then `t1`…, then `p1`…: lanes that exist now or ran a slice in the span. */
  lanes: TimelineLane[];
  /** Slices lost because a thread's buffer filled before the engine read it, since the start. */
  dropped: number;
};

/** One task's slice, as the task detail shows it. */
export type SliceRecord = { lane: LaneName; start: number; lengthMs: number };

/** A task named as a culprit of a stall: one of its slices covered the stall. */
export type StallCulprit = {
  taskId: number;
  workload: string;
  /** Length of the slice, ms: "ran 182 ms without yielding". */
  sliceMs: number;
  /** Which slice of the task it was, 1 for the first (from its start to its first await). */
  sliceNumber: number;
};

/** A stall of the event loop over the threshold, and the tasks whose slices covered it. */
export type Stall = {
  /** When the loop stopped answering (engine clock), and for how long, ms. */
  at: number;
  durationMs: number;
  /** The longest covering slices first, at most 3. Empty when no task slice covered it (the engine's own work, GC). */
  culprits: StallCulprit[];
  /** How many tasks' slices covered it in all. */
  tasks: number;
};

export type StallSample = {
  /** A stall is a lag over this, ms. @default 20 */
  thresholdMs: number;
  /** Stalls of about the last 60 s, oldest first, bounded. */
  recent: Stall[];
  /** The worst blockers since the start (or reset): the longest culprit slices, longest first, at most 5. */
  worst: Stall[];
  /** How many stalls since the start (or reset), `recent` or older. @default recent.length */
  total?: number;
};

/** The rules of live advice (advice/*.ts), each from measured facts. */
export type AdviceRule =
  | 'cpu-on-loop'
  | 'blocking-call'
  | 'waiting-on-threads'
  | 'pool-saturated'
  | 'oversubscribed'
  | 'gc-pressure'
  | 'cpu-contention';

/** Advice that fired: shown in one line of its pane until it has been quiet for its cooldown. */
export type Advice = {
  rule: AdviceRule;
  /** The pane whose line shows it. */
  pane: 'eventLoop' | 'pool' | 'cpu' | 'tasks';
  /** When it first fired in this stretch (engine clock). */
  since: number;
  /** The measured facts that fired it, short: "ELU 99 %, 3 stalls blamed on CPU slices". */
  facts: string;
  /** What it means and what to do, one sentence. */
  message: string;
};

/** A histogram over log-spaced buckets: `counts[i]` values fell at or below `bounds[i]` (and above the previous). */
export type LogHistogram = { bounds: number[]; counts: number[] };

/** The task the user opened in the task detail (action `inspectTask`), as far as the engine still knows it. */
export type InspectedTask = {
  record: TaskRecord;
  /**
   * Set when the engine no longer holds the task's record (it keeps the newest few thousand, which at 100,000
   * tasks a second is a few tens of ms): `record` is the task as the table last showed it, at this time.
   */
  lastSeenAt?: number;
  /** Its slices still in the slice log, oldest first (the log keeps the last few seconds). */
  slices: SliceRecord[];
};

/** Everything the dashboard draws: an immutable sample of the engine, published on an interval. */
/**
 * The version of the snapshot's shape. A source of snapshots (the live engine, a replayed recording, later an
 * attached app) says which it publishes; one whose version is newer than this build's is refused, not misread.
 */
export const snapshotSchema = 1;

export type Snapshot = {
  /** `snapshotSchema` of the source that published it. */
  schema: number;
  at: number;
  startedAt: number;
  /** Window the rates and percentiles cover, ms. */
  windowMs: number;
  workload: {
    name: string;
    kind: WorkloadKind;
    description: string;
    knobs: Knobs;
    /** The workload file's name (`task.js`), for a workload loaded from a file. */
    file?: string;
    /** The workload file's absolute path, for a workload loaded from a file: where `c` reads its code. */
    path?: string;
    /** The workload's knobs as it declares them (unit, range, default, description), for the help. */
    knobSpecs?: readonly KnobSpec[];
    /** The workload file's code version after a reload (2 and up), as in `RunConfig`. */
    codeVersion?: number;
  };
  model: ModelName;
  scheduler: SchedulerSettings;
  /** Pool size setting (threads when the pool runs). */
  poolThreads: number;
  /** How the worker pool runs its threads: under a GIL or not, and tasks per thread (absent: no GIL, one each). */
  threading?: { gil: boolean; tasksPerWorker: number };
  /** Kilobytes each task carries in and back (`--payload`), 0 for none. @default 0 */
  payloadKb?: number;
  eventLoop: EventLoopSample;
  /**
   * One sample per model with a pool (see `ModelDescriptor.pool`), from its first use on: the current model's
   * and any other still finishing tasks started before a switch.
   */
  pools: Partial<Record<ModelName, PoolSample>>;
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
  /** What watching costs: this process's CPU while the workload ran nothing (see metrics/self-cost.ts). */
  selfCost?: SelfCost;
  /** The latest notice for the user, if any (shown for a while, then dropped by the engine). */
  notice?: Notice;
  services: ServicesSample;
  /** The timeline lanes, while slices are recorded. */
  timeline?: TimelineSample;
  /** Loop stalls over the threshold and the tasks blamed for them. */
  stalls?: StallSample;
  /** Live advice that holds now, at most one per pane. */
  advice?: Advice[];
  /** The current workload's distributions since it began: slice lengths and task latency (submit → end), ms. */
  histograms?: { sliceMs: LogHistogram; latencyMs: LogHistogram };
  /** The task opened in the task detail, if any. */
  inspected?: InspectedTask;
};
