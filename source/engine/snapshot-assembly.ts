// Turns one sampling window's measurements into the history point and the immutable snapshot the engine
// publishes. Pure: the engine gathers the parts, this only arranges them.

import type { ThreadsSample } from './model-set.ts';
import type { TaskWindowSample } from './task-window.ts';
import {
  type CpuSample,
  type EventLoopSample,
  type HistoryPoint,
  type ModelName,
  type PoolSample,
  type Snapshot,
  snapshotSchema,
} from './types.ts';

const zero = { p50: 0, p99: 0, max: 0 };

/** The pools as the snapshot shows them: each pool's busy shares with the window's run and wait times of its tasks. */
export function poolSamples(
  threads: ReadonlyMap<ModelName, ThreadsSample>,
  tasks: TaskWindowSample,
): Snapshot['pools'] {
  const pools: Snapshot['pools'] = {};
  for (const [model, sample] of threads) {
    const times = tasks.pools[model];
    pools[model] = { ...sample, runTime: times?.run ?? zero, waitTime: times?.wait ?? zero };
  }
  return pools;
}

export type WindowMeasurements = {
  at: number;
  model: ModelName;
  eventLoop: EventLoopSample;
  tasks: TaskWindowSample;
  pools: Snapshot['pools'];
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
  pools,
  cpu,
  settling,
}: WindowMeasurements): HistoryPoint {
  // The busiest pool: the current model's, or one still finishing tasks from before a switch.
  const poolUtilization = Math.max(
    0,
    ...Object.values(pools).map((pool) => (pool as PoolSample).utilization),
  );
  return {
    at,
    settling,
    model,
    lagP99: eventLoop.lag.p99,
    lagMax: eventLoop.lag.max,
    eventLoopUtilization: eventLoop.utilization,
    throughput: tasks.throughput,
    poolUtilization,
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
  | 'payloadKb'
  | 'history'
  | 'events'
  | 'lastFreeze'
  | 'scoreboard'
  | 'machine'
  | 'selfCost'
  | 'notice'
  | 'services'
  | 'stalls'
  | 'timeline'
  | 'histograms'
  | 'inspected'
> & { taskCounts: Snapshot['tasks']['counts']; recentTasks: Snapshot['tasks']['recent'] };

export function assembleSnapshot(window: WindowMeasurements, state: SnapshotState): Snapshot {
  const { at, model, eventLoop, tasks, pools, cpu } = window;
  const { taskCounts, recentTasks, lastFreeze, notice, timeline, inspected, ...rest } = state;
  return {
    schema: snapshotSchema,
    at,
    ...rest,
    model,
    eventLoop,
    pools,
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
    ...(timeline ? { timeline } : {}),
    ...(inspected ? { inspected } : {}),
  };
}
