import { Piscina } from 'piscina';
import { now } from '../clock.ts';
import { makePayload } from '../payload.ts';
import type { ThreadSliceReader } from '../slices/thread-slice-ring.ts';
import type { TaskInput } from '../types.ts';
import { BoardSampler } from './board-sampler.ts';
import { freeGilOf } from './gil-lock.ts';
import { ResultLostError } from './pending-task.ts';
import { slotPiscinaOptions, ticketsFor } from './piscina-pool.ts';
import {
  cancelTicket,
  createThreadBoard,
  findTicketSlot,
  idle,
  isTicketFinished,
  isTicketStarted,
  isTicketWaiting,
  readSlot,
  releaseSlot,
  resetTicket,
  type SlotReading,
  type ThreadBoard,
} from './thread-board.ts';
import type { SlotEvents, SlotShape, SlotState, TaskStartReading } from './thread-slot-types.ts';
import {
  severalTasksTicket,
  type WorkerPayload,
  type WorkerReady,
  type WorkerResult,
  warmUpTicket,
} from './worker-messages.ts';

const oneTaskPerThread: SlotShape = { tasksPerWorker: 1 };

/**
 * One place in the worker pool: a single-thread Piscina, the thread board its thread shares with the main
 * thread, and the tickets of the tasks handed to it. A slot runs one thread in its whole life; a replacement
 * thread gets a new slot in the same place, so adding or removing a thread never touches the others.
 */
export class ThreadSlot<Task> {
  state: SlotState = 'waiting';
  /** The thread's id once it answered the warm-up; 0 before. */
  threadId = 0;
  /** Tickets this thread holds at most: the tasks it runs at once, and the next. */
  readonly tickets: number;
  readonly board: ThreadBoard;
  /** Busy time over windows; created when the thread is up, so boot time never counts as idle time. */
  sampler: BoardSampler | undefined;
  /** Tasks handed to Piscina, by ticket; a ticket whose task was taken back holds undefined until it returns. */
  readonly tasks: (Task | undefined)[];
  readonly freeTickets: number[];
  /** The ring the thread writes its slices into, while the pool records them. */
  readonly slices: ThreadSliceReader | undefined;
  readonly #events: SlotEvents<Task>;
  readonly #shape: SlotShape;
  #piscina: Piscina<WorkerPayload, WorkerResult | WorkerReady> | undefined;
  #destroyed: Promise<void> | undefined;
  #lastError: unknown;
  // One pair of handlers per ticket, made once: no closure per task.
  readonly #onResult: ((result: WorkerResult) => void)[] = [];
  readonly #onError: ((error: unknown) => void)[] = [];
  readonly #reading: SlotReading = { owner: 0, ticket: idle, startedAt: 0, busy: 0 };
  /** When the timeout's sweep first saw each ticket's task started, where the board cannot say (0: not seen). */
  readonly #seenStartedAt: number[];
  /** Since when the thread was busy, read once its tasks started failing (it died running several). */
  #busySince: TaskStartReading;

  constructor(events: SlotEvents<Task>, shape: SlotShape = oneTaskPerThread) {
    this.#events = events;
    this.#shape = shape;
    this.tickets = ticketsFor(shape.tasksPerWorker);
    this.board = createThreadBoard(1, this.tickets);
    this.tasks = new Array(this.tickets).fill(undefined);
    this.freeTickets = Array.from({ length: this.tickets }, (_, index) => index).reverse();
    this.#seenStartedAt = new Array(this.tickets).fill(0);
    this.slices = shape.slices?.open();
    for (let ticket = 0; ticket < this.tickets; ticket++) {
      this.#onResult.push((result) => this.#settleTicket(ticket, result));
      this.#onError.push((error) => this.#failTicket(ticket, error));
    }
  }

