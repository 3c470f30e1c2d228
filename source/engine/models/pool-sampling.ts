import type { PoolSample, TaskInput, ThreadSample } from '../types.ts';
import { type Pool, releaseDeadSlots } from './piscina-pool.ts';
import { idle, type SlotReading } from './thread-board.ts';

export type PoolSamplingContext<Task> = {
  at: number;
  windowMs: number;
  /** Tasks waiting in the model's own queue, not yet handed to a pool. */
  queued: number;
  /** Tasks the model has not settled yet. */
  inFlight: number;
  /** Scratch reading for the thread boards. */
  reading: SlotReading;
  /** Called for a task a board shows started (and for one a dead thread left), so its start is never missed. */
  announceStart: (task: Task, startedAt: number, threadId: number) => void;
};

/**
 * The worker pool over the last window, from the thread boards of every pool alive (the current one and any
 * still draining after a resize): each thread's busy share and task, utilization, and the queue.
 */
export function samplePools<Task extends { input: TaskInput }>(
  pools: readonly Pool<Task>[],
  { at, windowMs, queued, inFlight, reading, announceStart }: PoolSamplingContext<Task>,
): Omit<PoolSample, 'runTime' | 'waitTime'> {
  const perThread: ThreadSample[] = [];
  let threads = 0;
  let busyThreads = 0;
  let busyMs = 0;
  let coveredMs = 0;
  let queueSize = queued;
  for (const pool of pools) {
    releaseDeadSlots(pool, at, reading, announceStart);
    const sample = pool.sampler.sample(at, windowMs);
    coveredMs = Math.max(coveredMs, sample.windowMs);
    threads += pool.draining ? sample.slots.length : pool.threads;
    queueSize += pool.piscina.queueSize;
    for (const slot of sample.slots) {
      const thread: ThreadSample = { threadId: slot.threadId, label: perThread.length + 1, busyShare: 0 };
      if (slot.ticket !== idle) {
        busyThreads++;
        const task = pool.tasks[slot.ticket];
        if (task) {
          announceStart(task, slot.startedAt, slot.threadId);
          thread.taskId = task.input.id;
        }
      }
      thread.busyShare = sample.windowMs > 0 ? Math.min(1, slot.busyMs / sample.windowMs) : 0;
      busyMs += slot.busyMs;
      perThread.push(thread);
    }
  }
  const utilization = threads > 0 && coveredMs > 0 ? Math.min(1, busyMs / (threads * coveredMs)) : 0;
  return { active: inFlight > 0 || busyMs > 0, threads, busyThreads, utilization, queueSize, perThread };
}
