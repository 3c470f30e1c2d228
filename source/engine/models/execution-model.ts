import type { ModelName, PoolSample, TaskInput } from '../types.ts';

/** When and where a task began running. */
export type TaskStart = { startedAt: number; threadId: number };

/** How a task ended. A model never rejects: failures and cancellations are outcomes. */
export type TaskOutcome =
  | {
      status: 'done';
      result: unknown;
      startedAt: number;
      endedAt: number;
      threadId: number;
      /** CPU time of the thread that ran it, while it ran, ms, when measured (task-cpu-clock.ts). */
      cpuMs?: number | undefined;
      /** Its slices on its thread while recorded: how many, the longest and their sum, ms (as in `TaskRecord`). */
      slices?: number;
      longestSliceMs?: number;
      sliceMs?: number;
    }
  | {
      status: 'failed';
      error: string;
      startedAt?: number;
      endedAt: number;
      threadId?: number;
      cpuMs?: number | undefined;
      slices?: number;
      longestSliceMs?: number;
      sliceMs?: number;
    }
  | { status: 'cancelled'; endedAt: number };

export type RunOptions = {
  /** Aborting cancels the task if it has not started; a running task finishes where it is. */
  signal: AbortSignal;
  /**
   * Called once, as soon as the model knows the task is running (at the latest just before it settles). The
   * start is lent for the call: a model may hand every task the same object, so keep its fields, not it.
   */
  onStart(start: TaskStart): void;
};

/** The hot-path form of `RunOptions`: the outcome arrives by callback, so a task costs no extra promise. */
export type TaskCallbacks = RunOptions & {
  /**
   * Called exactly once with the task's outcome, lent for the call as the start is: the event loop settles
   * every finished task with one object (with 10,000 tasks in flight, an object per task is young-generation GC).
   */
  onSettled(outcome: TaskOutcome): void;
};

/** A task handed back by `withdrawWaiting`: not started, not settled, ready to be submitted elsewhere. */
export type WaitingTask = { workload: string; input: TaskInput; callbacks: TaskCallbacks };

/**
 * One way of running tasks: on the main event loop, in a worker pool, later in child processes.
 * Callers know only this interface, so adding a model touches no caller.
 */
export interface ExecutionModel {
  readonly name: ModelName;
  /** Tasks submitted to this model that have not settled yet. */
  readonly inFlight: number;
  /** Runs one task of the named workload (built-in name or `file:` URL); the outcome arrives by callback. */
  submit(workload: string, input: TaskInput, callbacks: TaskCallbacks): void;
  /** `submit` as a promise, for callers that are not on the hot path. */
  run(workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome>;
  /**
   * Samples the threads this model runs tasks on, over the window that ended now. Must not block.
   * Run and wait percentiles are filled in by the engine from task records.
   */
  sampleThreads(windowMs: number): Omit<PoolSample, 'runTime' | 'waitTime'>;
  /**
   * Removes every task that has not started yet and hands it back, oldest first, without settling it: the
   * caller submits it to another model or cancels it. They no longer count in `inFlight`.
   */
  withdrawWaiting(): WaitingTask[];
  /**
   * Set by the engine, for a model that holds tasks where `withdrawWaiting` cannot take them back at once (a
   * child process holds its next task, and answers a cancel later): the model hands here each such task, once
   * it knows it never started. Until then it counts in `inFlight`; if it started, it runs and settles as usual.
   */
  onTakenBack?: ((tasks: WaitingTask[]) => void) | undefined;
  /** Resizes the model's thread count where it has one; a no-op otherwise. */
  setThreads(threads: number): void;
  /** Switches whether the model's threads take turns under one lock, for a model that honours `gil`. */
  setGil?(on: boolean): void;
  /** Slices its threads or processes recorded and lost before they reached `onSlice`, for a pool model. */
  readonly droppedSlices?: number;
  /** Cancels what has not started, waits for running tasks, frees threads and handles. */
  close(): Promise<void>;
}