  /**
   * Starts the slot's thread. Throws when the thread cannot be created (e.g. EAGAIN under a process limit),
   * leaving the slot `gone` with nothing behind; a thread that fails later while booting is reported as lost.
   */
  start(): void {
    try {
      const { tasksPerWorker, gil, loadTimeoutMs } = this.#shape;
      const options = slotPiscinaOptions(this.board, { tasksPerWorker, gil: gil?.buffer, loadTimeoutMs });
      if (this.slices) options.workerData.slices = this.slices.ring.buffer;
      const piscina = new Piscina<WorkerPayload, WorkerResult | WorkerReady>(options);
      if (this.slices) this.slices.started = true;
      this.#piscina = piscina;
      // A thread dying between tasks is a pool 'error'; without a listener it would end the process.
      piscina.on('error', (error: unknown) => {
        this.#lastError = error;
      });
      piscina.on('workerDestroy', () => this.#onThreadDestroyed());
      this.state = 'starting';
      const warmUp: WorkerPayload = {
        workload: '',
        input: { id: 0, knobs: {}, context: {} },
        ticket: warmUpTicket,
      };
      piscina.run(warmUp).then(
        (answer) => this.#onWarmUp(answer as WorkerReady),
        (error: unknown) => {
          this.#lastError ??= error;
        },
      );
    } catch (error) {
      // Piscina failed to create the thread inside run(), leaving the warm-up in its queue with no thread and
      // no handle open. Destroying it would reject that warm-up's promise, which nobody holds (an unhandled
      // rejection), so the pool is only dropped.
      this.state = 'gone';
      this.#piscina = undefined;
      this.#destroyed = Promise.resolve();
      throw error;
    }
  }

  /** Tickets handed out and not given back yet. */
  get ticketsOut(): number {
    return this.tickets - this.freeTickets.length;
  }

  /** Threads alive in this slot's Piscina: 1 from start until it is destroyed or its thread died, else 0. */
  get liveThreads(): number {
    return this.#piscina && !this.#destroyed ? this.#piscina.threads.length : 0;
  }

  /** Hands `task` to the thread under a free ticket (the caller checked there is one). Returns the ticket. */
  run(task: Task, workload: string, input: TaskInput): number {
    const ticket = this.freeTickets.pop() as number;
    this.tasks[ticket] = task;
    this.#seenStartedAt[ticket] = 0;
    resetTicket(this.board, ticket);
    (this.#piscina as Piscina<WorkerPayload, WorkerResult>)
      .run(this.#withPayload({ workload, input, ticket }))
      .then(this.#onResult[ticket], this.#onError[ticket]);
    return ticket;
  }

  /** The task's message, with a fresh `--payload` buffer when the pool has one: made per task, as real input is. */
  #withPayload(message: WorkerPayload): WorkerPayload {
    const payload = makePayload(this.#shape.payloadKb ?? 0);
    if (payload) message.payload = payload;
    return message;
  }

  /**
   * Takes back every task `pick` chooses that no thread has started, cancelling its ticket so the thread
   * skips it; pushes them onto `into`. Their tickets come back from Piscina later, with no task.
   */
  takeBackUnstarted(into: Task[], pick: (task: Task) => boolean = () => true): void {
    for (let ticket = 0; ticket < this.tickets; ticket++) {
      const task = this.tasks[ticket];
      if (task !== undefined && pick(task) && cancelTicket(this.board, ticket)) {
        this.tasks[ticket] = undefined;
        into.push(task);
      }
    }
  }

  /**
   * Since when the task under `ticket` has run, as far as the main thread can tell at `at`: the board's start
   * when the thread runs one task at a time, else the first time this was asked after the thread took it.
   * Undefined while the thread has not started it (or no task holds the ticket).
   */
  runningSince(ticket: number, at: number): number | undefined {
    if (this.tasks[ticket] === undefined || !isTicketStarted(this.board, ticket)) return undefined;
    if (readSlot(this.board, 0, this.#reading) && this.#reading.ticket === ticket) {
      return this.#reading.startedAt;
    }
    if (this.#seenStartedAt[ticket] === 0) this.#seenStartedAt[ticket] = at;
    return this.#seenStartedAt[ticket];
  }

  /**
   * Tasks handed to the thread that it has not started yet, leaving out `running`: the ticket a board reading
   * taken just before showed running (its cell may have been read the instant before the thread started it).
   */
  unstarted(running: number = idle): number {
    let count = 0;
    for (let ticket = 0; ticket < this.tickets; ticket++) {
      if (ticket !== running && this.tasks[ticket] !== undefined && isTicketWaiting(this.board, ticket))
        count++;
    }
    return count;
  }

  /** Terminates the thread; a task still running on it is rejected and reported through `error`. */
  destroy(): Promise<void> {
    this.state = 'gone';
    this.#destroyed ??= (this.#piscina?.destroy() ?? Promise.resolve()).then(() => this.#exited());
    return this.#destroyed;
  }

  /** A thread that exited holding the GIL would stop every other thread for good; its last slices can be read. */
  #exited(): void {
    if (this.#shape.gil) freeGilOf(this.#shape.gil, this.threadId);
    if (this.slices) this.slices.exited = true;
  }

  #onWarmUp(answer: WorkerReady): void {
    if (this.state !== 'starting') return;
    this.threadId = answer.threadId;
    this.sampler = new BoardSampler(this.board, now());
    this.state = 'ready';
    this.#events.ready(this);
  }

  /**
   * Piscina removed the thread. When the owner did not ask for it, the thread died (or failed while booting):
   * the slot stops taking tasks at once, before Piscina rejects the task it was running, and the owner hears
   * of it in a microtask, once Piscina is done with its own handling (destroying the pool inside it would
   * wait for an exit that already happened).
   */
  #onThreadDestroyed(): void {
    if (this.#destroyed || this.state === 'gone') return;
    const was = this.state;
    this.state = 'gone';
    queueMicrotask(() => {
      this.#destroyed = this.#piscina?.destroy().then(() => this.#exited());
      this.#events.lost(this, was, this.#lastError ?? new Error('the thread exited'));
    });
  }

  #settleTicket(ticket: number, result: WorkerResult): void {
    const task = this.tasks[ticket];
    this.tasks[ticket] = undefined;
    this.freeTickets.push(ticket);
    this.#events.result(this, task, result);
  }

  #failTicket(ticket: number, error: unknown): void {
    let started: TaskStartReading;
    const task = this.tasks[ticket];
    const boardSlot = findTicketSlot(this.board, ticket);
    if (task !== undefined && isTicketFinished(this.board, ticket)) {
      // It ended on the thread; the thread died before its result was read here.
      error = new ResultLostError(this.threadId, error);
    } else if (boardSlot !== -1 && readSlot(this.board, boardSlot, this.#reading)) {
      started = { startedAt: this.#reading.startedAt, threadId: this.#reading.owner };
      releaseSlot(this.board, boardSlot, now());
    } else if (task !== undefined && isTicketStarted(this.board, ticket)) {
      started = this.#startedAmongSeveral();
    }
    this.tasks[ticket] = undefined;
    this.freeTickets.push(ticket);
    this.#events.error(this, task, started, error);
  }

  /**
   * A task that started on a thread running several at once: the board knows only since when the thread was
   * busy (a bound on the task's start). The first such ticket to fail frees the board's slot.
   */
  #startedAmongSeveral(): TaskStartReading {
    if (this.#busySince) return this.#busySince;
    if (!readSlot(this.board, 0, this.#reading) || this.#reading.owner === 0) return undefined;
    this.#busySince = { startedAt: this.#reading.startedAt, threadId: this.#reading.owner };
    if (this.#reading.ticket === severalTasksTicket) releaseSlot(this.board, 0, now());
    return this.#busySince;
  }
}
