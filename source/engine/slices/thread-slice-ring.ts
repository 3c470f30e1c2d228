// A pool thread's slices on their way to the main thread, without a message per slice: a ring in a
// SharedArrayBuffer that the thread writes and the main thread drains when it samples the pool.
//
// Layout: Int32 [0] slices ever written (wrapping), then from byte 8, Float64 per slice: task id, start (engine
// clock), length (ms), slice number. One writer (the thread) and one reader (the main thread): the writer fills
// the entry, then publishes it with an `Atomics.store` of the count, so the reader never sees a half-written
// entry it has not been told of. A reader that falls a whole ring behind loses the oldest: it counts them.

import type { PoolSliceSink } from './slice-query.ts';

/** Slices a ring holds: a thread of 10,000 awaiting tasks writes about this many between two samples. */
export const defaultSliceRingSlots = 16_384;

const fieldsPerSlice = 4;
const headerBytes = 8;

export type ThreadSliceRing = {
  readonly buffer: SharedArrayBuffer;
  readonly head: Int32Array;
  readonly entries: Float64Array;
  /** Slots − 1: slots are a power of two, so an index (even a wrapped, negative one) masks into place. */
  readonly mask: number;
};

/** A new, empty ring of `slots` slices, rounded up to a power of two. */
export function createThreadSliceRing(slots = defaultSliceRingSlots): ThreadSliceRing {
  const size = 2 ** Math.ceil(Math.log2(Math.max(2, slots)));
  return openThreadSliceRing(new SharedArrayBuffer(headerBytes + size * fieldsPerSlice * 8));
}

/** Views over a ring's buffer, e.g. the one a thread receives in `workerData`. */
export function openThreadSliceRing(buffer: SharedArrayBuffer): ThreadSliceRing {
  const entries = new Float64Array(buffer, headerBytes);
  return { buffer, head: new Int32Array(buffer, 0, 1), entries, mask: entries.length / fieldsPerSlice - 1 };
}

/** Thread side: appends one slice (overwriting the oldest once the ring is full). */
export function writeSlice(
  ring: ThreadSliceRing,
  taskId: number,
  start: number,
  lengthMs: number,
  sliceNumber: number,
): void {
  // This thread is the only writer of the count.
  const written = ring.head[0] as number;
  const at = (written & ring.mask) * fieldsPerSlice;
  const entries = ring.entries;
  entries[at] = taskId;
  entries[at + 1] = start;
  entries[at + 2] = lengthMs;
  entries[at + 3] = sliceNumber;
  Atomics.store(ring.head, 0, (written + 1) | 0);
}

/**
 * Main side of one thread's ring: which lane its slices go to, how far it has read, and whether its thread has
 * started and exited (after which one last drain reads all it wrote).
 */
export class ThreadSliceReader {
  readonly ring: ThreadSliceRing;
  /** The lane the thread's slices go to (`t3`): its position in the pool when last named. */
  lane = '';
  /** Set when its thread starts; a ring whose thread never started holds nothing. */
  started = false;
  /** Set once its thread has exited: nothing more can be written. */
  exited = false;
  /** The collector's naming round in which the thread was last in the pool. */
  seen = 0;
  #read = 0;

  constructor(ring: ThreadSliceRing = createThreadSliceRing()) {
    this.ring = ring;
  }

  /** Hands every slice written since the last drain to `sink` (in order); returns how many were lost. */
  drain(sink: PoolSliceSink | undefined): number {
    const { head, entries, mask } = this.ring;
    const slots = mask + 1;
    const written = Atomics.load(head, 0);
    let dropped = 0;
    let index = this.#read;
    const behind = (written - index) | 0;
    if (behind >= slots) {
      dropped += behind - slots + 1;
      index = (written - slots + 1) | 0;
    }
    for (; index !== written; index = (index + 1) | 0) {
      const at = (index & mask) * fieldsPerSlice;
      const taskId = entries[at] as number;
      const start = entries[at + 1] as number;
      const lengthMs = entries[at + 2] as number;
      const sliceNumber = entries[at + 3] as number;
      // Overwritten while it was read: the writer has come round a whole ring since.
      if (((Atomics.load(head, 0) - index) | 0) >= slots) {
        dropped++;
        continue;
      }
      sink?.(this.lane, taskId, start, lengthMs, sliceNumber);
    }
    this.#read = written;
    return dropped;
  }
}
