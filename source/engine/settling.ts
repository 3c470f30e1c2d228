import type { CurrentRowStatus, Scoreboard } from './scoreboard.ts';
import type { RunConfig, TaskRecord } from './types.ts';

/** A task as settling sees it: its record and the measurement it belongs to. */
export type MeasuredTask = TaskRecord & {
  /** The measurement (generation) under which the task was submitted, or handed to its current model. */
  generation: number;
};

export type SettlingOptions = {
  /** How long a measurement waits for tasks from before it, ms. */
  boundMs: number;
  now(): number;
  onTaskCounted?: ((task: TaskRecord, rowKey: string) => void) | undefined;
};

/**
 * Decides when the current scoreboard row counts. Every change of setting begins a new measurement (a
 * generation); tasks in flight that were not handed over at that moment (they started, or their model cannot
 * give them back) are "from before". The row counts nothing until the last of them has finished, or until the
 * bound passes (then it counts, marked overlapping). A task counts only for the measurement it belongs to,
 * and only if that measurement is counting when it ends: tasks from before count for no row.
 *
 * One counter is enough: at a change, every task still in flight has an older generation and every task
 * handed over or submitted afterwards gets the new one, so "from before" is "in flight with an older generation".
 */
export class Settling {
  readonly #scoreboard: Scoreboard;
  readonly #options: SettlingOptions;
  #generation = 0;
  #fromBefore = 0;
  #since = 0;
  #settling = false;
  #paused = false;
  /** Whether a settling period touched the window since the last `settlingInWindow()`. */
  #settledInWindow = false;
  #bound: NodeJS.Timeout | undefined;
  /** After stop, tasks that still settle (a running task outlives the engine) change nothing. */
  #stopped = false;

  constructor(scoreboard: Scoreboard, options: SettlingOptions) {
    this.#scoreboard = scoreboard;
    this.#options = options;
  }

  /** The generation new and handed-over tasks belong to. */
  get generation(): number {
    return this.#generation;
  }

  get settling(): boolean {
    return this.#settling;
  }

  get tasksFromBefore(): number {
    return this.#fromBefore;
  }

  /**
   * A change at `at`: from now on `config` is measured, once the `fromBefore` tasks in flight have finished.
   * While `paused`, nothing counts. Returns the new generation.
   */
  begin(config: RunConfig, at: number, fromBefore: number, paused: boolean): number {
    this.#clearBound();
    this.#generation++;
    this.#fromBefore = fromBefore;
    this.#since = at;
    this.#paused = paused;
    this.#scoreboard.select(config, at);
    this.#settling = fromBefore > 0;
    if (this.#settling) this.#settledInWindow = true;
    if (paused) return this.#generation;
    if (!this.#settling) {
      this.#scoreboard.startCounting(at, false);
    } else {
      const generation = this.#generation;
      this.#bound = setTimeout(() => this.#overlap(generation), this.#options.boundMs);
      this.#bound.unref();
    }
    return this.#generation;
  }

  /** A task settled: it either ends a settling period, counts for the current row, or counts for nothing. */
  taskSettled(task: MeasuredTask): void {
    if (this.#stopped) return;
    if (task.generation < this.#generation) {
      this.#fromBeforeLeft();
      return;
    }
    const key = this.#scoreboard.record(task);
    if (key !== undefined) this.#options.onTaskCounted?.(task, key);
  }

  /** `count` tasks from before never started after all (a model took them back late): they wait no more. */
  takenBack(count: number): void {
    if (this.#stopped) return;
    for (let index = 0; index < count; index++) this.#fromBeforeLeft();
  }

  #fromBeforeLeft(): void {
    this.#fromBefore--;
    if (this.#fromBefore === 0 && this.#settling) {
      this.#settling = false;
      this.#clearBound();
      if (!this.#paused) this.#scoreboard.startCounting(this.#options.now(), false);
    }
  }

  status(): CurrentRowStatus {
    return { settling: this.#settling, tasksFromBefore: this.#fromBefore, since: this.#since };
  }

  /** Whether the window that ends now saw a settling period; starts the next window. */
  settlingInWindow(): boolean {
    const touched = this.#settledInWindow || this.#settling;
    this.#settledInWindow = this.#settling;
    return touched;
  }

  stop(at: number): void {
    this.#stopped = true;
    this.#clearBound();
    this.#scoreboard.close(at);
  }

  #overlap(generation: number): void {
    this.#bound = undefined;
    if (generation !== this.#generation || !this.#settling) return;
    this.#settling = false;
    if (!this.#paused) this.#scoreboard.startCounting(this.#options.now(), true);
  }

  #clearBound(): void {
    if (this.#bound) clearTimeout(this.#bound);
    this.#bound = undefined;
  }
}
