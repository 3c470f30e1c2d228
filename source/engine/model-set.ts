import { createEventLoopModel } from './models/event-loop-model.ts';
import type { ExecutionModel, WaitingTask } from './models/execution-model.ts';
import { createWorkerPoolModel, type WorkerPoolModel } from './models/worker-pool-model.ts';
import type { ThreadsSample } from './snapshot-assembly.ts';
import type { ModelName } from './types.ts';

/** How the worker pool runs its threads, fixed for its life except the GIL, which `setGil` switches. */
export type PoolSettings = { gil: boolean; tasksPerWorker: number };

/** The engine's execution models: the event loop from the start, the worker pool from its first use. */
export class ModelSet {
  readonly #eventLoop: ExecutionModel;
  readonly #closeTimeoutMs: number;
  #workers: WorkerPoolModel | undefined;
  #threads: number;
  readonly #pool: PoolSettings;

  constructor(
    threads: number,
    closeTimeoutMs: number,
    pool: PoolSettings = { gil: false, tasksPerWorker: 1 },
  ) {
    this.#threads = threads;
    this.#pool = { ...pool };
    this.#closeTimeoutMs = closeTimeoutMs;
    this.#eventLoop = createEventLoopModel({ closeTimeoutMs });
  }

  /** The model of that name, created the first time; throws when it cannot be (e.g. no thread can start). */
  get(name: ModelName): ExecutionModel {
    if (name === 'async') return this.#eventLoop;
    this.#workers ??= createWorkerPoolModel({
      threads: this.#threads,
      closeTimeoutMs: this.#closeTimeoutMs,
      ...this.#pool,
    });
    return this.#workers;
  }

  /** Takes back every task that has not started, from every model, oldest first within each model. */
  withdrawWaiting(): WaitingTask[] {
    const waiting = this.#eventLoop.withdrawWaiting();
    // A loop, not push(...): a spread of 100,000 arguments overflows the stack.
    if (this.#workers) for (const task of this.#workers.withdrawWaiting()) waiting.push(task);
    return waiting;
  }

  /** Switches the worker pool's GIL, now if the pool runs, else from its start. */
  setGil(on: boolean): void {
    this.#pool.gil = on;
    this.#workers?.setGil(on);
  }

  setThreads(threads: number): void {
    this.#threads = threads;
    this.#workers?.setThreads(threads);
  }

  /** The worker pool's threads over the window, or undefined before the pool first started. */
  sampleThreads(windowMs: number): ThreadsSample {
    return this.#workers?.sampleThreads(windowMs);
  }

  close(): Promise<unknown> {
    return Promise.all([this.#eventLoop.close(), this.#workers?.close()]);
  }
}
