// The task timeout every model honours (`--task-timeout`): the lines a timed-out task and its neighbours fail
// with, and the one timer a model uses to find tasks past their bound. One timer per model, never one per task:
// with 10,000 tasks in flight on the loop, 10,000 timers would be 10,000 more objects for every GC to copy.
import { now } from '../clock.ts';

/** "5 s", "1.5 s", "200 ms": a bound in the words a failure line uses. */
export function boundText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Why a task that ran past the bound failed. */
export function timedOutLine(timeoutMs: number): string {
  return `timed out after ${boundText(timeoutMs)}`;
}

/** Why a task failed that shared its thread or process with one that timed out (`member`: "thread", "process"). */
export function replacedLine(member: string, timedOutTaskId: number): string {
  return `its ${member} was replaced after task #${timedOutTaskId} timed out`;
}

/** Whether `timeoutMs` asks for a bound: a positive finite number. */
export function isTaskTimeout(timeoutMs: number | undefined): timeoutMs is number {
  return timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs);
}

/**
 * One timer over all the tasks a model times. `sweep(at)` fails what is past its bound and returns the next
 * moment worth looking again (the earliest deadline left), or undefined when nothing runs. The timer never
 * fires closer than `granularityMs` apart, so tasks expiring together cost one sweep, and never keeps the
 * process alive.
 */
export class TimeoutSweep {
  readonly #sweep: (at: number) => number | undefined;
  readonly #granularityMs: number;
  #timer: NodeJS.Timeout | undefined;
  #firesAt = Number.POSITIVE_INFINITY;
  #stopped = false;

  constructor(timeoutMs: number, sweep: (at: number) => number | undefined) {
    this.#sweep = sweep;
    this.#granularityMs = Math.min(100, Math.max(1, timeoutMs / 20));
  }

  /** Makes sure a sweep runs at `deadline` or soon after; a sweep already due earlier covers it. */
  arm(deadline: number): void {
    if (this.#stopped || this.#firesAt <= deadline) return;
    if (this.#timer) clearTimeout(this.#timer);
    const at = now();
    const delay = Math.max(this.#granularityMs, deadline - at);
    this.#firesAt = at + delay;
    this.#timer = setTimeout(runSweep, delay, this);
    this.#timer.unref();
  }

  /** Runs a sweep now and arms the next one it asks for. */
  fire(): void {
    this.#timer = undefined;
    this.#firesAt = Number.POSITIVE_INFINITY;
    const next = this.#sweep(now());
    if (next !== undefined) this.arm(next);
  }

  /** No sweep after this one (the model closed). */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

// A module-level function, so arming costs no closure.
function runSweep(sweep: TimeoutSweep): void {
  sweep.fire();
}
