import { availableParallelism } from 'node:os';
import type { ProcessSliceLanes } from '../slices/pool-slice-packed.ts';
import type { ProcessResult, SlicesCarried } from './process-messages.ts';
import { isWaiting } from './process-out-tasks.ts';
import { ProcessSlot, type ProcessSlotEvents } from './process-slot.ts';

/** What the slots need from the model that owns the tasks. */
export type ProcessSlotsOwner<Task> = {
  /** The process running `task` reported its start (before the result, for a task that awaits). */
  started(task: Task, startedAt: number, pid: number): void;
  result(task: Task, result: ProcessResult): void;
  /** The process running `task` died: it fails with `reason`. Called for each task the process ran. */
  died(task: Task, reason: string): void;
  /**
   * Tasks a process held and never started, oldest first, came back without a cancel answer (it died, or
   * was replaced): they go back to be run, as if a cancel had won.
   */
  givenBack(tasks: Task[]): void;
  /** A process became free or ready: queued tasks may go. */
  capacity(): void;
  /** No process runs and none could start: waiting tasks must fail, with `reason`. */
  noProcesses(reason: string): void;
};

/**
 * The pool's processes in position order (position i shows as p(i+1)): active ones up to the target, then
 * retiring ones, which end as soon as their tasks are back. A change of target starts or ends processes in a
 * later turn, a few forks per turn, so a key press never blocks the loop for long (a fork costs the main
 * thread a few ms) and fast presses coalesce into the last target.
 */
export class ProcessSlots<Task> implements ProcessSlotEvents<Task> {
  readonly #owner: ProcessSlotsOwner<Task>;
  readonly #forksPerTurn: number;
  readonly #tasksPerProcess: number;
  readonly #loadTimeoutMs: number | undefined;
  readonly slots: ProcessSlot<Task>[] = [];
  readonly #ending = new Set<Promise<void>>();
  #target: number;
  #turn: NodeJS.Immediate | undefined;
  #closed = false;
  /** Why a process could not start, until the target changes. */
  #failure: string | undefined;
  readonly #slices: ProcessSliceLanes | undefined;

  /** `slices`: where the processes' slices go, while they record them. */
  constructor(
    owner: ProcessSlotsOwner<Task>,
    target: number,
    tasksPerProcess = 1,
    loadTimeoutMs: number | undefined = undefined,
    slices: ProcessSliceLanes | undefined = undefined,
  ) {
    this.#owner = owner;
    this.#slices = slices;
    this.#loadTimeoutMs = loadTimeoutMs;
    this.#target = target;
    this.#tasksPerProcess = tasksPerProcess;
    this.#forksPerTurn = Math.max(1, availableParallelism() - 1);
    this.#reconcile();
  }

  /** Processes alive now, retiring and ending ones included. */
  get liveProcesses(): number {
    return this.slots.length + this.#ending.size;
  }

