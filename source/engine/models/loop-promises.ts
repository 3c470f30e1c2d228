// How the event-loop model waits for the promise a task returned.
//
// `.then` on the task's promise rather than `await` in an async function: a pending wait keeps about 255 bytes
// alive instead of 463 (the async function's generator, its registers, its own promise and the await's two
// closures), 511 while slices are recorded (V8 then makes a throwaway promise per `await` and calls the init
// hook for it). With 10,000 tasks in flight each young-generation GC copies every byte of it, and those pauses
// are lag. The handlers are two shared functions bound to the ticket of the slot the task awaits in
// (loop-awaiting.ts), which keeps 96 bytes less alive than two closures over the task, and each slot's pair is
// bound once and handed to every task that takes the slot: a pair serves a slot's next task only once its own
// promise settled, or, under a task timeout, once its task timed out, when the slot gets a new ticket and a new
// pair. `Promise.resolve` first, so a foreign thenable is adopted once, never called with our handlers.

import type { TaskCallbacks, TaskOutcome } from './execution-model.ts';
import { AwaitingSlots, slotOf } from './loop-awaiting.ts';
import { LoopTimeouts } from './loop-timeouts.ts';
import { isTaskTimeout, timedOutLine } from './task-timeout.ts';

const promiseThen = Promise.prototype.then;

/** What settles a task once its promise did, or once it timed out: the model. */
export type PromiseSettler = {
  succeed(callbacks: TaskCallbacks, startedAt: number, value: unknown): void;
  fail(callbacks: TaskCallbacks, startedAt: number, error: unknown): void;
  settle(callbacks: TaskCallbacks, outcome: TaskOutcome): void;
};

type Handler = (this: number, settled: unknown) => void;

export class LoopPromises {
  /** Tasks whose promise is pending, by the slot their handlers are bound to. */
  readonly #awaiting = new AwaitingSlots<TaskCallbacks>();
  /** With a task timeout: the awaiting tasks it times, by slot. */
  readonly #timeouts: LoopTimeouts | undefined;
  readonly #fulfilled: Handler;
  readonly #rejected: Handler;
  /** The handlers bound to each slot's ticket, by slot. */
  readonly #fulfilledBySlot: (((value: unknown) => void) | undefined)[] = [];
  readonly #rejectedBySlot: (((error: unknown) => void) | undefined)[] = [];

  /** Tasks are failed past `taskTimeoutMs` when it asks for a bound (task-timeout.ts). */
  constructor(settler: PromiseSettler, taskTimeoutMs?: number) {
    const awaiting = this.#awaiting;
    if (!isTaskTimeout(taskTimeoutMs)) {
      // No slot is ever retired: a ticket is its slot.
      this.#fulfilled = function (this: number, value: unknown): void {
        const startedAt = awaiting.startedAt(this);
        settler.succeed(awaiting.take(this) as TaskCallbacks, startedAt, value);
      };
      this.#rejected = function (this: number, error: unknown): void {
        const startedAt = awaiting.startedAt(this);
        settler.fail(awaiting.take(this) as TaskCallbacks, startedAt, error);
      };
      return;
    }
    this.#timeouts = new LoopTimeouts(taskTimeoutMs, awaiting, (slot, startedAt, at) => {
      const callbacks = this.#retire(slot);
      const error = timedOutLine(taskTimeoutMs);
      settler.settle(callbacks, { status: 'failed', error, startedAt, endedAt: at, threadId: 0 });
    });
    // A ticket that is no longer its slot's belongs to a task that timed out: its late outcome is dropped.
    this.#fulfilled = function (this: number, value: unknown): void {
      const slot = slotOf(this);
      if (awaiting.ticket(slot) !== this) return;
      const startedAt = awaiting.startedAt(slot);
      settler.succeed(awaiting.take(slot) as TaskCallbacks, startedAt, value);
    };
    this.#rejected = function (this: number, error: unknown): void {
      const slot = slotOf(this);
      if (awaiting.ticket(slot) !== this) return;
      const startedAt = awaiting.startedAt(slot);
      settler.fail(awaiting.take(slot) as TaskCallbacks, startedAt, error);
    };
  }

  /** Tasks whose promise is pending. */
  get size(): number {
    return this.#awaiting.size;
  }

  /** Settles the task when `result` does, or fails it once it ran past the task timeout. */
  wait(callbacks: TaskCallbacks, startedAt: number, result: PromiseLike<unknown>): void {
    const awaiting = this.#awaiting;
    const slot = awaiting.add(callbacks, startedAt);
    this.#timeouts?.track(startedAt);
    let fulfilled = this.#fulfilledBySlot[slot];
    let rejected = this.#rejectedBySlot[slot];
    if (fulfilled === undefined || rejected === undefined) {
      const ticket = awaiting.ticket(slot);
      fulfilled = this.#fulfilled.bind(ticket);
      rejected = this.#rejected.bind(ticket);
      this.#fulfilledBySlot[slot] = fulfilled;
      this.#rejectedBySlot[slot] = rejected;
    }
    promiseThen.call(Promise.resolve(result), fulfilled, rejected);
  }

  /** Takes out the task in `slot`, which timed out: the slot's next task gets a new ticket and new handlers. */
  #retire(slot: number): TaskCallbacks {
    this.#fulfilledBySlot[slot] = undefined;
    this.#rejectedBySlot[slot] = undefined;
    return this.#awaiting.retire(slot) as TaskCallbacks;
  }
}
