import type { TaskRecord } from '../types.ts';

/**
 * Each running task's slices so far (how many, the longest, their sum), in typed arrays indexed by task id, and
 * written into its record when it settles. Kept here rather than on the task while it runs: with 10,000 tasks
 * in flight two numbers per task are two heap boxes per task for every young-generation GC to copy.
 * The table starts small and doubles when a running task's slot is wanted by another, up to `maxCapacity`;
 * past that the older task loses its counts (its record then has none).
 */
export class TaskSliceStats {
  readonly #maxCapacity: number;
  #capacity: number;
  /** 0 for a free slot (ids start at 1). */
  #ids: Float64Array;
  #counts: Uint32Array;
  #longestMs: Float64Array;
  #sumMs: Float64Array;

  constructor(maxCapacity = 262_144, initialCapacity = 1024) {
    this.#maxCapacity = maxCapacity;
    this.#capacity = Math.min(initialCapacity, maxCapacity);
    this.#ids = new Float64Array(this.#capacity);
    this.#counts = new Uint32Array(this.#capacity);
    this.#longestMs = new Float64Array(this.#capacity);
    this.#sumMs = new Float64Array(this.#capacity);
  }

  /** Counts a slice of task `id` and returns which slice it was (1 for the first). */
  add(id: number, lengthMs: number): number {
    let slot = id % this.#capacity;
    const held = this.#ids[slot] as number;
    if (held !== id) {
      if (held !== 0 && this.#capacity < this.#maxCapacity) {
        this.#grow();
        slot = id % this.#capacity;
      }
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

  /** Writes task `record.id`'s counts into its record, if it had slices and they are still kept, and frees them. */
  fill(record: TaskRecord): void {
    const slot = record.id % this.#capacity;
    if (this.#ids[slot] !== record.id) return;
    record.slices = this.#counts[slot] as number;
    record.longestSliceMs = this.#longestMs[slot] as number;
    record.sliceMs = this.#sumMs[slot] as number;
    this.#ids[slot] = 0;
  }

  /** Doubles the table until no two held tasks want the same slot (or it is as large as allowed). */
  #grow(): void {
    const ids = this.#ids;
    const counts = this.#counts;
    const longestMs = this.#longestMs;
    const sumMs = this.#sumMs;
    this.#capacity = Math.min(this.#capacity * 2, this.#maxCapacity);
    this.#ids = new Float64Array(this.#capacity);
    this.#counts = new Uint32Array(this.#capacity);
    this.#longestMs = new Float64Array(this.#capacity);
    this.#sumMs = new Float64Array(this.#capacity);
    for (let old = 0; old < ids.length; old++) {
      const id = ids[old] as number;
      if (id === 0) continue;
      const slot = id % this.#capacity;
      // Two held tasks still colliding: the newer one keeps the slot (the next collision grows again).
      if ((this.#ids[slot] as number) > id) continue;
      this.#ids[slot] = id;
      this.#counts[slot] = counts[old] as number;
      this.#longestMs[slot] = longestMs[old] as number;
      this.#sumMs[slot] = sumMs[old] as number;
    }
  }
}
