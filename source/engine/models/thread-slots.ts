import { availableParallelism } from 'node:os';
import { createGilLock, type GilLock, setGilOn } from './gil-lock.ts';
import { takeBackForIdle } from './idle-take-back.ts';
import { ticketsFor } from './piscina-pool.ts';
import { pickSlot } from './slot-balancer.ts';
import { ThreadExits } from './thread-exits.ts';
import { ThreadSlot } from './thread-slot.ts';
import type { SlotEvents, SlotShape, SlotState, TaskStartReading } from './thread-slot-types.ts';
import type { SlotsOwner, ThreadSlotsOptions } from './thread-slots-options.ts';
import { describeStartFailure, startFailureNotice } from './thread-start-failure.ts';
import type { WorkerResult } from './worker-messages.ts';

export type { SlotsOwner, ThreadSlotsOptions } from './thread-slots-options.ts';

/**
 * The pool's threads in position order (position i shows as t(i+1)): ready and starting ones first, up to the
 * target, then retiring ones, which go as soon as Piscina gave their tickets back. A change of target only
 * marks what must change; threads start and stop in later turns, a few at a time and within a time budget,
 * so a key press never blocks the loop and fast presses coalesce into the last target.
 */
export class ThreadSlots<Task> implements SlotEvents<Task> {
  readonly #owner: SlotsOwner<Task>;
  readonly #bootsAtOnce: number;
  readonly #turnBudgetMs: number;
  /** Shared by every slot, present and future: the GIL outlives any one thread. */
  readonly #shape: SlotShape & { readonly gil: GilLock };
  readonly #tickets: number;
  readonly #slots: ThreadSlot<Task>[] = [];
  /** Slots out of the list whose threads still have to be terminated or to exit. */
  readonly #exits: ThreadExits;
  #target: number;
  #turn: NodeJS.Immediate | undefined;
  #retry: NodeJS.Timeout | undefined;
  /** Why the last thread that should have started did not; cleared when the target changes. */
  #failure: string | undefined;
  #closed = false;

