// How the event-loop model waits for the promise a task returned.
//
// `.then` on the task's promise rather than `await` in an async function: a pending wait keeps about 255 bytes
// alive instead of 463 (the async function's generator, its registers, its own promise and the await's two
// closures), 511 while slices are recorded (V8 then makes a throwaway promise per `await` and calls the init
// hook for it). With 10,000 tasks in flight each young-generation GC copies every byte of it, and those pauses
// are lag. Without a task timeout the handlers are two shared functions bound to a slot (loop-awaiting.ts),
// which keeps 96 bytes less alive, and each slot's pair is bound once and handed to every task that takes the
// slot: a slot is freed only by its own handler, when its promise has settled, so a pair never serves two
// pending promises. `Promise.resolve` first, so a foreign thenable is adopted once, never called with our
// handlers.

import type { TaskCallbacks } from './execution-model.ts';
import { AwaitingSlots } from './loop-awaiting.ts';

const promiseThen = Promise.prototype.then;

/** What settles a task once its promise did: the model. */
export type PromiseSettler = {
  succeed(callbacks: TaskCallbacks, startedAt: number, value: unknown): void;
  fail(callbacks: TaskCallbacks, startedAt: number, error: unknown): void;
  /** Whether timed task `sequence` may still settle: false once it timed out (its late outcome is dropped). */
  claim(sequence: number): boolean;
};

export class LoopPromises {
  readonly #settler: PromiseSettler;
  /** Tasks whose promise is pending (without a task timeout), by the slot their handlers are bound to. */
  readonly #awaiting = new AwaitingSlots<TaskCallbacks>();
  readonly #fulfilled: (this: number, value: unknown) => void;
  readonly #rejected: (this: number, error: unknown) => void;
  /** The handlers bound to each slot, by slot. */
  readonly #fulfilledBySlot: ((value: unknown) => void)[] = [];
  readonly #rejectedBySlot: ((error: unknown) => void)[] = [];

  constructor(settler: PromiseSettler) {
    this.#settler = settler;
    const awaiting = this.#awaiting;
    this.#fulfilled = function (this: number, value: unknown): void {
      const startedAt = awaiting.startedAt(this);
      settler.succeed(awaiting.take(this) as TaskCallbacks, startedAt, value);
    };
    this.#rejected = function (this: number, error: unknown): void {
      const startedAt = awaiting.startedAt(this);
      settler.fail(awaiting.take(this) as TaskCallbacks, startedAt, error);
    };
  }

  /** Settles the task when `result` does. */
  wait(callbacks: TaskCallbacks, startedAt: number, result: PromiseLike<unknown>): void {
    const slot = this.#awaiting.add(callbacks, startedAt);
    this.#fulfilledBySlot[slot] ??= this.#fulfilled.bind(slot);
    this.#rejectedBySlot[slot] ??= this.#rejected.bind(slot);
    promiseThen.call(Promise.resolve(result), this.#fulfilledBySlot[slot], this.#rejectedBySlot[slot]);
  }

  /**
   * Settles timed task `sequence` when `result` does, unless it timed out first. Its handlers close over the
   * task, so a task whose promise never settles is collected once it timed out (a slot would keep it).
   */
  waitTimed(
    callbacks: TaskCallbacks,
    startedAt: number,
    result: PromiseLike<unknown>,
    sequence: number,
  ): void {
    const settler = this.#settler;
    promiseThen.call(
      Promise.resolve(result),
      (value: unknown) => {
        if (settler.claim(sequence)) settler.succeed(callbacks, startedAt, value);
      },
      (error: unknown) => {
        if (settler.claim(sequence)) settler.fail(callbacks, startedAt, error);
      },
    );
  }
}
