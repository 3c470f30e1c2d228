// The tasks a process slot has out on its process, and which of them the process holds without running yet.
import { findWorkload } from '../../../workloads/index.ts';
import type { LoopbackContext } from '../loopback/loopback-context.ts';
import type { TaskInput } from '../types.ts';

/**
 * Tasks a slot sends its process past those it runs at once: one, which waits at the process's gate and starts
 * the moment a running task ends (process-gate.ts).
 */
export const heldPerProcess = 1;

/**
 * How long a process's tasks must run, ms, for it to hold a next one. A held task costs the main thread one
 * message more (its start report) and the process two turns of its loop; for tasks much shorter than the main
 * thread's round trip that is a loss (tiny tasks: a fifth of the throughput, measured), and for longer ones the
 * main thread has time to send the next before the process needs it anyway, unless it is busy.
 */
export const holdFromMs = 0.5;

/** A task out on the process: sent, not back yet. */
export type OutTask<Task> = {
  task: Task;
  /** The workload's specifier, as sent. */
  workload: string;
  taskId: number;
  /** When it was sent, ms. */
  sentAt: number;
  /** When the process said it started (from a report or its result), if it did. */
  startedAt: number | undefined;
  /**
   * Sent while the process ran all the tasks it runs at once: it waits at the gate until the process reports
   * its start, and may be taken back until then.
   */
  held: boolean;
  /**
   * The cancel that went out for it (it is held), if one did: its answer says whether it was taken back or
   * had started. A `soft` one also loses to a place being handed to it (process-gate.ts).
   */
  cancelling: 'soft' | 'hard' | undefined;
};

/** Whether the task waits at the process's gate, as far as the main process knows: held, no start seen. */
export function isWaiting(out: OutTask<unknown>): boolean {
  return out.held && out.startedAt === undefined;
}

/**
 * The tasks out on a process that went away, oldest first: those that ran (or may have: a task not held
 * starts as it arrives) and those it held without starting them, which never ran. A held task's start report
 * leaves the process before the task computes, and the main process reads the messages of a process before
 * its exit, so a held task that started is known to have.
 */
export function splitOut<Task>(out: Iterable<OutTask<Task>>): { ran: Task[]; heldBack: Task[] } {
  const ran: Task[] = [];
  const heldBack: Task[] = [];
  for (const each of out) (isWaiting(each) ? heldBack : ran).push(each.task);
  return { ran, heldBack };
}

/**
 * When a task out on a process passes its bound: from the start the process reported, else from when it was
 * sent, plus the load bound for a file the process may still be importing (a task stuck computing reports
 * nothing until it ends, so its start is known only once the process has run that file before; `loaded`).
 * A held task without a start has none: it does not run, and its start report comes before it computes.
 */
export function deadlineOf(
  out: OutTask<unknown>,
  loaded: ReadonlySet<string>,
  taskTimeoutMs: number,
  loadTimeoutMs: number,
): number {
  if (out.startedAt !== undefined) return out.startedAt + taskTimeoutMs;
  if (out.held) return Number.POSITIVE_INFINITY;
  const loading = findWorkload(out.workload) !== undefined || loaded.has(out.workload) ? 0 : loadTimeoutMs;
  return out.sentAt + loading + taskTimeoutMs;
}

/**
 * The task's input as it can cross to a process: memory cannot be shared with another process, so the
 * loopback client's shared counters stay behind and the process counts on its own (process-entry.ts).
 */
export function crossable(input: TaskInput): TaskInput {
  const loopback = input.context.loopback;
  if (!loopback) return input;
  const { counters: _shared, ...rest } = loopback;
  return { ...input, context: { ...input.context, loopback: rest as LoopbackContext } };
}
