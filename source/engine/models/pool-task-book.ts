// The tasks a pool model (worker threads, child processes) has accepted and not yet settled: how many, which
// abort signals to watch, each start announced once, settling, and waiting for the last one at close. What
// differs between the pools (where a task waits, how it reaches a thread or a process) stays in the models.

import { setTimeout as wait } from 'node:timers/promises';
import { now } from '../clock.ts';
import type { TaskInput } from '../types.ts';
import type { RunOptions, TaskCallbacks, TaskOutcome, WaitingTask } from './execution-model.ts';
import { type PendingTask, pendingTask } from './pending-task.ts';
import { SignalWatch } from './signal-watch.ts';

export class PoolTaskBook {
  #inFlight = 0;
  #order = 0;
  #onIdle: (() => void) | undefined;
  readonly #signals: SignalWatch;
  readonly #accept: (task: PendingTask) => void;

  /**
   * @param onAbort called when a watched signal aborts; the model finds and cancels its aborted tasks.
   * @param accept takes a task `submit` or `run` opened: where it waits and how it reaches a thread or process.
   */
  constructor(onAbort: () => void, accept: (task: PendingTask) => void) {
    this.#signals = new SignalWatch(onAbort);
    this.#accept = accept;
  }

  /** A pool model's `submit`: refused (cancelled) once the pool closed or the signal aborted, else accepted. */
  submit(closed: boolean, workload: string, input: TaskInput, callbacks: TaskCallbacks): void {
    if (closed || callbacks.signal.aborted) cancelRefused(callbacks);
    else this.#accept(this.open(workload, input, callbacks, undefined));
  }

  /** A pool model's `run`: `submit` with its outcome as a promise. */
  run(closed: boolean, workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome> {
    if (closed || options.signal.aborted) {
      return Promise.resolve({ status: 'cancelled', endedAt: now() });
    }
    return new Promise<TaskOutcome>((resolve) => {
      this.#accept(this.open(workload, input, options, resolve));
    });
  }

  /** Tasks accepted and not yet settled or withdrawn. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** A task accepted now: counted in flight, its signal watched, ordered after every earlier one. */
  open(
    workload: string,
    input: TaskInput,
    options: RunOptions | TaskCallbacks,
    resolve: PendingTask['resolve'],
  ): PendingTask {
    this.#inFlight++;
    this.#signals.watch(options.signal);
    return pendingTask(this.#order++, workload, input, options, resolve);
  }

  /** Calls onStart once, when what the pool reads (a board, a report, the result) first shows the task started. */
  readonly announceStart = (task: PendingTask, startedAt: number, threadId: number): void => {
    if (task.startedAt !== undefined || task.settled) return;
    task.startedAt = startedAt;
    task.threadId = threadId;
    task.options.onStart({ startedAt, threadId });
  };

  settle(task: PendingTask, outcome: TaskOutcome): void {
    this.#forget(task);
    if (task.resolve) task.resolve(outcome);
    else (task.options as TaskCallbacks).onSettled(outcome);
    this.#checkIdle();
  }

  /** Hands `tasks` back unsettled, for the caller to submit elsewhere (`withdrawWaiting`). */
  withdraw(tasks: Iterable<PendingTask>): WaitingTask[] {
    const withdrawn: WaitingTask[] = [];
    for (const task of tasks) {
      this.#forget(task);
      withdrawn.push({
        workload: task.workload,
        input: task.input,
        callbacks: task.options as TaskCallbacks,
      });
    }
    this.#checkIdle();
    return withdrawn;
  }

  /** Resolves once no task is in flight, or after `timeoutMs`, whichever comes first. */
  async untilIdle(timeoutMs: number): Promise<void> {
    if (this.#inFlight === 0) return;
    const idle = new Promise<void>((resolve) => {
      this.#onIdle = resolve;
    });
    const timeout = new AbortController();
    await Promise.race([idle, wait(timeoutMs, undefined, { signal: timeout.signal }).catch(() => {})]);
    timeout.abort();
  }

  /** Stops watching every signal (at close). */
  clear(): void {
    this.#signals.clear();
  }

  #forget(task: PendingTask): void {
    task.settled = true;
    this.#inFlight--;
    this.#signals.unwatch(task.signal);
  }

  #checkIdle(): void {
    if (this.#inFlight === 0 && this.#onIdle) {
      this.#onIdle();
      this.#onIdle = undefined;
    }
  }
}

/** A task refused at submit (closed model, aborted signal): cancelled, but never inside submit(), so a caller that submits again on settle cannot recurse. */
export function cancelRefused(callbacks: TaskCallbacks): void {
  const endedAt = now();
  queueMicrotask(() => callbacks.onSettled({ status: 'cancelled', endedAt }));
}
