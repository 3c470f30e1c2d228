import type { TaskOutcome, TaskStart } from './models/execution-model.ts';
import { TaskRing } from './task-ring.ts';
import type { ModelName, TaskCounts, TaskRecord } from './types.ts';

export type TaskRegistryOptions = {
  /** How many per-task records to keep, newest first; counts cover the whole run whatever this is. @default 4096 */
  capacity?: number;
};

const emptyCounts = (): TaskCounts => ({
  submitted: 0,
  queued: 0,
  running: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
});

/**
 * Every task's lifecycle, queued → running → done | failed | cancelled.
 * Counts cover the whole run; records live in a fixed-size ring so a run of millions of tasks stays flat in memory.
 * The caller's record objects live only while their task is in flight; the ring keeps copies in flat arrays.
 */
export class TaskRegistry {
  readonly #records: TaskRing;
  #counts = emptyCounts();
  #nextId = 1;

  constructor(options: TaskRegistryOptions = {}) {
    this.#records = new TaskRing(options.capacity ?? 4096);
  }

  /** Records a new queued task and returns its record, which the caller passes back on each transition. */
  submit(model: ModelName, submittedAt: number): TaskRecord {
    return this.track({ id: 0, state: 'queued', model, submittedAt });
  }

  /** Like `submit`, for a record the caller built (it gets its id here): the engine's tasks carry their callbacks. */
  track<Record extends TaskRecord>(record: Record): Record {
    record.id = this.#nextId++;
    record.state = 'queued';
    this.#records.write(record);
    this.#counts.submitted++;
    this.#counts.queued++;
    return record;
  }

  /** Marks a queued task running; a repeated or late call is ignored. */
  start(record: TaskRecord, start: TaskStart): void {
    if (record.state !== 'queued') return;
    record.state = 'running';
    record.startedAt = start.startedAt;
    record.threadId = start.threadId;
    this.#counts.queued--;
    this.#counts.running++;
    this.#records.update(record);
  }

  /** Rewrites a task's record after it moved to another model (same id, same submit time). */
  relocate(record: TaskRecord): void {
    this.#records.update(record);
  }

  /** Moves a task to its final state from the model's outcome. Returns false when it had already settled. */
  settle(record: TaskRecord, outcome: TaskOutcome): boolean {
    if (record.state === 'done' || record.state === 'failed' || record.state === 'cancelled') return false;
    this.#counts[record.state]--;
    record.endedAt = outcome.endedAt;
    if (outcome.status === 'cancelled') {
      record.state = 'cancelled';
    } else {
      // A task can settle before the model saw it start (a fast task between two samples). The same start is
      // not written again: each write of a number to the record allocates its box.
      if (outcome.startedAt !== undefined && outcome.startedAt !== record.startedAt) {
        record.startedAt = outcome.startedAt;
      }
      if (outcome.threadId !== undefined) record.threadId = outcome.threadId;
      if (outcome.cpuMs !== undefined) record.cpuMs = outcome.cpuMs;
      // A pool task's slices come with its outcome; a loop task's were counted on its record as they ran.
      if (outcome.slices !== undefined) {
        record.slices = outcome.slices;
        record.longestSliceMs = outcome.longestSliceMs;
        record.sliceMs = outcome.sliceMs;
      }
      if (outcome.status === 'done') {
        record.state = 'done';
      } else {
        record.state = 'failed';
        record.error = outcome.error;
      }
    }
    this.#counts[record.state]++;
    this.#records.update(record);
    return true;
  }

  /** Whole-run counts, copied. */
  counts(): TaskCounts {
    return { ...this.#counts };
  }

  /** Tasks submitted and not yet settled. */
  get inFlight(): number {
    return this.#counts.queued + this.#counts.running;
  }

  /** Copies of the newest `limit` records, newest first: the in-flight ones and the most recently finished. */
  recent(limit: number): TaskRecord[] {
    return this.#records.newest(limit);
  }

  /** A copy of task `id`'s record, while the registry still keeps it. */
  find(id: number): TaskRecord | undefined {
    return this.#records.find(id);
  }

  /** How many records are kept (bounded by the capacity). */
  get retained(): number {
    return this.#records.length;
  }

  /**
   * Starts the counts afresh while keeping tasks in flight accounted for, so that
   * done + failed + cancelled + queued + running === submitted still holds afterwards.
   */
  resetCounts(): void {
    const { queued, running } = this.#counts;
    this.#counts = { ...emptyCounts(), queued, running, submitted: queued + running };
  }
}
