import { availableParallelism } from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';
import { now } from '../clock.ts';
import { clampThreads } from '../thread-count.ts';
import type { PoolSample, TaskInput } from '../types.ts';
import type {
  ExecutionModel,
  RunOptions,
  TaskCallbacks,
  TaskOutcome,
  WaitingTask,
} from './execution-model.ts';
import { PendingQueue } from './pending-queue.ts';
import { createPool, type Pool, releaseTicketSlot, returnTicket, takeTicket } from './piscina-pool.ts';
import { samplePools } from './pool-sampling.ts';
import { SignalWatch } from './signal-watch.ts';
import { cancelTicket, idle, type SlotReading } from './thread-board.ts';
import type { WorkerResult } from './worker-entry.ts';

export type WorkerPoolOptions = {
  /** Worker threads in the pool, 1…64. @default os.availableParallelism() */
  threads?: number;
  /** How long close() lets running tasks finish before it terminates their threads, ms. @default 1000 */
  closeTimeoutMs?: number;
};

/** The worker pool model, plus what tests and diagnostics may read about its threads. */
export type WorkerPoolModel = ExecutionModel & {
  /** Worker threads alive now, in the current pool and in pools still draining after a resize. */
  readonly liveThreads: number;
};

/** A task from run() until Piscina gives its ticket back (which may be after it settled as cancelled). */
type PendingTask = {
  workload: string;
  input: TaskInput;
  signal: AbortSignal;
  /** Kept whole: `onStart` may be a method that needs its object. */
  options: RunOptions;
  resolve: (outcome: TaskOutcome) => void;
  settled: boolean;
  pool: Pool<PendingTask> | undefined;
  ticket: number;
  /** Set once onStart was called. */
  startedAt: number | undefined;
  threadId: number | undefined;
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Tasks wait in this model's own queue and reach Piscina only when a ticket is free, so Piscina holds at most
 * two per thread. That keeps cancelling cheap and exact: a queued task just leaves the queue, and a task
 * inside Piscina is cancelled through its ticket cell, which the worker checks before it starts the task.
 * Piscina's own abort is never used, because it terminates the thread when the task was already posted to it.
 */
class WorkerPoolExecutionModel implements WorkerPoolModel {
  readonly name = 'workers';
  readonly #closeTimeoutMs: number;
  #inFlight = 0;
  #pool: Pool<PendingTask>;
  /** Every pool not destroyed yet: the current one last, draining ones before it. */
  readonly #pools: Pool<PendingTask>[] = [];
  readonly #retiring = new Set<Promise<void>>();
  readonly #queue = new PendingQueue<PendingTask>();
  readonly #signals = new SignalWatch(() => this.#cancelAborted());
  readonly #reading: SlotReading = { owner: 0, ticket: idle, startedAt: 0, busy: 0 };
  #closed = false;
  #closing: Promise<void> | undefined;
  #onIdle: (() => void) | undefined;

  constructor(threads: number, closeTimeoutMs: number) {
    this.#closeTimeoutMs = closeTimeoutMs;
    this.#pool = this.#createPool(threads);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get liveThreads(): number {
    let threads = 0;
    for (const pool of this.#pools) threads += pool.piscina.threads.length;
    return threads;
  }

  submit(workload: string, input: TaskInput, callbacks: TaskCallbacks): void {
    void this.run(workload, input, callbacks).then((outcome) => callbacks.onSettled(outcome));
  }

  run(workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome> {
    if (this.#closed || options.signal.aborted) {
      return Promise.resolve({ status: 'cancelled', endedAt: now() });
    }
    this.#inFlight++;
    this.#signals.watch(options.signal);
    return new Promise<TaskOutcome>((resolve) => {
      const task: PendingTask = {
        workload,
        // A plain copy: the input may be a class instance whose getters structured clone would drop.
        input: { id: input.id, knobs: input.knobs, context: input.context },
        signal: options.signal,
        options,
        resolve,
        settled: false,
        pool: undefined,
        ticket: idle,
        startedAt: undefined,
        threadId: undefined,
      };
      if (this.#queue.size === 0 && this.#pool.freeTickets.length > 0) {
        this.#dispatch(task);
      } else {
        this.#queue.push(task);
      }
    });
  }

  sampleThreads(windowMs: number): Omit<PoolSample, 'runTime' | 'waitTime'> {
    return samplePools(this.#pools, {
      at: now(),
      windowMs,
      queued: this.#queue.size,
      inFlight: this.#inFlight,
      reading: this.#reading,
      announceStart: this.#announceStart,
    });
  }

  /** Hands back the tasks waiting in this model's own queue (tasks already inside Piscina stay). */
  withdrawWaiting(): WaitingTask[] {
    const withdrawn: WaitingTask[] = [];
    for (const task of this.#queue.drain()) {
      task.settled = true;
      this.#inFlight--;
      this.#signals.unwatch(task.signal);
      withdrawn.push({
        workload: task.workload,
        input: task.input,
        callbacks: task.options as TaskCallbacks,
      });
    }
    return withdrawn;
  }

  setThreads(threads: number): void {
    const next = clampThreads(threads);
    if (this.#closed || next === this.#pool.threads) return;
    const old = this.#pool;
    old.draining = true;
    this.#pool = this.#createPool(next);
    if (old.freeTickets.length === old.tasks.length) this.#retire(old);
    this.#pump();
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#closed = true;
    const endedAt = now();
    for (const task of this.#queue.drain()) this.#settle(task, { status: 'cancelled', endedAt });
    this.#cancelInPools(() => true);
    if (this.#inFlight > 0) {
      const idleNow = new Promise<void>((resolve) => {
        this.#onIdle = resolve;
      });
      const timeout = new AbortController();
      await Promise.race([
        idleNow,
        wait(this.#closeTimeoutMs, undefined, { signal: timeout.signal }).catch(() => {}),
      ]);
      timeout.abort();
    }
    // Destroying terminates whatever still runs; those tasks settle as failed.
    await Promise.all(this.#pools.map((pool) => pool.piscina.destroy()));
    this.#pools.length = 0;
    await Promise.all(this.#retiring);
    this.#signals.clear();
  }

  #createPool(threads: number): Pool<PendingTask> {
    const pool = createPool<PendingTask>(threads);
    this.#pools.push(pool);
    return pool;
  }

  #retire(pool: Pool<PendingTask>): void {
    const index = this.#pools.indexOf(pool);
    if (index === -1) return;
    this.#pools.splice(index, 1);
    const destroyed = pool.piscina.destroy();
    this.#retiring.add(destroyed);
    destroyed.finally(() => this.#retiring.delete(destroyed));
  }

  #dispatch(task: PendingTask): void {
    const pool = this.#pool;
    const ticket = takeTicket(pool, task);
    task.pool = pool;
    task.ticket = ticket;
    pool.piscina.run({ workload: task.workload, input: task.input, ticket }).then(
      (result) => this.#finish(task, result),
      (error: unknown) => this.#fail(task, error),
    );
  }

  /** Hands queued tasks to the current pool while it has free tickets. */
  #pump(): void {
    const pool = this.#pool;
    while (pool.freeTickets.length > 0 && this.#queue.size > 0) {
      this.#dispatch(this.#queue.shift() as PendingTask);
    }
  }

  /** A watched signal aborted: every task of an aborted signal that has not started settles as cancelled. */
  #cancelAborted(): void {
    const endedAt = now();
    for (const task of this.#queue.removeWhere((queued) => queued.signal.aborted)) {
      this.#settle(task, { status: 'cancelled', endedAt });
    }
    this.#cancelInPools((task) => task.signal.aborted);
  }

  /** Cancels the tasks inside Piscina that `predicate` picks and that no thread has started yet. */
  #cancelInPools(predicate: (task: PendingTask) => boolean): void {
    const endedAt = now();
    for (const pool of this.#pools) {
      for (const task of pool.tasks) {
        if (task && !task.settled && predicate(task) && cancelTicket(pool.board, task.ticket)) {
          // Piscina still holds the task; the ticket comes back when the thread skips it.
          this.#settle(task, { status: 'cancelled', endedAt });
        }
      }
    }
  }

  #finish(task: PendingTask, result: WorkerResult): void {
    this.#release(task);
    if (task.settled) return;
    if (result.status === 'done') {
      this.#announceStart(task, result.startedAt, result.threadId);
      this.#settle(task, result);
    } else if (result.status === 'failed') {
      if (result.startedAt !== undefined) this.#announceStart(task, result.startedAt, result.threadId);
      const { error, endedAt } = result;
      this.#settle(task, {
        status: 'failed',
        error,
        startedAt: task.startedAt,
        endedAt,
        threadId: task.threadId,
      });
    } else {
      this.#settle(task, { status: 'cancelled', endedAt: now() });
    }
  }

  /** Piscina rejected: the thread died under the task, the pool was destroyed, or the payload could not be sent. */
  #fail(task: PendingTask, error: unknown): void {
    const endedAt = now();
    if (releaseTicketSlot(task.pool as Pool<PendingTask>, task.ticket, endedAt, this.#reading)) {
      this.#announceStart(task, this.#reading.startedAt, this.#reading.owner);
    }
    this.#release(task);
    if (task.settled) return;
    let message: string;
    if (this.#closed) {
      message = 'terminated: the pool closed before the task finished';
    } else if (task.startedAt !== undefined) {
      message = `worker thread ${task.threadId} died: ${messageOf(error)}`;
    } else {
      message = `could not run on the worker pool: ${messageOf(error)}`;
    }
    const { startedAt, threadId } = task;
    this.#settle(task, { status: 'failed', error: message, startedAt, endedAt, threadId });
  }

  /** Piscina gave the ticket back: free it, let a drained pool go, and hand out the next queued task. */
  #release(task: PendingTask): void {
    const pool = task.pool as Pool<PendingTask>;
    if (returnTicket(pool, task.ticket) && pool.draining) this.#retire(pool);
    if (!this.#closed) this.#pump();
  }

  /** Calls onStart once, when the board or the result first shows the task started. */
  readonly #announceStart = (task: PendingTask, startedAt: number, threadId: number): void => {
    if (task.startedAt !== undefined || task.settled) return;
    task.startedAt = startedAt;
    task.threadId = threadId;
    task.options.onStart({ startedAt, threadId });
  };

  #settle(task: PendingTask, outcome: TaskOutcome): void {
    task.settled = true;
    this.#inFlight--;
    this.#signals.unwatch(task.signal);
    task.resolve(outcome);
    if (this.#inFlight === 0 && this.#onIdle) {
      this.#onIdle();
      this.#onIdle = undefined;
    }
  }
}

/** Runs tasks on a Piscina pool of worker threads, one task per thread at a time. */
export function createWorkerPoolModel(options: WorkerPoolOptions = {}): WorkerPoolModel {
  return new WorkerPoolExecutionModel(
    clampThreads(options.threads ?? availableParallelism()),
    options.closeTimeoutMs ?? 1000,
  );
}
