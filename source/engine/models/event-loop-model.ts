import { setTimeout as wait } from 'node:timers/promises';
import { findWorkload, loadWorkload } from '../../../workloads/index.ts';
import { now } from '../clock.ts';
import type { PoolSample, TaskInput, Workload } from '../types.ts';
import type { ExecutionModel, RunOptions, TaskOutcome } from './execution-model.ts';
import { PendingQueue } from './pending-queue.ts';

export type EventLoopModelOptions = {
  /** How long close() waits for running tasks to settle before it returns anyway, ms. @default 1000 */
  closeTimeoutMs?: number;
  /**
   * How long one turn may spend starting tasks before it yields to the rest of the loop, ms. A task that runs
   * longer than this (a CPU task) gets a turn of its own. @default 1
   */
  turnBudgetMs?: number;
};

/** A task from run() until it settles. */
type PendingTask = {
  workload: Workload | undefined;
  input: TaskInput;
  options: RunOptions;
  resolve: (outcome: TaskOutcome) => void;
  startedAt: number;
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs every task on the main thread. Tasks start from a macrotask (setImmediate), never from a microtask
 * chain, and one turn starts tasks only until its budget is spent: then timers, I/O and the dashboard get
 * the loop before the next task starts. (Node runs every immediate queued before a check phase in one go, so
 * one setImmediate per task would still run eight 20 ms tasks back to back and hide the loop's real lag.)
 */
class EventLoopExecutionModel implements ExecutionModel {
  readonly name = 'async';
  readonly #closeTimeoutMs: number;
  readonly #turnBudgetMs: number;
  readonly #ready = new PendingQueue<PendingTask>();
  #turnScheduled = false;
  #inFlight = 0;
  /** Tasks waiting for their turn (including those whose workload file is loading). */
  #waiting = 0;
  #closed = false;
  #closing: Promise<void> | undefined;
  #onIdle: (() => void) | undefined;

  constructor(options: EventLoopModelOptions) {
    this.#closeTimeoutMs = options.closeTimeoutMs ?? 1000;
    this.#turnBudgetMs = options.turnBudgetMs ?? 1;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  run(workload: string, input: TaskInput, options: RunOptions): Promise<TaskOutcome> {
    if (this.#closed || options.signal.aborted) {
      return Promise.resolve({ status: 'cancelled', endedAt: now() });
    }
    this.#inFlight++;
    this.#waiting++;
    return new Promise<TaskOutcome>((resolve) => {
      const task: PendingTask = {
        workload: findWorkload(workload),
        input,
        options,
        resolve,
        startedAt: 0,
      };
      if (task.workload) {
        this.#enqueue(task);
        return;
      }
      loadWorkload(workload).then(
        (loaded) => {
          task.workload = loaded;
          this.#enqueue(task);
        },
        (error: unknown) => {
          this.#waiting--;
          this.settle(task, { status: 'failed', error: messageOf(error), endedAt: now() });
        },
      );
    });
  }

  /**
   * Always an inactive, threadless pool. The main thread's busy share is its event-loop utilization, which
   * the engine measures itself; summing task intervals here would count every await of an I/O task as busy.
   * `queueSize` counts tasks still waiting for their macrotask.
   */
  sampleThreads(_windowMs: number): Omit<PoolSample, 'runTime' | 'waitTime'> {
    return {
      active: false,
      threads: 0,
      busyThreads: 0,
      utilization: 0,
      queueSize: this.#waiting,
      perThread: [],
    };
  }

  setThreads(_threads: number): void {
    // The event loop is one thread.
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    // Tasks still waiting for their turn see `closed` and settle as cancelled.
    this.#closed = true;
    if (this.#inFlight === 0) return;
    const idle = new Promise<void>((resolve) => {
      this.#onIdle = resolve;
    });
    // Nothing can stop a running async task; past the bound its outcome still arrives, just after close().
    const timeout = new AbortController();
    await Promise.race([
      idle,
      wait(this.#closeTimeoutMs, undefined, { signal: timeout.signal, ref: false }).catch(() => {}),
    ]);
    timeout.abort();
  }

  #enqueue(task: PendingTask): void {
    this.#ready.push(task);
    if (!this.#turnScheduled) {
      this.#turnScheduled = true;
      setImmediate(runTurn, this);
    }
  }

  /** One macrotask: starts ready tasks until the budget is spent, then yields the loop. */
  turn(): void {
    this.#turnScheduled = false;
    const turnStartedAt = now();
    let task = this.#ready.shift();
    while (task) {
      this.start(task);
      if (now() - turnStartedAt >= this.#turnBudgetMs) break;
      task = this.#ready.shift();
    }
    if (this.#ready.size > 0 && !this.#turnScheduled) {
      this.#turnScheduled = true;
      setImmediate(runTurn, this);
    }
  }

  start(task: PendingTask): void {
    this.#waiting--;
    if (this.#closed || task.options.signal.aborted) {
      this.settle(task, { status: 'cancelled', endedAt: now() });
      return;
    }
    const workload = task.workload as Workload;
    task.startedAt = now();
    task.options.onStart({ startedAt: task.startedAt, threadId: 0 });
    let result: unknown;
    try {
      result = workload.run(task.input);
    } catch (error) {
      this.fail(task, error);
      return;
    }
    if (isThenable(result)) {
      result.then(
        (value) => this.succeed(task, value),
        (error: unknown) => this.fail(task, error),
      );
    } else {
      this.succeed(task, result);
    }
  }

  succeed(task: PendingTask, result: unknown): void {
    this.settle(task, { status: 'done', result, startedAt: task.startedAt, endedAt: now(), threadId: 0 });
  }

  fail(task: PendingTask, error: unknown): void {
    this.settle(task, {
      status: 'failed',
      error: messageOf(error),
      startedAt: task.startedAt,
      endedAt: now(),
      threadId: 0,
    });
  }

  settle(task: PendingTask, outcome: TaskOutcome): void {
    this.#inFlight--;
    task.resolve(outcome);
    if (this.#inFlight === 0 && this.#onIdle) {
      this.#onIdle();
      this.#onIdle = undefined;
    }
  }
}

// A module-level function, so a turn costs one setImmediate and no closure.
function runTurn(model: EventLoopExecutionModel): void {
  model.turn();
}

/** Runs tasks cooperatively on the main thread's event loop. */
export function createEventLoopModel(options: EventLoopModelOptions = {}): ExecutionModel {
  return new EventLoopExecutionModel(options);
}
