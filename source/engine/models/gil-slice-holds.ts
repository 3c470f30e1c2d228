// Under the GIL a slice is a stretch in which the thread holds the lock and runs the task: time waiting for the
// lock, or in a blocking wait that released it, is not. The recorder times a slice from its promise hook,
// which may run before this thread's GIL hook has taken the lock (and end after the lock was given back), so
// each slice is cut to the stretches the lock was held (gil-lock.ts records them), one slice per stretch. Then
// no two threads' slices overlap: one thread's release is timed before it frees the lock, the next one's
// hold after it took it.

import type { SliceClip, TaskSlices } from '../slices/thread-slice-tasks.ts';
import { type GilLock, isGilOn } from './gil-lock.ts';

/** Stretches kept between two slices: a slice with more blocking waits than this keeps its last ones. */
const keptHolds = 32;

/** What the GIL holder tells of its holds (gil-lock.ts), on the engine clock. */
export type GilHoldLog = {
  held(at: number): void;
  released(at: number): void;
};

export class GilSliceHolds implements SliceClip, GilHoldLog {
  /**
   * Whether the thread follows the lock now (its hooks are on); while not, or while the lock is off (switched
   * off mid-task, the hooks stay on until the thread's next task), slices pass as they are.
   */
  following = false;
  readonly #lock: GilLock | undefined;
  /** Closed stretches since the last slice: [from, to] pairs, oldest first, the last `keptHolds`. */
  readonly #closed = new Float64Array(keptHolds * 2);
  #closedCount = 0;
  #closedNext = 0;
  /** When the open stretch began; -1 when the lock is not held. */
  #heldSince = -1;

  /** `lock`: the pool's GIL; without it (tests), the holds alone decide. */
  constructor(lock?: GilLock) {
    this.#lock = lock;
  }

  held(at: number): void {
    this.#heldSince = at;
  }

  released(at: number): void {
    if (this.#heldSince < 0) return;
    this.#closed[this.#closedNext * 2] = this.#heldSince;
    this.#closed[this.#closedNext * 2 + 1] = at;
    this.#closedNext = (this.#closedNext + 1) % keptHolds;
    if (this.#closedCount < keptHolds) this.#closedCount++;
    this.#heldSince = -1;
  }

  clip(
    task: TaskSlices,
    start: number,
    lengthMs: number,
    count: (task: TaskSlices, start: number, lengthMs: number) => void,
  ): void {
    if (!this.following || (this.#lock !== undefined && !isGilOn(this.#lock))) {
      this.#closedCount = 0;
      count(task, start, lengthMs);
      return;
    }
    const end = start + lengthMs;
    const oldest = (this.#closedNext - this.#closedCount + keptHolds) % keptHolds;
    for (let index = 0; index < this.#closedCount; index++) {
      const at = ((oldest + index) % keptHolds) * 2;
      cut(task, start, end, this.#closed[at] as number, this.#closed[at + 1] as number, count);
    }
    this.#closedCount = 0;
    if (this.#heldSince >= 0) cut(task, start, end, this.#heldSince, end, count);
  }
}

function cut(
  task: TaskSlices,
  start: number,
  end: number,
  from: number,
  to: number,
  count: (task: TaskSlices, start: number, lengthMs: number) => void,
): void {
  const begins = Math.max(start, from);
  const ends = Math.min(end, to);
  if (ends > begins) count(task, begins, ends - begins);
}
