// Shapes shared by the engine, the workloads, the worker entry and the views.
// The engine publishes `Snapshot`s; views read them and nothing else.
// The workload contract is written here; the snapshot's shapes live in types/, one file per part, and are
// re-exported here so that every importer reads them from one module.

import type { LoopbackContext } from './loopback/loopback-context.ts';

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

export type { EngineEvent, SchedulerMode, SchedulerSettings } from './types/engine-event.ts';
export type {
  Advice,
  AdviceRule,
  InspectedTask,
  LaneName,
  LogHistogram,
  SliceRecord,
  Stall,
  StallCulprit,
  StallSample,
  TimelineLane,
  TimelineSample,
} from './types/insight-samples.ts';
export type { RowPhase, RunConfig, ScoreboardRow } from './types/scoreboard-row.ts';
export { type MachineInfo, type Notice, type Snapshot, snapshotSchema } from './types/snapshot.ts';
export type { TaskRecord, TaskState } from './types/task-record.ts';
export type {
  CpuSample,
  EventLoopSample,
  Freeze,
  HistoryPoint,
  HttpServiceSample,
  Percentiles,
  PoolSample,
  ServicesSample,
  TaskCounts,
  TaskSample,
  ThreadSample,
} from './types/window-samples.ts';
