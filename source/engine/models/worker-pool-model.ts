import { availableParallelism } from 'node:os';
import { now } from '../clock.ts';
import { ThreadSliceCollector } from '../slices/thread-slice-collector.ts';
import { clampThreads } from '../thread-count.ts';
import type { PoolSample, TaskInput } from '../types.ts';
import type { RunOptions, TaskCallbacks, TaskOutcome, WaitingTask } from './execution-model.ts';
import type { GilLock } from './gil-lock.ts';
import { PendingQueue } from './pending-queue.ts';
import { byOrder, type PendingTask, rejectedTaskMessage } from './pending-task.ts';
import { sampleSlots } from './pool-sampling.ts';
import { PoolTaskBook } from './pool-task-book.ts';
import { type Expiry, earliestOf, scanThreads } from './pool-timeouts.ts';
import { isTaskTimeout, replacedLine, TimeoutSweep, timedOutLine } from './task-timeout.ts';
import type { ThreadSlot } from './thread-slot.ts';
import type { TaskStartReading } from './thread-slot-types.ts';
import { type SlotsOwner, ThreadSlots, type ThreadSlotsOptions } from './thread-slots.ts';
import type { WorkerResult } from './worker-messages.ts';
import type { WorkerPoolModel, WorkerPoolOptions } from './worker-pool-options.ts';

export type { WorkerPoolModel, WorkerPoolOptions } from './worker-pool-options.ts';

/**
 * Tasks wait in this model's own queue and reach a thread only when it has a free ticket, so Piscina holds at
 * most one more per thread than the thread runs at once. That keeps cancelling and withdrawing cheap and exact:
 * a queued task just leaves the queue, and a task handed to a thread is taken back through its ticket cell, which the thread checks before
 * it starts the task. Piscina's own abort is never used, because it terminates the thread when the task was
 * already posted to it. Each thread is a single-thread Piscina of its own (see thread-slots.ts), so the
 * thread count changes one thread at a time, without rebuilding the pool.
 */
