// What one sampling window measured: the event loop, the pools, the tasks, the CPU and the services.

import type { ModelName } from '../models/model-descriptors.ts';
import type { TaskRecord, TaskState } from './task-record.ts';

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
