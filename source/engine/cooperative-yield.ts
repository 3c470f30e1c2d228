// The yield point a task reaches after each chunk of computation: `await input.context.yield()`. It hands the
// thread's event loop back for one turn, so timers, I/O (and on the main thread the dashboard's lag probe) run
// between two chunks. Each yielded task resumes in a loop turn of its own: Node runs every immediate queued
// before a check phase in one go, so one setImmediate per yield would run eight 2 ms chunks back to back and
// hide the very lag the chunking removes.

import { PendingQueue } from './models/pending-queue.ts';

/** The yield helper every model attaches to the task's context. */
export type YieldNow = () => Promise<void>;

const resumes = new PendingQueue<() => void>();
let turnScheduled = false;

function resumeOne(): void {
  turnScheduled = false;
  const resume = resumes.shift();
  if (resumes.size > 0) {
    turnScheduled = true;
    setImmediate(resumeOne);
  }
  resume?.();
}

function enqueue(resume: () => void): void {
  resumes.push(resume);
  if (!turnScheduled) {
    turnScheduled = true;
    setImmediate(resumeOne);
  }
}

/** Resolves in a later turn of this thread's event loop, one yielded task per turn, in yield order. */
export const yieldNow: YieldNow = () => new Promise<void>(enqueue);

/**
 * Gives `context` the yield helper, as a property structured clone and JSON leave out (not enumerable), so the
 * same context object can still be posted to a thread or a process, whose side attaches its own.
 */
export function attachYield(context: object, helper: YieldNow = yieldNow): void {
  if ((context as { yield?: unknown }).yield === helper) return;
  Object.defineProperty(context, 'yield', {
    value: helper,
    enumerable: false,
    configurable: true,
    writable: true,
  });
}

/**
 * The `chunk` knob of the CPU-bound workloads: how long a task computes before it yields to the loop. Shared,
 * so `--chunk` means the same on every workload that has it.
 */
export const chunkKnob = {
  name: 'chunk',
  description: 'Computation between two yields to the loop (0: never yields)',
  unit: 'ms',
  default: 0,
  min: 0,
  max: 10_000,
} as const;

/** The yield helper of `context`, or this thread's own when the context has none (a task called directly). */
export function yieldOf(context: { yield?: YieldNow }): YieldNow {
  return context.yield ?? yieldNow;
}