  /** Why the pool has fewer processes than asked, in one line; undefined when it has them all. */
  get notice(): string | undefined {
    if (this.#failure === undefined) return undefined;
    return `only ${this.#activeCount()} of ${this.#target} processes could start: ${this.#failure}`;
  }

  /** Why no process can take tasks, when none runs and none could start; undefined otherwise. */
  get unavailable(): string | undefined {
    return this.#failure !== undefined && this.#activeCount() === 0 ? this.#failure : undefined;
  }

  /**
   * The ready process with the most free places (the first among equals), so tasks spread over the
   * processes; undefined when none has a free place. A place to hold a task (all the process runs at once are
   * taken) is not given while a process starts: it will soon run the task at once.
   */
  pick(): ProcessSlot<Task> | undefined {
    let best: ProcessSlot<Task> | undefined;
    let starting = false;
    for (const slot of this.slots) {
      const free = slot.free;
      if (free === slot.capacity) return slot;
      if (free > 0 && (best === undefined || free > best.free)) best = slot;
      if (slot.state === 'starting') starting = true;
    }
    if (best && starting && best.free <= best.capacity - best.tasksPerProcess) return undefined;
    return best;
  }

  /**
   * Places to run a task at once sit free on ready processes while others hold tasks behind running ones: a
   * soft cancel goes out for as many held tasks, so each comes back to go there, unless its process is already
   * starting it (process-gate.ts). A process computing answers only once its task ends, and starts the held
   * one then: no move is slower than that.
   */
  /** Whether a process holds a task it has not started (as far as the main thread knows). */
  holdWaiting(): boolean {
    for (const slot of this.slots) for (const out of slot.out.values()) if (isWaiting(out)) return true;
    return false;
  }

  moveHeldToIdle(): void {
    let places = 0;
    for (const slot of this.slots) {
      if (slot.state === 'ready') places += Math.max(0, slot.tasksPerProcess - slot.out.size);
    }
    for (const slot of this.slots) {
      for (const [ticket, out] of slot.out) {
        if (places === 0) return;
        if (!isWaiting(out) || out.cancelling !== undefined) continue;
        slot.cancel(ticket, true);
        places--;
      }
    }
  }

  setTarget(target: number): void {
    if (this.#closed) return;
    this.#target = target;
    this.#failure = undefined;
    this.#schedule();
  }

  /** Ends every process (a running task dies with it) and waits until all have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#turn) clearImmediate(this.#turn);
    this.#slices?.name(this.slots);
    const ending = this.slots.splice(0).map((slot) => slot.destroy());
    await Promise.all([...ending, ...this.#ending]);
  }

  /**
   * Ends `slot`'s process now (killed if it does not exit soon) and forks a fresh one in its place, so p3 stays
   * p3; the caller has settled the tasks it had out. A retiring slot just goes. For a process stuck in a task
   * (a task timeout).
   */
  replace(slot: ProcessSlot<Task>): void {
    const index = this.slots.indexOf(slot);
    if (index === -1 || this.#closed) return;
    this.#slices?.name(this.slots);
    // The slice a stuck task is in dies with its process, unrecorded.
    if (slot.out.size > 0) this.#slices?.countDropped(1);
    slot.out.clear();
    if (slot.state === 'retiring') {
      this.#end(slot);
      return;
    }
    try {
      this.slots[index] = this.#newSlot();
    } catch (error) {
      this.slots.splice(index, 1);
      this.#failure = error instanceof Error ? error.message : String(error);
      if (this.#activeCount() === 0) this.#owner.noProcesses(this.#failure);
    }
    this.#endLater(slot);
  }

  #newSlot(): ProcessSlot<Task> {
    return new ProcessSlot(this, this.#tasksPerProcess, this.#loadTimeoutMs, this.#slices !== undefined);
  }

  slices(slot: ProcessSlot<Task>, carried: SlicesCarried): void {
    this.#slices?.deliver(this.slots, slot, carried);
  }

  ready(): void {
    this.#owner.capacity();
  }

  started(slot: ProcessSlot<Task>, task: Task, startedAt: number): void {
    this.#owner.started(task, startedAt, slot.pid);
  }

  result(slot: ProcessSlot<Task>, task: Task, result: ProcessResult): void {
    if (slot.state === 'retiring' && slot.out.size === 0) this.#end(slot);
    this.#owner.result(task, result);
  }

  died(slot: ProcessSlot<Task>, ran: Task[], heldBack: Task[], reason: string, wasReady: boolean): void {
    for (const task of ran) this.#owner.died(task, reason);
    if (heldBack.length > 0) this.#owner.givenBack(heldBack);
    if (slot.state === 'retiring') {
      this.#end(slot);
    } else if (!wasReady) {
      // It died before it could answer once: a replacement would die the same way, so the place is given up.
      this.#failure = reason.replace(/ while running this task$/, ' while starting');
      this.#end(slot);
      if (this.#activeCount() === 0) this.#owner.noProcesses(this.#failure);
    }
    // Otherwise poolifier's replacement is already starting in the same place: p3 stays p3.
  }

  #activeCount(): number {
    let active = 0;
    for (const slot of this.slots) if (slot.state !== 'retiring') active++;
    return active;
  }

  #end(slot: ProcessSlot<Task>): void {
    this.#slices?.name(this.slots);
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots.splice(index, 1);
    this.#endLater(slot);
  }

  /** Ends a slot already out of the list; it counts as live until its process has exited. */
  #endLater(slot: ProcessSlot<Task>): void {
    const ended = slot.destroy();
    this.#ending.add(ended);
    ended.then(() => this.#ending.delete(ended));
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed || this.#turn) return;
    this.#turn = setImmediate(() => {
      this.#turn = undefined;
      this.#reconcile();
    });
  }

  #reconcile(): void {
    if (this.#closed) return;
    this.#slices?.name(this.slots);
    let active = this.#activeCount();
    // Fewer: the last active ones retire; an idle one ends now, a busy one when its tasks are back.
    for (let index = this.slots.length - 1; index >= 0 && active > this.#target; index--) {
      const slot = this.slots[index] as ProcessSlot<Task>;
      if (slot.state === 'retiring') continue;
      active--;
      if (slot.out.size === 0) this.#end(slot);
      else {
        slot.state = 'retiring';
        // What it holds is better run by a process that stays: a cancel that wins sends it back.
        for (const ticket of slot.out.keys()) slot.cancel(ticket);
        // Retiring ones go last, after the active ones.
        this.slots.splice(index, 1);
        this.slots.push(slot);
      }
    }
    let forks = 0;
    while (active < this.#target && this.#failure === undefined && forks < this.#forksPerTurn) {
      try {
        // Before the retiring ones, so positions stay 1…target.
        this.slots.splice(active, 0, this.#newSlot());
      } catch (error) {
        this.#failure = error instanceof Error ? error.message : String(error);
        if (this.#activeCount() === 0) this.#owner.noProcesses(this.#failure);
        break;
      }
      active++;
      forks++;
    }
    if (active < this.#target && this.#failure === undefined) this.#schedule();
  }
}
