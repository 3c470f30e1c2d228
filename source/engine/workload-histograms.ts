// The current workload's distributions, as the task detail draws them: slice lengths (fed by the slice log) and
// task latency, submit → end (fed when a task settles). They describe one workload at one set of knobs, so they
// start afresh when either changes (a switch or a reload gives the engine a new knobs object) and on reset.

import { LogHistogramCounter } from './metrics/log-histogram.ts';
import type { Knobs, Snapshot, TaskRecord } from './types.ts';

export class WorkloadHistograms {
  /** Slice lengths, ms: the slice log records each slice here. */
  readonly sliceMs = new LogHistogramCounter();
  /** Task latency, submit → end, ms, of tasks that finished (done or failed). */
  readonly latencyMs = new LogHistogramCounter();
  #knobs: Knobs | undefined;

  /** Starts both afresh when `knobs` is not the object they counted under: the workload or its settings changed. */
  follow(knobs: Knobs): void {
    if (knobs === this.#knobs) return;
    this.#knobs = knobs;
    this.reset();
  }

  reset(): void {
    this.sliceMs.reset();
    this.latencyMs.reset();
  }

  /**
   * Counts a settled task's latency when it ran with `knobs` (the current ones: a task keeps the object it was
   * submitted with) and finished; a cancelled task has no latency.
   */
  taskSettled(task: TaskRecord & { readonly knobs: Knobs }, knobs: Knobs): void {
    this.follow(knobs);
    if (task.knobs !== knobs || task.endedAt === undefined) return;
    if (task.state !== 'done' && task.state !== 'failed') return;
    this.latencyMs.record(task.endedAt - task.submittedAt);
  }

  /** Both histograms, copied, after starting afresh if `knobs` changed since the last task. */
  sample(knobs: Knobs): NonNullable<Snapshot['histograms']> {
    this.follow(knobs);
    return { sliceMs: this.sliceMs.sample(), latencyMs: this.latencyMs.sample() };
  }
}
