import { availableParallelism } from 'node:os';
import { defaultLoadTimeoutMs } from '../../../workloads/index.ts';
import { now } from '../clock.ts';
import { makePayload } from '../payload.ts';
import { ProcessSliceLanes } from '../slices/pool-slice-packed.ts';
import { clampThreads } from '../thread-count.ts';
import type { PoolSample, TaskInput } from '../types.ts';
import type { RunOptions, TaskCallbacks, TaskOutcome, WaitingTask } from './execution-model.ts';
import { PendingQueue } from './pending-queue.ts';
import { byOrder, type PendingTask } from './pending-task.ts';
import { PoolTaskBook } from './pool-task-book.ts';
import { type Expiry, scanProcesses } from './pool-timeouts.ts';
import type { ProcessResult } from './process-messages.ts';
import { deadlineOf, isWaiting } from './process-out-tasks.ts';
import { outcomeOf } from './process-outcomes.ts';
import { type ProcessPoolModel, type ProcessPoolOptions, tasksPerProcessOf } from './process-pool-options.ts';
import { sampleProcesses } from './process-sampling.ts';
import type { OutTask, ProcessSlot } from './process-slot.ts';
import { ProcessSlots, type ProcessSlotsOwner } from './process-slots.ts';
import { HeldTakeBacks } from './process-take-backs.ts';
import { isTaskTimeout, replacedLine, TimeoutSweep, timedOutLine } from './task-timeout.ts';

export type { ProcessPoolModel, ProcessPoolOptions } from './process-pool-options.ts';

/**
 * Tasks wait in this model's own queue and go to a process only when it has a free place (`tasksPerWorker`
 * places each, and one more that the process holds and starts the moment a running task ends). Every task not
 * sent can be withdrawn or cancelled exactly; a held one by a cancel message, which loses to its start, so it
 * comes back later or runs to its end as a started task does. A process that dies fails only the tasks it ran
 * and gives back the one it held; poolifier forks its replacement.
 */
