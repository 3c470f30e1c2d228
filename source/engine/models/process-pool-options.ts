// What a process pool model is built from, what tests and diagnostics may read of it, and the poolifier options
// of each of its processes.
import { createRequire } from 'node:module';
import type * as Poolifier from 'poolifier';
import type { PoolSliceSink } from '../slices/slice-query.ts';
import type { ExecutionModel } from './execution-model.ts';
import { loadTimeoutEnv, recordSlicesEnv, tasksPerProcessEnv } from './process-messages.ts';

export type ProcessPoolOptions = {
  /** Child processes in the pool, 1…64. @default os.availableParallelism() */
  processes?: number;
  /** Tasks each process runs at once on its own event loop, 1…10,000. @default 1 */
  tasksPerWorker?: number;
  /** Kilobytes each task carries in and back (see payload.ts). @default 0 */
  payloadKb?: number;
  /** How long close() lets running tasks finish before it ends their processes, ms. @default 1000 */
  closeTimeoutMs?: number;
  /**
   * A task running longer than this fails, and its process is replaced (with the other tasks it runs, which
   * fail saying why). @default undefined: no bound
   */
  taskTimeoutMs?: number | undefined;
  /** How long a process may take to import a workload file, ms. @default 10000 */
  loadTimeoutMs?: number | undefined;
  /** Whether the processes record their tasks' slices (each task's outcome then has its slice stats). @default false */
  recordSlices?: boolean;
  /** Where recorded slices go, lane `p1`…`pN`, as the processes' messages bring them. @default undefined */
  onSlice?: PoolSliceSink | undefined;
};

/** The process pool model, plus what tests and diagnostics may read about its processes. */
export type ProcessPoolModel = ExecutionModel & {
  /** Child processes alive now, retiring and ending ones included. */
  readonly liveProcesses: number;
  /** The pids of the processes in the pool now (0 for one still starting). */
  readonly pids: number[];
  /** Slices recorded and lost before they reached `onSlice` (a full batch, a killed process's last). */
  readonly droppedSlices: number;
};

/**
 * The options every process pool of concur-tui uses, and a benchmark comparing with bare poolifier;
 * `loadTimeoutMs` and `tasksPerProcess` (unbounded when not given) reach the process in its environment
 * (process-messages.ts).
 */
export function poolifierOptions(loadTimeoutMs?: number, recordSlices = false, tasksPerProcess?: number) {
  const env: Record<string, string> = {};
  if (tasksPerProcess !== undefined) env[tasksPerProcessEnv] = String(tasksPerProcess);
  if (loadTimeoutMs !== undefined) env[loadTimeoutEnv] = String(loadTimeoutMs);
  if (recordSlices) env[recordSlicesEnv] = '1';
  return {
    ...(Object.keys(env).length === 0 ? {} : { env }),
    enableEvents: false,
    // A process's error is the slot's business. (On exit poolifier forks a replacement all the same; the slot
    // fails the task the dead one had and takes the replacement on: see #exited.)
    restartWorkerOnError: false,
    // Structured clone, so buffers (the payload) and the same values as worker threads cross. No pipes for
    // output: nothing would read them, and a task that prints would block once a pipe filled; nor would a
    // process's output be welcome over the dashboard.
    settings: { serialization: 'advanced' as const, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] },
  };
}

/** A whole number of tasks per process, 1…10,000 (the CLI's own bounds). */
export function tasksPerProcessOf(tasksPerWorker: number | undefined): number {
  if (tasksPerWorker === undefined || !Number.isFinite(tasksPerWorker)) return 1;
  return Math.min(10_000, Math.max(1, Math.floor(tasksPerWorker)));
}

let poolifier: typeof Poolifier | undefined;

/**
 * poolifier's pool, loaded when the first process starts: loading it (and `node:cluster`) took several ms of every
 * start, before the first frame, while a run that never switches to processes needs none of it.
 */
export function fixedClusterPool(): typeof Poolifier.FixedClusterPool {
  poolifier ??= createRequire(import.meta.url)('poolifier') as typeof Poolifier;
  return poolifier.FixedClusterPool;
}
