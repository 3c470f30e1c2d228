// Turns one sampling window's measurements into the history point and the immutable snapshot the engine
// publishes. Pure: the engine gathers the parts, this only arranges them.

import { idlePool } from './engine-options.ts';
import type { TaskWindowSample } from './task-window.ts';
import type { CpuSample, EventLoopSample, HistoryPoint, ModelName, PoolSample, Snapshot } from './types.ts';

/** What the worker model measured over the window; undefined before the pool ever started. */
export type ThreadsSample = Omit<PoolSample, 'runTime' | 'waitTime'> | undefined;

/** The pool as the snapshot shows it: thread busy shares with the window's run and wait times of pool tasks. */
export function poolSample(threads: ThreadsSample, tasks: TaskWindowSample): PoolSample {
  return threads ? { ...threads, runTime: tasks.poolRun, waitTime: tasks.poolWait } : idlePool;
}

export type WindowMeasurements = {
  at: number;
  model: ModelName;
  eventLoop: EventLoopSample;
  tasks: TaskWindowSample;
  pool: PoolSample;
  cpu: CpuSample;
  /** Whether tasks from a previous setting were still running in this window. */
  settling: boolean;
};

/** One point of the charts' history: the window's headline numbers. */
export function historyPoint({
  at,
  model,
  eventLoop,
  tasks,
  pool,
  cpu,
  settling,
}: WindowMeasurements): HistoryPoint {
  return {
    at,
    settling,
    model,
    lagP99: eventLoop.lag.p99,
    lagMax: eventLoop.lag.max,
    eventLoopUtilization: eventLoop.utilization,
    throughput: tasks.throughput,
    poolUtilization: pool.utilization,
    processCores: cpu.processCores,
    perCore: cpu.perCore,
  };
}

/** Everything in a snapshot that is not a window measurement: settings, whole-run state and history. */
export type SnapshotState = Pick<
  Snapshot,
  | 'startedAt'
  | 'windowMs'
  | 'workload'
  | 'scheduler'
  | 'poolThreads'
  | 'threading'
  | 'history'
  | 'events'
  | 'lastFreeze'
  | 'scoreboard'
  | 'machine'
  | 'notice'
  | 'services'
> & { taskCounts: Snapshot['tasks']['counts']; recentTasks: Snapshot['tasks']['recent'] };

export function assembleSnapshot(window: WindowMeasurements, state: SnapshotState): Snapshot {
  const { at, model, eventLoop, tasks, pool, cpu } = window;
  const { taskCounts, recentTasks, lastFreeze, notice, ...rest } = state;
  return {
    at,
    ...rest,
    model,
    eventLoop,
    pool,
    tasks: {
      counts: taskCounts,
      throughput: tasks.throughput,
      wait: tasks.wait,
      run: tasks.run,
      total: tasks.total,
      recent: recentTasks,
    },
    cpu,
    ...(lastFreeze ? { lastFreeze } : {}),
    ...(notice ? { notice } : {}),
  };
}