class ProcessPoolExecutionModel implements ProcessPoolModel, ProcessSlotsOwner<PendingTask> {
  readonly name = 'processes';
  readonly #closeTimeoutMs: number;
  readonly #payloadKb: number;
  readonly #book = new PoolTaskBook(
    () => this.#cancelAborted(),
    (task) => this.#accept(task),
  );
  readonly #queue = new PendingQueue<PendingTask>();
  readonly #slots: ProcessSlots<PendingTask>;
  #closed = false;
  #closing: Promise<void> | undefined;
  readonly #taskTimeoutMs: number;
  readonly #loadTimeoutMs: number;
  readonly #sweep: TimeoutSweep | undefined;
  readonly #deadlineOf: (slot: ProcessSlot<PendingTask>, out: OutTask<PendingTask>) => number;
  readonly #sliceLanes: ProcessSliceLanes | undefined;
  readonly #takeBacks = new HeldTakeBacks();
  onTakenBack: ((tasks: WaitingTask[]) => void) | undefined;
  #moveCheck: NodeJS.Immediate | undefined;

  constructor(
    processes: number,
    tasksPerProcess: number,
    payloadKb: number,
    closeTimeoutMs: number,
    bounds: Pick<ProcessPoolOptions, 'taskTimeoutMs' | 'loadTimeoutMs'> = {},
    slices: ProcessSliceLanes | undefined = undefined,
  ) {
    this.#sliceLanes = slices;
    this.#payloadKb = payloadKb;
    this.#closeTimeoutMs = closeTimeoutMs;
    this.#taskTimeoutMs = bounds.taskTimeoutMs ?? 0;
    this.#loadTimeoutMs = bounds.loadTimeoutMs ?? defaultLoadTimeoutMs;
    this.#deadlineOf = (slot, out) => deadlineOf(out, slot.loaded, this.#taskTimeoutMs, this.#loadTimeoutMs);
    this.#slots = new ProcessSlots(this, processes, tasksPerProcess, bounds.loadTimeoutMs, slices);
    if (isTaskTimeout(bounds.taskTimeoutMs)) {
      this.#sweep = new TimeoutSweep(bounds.taskTimeoutMs, (at) => this.#expire(at));
    }
  }

  get inFlight(): number {
    return this.#book.inFlight;
  }

  get liveProcesses(): number {
    return this.#slots.liveProcesses;
  }

  get droppedSlices(): number {
    return this.#sliceLanes?.dropped ?? 0;
  }

  get pids(): number[] {
    return this.#slots.slots.map((slot) => slot.pid);
  }

  submit(workload: string, input: TaskInput, callbacks: TaskCallbacks): void {
    this.#book.submit(this.#closed, workload, input, callbacks);
  }

  run(workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome> {
    return this.#book.run(this.#closed, workload, input, options);
  }

  sampleThreads(windowMs: number): Omit<PoolSample, 'runTime' | 'waitTime'> {
    return sampleProcesses(this.#slots.slots, {
      at: now(),
      windowMs,
      queued: this.#queue.size,
      inFlight: this.#book.inFlight,
      notice: this.#slots.notice,
      announceStart: this.#book.announceStart,
    });
  }

  /**
   * Hands back every task no process has been sent, oldest first. A task a process holds is asked back: it
   * reaches `onTakenBack` if the cancel wins, else it runs, still in flight here.
   */
  withdrawWaiting(): WaitingTask[] {
    this.#takeBacks.cancel(this.#slots.slots, 'withdraw');
    return this.#book.withdraw(this.#queue.drain());
  }

  setThreads(processes: number): void {
    if (this.#closed) return;
    this.#slots.setTarget(clampThreads(processes));
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  // ProcessSlotsOwner: what the processes report.

  result(task: PendingTask, result: ProcessResult): void {
    if (result.status === 'cancelled') {
      this.givenBack([task]);
      return;
    }
    this.#takeBacks.forget(task);
    // The freed place gets its next task before this one settles: the settle chain (the caller's callbacks,
    // which may submit more) would otherwise leave it idle for a while per task.
    this.#pump();
    if (!task.settled) {
      if (result.startedAt !== undefined) this.#book.announceStart(task, result.startedAt, result.usage.pid);
      this.#book.settle(task, outcomeOf(task, result));
    }
    this.#pump();
  }

  died(task: PendingTask, reason: string): void {
    this.#takeBacks.forget(task);
    if (!task.settled) {
      const error = this.#closed ? 'terminated: the pool closed before the task finished' : reason;
      const { startedAt, threadId } = task;
      this.#book.settle(task, { status: 'failed', error, startedAt, endedAt: now(), threadId });
    }
    this.#pump();
  }

  /**
   * Held tasks that never started: a withdrawn one goes to `onTakenBack` (or back in the queue with no one to
   * take it), an aborted one ends cancelled, any other goes back to the queue in submit order (a
   * held task can come back after older ones did).
   */
  givenBack(tasks: PendingTask[]): void {
    const { cancelled, requeued, withdrawn } = this.#takeBacks.sort(tasks, this.#closed, !!this.onTakenBack);
    const endedAt = now();
    for (const task of cancelled) this.#book.settle(task, { status: 'cancelled', endedAt });
    this.#queue.putBack(requeued.sort(byOrder), byOrder);
    if (withdrawn.length > 0) this.onTakenBack?.(this.#book.withdraw(withdrawn.sort(byOrder)));
    this.#pump();
  }

  capacity(): void {
    this.#pump();
  }

  started(task: PendingTask, startedAt: number, pid: number): void {
    this.#book.announceStart(task, startedAt, pid);
    this.#sweep?.arm(startedAt + this.#taskTimeoutMs);
  }

  noProcesses(reason: string): void {
    const endedAt = now();
    const error = `could not run in a child process: no process could start (${reason})`;
    for (const task of this.#queue.drain()) this.#book.settle(task, { status: 'failed', error, endedAt });
  }

  #accept(task: PendingTask): void {
    const unavailable = this.#slots.unavailable;
    if (unavailable !== undefined) {
      queueMicrotask(() => this.noProcesses(unavailable));
    }
    const slot = this.#queue.size === 0 ? this.#slots.pick() : undefined;
    if (slot) this.#send(slot, task);
    else this.#queue.push(task);
  }

  /**
   * Sends `task` to the slot's process, which has a free place for it. A task sent to a place to run starts as
   * it arrives, so it counts as running from now; its result then gives the start by the child's own clock (a
   * child computing a task can send nothing until the task ends: without this, a CPU task would show as queued
   * for its whole run). A held task starts when the process reports it, which also arms the sweep (`started`).
   */
  #send(slot: ProcessSlot<PendingTask>, task: PendingTask): void {
    if (slot.run(task, task.workload, task.input, makePayload(this.#payloadKb))) return;
    if (slot.pid > 0) this.#book.announceStart(task, now(), slot.pid);
    this.#sweep?.arm(now() + this.#taskTimeoutMs);
  }

  /** The timeout's sweep: fails each task past its bound and replaces its process; returns the next deadline. */
  #expire(at: number): number | undefined {
    if (this.#closed) return undefined;
    const expired: Expiry<ProcessSlot<PendingTask>>[] = [];
    const next = scanProcesses(this.#slots.slots, at, this.#deadlineOf, expired);
    for (const expiry of expired) this.#timeOut(expiry, at);
    // The replacements' first tasks are sent from here on: each send arms the sweep for its own deadline.
    return next;
  }

  /** The process is replaced first (so nothing new goes to it), then its tasks fail: this one timed out. */
  #timeOut({ slot, task, others }: Expiry<ProcessSlot<PendingTask>>, at: number): void {
    const pid = slot.pid;
    // What it held never started: it goes back, not down with the process.
    const held = slot.takeHeld();
    this.#slots.replace(slot);
    this.#failOut(task, pid, at, timedOutLine(this.#taskTimeoutMs));
    const error = replacedLine('process', task.input.id);
    for (const other of others) if (!held.includes(other.task)) this.#failOut(other.task, pid, at, error);
    this.givenBack(held);
  }

  #failOut(task: PendingTask, pid: number, at: number, error: string): void {
    this.#takeBacks.forget(task);
    if (task.settled) return;
    this.#book.announceStart(task, at, pid);
    const { startedAt, threadId } = task;
    this.#book.settle(task, { status: 'failed', error, startedAt, endedAt: at, threadId });
  }

  #pump(): void {
    if (this.#closed) return;
    while (this.#queue.size > 0) {
      const slot = this.#slots.pick();
      if (!slot) return;
      const task = this.#queue.shift() as PendingTask;
      this.#send(slot, task);
    }
    // Nothing waits here: a process left idle may take a task another holds, unless the callbacks now
    // settling (a closed loop) submit one first.
    if (this.#moveCheck === undefined && this.#slots.holdWaiting())
      this.#moveCheck = setImmediate(this.#checkMoves);
  }

  readonly #checkMoves = () => {
    this.#moveCheck = undefined;
    if (!this.#closed && this.#queue.size === 0) this.#slots.moveHeldToIdle();
  };

  async #shutDown(): Promise<void> {
    this.#closed = true;
    if (this.#moveCheck) clearImmediate(this.#moveCheck);
    this.#sweep?.stop();
    const endedAt = now();
    for (const task of this.#queue.drain()) this.#book.settle(task, { status: 'cancelled', endedAt });
    // Held tasks are asked back too: each settles as cancelled if the cancel wins.
    this.#takeBacks.cancel(this.#slots.slots, 'abort');
    await this.#book.untilIdle(this.#closeTimeoutMs);
    const running: PendingTask[] = [];
    const held: PendingTask[] = [];
    for (const slot of this.#slots.slots) {
      for (const out of slot.out.values()) (isWaiting(out) ? held : running).push(out.task);
    }
    await this.#slots.close();
    // Their processes were ended under them: they settle as failed, and those held, never started, cancelled.
    for (const task of running) this.died(task, 'terminated');
    this.givenBack(held);
    this.#book.clear();
  }

  /** A watched signal aborted: every queued task of an aborted signal settles as cancelled. */
  #cancelAborted(): void {
    const endedAt = now();
    for (const task of this.#queue.removeWhere((task) => task.signal.aborted)) {
      this.#book.settle(task, { status: 'cancelled', endedAt });
    }
    this.#takeBacks.cancel(this.#slots.slots, 'abort', (task) => task.signal.aborted);
  }
}

/** Runs tasks in child processes, up to `tasksPerWorker` at a time in each. */
export function createProcessPoolModel(options: ProcessPoolOptions = {}): ProcessPoolModel {
  return new ProcessPoolExecutionModel(
    clampThreads(options.processes ?? availableParallelism()),
    tasksPerProcessOf(options.tasksPerWorker),
    options.payloadKb ?? 0,
    options.closeTimeoutMs ?? 1000,
    { taskTimeoutMs: options.taskTimeoutMs, loadTimeoutMs: options.loadTimeoutMs },
    options.recordSlices ? new ProcessSliceLanes(options.onSlice) : undefined,
  );
}
