import type { PoolSample, TaskInput, ThreadSample } from '../types.ts';
import { isWaiting } from './process-out-tasks.ts';
import type { ProcessSlot } from './process-slot.ts';

export type ProcessSamplingContext<Task> = {
  at: number;
  windowMs: number;
  /** Tasks waiting in the model's queue. */
  queued: number;
  /** Tasks the model has not settled yet. */
  inFlight: number;
  notice: string | undefined;
  /** Called for a task a process reported started, so its start shows before its result. */
  announceStart: (task: Task, startedAt: number, pid: number) => void;
};

/**
 * The process pool over the window that ends at `at`, one row per process in position order. Busy shares,
 * CPU and RSS are what each process measured and reported (see process-usage.ts); utilization and busy
 * processes cover the same window, as for the worker pool.
 */
export function sampleProcesses<Task extends { input: TaskInput }>(
  slots: readonly ProcessSlot<Task>[],
  { at, windowMs, queued, inFlight, notice, announceStart }: ProcessSamplingContext<Task>,
): Omit<PoolSample, 'runTime' | 'waitTime'> {
  const perThread: ThreadSample[] = [];
  let busy = 0;
  let up = 0;
  for (const slot of slots) {
    const row: ThreadSample = {
      threadId: slot.pid,
      label: perThread.length + 1,
      busyShare: 0,
      pid: slot.pid,
    };
    perThread.push(row);
    if (slot.startMs !== undefined) row.startMs = slot.startMs;
    // The row names the oldest task out; the process has run without a break since the earliest start of
    // those out (an idle process starts a task the moment it arrives, and so does a busy one with a place).
    let runningSince: number | undefined;
    for (const out of slot.out.values()) {
      // A task the process holds at its gate does not run yet.
      if (isWaiting(out)) continue;
      row.taskId ??= out.taskId;
      if (out.startedAt !== undefined) announceStart(out.task, out.startedAt, slot.pid);
      const since = out.startedAt ?? out.sentAt;
      if (runningSince === undefined || since < runningSince) runningSince = since;
    }
    if (slot.state === 'starting' || slot.pid === 0) continue;
    const window = slot.usage.window(at, windowMs, runningSince);
    row.busyShare = window.busyShare;
    if (window.cpuShare !== undefined) row.cpuShare = window.cpuShare;
    if (window.rssBytes !== undefined) row.rssBytes = window.rssBytes;
    busy += window.busyShare;
    up++;
  }
  const sample: Omit<PoolSample, 'runTime' | 'waitTime'> = {
    active: inFlight > 0 || busy > 0,
    threads: perThread.length,
    busyThreads: Math.min(up, Math.round(busy)),
    utilization: up > 0 ? Math.min(1, busy / up) : 0,
    queueSize: queued,
    perThread,
  };
  if (notice !== undefined) sample.notice = notice;
  return sample;
}
