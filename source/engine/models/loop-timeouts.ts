// The task timeout on the event loop: the sweep that finds awaiting tasks past the bound. Synchronous code cannot
// be stopped on the loop, so only a task that returned a promise is timed.
import type { AwaitingSlots } from './loop-awaiting.ts';
import { TimeoutSweep } from './task-timeout.ts';

/**
 * The loop's awaiting tasks under a task timeout. Their slots (loop-awaiting.ts) already hold each task's start,
 * so a timed task costs nothing of its own: the sweep walks the slots when the oldest task's bound comes, hands
 * each task past its bound to `expire` with the sweep's time, and looks again at the next oldest's bound. With
 * 10,000 tasks of 50 ms in flight under a 5 s bound, that is one walk of 10,000 slots about every 5 s, where
 * keeping the tasks in start order cost each task a place in a list, and its removal.
 */
export class LoopTimeouts {
  readonly #timeoutMs: number;
  readonly #slots: AwaitingSlots<unknown>;
  readonly #expire: (slot: number, startedAt: number, at: number) => void;
  readonly #sweep: TimeoutSweep;
  /** The time of the sweep under way. */
  #sweptAt = 0;
  readonly #expireOne = (slot: number, startedAt: number): void =>
    this.#expire(slot, startedAt, this.#sweptAt);

  constructor(
    timeoutMs: number,
    slots: AwaitingSlots<unknown>,
    expire: (slot: number, startedAt: number, at: number) => void,
  ) {
    this.#timeoutMs = timeoutMs;
    this.#slots = slots;
    this.#expire = expire;
    this.#sweep = new TimeoutSweep(timeoutMs, (at) => this.#sweepAt(at));
  }

  /** Times a task that started awaiting at `startedAt`: a sweep runs by its bound. */
  track(startedAt: number): void {
    this.#sweep.arm(startedAt + this.#timeoutMs);
  }

  /** Expires every awaiting task past its bound; returns when to look again: the oldest left's bound. */
  #sweepAt(at: number): number | undefined {
    this.#sweptAt = at;
    const oldest = this.#slots.expire(at - this.#timeoutMs, this.#expireOne);
    return oldest === undefined ? undefined : oldest + this.#timeoutMs;
  }
}
