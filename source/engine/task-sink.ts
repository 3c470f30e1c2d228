// Where every task reports its transitions: the registry counts them, the live window measures them, the
// settling rows score them and the scheduler refills the loop. One object for all tasks, so a task in flight
// keeps no closure of its own alive.

import type { TaskSetup, TaskSink } from './live-task.ts';
import type { Scheduler } from './scheduler.ts';
import type { Settling } from './settling.ts';
import type { TaskRegistry } from './task-registry.ts';
import type { TaskWindow } from './task-window.ts';
import type { Knobs, TaskContext } from './types.ts';
import type { WorkloadHistograms } from './workload-histograms.ts';

/** What the sink reads and feeds. */
export type TaskSinkParts = {
  signal: AbortSignal;
  registry: TaskRegistry;
  window: TaskWindow;
  settling: Settling;
  scheduler: Scheduler;
  /** The knobs and context new tasks run with, read when a task starts. */
  knobs: () => Knobs;
  context: () => TaskContext;
  /** Tasks of an older generation than this (from before the last reset) stay out of the live window. */
  windowFloor: () => number;
  /** Where the loop's slices go, while they are recorded. */
  slices?: TaskSink['slices'];
  /** Counts each finished task's latency for the task detail's histogram. @default none */
  histograms?: WorkloadHistograms;
};

export function createTaskSink(parts: TaskSinkParts): TaskSink {
  const { registry, window, settling } = parts;
  let setup: TaskSetup | undefined;
  const sink: TaskSink = {
    signal: parts.signal,
    setupFor(specifier) {
      const knobs = parts.knobs();
      const context = parts.context();
      if (setup?.specifier !== specifier || setup.knobs !== knobs || setup.context !== context) {
        setup = { sink, specifier, knobs, context };
      }
      return setup;
    },
    started: (task, start) => registry.start(task, start),
    slices: parts.slices,
    settled: (task, outcome) => {
      if (!registry.settle(task, outcome)) return;
      if (task.generation >= parts.windowFloor()) window.record(task);
      settling.taskSettled(task);
      parts.histograms?.taskSettled(task, parts.knobs());
      // A task that ended on this thread (the event loop's) ended just now: its replacement is submitted then.
      parts.scheduler.taskSettled(
        outcome.status !== 'cancelled' && outcome.threadId === 0 ? outcome.endedAt : undefined,
      );
    },
  };
  return sink;
}
