// The task timeout on the event loop: which awaiting tasks run, and the sweep that fails those past the bound.
// Synchronous code cannot be stopped on the loop, so only a task that returned a promise is timed.
import type { TaskCallbacks, TaskOutcome } from './execution-model.ts';
import { RunningRing } from './running-ring.ts';
import { TimeoutSweep, timedOutLine } from './task-timeout.ts';

/** How often the timeout's sweep runs at least while tasks await, ms: it drops the ended ones from its ring. */
const compactEveryMs = 100;

/**
 * The loop's awaiting tasks under a task timeout. A task is tracked by its sequence number, which its own async
 * frame keeps: no object or closure per task. A task past its bound settles as failed through `settle`, and its
 * late outcome is dropped (`claim` says no).
 */
export class LoopTimeouts {
  readonly #timeoutMs: number;
  readonly #settle: (callbacks: TaskCallbacks, outcome: TaskOutcome) => void;
  /** Awaiting tasks that started and have not settled, in start order. */
  readonly #running = new RunningRing<TaskCallbacks>();
  readonly #sweep: TimeoutSweep;

  constructor(timeoutMs: number, settle: (callbacks: TaskCallbacks, outcome: TaskOutcome) => void) {
    this.#timeoutMs = timeoutMs;
    this.#settle = settle;
    this.#sweep = new TimeoutSweep(timeoutMs, (at) => this.#expire(at));
  }

  /** Times an awaiting task that started at `startedAt`; returns its sequence number for `claim`. */
  track(callbacks: TaskCallbacks, startedAt: number): number {
    const sequence = this.#running.add(callbacks, startedAt);
    this.#sweep.arm(startedAt + this.#timeoutMs);
    return sequence;
  }

  /** Whether awaiting task `sequence` may still settle: false once it timed out (its late outcome is dropped). */
  claim(sequence: number): boolean {
    return this.#running.end(sequence);
  }

  /**
   * Fails every awaiting task past its bound; returns when to look again: the next deadline, but at least every
   * `compactEveryMs` while tasks run, so the ring drops the tasks that ended meanwhile.
   */
  #expire(at: number): number | undefined {
    const error = timedOutLine(this.#timeoutMs);
    const oldest = this.#running.expire(at - this.#timeoutMs, (callbacks, startedAt) =>
      this.#settle(callbacks, { status: 'failed', error, startedAt, endedAt: at, threadId: 0 }),
    );
    return oldest === undefined ? undefined : Math.min(oldest + this.#timeoutMs, at + compactEveryMs);
  }
}
