// The task timeout on the event loop: which awaiting tasks run, and the sweep that finds those past the bound.
// Synchronous code cannot be stopped on the loop, so only a task that returned a promise is timed.
import { RunningRing } from './running-ring.ts';
import { TimeoutSweep } from './task-timeout.ts';

/** How often the timeout's sweep runs at least while tasks await, ms: it drops the ended ones from its ring. */
const compactEveryMs = 100;

/**
 * The loop's awaiting tasks under a task timeout, by the slot each awaits in (loop-awaiting.ts) and in start
 * order: numbers in a ring, no object or closure per task. A task past its bound is handed to `expire` with its
 * start and the sweep's time.
 */
export class LoopTimeouts {
  readonly #timeoutMs: number;
  readonly #expire: (slot: number, startedAt: number, at: number) => void;
  /** Awaiting tasks that started and have not settled, in start order. */
  readonly #running = new RunningRing<number>();
  readonly #sweep: TimeoutSweep;
  /** The time of the sweep under way. */
  #sweptAt = 0;
  readonly #expireOne = (slot: number, startedAt: number): void =>
    this.#expire(slot, startedAt, this.#sweptAt);

  constructor(timeoutMs: number, expire: (slot: number, startedAt: number, at: number) => void) {
    this.#timeoutMs = timeoutMs;
    this.#expire = expire;
    this.#sweep = new TimeoutSweep(timeoutMs, (at) => this.#sweepAt(at));
  }

  /** Times the task awaiting in `slot` that started at `startedAt`; returns its sequence number for `end`. */
  track(slot: number, startedAt: number): number {
    const sequence = this.#running.add(slot, startedAt);
    this.#sweep.arm(startedAt + this.#timeoutMs);
    return sequence;
  }

  /** Stops timing task `sequence`: it settled in time. */
  end(sequence: number): void {
    this.#running.end(sequence);
  }

  /**
   * Expires every awaiting task past its bound; returns when to look again: the next deadline, but at least
   * every `compactEveryMs` while tasks run, so the ring drops the tasks that ended meanwhile.
   */
  #sweepAt(at: number): number | undefined {
    this.#sweptAt = at;
    const oldest = this.#running.expire(at - this.#timeoutMs, this.#expireOne);
    return oldest === undefined ? undefined : Math.min(oldest + this.#timeoutMs, at + compactEveryMs);
  }
}
