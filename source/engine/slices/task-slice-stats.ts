import type { TaskRecord } from '../types.ts';

/**
 * Each running task's slices so far (how many, the longest, their sum), in typed arrays indexed by task id, and
 * written into its record when it settles. Kept here rather than on the task while it runs: with 10,000 tasks
 * in flight two numbers per task are two heap boxes per task for every young-generation GC to copy.
 * A task still running after `capacity` newer ones started loses its counts (its record then has none).
 */
export class TaskSliceStats {
  readonly #capacity: number;
  readonly #ids: Float64Array;
  readonly #counts: Uint32Array;
  readonly #longestMs: Float64Array;
  readonly #sumMs: Float64Array;

  constructor(capacity = 262_144) {
    this.#capacity = capacity;
    this.#ids = new Float64Array(capacity);
    this.#counts = new Uint32Array(capacity);
    this.#longestMs = new Float64Array(capacity);
    this.#sumMs = new Float64Array(capacity);
  }

  /** Counts a slice of task `id` and returns which slice it was (1 for the first). */
  add(id: number, lengthMs: number): number {
    const slot = id % this.#capacity;
    if (this.#ids[slot] !== id) {
      this.#ids[slot] = id;
      this.#counts[slot] = 1;
      this.#longestMs[slot] = lengthMs;
      this.#sumMs[slot] = lengthMs;
      return 1;
    }
    const count = (this.#counts[slot] as number) + 1;
    this.#counts[slot] = count;
    if (lengthMs > (this.#longestMs[slot] as number)) this.#longestMs[slot] = lengthMs;
    this.#sumMs[slot] = (this.#sumMs[slot] as number) + lengthMs;
    return count;
  }

  /** Writes task `record.id`'s counts into its record, if it had slices and they are still kept. */
  fill(record: TaskRecord): void {
    const slot = record.id % this.#capacity;
    if (this.#ids[slot] !== record.id) return;
    record.slices = this.#counts[slot] as number;
    record.longestSliceMs = this.#longestMs[slot] as number;
    record.sliceMs = this.#sumMs[slot] as number;
  }
}
