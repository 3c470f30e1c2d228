// The CPU time of the thread that runs a task, while the task runs: the numerator of the task's on-CPU share.
// A thread's CPU clock cannot be split between tasks, so a task gets a measurement only when it had the
// thread to itself from start to end; one that overlapped another task on the same thread gets none.

type CpuUsage = { user: number; system: number };

/** `process.threadCpuUsage` (Node ≥ 23.9); absent on older Node, where no task gets a CPU time. */
const threadCpuUsage: (() => CpuUsage) | undefined =
  typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage === 'function'
    ? (process as unknown as { threadCpuUsage: () => CpuUsage }).threadCpuUsage.bind(process)
    : undefined;

/** This thread's CPU time so far (user + system), ms; NaN where Node cannot tell. */
export function threadCpuMs(): number {
  if (!threadCpuUsage) return Number.NaN;
  const usage = threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * Measures the tasks of one thread: `begin()` as a task starts, `end(begun)` as it ends. Numbers only, so a task
 * in flight keeps no object alive for it.
 */
export class TaskCpuClock {
  #running = 0;
  #starts = 0;
  /** `#starts` when the last task that began alone began. */
  #aloneSince = -1;

  /** The thread's CPU time as the task starts, or NaN when another task is running on this thread already. */
  begin(): number {
    this.#starts++;
    if (this.#running++ > 0) return Number.NaN;
    this.#aloneSince = this.#starts;
    return threadCpuMs();
  }

  /**
   * The task's CPU time, ms, given what `begin()` returned; undefined when it shared the thread (another task
   * began before it ended) or Node has no thread CPU clock.
   */
  end(begun: number): number | undefined {
    this.#running--;
    if (Number.isNaN(begun) || this.#starts !== this.#aloneSince) return undefined;
    return Math.max(0, threadCpuMs() - begun);
  }
}
