import type { ExecutionModel, WaitingTask } from './models/execution-model.ts';
import { findModel, type ModelBounds, modelDescriptors } from './models/model-descriptors.ts';
import type { PoolSliceSink } from './slices/slice-query.ts';
import type { ModelName, PoolSample } from './types.ts';

/** What a model with a pool measured over the window: the engine adds run and wait times from task records. */
export type ThreadsSample = Omit<PoolSample, 'runTime' | 'waitTime'>;

/** How a pool runs its members, fixed for its life except the GIL, which `setGil` switches. */
export type PoolSettings = { gil: boolean; tasksPerWorker: number };

/** Whether the pools' threads and processes record their tasks' slices, and where the slices go. */
export type PoolSliceSettings = {
  /** Called with each slice a pool's thread or process recorded, lane `t1`…/`p1`…. @default undefined */
  onSlice?: PoolSliceSink;
  /** Whether pool threads and processes record slices at all; off, they set no hook. */
  recordSlices: boolean;
};

/**
 * The engine's execution models, by name, each created from its descriptor the first time it is used, so a
 * model nobody switches to never starts a thread or a process.
 */
export class ModelSet {
  readonly #closeTimeoutMs: number;
  readonly #models = new Map<ModelName, ExecutionModel>();
  #threads: number;
  readonly #pool: PoolSettings;
  readonly #payloadKb: number;
  readonly #bounds: ModelBounds;
  readonly #slices: PoolSliceSettings;
  /** Where a model hands the tasks it took back after `withdrawWaiting` (`ExecutionModel.onTakenBack`). */
  onTakenBack: ((tasks: WaitingTask[]) => void) | undefined;

  constructor(
    threads: number,
    closeTimeoutMs: number,
    pool: PoolSettings = { gil: false, tasksPerWorker: 1 },
    payloadKb = 0,
    bounds: ModelBounds = {},
    slices: PoolSliceSettings = { recordSlices: false },
  ) {
    this.#slices = slices;
    this.#payloadKb = payloadKb;
    this.#bounds = { ...bounds };
    this.#threads = threads;
    this.#pool = { ...pool };
    this.#closeTimeoutMs = closeTimeoutMs;
  }

  /** The model of that name, created the first time; throws when it cannot be (e.g. no thread can start). */
  get(name: ModelName): ExecutionModel {
    const existing = this.#models.get(name);
    if (existing) return existing;
    const descriptor = findModel(name);
    if (!descriptor) throw new Error(`unknown model ${name}`);
    const model = descriptor.create({
      threads: this.#threads,
      closeTimeoutMs: this.#closeTimeoutMs,
      payloadKb: this.#payloadKb,
      ...this.#bounds,
      ...this.#pool,
      recordSlices: this.#slices.recordSlices,
      onSlice: this.#slices.onSlice,
    });
    // Tasks are tagged with `model.name` (handover, records): it must be the name the table gives.
    if (model.name !== name) {
      void model.close();
      throw new Error(`model ${name} was created named ${model.name}`);
    }
    model.onTakenBack = (tasks) => this.onTakenBack?.(tasks);
    this.#models.set(name, model);
    return model;
  }

  /** Creates every model its descriptor says to keep ready; one that cannot start now is left for its switch. */
  warmUp(): void {
    for (const descriptor of modelDescriptors()) {
      if (!descriptor.warmAtStart) continue;
      try {
        this.get(descriptor.name as ModelName);
      } catch {
        // A switch to it tries again and says why it cannot start (a notice).
      }
    }
  }

  /** Takes back every task that has not started, from every model, oldest first within each model. */
  withdrawWaiting(): WaitingTask[] {
    const waiting: WaitingTask[] = [];
    for (const model of this.#models.values()) {
      // A loop, not push(...): a spread of 100,000 arguments overflows the stack.
      for (const task of model.withdrawWaiting()) waiting.push(task);
    }
    return waiting;
  }

  /** Switches the worker pool's GIL, now if the pool runs, else from its start. */
  setGil(on: boolean): void {
    this.#pool.gil = on;
    for (const model of this.#models.values()) model.setGil?.(on);
  }

  setThreads(threads: number): void {
    this.#threads = threads;
    for (const model of this.#models.values()) model.setThreads(threads);
  }

  /**
   * The pool of every model that has one and has started, over the window, in table order. A pool that cannot
   * be read keeps its last reading in the caller (see window-sampler.ts): each is read on its own.
   */
  pooled(): { name: ModelName; model: ExecutionModel }[] {
    return modelDescriptors().flatMap((descriptor) => {
      const name = descriptor.name as ModelName;
      const model = descriptor.pool ? this.#models.get(name) : undefined;
      return model ? [{ name, model }] : [];
    });
  }

  /** Slices the pools' threads and processes lost before they were read, since the start. */
  droppedSlices(): number {
    let dropped = 0;
    for (const model of this.#models.values()) dropped += model.droppedSlices ?? 0;
    return dropped;
  }

  close(): Promise<unknown> {
    return Promise.all([...this.#models.values()].map((model) => model.close()));
  }
}
