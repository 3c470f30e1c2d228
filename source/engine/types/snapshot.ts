// The snapshot: everything the engine publishes on an interval, and the version of its shape.

import type { MachineDetails } from '../metrics/machine-details.ts';
import type { SelfCost } from '../metrics/self-cost.ts';
import type { ModelName } from '../models/model-descriptors.ts';
import type { KnobSpec, Knobs, WorkloadKind } from '../types.ts';
import type { EngineEvent, SchedulerSettings } from './engine-event.ts';
import type { Advice, InspectedTask, LogHistogram, StallSample, TimelineSample } from './insight-samples.ts';
import type { ScoreboardRow } from './scoreboard-row.ts';
import type {
  CpuSample,
  EventLoopSample,
  Freeze,
  HistoryPoint,
  PoolSample,
  ServicesSample,
  TaskSample,
} from './window-samples.ts';

/** One line for the screen: something the user should know, e.g. a switch that failed or a limit that was hit. */
export type Notice = { at: number; level: 'info' | 'warning' | 'error'; message: string };

export type MachineInfo = {
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
  /** Physical cores, clock, governor, free memory: read once after start, off the main thread; absent until then. */
  details?: MachineDetails;
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
