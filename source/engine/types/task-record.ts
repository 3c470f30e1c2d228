// One task as the engine tracks it, from submission to its end.

import type { ModelName } from '../models/model-descriptors.ts';

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
