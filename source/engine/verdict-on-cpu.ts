// The tasks' share of their run time on CPU: CPU time of the thread while a task ran ÷ the task's run time.
//
// A thread's CPU clock moves in ticks: Linux brings a running thread's CPU time up to date only at a scheduler
// tick (4 ms at HZ=250) or a context switch. A task of 2 ms that computes all along reads 0 most of the time and a
// whole tick now and then, so one task's share says little and the median of many is wrong (0 when most read 0).
// The sum over many tasks is right, whatever the tick: a set's share is Σ CPU time ÷ Σ run time.

import type { TaskRecord } from './types.ts';

/** CPU time and run time summed over the measured tasks of a set, ms: their share on CPU is the ratio. */
export type OnCpuSums = { cpuMs: number; runMs: number };

/**
 * A single task's share is shown only when it ran at least this long, ms. The kernel brings a running thread's CPU
 * time up to date at its scheduler tick (4 ms at HZ=250, 10 ms at HZ=100), so one reading can be off by a whole
 * tick: against 20 ms of run time, a tick of 4 ms is within 20 %; against 2 ms, it is anything from 0 to 200 %.
 */
export const perTaskShareMinRunMs = 20;

/** The run time of a done task whose CPU time was measured, ms; undefined when it does not count. */
function measuredRunMs(task: TaskRecord): number | undefined {
  if (task.state !== 'done' || task.cpuMs === undefined) return undefined;
  if (task.startedAt === undefined || task.endedAt === undefined) return undefined;
  const runMs = task.endedAt - task.startedAt;
  return runMs > 0 ? runMs : undefined;
}

/** Empty sums, to add tasks to. */
export function noOnCpuSums(): OnCpuSums {
  return { cpuMs: 0, runMs: 0 };
}

/** Adds a done, measured task to `sums` (in place); any other task leaves them as they were. */
export function addOnCpuTask(sums: OnCpuSums, task: TaskRecord): void {
  const runMs = measuredRunMs(task);
  if (runMs === undefined) return;
  sums.cpuMs += task.cpuMs as number;
  sums.runMs += runMs;
}

/**
 * The share on CPU of the tasks summed, 0–1: Σ CPU time ÷ Σ run time, the ratio clamped (the two clocks differ
 * by their granularity); undefined when no task was measured.
 */
export function onCpuShareOfSums(sums: OnCpuSums | undefined): number | undefined {
  if (!sums || !(sums.runMs > 0)) return undefined;
  return Math.min(1, Math.max(0, sums.cpuMs / sums.runMs));
}

/** The share on CPU of the done, measured tasks among `tasks`; undefined when there is none. */
export function onCpuShareOfTasks(tasks: Iterable<TaskRecord>): number | undefined {
  const sums = noOnCpuSums();
  for (const task of tasks) addOnCpuTask(sums, task);
  return onCpuShareOfSums(sums);
}

/**
 * One done task's share on CPU, 0–1, for the task table: only for a task that ran at least
 * `perTaskShareMinRunMs`, where a tick is small against the run; undefined otherwise or when not measured.
 */
export function onCpuShareOf(task: TaskRecord): number | undefined {
  const runMs = measuredRunMs(task);
  if (runMs === undefined || runMs < perTaskShareMinRunMs) return undefined;
  return Math.min(1, (task.cpuMs as number) / runMs);
}

/** A model's tasks must have run this long together, ms, for its share to count: a few ticks' worth at least. */
export const leastContendedMinRunMs = 200;

/**
 * The share to judge a task by, from one set of sums per model: the highest share of the models whose tasks ran
 * `leastContendedMinRunMs` together. A task's share can only fall where its thread shares a core (more threads than
 * cores, the GIL, a busy neighbour): a computing task reads 25 % on 8 threads over 2 cores and 100 % on the loop,
 * so the sum over every model would judge the configuration rather than the task. Undefined when no model counts.
 */
export function leastContendedShare(perModel: Iterable<OnCpuSums | undefined>): number | undefined {
  let highest: number | undefined;
  for (const sums of perModel) {
    if (!sums || sums.runMs < leastContendedMinRunMs) continue;
    const share = onCpuShareOfSums(sums);
    if (share !== undefined && (highest === undefined || share > highest)) highest = share;
  }
  return highest;
}
