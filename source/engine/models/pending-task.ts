import type { TaskInput } from '../types.ts';
import type { RunOptions, TaskCallbacks, TaskOutcome } from './execution-model.ts';

/** A task of the worker pool model from run() or submit() until it settles or is withdrawn. */
export type PendingTask = {
  /** Submit order: tasks handed back by withdrawWaiting come oldest first. */
  order: number;
  workload: string;
  input: TaskInput;
  signal: AbortSignal;
  /** Kept whole: `onStart` and `onSettled` may be methods that need their object. */
  options: RunOptions | TaskCallbacks;
  /** Set for run(); submit() tasks settle through `options.onSettled`, with no promise. */
  resolve: ((outcome: TaskOutcome) => void) | undefined;
  settled: boolean;
  /** Set once onStart was called. */
  startedAt: number | undefined;
  threadId: number | undefined;
};

export function pendingTask(
  order: number,
  workload: string,
  input: TaskInput,
  options: RunOptions | TaskCallbacks,
  resolve: PendingTask['resolve'],
): PendingTask {
  return {
    order,
    workload,
    // A plain copy: the input may be a class instance whose getters structured clone would drop.
    input: { id: input.id, knobs: input.knobs, context: input.context },
    signal: options.signal,
    options,
    resolve,
    settled: false,
    startedAt: undefined,
    threadId: undefined,
  };
}

/** A task that finished on its thread, whose result the thread's death (or termination) kept from the main thread. */
export class ResultLostError extends Error {
  readonly threadId: number;

  constructor(threadId: number, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.threadId = threadId;
  }
}

/** Oldest submitted first. */
export const byOrder = (a: PendingTask, b: PendingTask) => a.order - b.order;

/** Why a task failed when Piscina rejected it: the pool closed, its thread died under it, or it never ran. */
export function rejectedTaskMessage(task: PendingTask, error: unknown, poolClosed: boolean): string {
  if (poolClosed) return 'terminated: the pool closed before the task finished';
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ResultLostError) {
    return `finished on worker thread ${error.threadId}, but the thread died before its result reached the main thread: ${message}`;
  }
  if (task.startedAt !== undefined) return `worker thread ${task.threadId} died: ${message}`;
  return `could not run on the worker pool: ${message}`;
}
