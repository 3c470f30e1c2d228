// The shapes that cross between the main thread and a pool thread: the payload of each task, what comes back,
// and the thread's `workerData`. Kept apart from worker-entry.ts, which runs only inside a pool thread.
import type { TaskInput } from '../types.ts';

/** What the main thread posts for each task. */
export type WorkerPayload = {
  /** A built-in workload name, or the `file:` URL of a workload file. */
  workload: string;
  input: TaskInput;
  /**
   * The task's ticket on the thread board: its cancel cell, and how the board names it while it runs.
   * `warmUpTicket` asks for no task: the thread only answers that it is up.
   */
  ticket: number;
  /** The `--payload` buffer the task carries in (payload.ts), copied into the thread. */
  payload?: Uint8Array;
};

/** The ticket of the payload a new thread gets first, to start it and learn its threadId. */
export const warmUpTicket = -1;

/** What a task sends back. A task that throws is a result too, so its timing survives. */
export type WorkerResult =
  | {
      status: 'done';
      result: unknown;
      startedAt: number;
      endedAt: number;
      threadId: number;
      /** The thread's CPU time while the task ran, ms; undefined when it shared the thread (task-cpu-clock.ts). */
      cpuMs: number | undefined;
      /** A buffer as large as the task's `--payload`, copied back. */
      payload?: Uint8Array;
      /** The task's slices (thread-slice-tasks.ts), while the pool records them. */
      slices?: number;
      longestSliceMs?: number;
      sliceMs?: number;
    }
  | {
      status: 'failed';
      error: string;
      startedAt?: number;
      endedAt: number;
      threadId: number;
      cpuMs?: number | undefined;
      slices?: number;
      longestSliceMs?: number;
      sliceMs?: number;
    }
  /** The main thread cancelled the task before this thread got to it. */
  | { status: 'cancelled' };

/** The answer to the warm-up payload: the thread is up. */
export type WorkerReady = { status: 'ready'; threadId: number };

/** `workerData` of every pool thread. */
export type WorkerData = {
  board: SharedArrayBuffer;
  /** The pool's GIL (gil-lock.ts), shared by all its threads; absent in a pool that never has one. */
  gil?: SharedArrayBuffer;
  /** Tasks the thread may run at once on its own event loop. */
  tasksPerWorker?: number;
  /** How long importing a workload file may take, ms; absent: the loader's default. */
  loadTimeoutMs?: number;
  /** The thread's slice ring (thread-slice-ring.ts); absent while the pool records no slices. */
  slices?: SharedArrayBuffer;
};

/**
 * The ticket a thread running several tasks at once shows on its board while busy: its busy time is the time it
 * had at least one task, and no single ticket stands for what it runs.
 */
export const severalTasksTicket = -2;
