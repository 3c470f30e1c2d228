import { LatencyHistogram } from './metrics/percentiles.ts';
import { hasPool } from './models/model-descriptors.ts';
import type { ModelName, Percentiles, TaskRecord } from './types.ts';

/** Run and wait times of the tasks that finished on one model's pool. */
export type PoolTimes = { run: Percentiles; wait: Percentiles };

/** Latencies and throughput of the tasks that finished in one sampling window. */
export type TaskWindowSample = {
  throughput: number;
  wait: Percentiles;
  run: Percentiles;
  total: Percentiles;
  /** Per model with a pool: run and wait times of its tasks (zeros when none of its tasks finished). */
  pools: Partial<Record<ModelName, PoolTimes>>;
};

const zero: Percentiles = { p50: 0, p99: 0, max: 0 };

/** Run and wait histograms of one pool; reset only when something was recorded (see `reset`). */
class PoolHistograms {
  readonly run = new LatencyHistogram();
  readonly wait = new LatencyHistogram();
  finished = 0;
}

/** Collects finished tasks between two samples; `close` reads the window and starts the next. */
export class TaskWindow {
  readonly #wait = new LatencyHistogram();
  readonly #run = new LatencyHistogram();
  readonly #total = new LatencyHistogram();
  /** `null` for a model without a pool, so a task on it costs one lookup. */
  readonly #pools = new Map<ModelName, PoolHistograms | null>();
  #finished = 0;

  /** Records a task that has just finished (done or failed); cancelled tasks are not latencies. */
  record(task: TaskRecord): void {
    if (task.state !== 'done' && task.state !== 'failed') return;
    this.#finished++;
    const endedAt = task.endedAt ?? task.submittedAt;
    const startedAt = task.startedAt ?? endedAt;
    const wait = startedAt - task.submittedAt;
    const run = endedAt - startedAt;
    this.#wait.record(wait);
    this.#run.record(run);
    this.#total.record(endedAt - task.submittedAt);
    const pool = this.#poolOf(task.model);
    if (pool) {
      pool.finished++;
      pool.wait.record(wait);
      pool.run.record(run);
    }
  }

  close(windowMs: number): TaskWindowSample {
    const pools: TaskWindowSample['pools'] = {};
    for (const [model, pool] of this.#pools) {
      if (!pool) continue;
      pools[model] =
        pool.finished > 0 ? { run: pool.run.read(), wait: pool.wait.read() } : { run: zero, wait: zero };
    }
    const sample: TaskWindowSample = {
      throughput: windowMs > 0 ? (this.#finished * 1000) / windowMs : 0,
      wait: this.#wait.read(),
      run: this.#run.read(),
      total: this.#total.read(),
      pools,
    };
    this.reset();
    return sample;
  }

  reset(): void {
    // Resetting a native histogram clears all its buckets: skip the ones nothing was recorded in.
    if (this.#finished > 0) {
      this.#wait.reset();
      this.#run.reset();
      this.#total.reset();
    }
    for (const pool of this.#pools.values()) {
      if (!pool || pool.finished === 0) continue;
      pool.run.reset();
      pool.wait.reset();
      pool.finished = 0;
    }
    this.#finished = 0;
  }

  /** The histograms of `model`'s pool, made on its first task; null for a model without a pool. */
  #poolOf(model: ModelName): PoolHistograms | null {
    let pool = this.#pools.get(model);
    if (pool === undefined) {
      pool = hasPool(model) ? new PoolHistograms() : null;
      this.#pools.set(model, pool);
    }
    return pool;
  }
}
