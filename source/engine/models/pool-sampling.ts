import type { PoolSample, TaskInput, ThreadSample } from '../types.ts';
import { idle } from './thread-board.ts';
import type { ThreadSlot } from './thread-slot.ts';

export type PoolSamplingContext<Task> = {
  at: number;
  windowMs: number;
  /** Tasks waiting in the model's own queue, not handed to a thread yet. */
  queued: number;
  /** Tasks the model has not settled yet. */
  inFlight: number;
  /** Why the pool has fewer threads than asked, if it has. */
  notice: string | undefined;
  /** Called for a task a board shows started, so its start is never missed. */
  announceStart: (task: Task, startedAt: number, threadId: number) => void;
};

/**
 * The worker pool over the window that ends at `at`, one thread per slot in position order (label = position).
 *
 * Every number covers the same window: a thread's busy share is its busy time over the part of the window it
 * was up; `utilization` is the busy time of all threads over the thread-time they were up; `busyThreads` is
 * the number of threads busy on average over the window (busy time ÷ window, rounded), so it always agrees
 * with utilization (util 1 % never shows beside "busy 2/2"). `queueSize` is the tasks waiting to start now:
 * in the model's queue, or handed to a thread that has not started them.
 */
export function sampleSlots<Task extends { input: TaskInput }>(
  slots: readonly ThreadSlot<Task>[],
  { at, windowMs, queued, inFlight, notice, announceStart }: PoolSamplingContext<Task>,
): Omit<PoolSample, 'runTime' | 'waitTime'> {
  const perThread: ThreadSample[] = [];
  let busyMs = 0;
  let upMs = 0;
  let longestUpMs = 0;
  let threadsUp = 0;
  let waiting = queued;
  for (const slot of slots) {
    const thread: ThreadSample = { threadId: slot.threadId, label: perThread.length + 1, busyShare: 0 };
    perThread.push(thread);
    const sample = slot.sampler?.sample(at, windowMs);
    const board = sample?.slots[0];
    // Read after the board, so a task that starts in between is counted once (as running) or not at all.
    waiting += slot.unstarted(board?.ticket);
    if (!sample || !board) continue;
    threadsUp++;
    upMs += sample.windowMs;
    longestUpMs = Math.max(longestUpMs, sample.windowMs);
    busyMs += board.busyMs;
    thread.busyShare = sample.windowMs > 0 ? Math.min(1, board.busyMs / sample.windowMs) : 0;
    if (board.ticket !== idle) {
      const task = slot.tasks[board.ticket];
      if (task) {
        announceStart(task, board.startedAt, board.threadId);
        thread.taskId = task.input.id;
      }
    }
  }
  const utilization = upMs > 0 ? Math.min(1, busyMs / upMs) : 0;
  const busyThreads = longestUpMs > 0 ? Math.min(threadsUp, Math.round(busyMs / longestUpMs)) : 0;
  const sample: Omit<PoolSample, 'runTime' | 'waitTime'> = {
    active: inFlight > 0 || busyMs > 0,
    threads: perThread.length,
    busyThreads,
    utilization,
    queueSize: waiting,
    perThread,
  };
  if (notice !== undefined) sample.notice = notice;
  return sample;
}