class WorkerPoolExecutionModel implements WorkerPoolModel, SlotsOwner<PendingTask> {
  readonly name = 'workers';
  readonly #closeTimeoutMs: number;
  readonly #book = new PoolTaskBook(
    () => this.#cancelAborted(),
    (task) => this.#accept(task),
  );
  readonly #queue = new PendingQueue<PendingTask>();
  #closed = false;
  #closing: Promise<void> | undefined;
  readonly #slots: ThreadSlots<PendingTask>;
  readonly #taskTimeoutMs: number;
  readonly #sweep: TimeoutSweep | undefined;
  /** How often the sweep looks at tasks handed to threads whose start it has not seen yet, ms. */
  readonly #pollMs: number;
  readonly #slices: ThreadSliceCollector | undefined;

  constructor(
    threads: number,
    closeTimeoutMs: number,
    slots: ThreadSlotsOptions,
    taskTimeoutMs: number | undefined,
  ) {
    this.#closeTimeoutMs = closeTimeoutMs;
    this.#slices = slots.slices;
    this.#slots = new ThreadSlots<PendingTask>(this, threads, slots);
    this.#taskTimeoutMs = taskTimeoutMs ?? 0;
    this.#pollMs = Math.min(250, Math.max(10, this.#taskTimeoutMs / 4));
    if (isTaskTimeout(taskTimeoutMs)) {
      this.#sweep = new TimeoutSweep(taskTimeoutMs, (at) => this.#expire(at));
    }
  }

  get inFlight(): number {
    return this.#book.inFlight;
  }

  get liveThreads(): number {
    return this.#slots.liveThreads;
  }

  get activeThreads(): number {
    return this.#slots.activeCount;
  }

  get droppedSlices(): number {
    return this.#slices?.dropped ?? 0;
  }

  get gil(): GilLock {
    return this.#slots.gil;
  }

  setGil(on: boolean): void {
    this.#slots.setGil(on);
  }

  submit(workload: string, input: TaskInput, callbacks: TaskCallbacks): void {
    this.#book.submit(this.#closed, workload, input, callbacks);
  }

  run(workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome> {
    return this.#book.run(this.#closed, workload, input, options);
  }

  sampleThreads(windowMs: number): Omit<PoolSample, 'runTime' | 'waitTime'> {
    this.#slices?.drain(this.#slots.slots);
    return sampleSlots(this.#slots.slots, {
      at: now(),
      windowMs,
      queued: this.#queue.size,
      inFlight: this.#book.inFlight,
      notice: this.#slots.notice,
      announceStart: this.#book.announceStart,
    });
  }

  /** Hands back every task no thread has started, in this model's queue or already handed to a thread. */
  withdrawWaiting(): WaitingTask[] {
    const tasks: PendingTask[] = [];
    this.#slots.takeBackUnstarted(tasks);
    // Tasks handed to threads left the queue's head before anything now queued: they are older.
    tasks.sort(byOrder);
    for (const task of this.#queue.drain()) tasks.push(task);
    return this.#book.withdraw(tasks);
  }

  setThreads(threads: number): void {
    if (this.#closed) return;
    this.#slots.setTarget(clampThreads(threads));
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  // SlotsOwner: what the threads report.

  result(task: PendingTask | undefined, result: WorkerResult): void {
    if (task && !task.settled) this.#finish(task, result);
    this.#pump();
  }

  error(task: PendingTask | undefined, started: TaskStartReading, error: unknown): void {
    if (task && !task.settled) {
      if (started) this.#book.announceStart(task, started.startedAt, started.threadId);
      const message = rejectedTaskMessage(task, error, this.#closed);
      const { startedAt, threadId } = task;
      this.#book.settle(task, { status: 'failed', error: message, startedAt, endedAt: now(), threadId });
    }
    this.#pump();
  }

  requeue(tasks: PendingTask[]): void {
    if (this.#closed) {
      const endedAt = now();
      for (const task of tasks) this.#book.settle(task, { status: 'cancelled', endedAt });
      return;
    }
    this.#queue.unshiftAll(tasks.sort(byOrder));
    this.#pump();
  }

  capacity(): void {
    this.#pump();
  }

  noThreads(reason: string): void {
    const endedAt = now();
    const error = `could not run on the worker pool: no worker thread could start because of ${reason}`;
    for (const task of this.#queue.drain()) this.#book.settle(task, { status: 'failed', error, endedAt });
  }

  #accept(task: PendingTask): void {
    const slot = this.#queue.size === 0 ? this.#slots.pick() : undefined;
    if (slot) this.#handTo(slot, task);
    else this.#queue.push(task);
  }

  #handTo(slot: ThreadSlot<PendingTask>, task: PendingTask): void {
    slot.run(task, task.workload, task.input);
    this.#sweep?.arm(now() + this.#pollMs);
  }

  /** The timeout's sweep: fails each task past its bound, replacing its thread; returns when to look again. */
  #expire(at: number): number | undefined {
    if (this.#closed) return undefined;
    const expired: Expiry<ThreadSlot<PendingTask>>[] = [];
    const next = scanThreads(this.#slots.slots, at, this.#taskTimeoutMs, this.#pollMs, expired);
    for (const expiry of expired) this.#timeOut(expiry, at);
    return expired.length > 0 ? earliestOf(next, at + this.#pollMs) : next;
  }

  /**
   * A task ran past the bound: its thread is replaced first (so no new task goes to it), then the task fails,
   * and so do the others its thread was running, saying why.
   */
  #timeOut({ slot, task, since, others }: Expiry<ThreadSlot<PendingTask>>, at: number): void {
    const threadId = slot.threadId;
    this.#slots.replace(slot);
    this.#failRunning(task, since, threadId, at, timedOutLine(this.#taskTimeoutMs));
    const error = replacedLine('thread', task.input.id);
    for (const other of others) this.#failRunning(other.task, other.since, threadId, at, error);
  }

  #failRunning(task: PendingTask, since: number, threadId: number, at: number, error: string): void {
    if (task.settled) return;
    this.#book.announceStart(task, since, threadId);
    this.#book.settle(task, { status: 'failed', error, startedAt: task.startedAt, endedAt: at, threadId });
  }

  /**
   * Hands queued tasks to threads while one has a free ticket; once the queue is empty, moves tasks waiting
   * behind a running one to a thread that sits idle.
   */
  #pump(): void {
    if (this.#closed) return;
    for (;;) {
      while (this.#queue.size > 0) {
        const slot = this.#slots.pick();
        if (!slot) return;
        const task = this.#queue.shift() as PendingTask;
        this.#handTo(slot, task);
      }
      const moved: PendingTask[] = [];
      if (!this.#slots.takeBackForIdle(moved)) return;
      this.#queue.unshiftAll(moved.sort(byOrder));
    }
  }

  async #shutDown(): Promise<void> {
    this.#closed = true;
    this.#sweep?.stop();
    const endedAt = now();
    const unstarted: PendingTask[] = [];
    this.#slots.takeBackUnstarted(unstarted);
    for (const task of [...unstarted, ...this.#queue.drain()]) {
      this.#book.settle(task, { status: 'cancelled', endedAt });
    }
    await this.#book.untilIdle(this.#closeTimeoutMs);
    // Terminating rejects whatever still runs; those tasks settle as failed.
    await this.#slots.close();
    // Every thread has exited: what they wrote since the last sample is read now.
    this.#slices?.drain(this.#slots.slots);
    this.#book.clear();
  }

  /** A watched signal aborted: every task of an aborted signal that has not started settles as cancelled. */
  #cancelAborted(): void {
    const endedAt = now();
    const aborted = this.#queue.removeWhere((task) => task.signal.aborted);
    this.#slots.takeBackUnstarted(aborted, (task) => task.signal.aborted);
    for (const task of aborted) this.#book.settle(task, { status: 'cancelled', endedAt });
  }

  #finish(task: PendingTask, result: WorkerResult): void {
    if (result.status === 'done') {
      this.#book.announceStart(task, result.startedAt, result.threadId);
      this.#book.settle(task, result);
    } else if (result.status === 'failed') {
      if (result.startedAt !== undefined) this.#book.announceStart(task, result.startedAt, result.threadId);
      const { error, endedAt, slices, longestSliceMs, sliceMs } = result;
      const outcome: TaskOutcome = {
        status: 'failed',
        error,
        startedAt: task.startedAt,
        endedAt,
        threadId: task.threadId,
      };
      this.#book.settle(
        task,
        slices === undefined ? outcome : { ...outcome, slices, longestSliceMs, sliceMs },
      );
    } else {
      this.#book.settle(task, { status: 'cancelled', endedAt: now() });
    }
  }
}

/** Runs tasks on worker threads, `tasksPerWorker` tasks per thread at a time. */
export function createWorkerPoolModel(options: WorkerPoolOptions = {}): WorkerPoolModel {
  return new WorkerPoolExecutionModel(
    clampThreads(options.threads ?? availableParallelism()),
    options.closeTimeoutMs ?? 1000,
    {
      ...options.slots,
      tasksPerWorker: options.tasksPerWorker ?? 1,
      gil: options.gil ?? false,
      payloadKb: options.payloadKb ?? 0,
      loadTimeoutMs: options.loadTimeoutMs,
      slices: options.recordSlices ? new ThreadSliceCollector(options.onSlice) : undefined,
    },
    options.taskTimeoutMs,
  );
}
