import { LatencyHistogram } from './metrics/percentiles.ts';
import type { Percentiles, TaskRecord } from './types.ts';

/** Latencies and throughput of the tasks that finished in one sampling window. */
export type TaskWindowSample = {
  throughput: number;
  wait: Percentiles;
  run: Percentiles;
  total: Percentiles;
  /** Run and wait times of the tasks that ran on the worker pool. */
  poolRun: Percentiles;
  poolWait: Percentiles;
};

/** Collects finished tasks between two samples; `close` reads the window and starts the next. */
export class TaskWindow {
  readonly #wait = new LatencyHistogram();
  readonly #run = new LatencyHistogram();
  readonly #total = new LatencyHistogram();
  readonly #poolRun = new LatencyHistogram();
  readonly #poolWait = new LatencyHistogram();
  #finished = 0;
  #poolFinished = 0;

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
    if (task.model === 'workers') {
      this.#poolFinished++;
      this.#poolWait.record(wait);
      this.#poolRun.record(run);
    }
  }

  close(windowMs: number): TaskWindowSample {
    const sample: TaskWindowSample = {
      throughput: windowMs > 0 ? (this.#finished * 1000) / windowMs : 0,
      wait: this.#wait.read(),
      run: this.#run.read(),
      total: this.#total.read(),
      poolRun: this.#poolRun.read(),
      poolWait: this.#poolWait.read(),
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
    if (this.#poolFinished > 0) {
      this.#poolRun.reset();
      this.#poolWait.reset();
    }
    this.#finished = 0;
    this.#poolFinished = 0;
  }
}
