// The task timeout's scan over a pool's members (threads, processes): which task ran past the bound on which
// member, and which other tasks that member runs (they go down with it). What to do about it (replace the
// member, fail the tasks) stays in each model.
import type { PendingTask } from './pending-task.ts';
import type { OutTask, ProcessSlot } from './process-slot.ts';
import type { ThreadSlot } from './thread-slot.ts';

/** A member whose task ran past the bound: that task, its start, and the other tasks it runs, with theirs. */
export type Expiry<Slot> = {
  slot: Slot;
  task: PendingTask;
  since: number;
  others: { task: PendingTask; since: number }[];
};

/**
 * Looks at every task the threads hold; pushes onto `expired` each thread that ran one past `timeoutMs`.
 * Returns when to look again: the earliest deadline left, or `pollMs` from now while a thread holds a task
 * whose start the main thread has not seen yet; undefined when no thread holds a task.
 */
export function scanThreads(
  slots: readonly ThreadSlot<PendingTask>[],
  at: number,
  timeoutMs: number,
  pollMs: number,
  expired: Expiry<ThreadSlot<PendingTask>>[],
): number | undefined {
  let next: number | undefined;
  for (const slot of slots) {
    const running: { task: PendingTask; since: number }[] = [];
    let expiry: Expiry<ThreadSlot<PendingTask>> | undefined;
    for (let ticket = 0; ticket < slot.tickets; ticket++) {
      const task = slot.tasks[ticket];
      if (task === undefined || task.settled) continue;
      const since = slot.runningSince(ticket, at);
      if (since === undefined) {
        next = earliestOf(next, at + pollMs);
      } else if (expiry === undefined && since + timeoutMs <= at) {
        expiry = { slot, task, since, others: running };
      } else {
        running.push({ task, since });
        next = earliestOf(next, since + timeoutMs);
      }
    }
    if (expiry) expired.push(expiry);
  }
  return next;
}

/**
 * Looks at every task out on the processes; pushes onto `expired` each process that ran one past its deadline
 * (`deadlineOf`). Returns the earliest deadline left, or undefined when no process has a task out.
 */
export function scanProcesses(
  slots: readonly ProcessSlot<PendingTask>[],
  at: number,
  deadlineOf: (slot: ProcessSlot<PendingTask>, out: OutTask<PendingTask>) => number,
  expired: Expiry<ProcessSlot<PendingTask>>[],
): number | undefined {
  let next: number | undefined;
  for (const slot of slots) {
    const running: { task: PendingTask; since: number }[] = [];
    let expiry: Expiry<ProcessSlot<PendingTask>> | undefined;
    for (const out of slot.out.values()) {
      const deadline = deadlineOf(slot, out);
      const since = out.startedAt ?? out.sentAt;
      if (expiry === undefined && deadline <= at) {
        expiry = { slot, task: out.task, since, others: running };
      } else {
        running.push({ task: out.task, since });
        next = earliestOf(next, deadline);
      }
    }
    if (expiry) expired.push(expiry);
  }
  return next;
}

/** The earlier of a next moment to look (if any) and `deadline`. */
export function earliestOf(next: number | undefined, deadline: number): number {
  return next === undefined ? deadline : Math.min(next, deadline);
}
