import { availableParallelism } from 'node:os';
import { builtinWorkloads, findWorkload } from '../../workloads/index.ts';

export { clampThreads, maxThreads } from './thread-count.ts';

import type { Knobs, ModelName, PoolSample, SchedulerMode, Workload } from './types.ts';

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
  /** How often a snapshot is published, ms. @default 250 */
  sampleIntervalMs?: number;
  /** How much history the charts keep, ms. @default 60000 */
  historyMs?: number;
  /** How many task records a snapshot carries (in flight and most recent). @default 40 */
  recentTasks?: number;
  /** A lag max at least this long is reported as a freeze of the main thread, ms. @default 250 */
  freezeThresholdMs?: number;
  /** Start paused. @default false */
  paused?: boolean;
};

/** The numeric and mode settings of an engine, defaults filled in. */
export type EngineSettings = Required<Omit<EngineOptions, 'knobs' | 'workload' | 'model' | 'paused'>>;

export function engineSettings(options: EngineOptions): EngineSettings {
  return {
    mode: options.mode ?? 'closed',
    concurrency: options.concurrency ?? 8,
    rate: options.rate ?? 100,
    threads: options.threads ?? availableParallelism(),
    sampleIntervalMs: options.sampleIntervalMs ?? 250,
    historyMs: options.historyMs ?? 60_000,
    recentTasks: options.recentTasks ?? 40,
    freezeThresholdMs: options.freezeThresholdMs ?? 250,
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

export function requireWorkload(name: string): Workload {
  const workload = findWorkload(name);
  if (!workload) {
    throw new Error(
      `unknown workload "${name}" (choose from ${builtinWorkloads.map((w) => w.name).join(', ')})`,
    );
  }
  return workload;
}

const concurrencyLadder = [
  1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000,
];

/** `+`/`-` move along a ladder, so 8 → 10000 takes a few presses and each step is a round number. */
export function stepConcurrency(current: number, delta: number): number {
  let value = current;
  for (let i = 0; i < Math.abs(delta); i++) {
    value =
      delta > 0
        ? (concurrencyLadder.find((rung) => rung > value) ?? value)
        : (concurrencyLadder.findLast((rung) => rung < value) ?? value);
  }
  return value;
}
