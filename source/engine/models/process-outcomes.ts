// What a pool process's answer about a task becomes: the task's outcome.
import type { TaskOutcome } from './execution-model.ts';
import type { ProcessResult } from './process-messages.ts';

/** A task's answer that ended it: it ran (done, or failed). */
export type EndingResult = Exclude<ProcessResult, { status: 'cancelled' }>;

/**
 * The outcome of a task the process answered, with its slice stats when recorded. A failure without a start
 * (its workload file did not load) keeps the start and process the task had when it was sent (`task`).
 */
export function outcomeOf(
  task: { startedAt?: number; threadId?: number },
  result: EndingResult,
): TaskOutcome {
  const { endedAt, slices, longestSliceMs, sliceMs } = result;
  const outcome: TaskOutcome =
    result.status === 'done'
      ? {
          status: 'done',
          result: result.result,
          startedAt: result.startedAt,
          endedAt,
          threadId: result.usage.pid,
          cpuMs: result.cpuMs,
        }
      : {
          status: 'failed',
          error: result.error,
          startedAt: result.startedAt ?? task.startedAt,
          endedAt,
          threadId: task.threadId,
        };
  return slices === undefined ? outcome : { ...outcome, slices, longestSliceMs, sliceMs };
}
