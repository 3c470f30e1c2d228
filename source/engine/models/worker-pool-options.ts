// What a worker pool model is built from, and what tests and diagnostics may read of it beyond an ExecutionModel.
import type { PoolSliceSink } from '../slices/slice-query.ts';
import type { ExecutionModel } from './execution-model.ts';
import type { GilLock } from './gil-lock.ts';
import type { ThreadSlotsOptions } from './thread-slots.ts';

export type WorkerPoolOptions = {
  /** Worker threads in the pool, 1…64. @default os.availableParallelism() */
  threads?: number;
  /** How long close() lets running tasks finish before it terminates their threads, ms. @default 1000 */
  closeTimeoutMs?: number;
  /** How threads start and stop (for tests and benchmarks). @default {} */
  slots?: ThreadSlotsOptions;
  /** Tasks one thread runs at once on its own event loop (Piscina's `concurrentTasksPerWorker`). @default 1 */
  tasksPerWorker?: number;
  /** Whether the threads take turns under one lock, like CPython's threads (a GIL). @default false */
  gil?: boolean;
  /** Kilobytes each task carries into its thread and back (payload.ts). @default 0 */
  payloadKb?: number;
  /**
   * A task running longer than this fails, and its thread is replaced (with the other tasks it runs, which
   * fail saying why). @default undefined: no bound
   */
  taskTimeoutMs?: number | undefined;
  /** How long a thread may take to import a workload file, ms. @default 10000 */
  loadTimeoutMs?: number | undefined;
  /** Whether the threads record their tasks' slices (each task's outcome then has its slice stats). @default false */
  recordSlices?: boolean;
  /** Where recorded slices go, lane `t1`…`tN`, each time the pool is sampled and once it closed. @default undefined */
  onSlice?: PoolSliceSink | undefined;
};

/** The worker pool model, plus what tests and diagnostics may read about its threads. */
export type WorkerPoolModel = ExecutionModel & {
  /** Worker threads alive now, retiring ones included. */
  readonly liveThreads: number;
  /** Threads that take new tasks, up or starting: the target once a change is applied, unless threads failed to start. */
  readonly activeThreads: number;
  /** The pool's GIL, shared by all its threads (for tests and diagnostics). */
  readonly gil: GilLock;
  /** Switches the GIL on or off without restarting a thread or losing a task. */
  setGil(on: boolean): void;
  /** Slices recorded and lost before they reached `onSlice` (a ring overrun, a terminated thread's last). */
  readonly droppedSlices: number;
};