  constructor(owner: SlotsOwner<Task>, target: number, options: ThreadSlotsOptions = {}) {
    this.#owner = owner;
    this.#target = target;
    this.#bootsAtOnce = options.bootsAtOnce ?? Math.max(1, availableParallelism() - 1);
    this.#turnBudgetMs = options.turnBudgetMs ?? 4;
    // As few threads exiting at once as booting: each takes a core.
    this.#exits = new ThreadExits(this.#bootsAtOnce, () => this.#schedule());
    const tasksPerWorker = options.tasksPerWorker ?? 1;
    this.#shape = {
      tasksPerWorker,
      gil: createGilLock(options.gil ?? false),
      payloadKb: options.payloadKb ?? 0,
      loadTimeoutMs: options.loadTimeoutMs,
      slices: options.slices,
    };
    this.#tickets = ticketsFor(tasksPerWorker);
    this.#reconcile();
  }

  /** The pool's GIL, on or off. */
  get gil(): GilLock {
    return this.#shape.gil;
  }

  /** Switches the GIL on or off for every thread; a thread follows from its next task (off: from its next callback). */
  setGil(on: boolean): void {
    setGilOn(this.#shape.gil, on);
  }

  /** Every slot in position order, retiring ones last. */
  get slots(): readonly ThreadSlot<Task>[] {
    return this.#slots;
  }

  /** Threads alive now, including retiring ones and ones whose termination is under way. */
  get liveThreads(): number {
    let threads = 0;
    for (const slot of this.#slots) threads += slot.liveThreads;
    return threads + this.#exits.liveThreads;
  }

  /** Places that take new tasks once their thread is up (waiting, starting and ready ones, not retiring ones). */
  get activeCount(): number {
    return this.#activeCount();
  }

  /** Why the pool has fewer threads than its target, in one line; undefined when it has them all. */
  get notice(): string | undefined {
    return startFailureNotice(this.#failure, this.#activeCount(), this.#target);
  }

  /** The slot the next task should go to, or undefined when no ready thread has a free ticket. */
  pick(): ThreadSlot<Task> | undefined {
    const index = pickSlot(this.#slots, this.#tickets);
    return index === -1 ? undefined : this.#slots[index];
  }

  /** Asks for `target` threads; applied in a later turn, so calls in a burst cost one change. */
  setTarget(target: number): void {
    if (this.#closed) return;
    this.#target = target;
    // A new target is a new try: a limit that stopped threads before may have gone.
    this.#failure = undefined;
    this.#schedule();
  }

  /** Takes back every task handed to a thread that has not started it (`pick` chooses which). */
  takeBackUnstarted(into: Task[], pick?: (task: Task) => boolean): void {
    for (const slot of this.#slots) slot.takeBackUnstarted(into, pick);
  }

  /** Takes back the tasks queued behind running ones while a thread is idle (idle-take-back.ts). */
  takeBackForIdle(into: Task[]): boolean {
    return takeBackForIdle(this.#slots, this.#tickets, into);
  }

  /**
   * Terminates `slot`'s thread now, with whatever runs on it (Piscina rejects those tickets through `error`),
   * and puts a fresh thread in its place, so t3 stays t3; tasks it had not started go back to the queue. A
   * retiring slot just goes. For a thread stuck in a task (a task timeout).
   */
  replace(slot: ThreadSlot<Task>): void {
    const index = this.#slots.indexOf(slot);
    if (index === -1 || this.#closed) return;
    this.#shape.slices?.name(this.#slots);
    const unstarted: Task[] = [];
    slot.takeBackUnstarted(unstarted);
    // At most one slice runs at a time in a thread: the one its stuck task may be in is cut short, unrecorded.
    if (slot.tasks.some((task) => task !== undefined)) this.#shape.slices?.countDropped(1);
    if (slot.state === 'ready') this.#slots[index] = new ThreadSlot(this, this.#shape);
    else this.#slots.splice(index, 1);
    this.#exits.terminate(slot);
    if (unstarted.length > 0) this.#owner.requeue(unstarted);
    this.#schedule();
  }

  /** Terminates every thread (running tasks are rejected through `error`) and waits until all have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#turn) clearImmediate(this.#turn);
    if (this.#retry) clearTimeout(this.#retry);
    this.#shape.slices?.name(this.#slots);
    const slots = this.#slots.splice(0);
    await Promise.all([...slots.map((slot) => slot.destroy()), this.#exits.close()]);
  }

  result(slot: ThreadSlot<Task>, task: Task | undefined, result: WorkerResult): void {
    this.#ticketBack(slot);
    this.#owner.result(task, result);
  }

  error(slot: ThreadSlot<Task>, task: Task | undefined, started: TaskStartReading, error: unknown): void {
    this.#ticketBack(slot);
    this.#owner.error(task, started, error);
  }

  ready(): void {
    this.#schedule();
    this.#owner.capacity();
  }

  lost(slot: ThreadSlot<Task>, was: SlotState, reason: unknown): void {
    this.#shape.slices?.name(this.#slots);
    const index = this.#slots.indexOf(slot);
    const unstarted: Task[] = [];
    slot.takeBackUnstarted(unstarted);
    if (unstarted.length > 0) this.#owner.requeue(unstarted);
    if (index === -1 || this.#closed) return;
    if (was === 'starting') {
      this.#slots.splice(index, 1);
      this.#startFailed(reason);
    } else if (was === 'ready') {
      // Same place, new thread: t3 stays t3.
      this.#slots[index] = new ThreadSlot(this, this.#shape);
    } else {
      this.#slots.splice(index, 1);
    }
    this.#schedule();
  }

  #activeCount(): number {
    let active = 0;
    while (active < this.#slots.length && (this.#slots[active] as ThreadSlot<Task>).state !== 'retiring') {
      active++;
    }
    return active;
  }

  #ticketBack(slot: ThreadSlot<Task>): void {
    if (slot.state !== 'retiring' || slot.ticketsOut > 0) return;
    this.#shape.slices?.name(this.#slots);
    const index = this.#slots.indexOf(slot);
    if (index !== -1) this.#slots.splice(index, 1);
    this.#exits.queue(slot);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed || this.#turn) return;
    this.#turn = setImmediate(() => {
      this.#turn = undefined;
      this.#reconcile();
    });
  }

  /** One turn: matches the slots to the target, then terminates and starts threads within the budget. */
  #reconcile(): void {
    if (this.#closed) return;
    this.#shape.slices?.name(this.#slots);
    const deadline = performance.now() + this.#turnBudgetMs;
    let active = this.#activeCount();
    while (active < this.#target && this.#failure === undefined) {
      const next = this.#slots[active];
      if (next?.state === 'retiring') {
        next.state = 'ready';
        this.#owner.capacity();
      } else {
        this.#slots.splice(active, 0, new ThreadSlot(this, this.#shape));
      }
      active++;
    }
    while (active > this.#target) this.#retire(this.#slots[--active] as ThreadSlot<Task>);
    this.#exits.terminateQueued(deadline);
    let booting = this.#slots.filter((slot) => slot.state === 'starting').length;
    for (let index = 0; index < this.#slots.length && booting < this.#bootsAtOnce; index++) {
      if (performance.now() >= deadline) break;
      const slot = this.#slots[index] as ThreadSlot<Task>;
      if (slot.state !== 'waiting') continue;
      try {
        slot.start();
        booting++;
      } catch (error) {
        this.#slots.splice(index, 1);
        this.#startFailed(error);
        break;
      }
    }
    const moreToStart = booting < this.#bootsAtOnce && this.#has('waiting');
    if (this.#exits.canTerminateMore || moreToStart) this.#schedule();
  }

  #has(state: SlotState): boolean {
    return this.#slots.some((slot) => slot.state === state);
  }

  /** Takes the thread at the end of the active ones out of service; it goes once its running task is back. */
  #retire(slot: ThreadSlot<Task>): void {
    if (slot.state === 'ready') {
      slot.state = 'retiring';
      const unstarted: Task[] = [];
      slot.takeBackUnstarted(unstarted);
      if (unstarted.length > 0) this.#owner.requeue(unstarted);
      if (slot.ticketsOut > 0) return;
    }
    this.#slots.splice(this.#slots.indexOf(slot), 1);
    if (slot.state === 'waiting') return;
    // A booting thread cut off: its warm-up answer must not make it ready.
    slot.state = 'retiring';
    this.#exits.queue(slot);
  }

  /**
   * A thread could not start: the threads already running stay, the places still waiting are given up (they
   * would fail the same way), and the user is told why. With no thread at all, waiting tasks fail and a
   * start is retried now and then.
   */
  #startFailed(error: unknown): void {
    this.#failure = describeStartFailure(error);
    for (let index = this.#slots.length - 1; index >= 0; index--) {
      if ((this.#slots[index] as ThreadSlot<Task>).state === 'waiting') this.#slots.splice(index, 1);
    }
    if (this.#activeCount() > 0) return;
    this.#owner.noThreads(this.#failure);
    if (!this.#retry) {
      this.#retry = setTimeout(() => {
        this.#retry = undefined;
        if (this.#closed || this.#failure === undefined) return;
        this.#failure = undefined;
        this.#reconcile();
      }, retryMs);
      this.#retry.unref();
    }
  }
}

/** How long a pool with no thread at all waits before it tries to start one again, ms. */
const retryMs = 250;
