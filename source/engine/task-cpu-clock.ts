// The CPU time of the thread that runs a task, while the task runs: the numerator of the task's on-CPU share.
// A thread's CPU clock cannot be split between tasks, so a task gets a measurement only when it had the
// thread to itself from start to end; one that overlapped another task on the same thread gets none.

type CpuUsage = { user: number; system: number };

/** `process.threadCpuUsage` (Node ≥ 23.9); absent on older Node, where no task gets a CPU time. */
const threadCpuUsage: (() => CpuUsage) | undefined =
  typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage === 'function'
    ? (process as unknown as { threadCpuUsage: () => CpuUsage }).threadCpuUsage.bind(process)
    : undefined;

/**
 * This thread's CPU time so far (user + system), ms; NaN where Node cannot tell.
 *
 * Linux brings a running thread's CPU time up to date only at a scheduler tick (4 ms at HZ=250) or when the thread
 * is switched out, and getrusage(RUSAGE_THREAD) reads it as it stands: alone, it reads a 1.5 ms task as 0 most of
 * the time and a whole tick now and then, and a pool thread that blocks as soon as its task ends loses the task's
 * tail after the last tick (1.5 ms tasks on a worker read 20 % on CPU in all). getrusage(RUSAGE_SELF) first brings
 * the calling thread's time up to date (the kernel's thread_group_cputime), so reading it first makes the thread's
 * clock exact to the microsecond. It costs about 0.7 µs more per reading.
 */
export function threadCpuMs(): number {
  if (!threadCpuUsage) return Number.NaN;
  process.cpuUsage();
  const usage = threadCpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** A task that ran for less than this, ms, makes the next ones sampled rather than all measured. */
export const shortTaskMs = 0.25;
/** After a short task, one task in this many is measured. */
export const shortTaskSampling = 32;

/**
 * Which tasks to measure. Reading the thread's clock costs about 1.1 µs twice per task, about the dispatch of a
 * trivial task on the loop; so after a task shorter than `shortTaskMs` only one in `shortTaskSampling` is measured
 * until a longer one is, which keeps the cost below 1 % of any task's time.
 */
export class CpuSampling {
  #skip = 0;

  /** Whether to measure the task starting now. */
  take(): boolean {
    if (this.#skip === 0) return true;
    this.#skip--;
    return false;
  }

  /** A measured task (or one that could not be) ran for `runMs`. */
  ran(runMs: number): void {
    this.#skip = runMs < shortTaskMs ? shortTaskSampling - 1 : 0;
  }
}

/**
 * Measures the tasks of one thread: `begin()` as a task starts, `end(begun, runMs)` as it ends. Numbers only, so
 * a task in flight keeps no object alive for it.
 */
export class TaskCpuClock {
  readonly #sampling = new CpuSampling();
  #running = 0;
  #starts = 0;
  /** `#starts` when the last measured task began. */
  #measuredSince = -1;

  /** The thread's CPU time as the task starts; NaN when another task is running on this thread, or not sampled. */
  begin(): number {
    this.#starts++;
    if (this.#running++ > 0 || !this.#sampling.take()) return Number.NaN;
    this.#measuredSince = this.#starts;
    return threadCpuMs();
  }

  /**
   * The task's CPU time, ms, given what `begin()` returned and its run time; undefined when it shared the thread
   * (another task began before it ended), was not sampled, or Node has no thread CPU clock.
   */
  end(begun: number, runMs: number): number | undefined {
    this.#running--;
    if (Number.isNaN(begun)) return undefined;
    this.#sampling.ran(runMs);
    if (this.#starts !== this.#measuredSince) return undefined;
    return Math.max(0, threadCpuMs() - begun);
  }
}
